// "Poll R1" above each device entry in an inventory file: the devices a poll of it would poll.
import * as vscode from 'vscode';
import { InventoryService } from './inventoryService';

export class DeviceCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly inventories: InventoryService) {}

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const { devices } = await this.inventories.read(document.uri, document.getText());
    return devices.map((device) => {
      const line = new vscode.Range(device.line - 1, 0, device.line - 1, 0);
      return new vscode.CodeLens(line, { title: `$(play) Poll ${device.name}`, command: 'netpoll.pollDevice', arguments: [{ uri: document.uri, name: device.name }] });
    });
  }
}
