// "Poll R1" above each device entry in an inventory file.
import * as vscode from 'vscode';
import { parseInventory } from '../core/inventory/inventory';

export class DeviceCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return parseInventory(document.getText()).devices.map((device) => {
      const line = new vscode.Range(device.line - 1, 0, device.line - 1, 0);
      return new vscode.CodeLens(line, { title: `$(play) Poll ${device.name}`, command: 'netpoll.pollDevice', arguments: [{ uri: document.uri, name: device.name }] });
    });
  }
}
