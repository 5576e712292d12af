// Completion and hover help in inventory files, from the same key table as the parser
// and the JSON Schema: device keys, device_type values and host_key_policy values.
import * as vscode from 'vscode';
import { DEVICE_KEYS, HOST_KEY_POLICY_VALUES } from '../core/inventory/keys';
import { InventoryService } from './inventoryService';
import { DEFAULT_INVENTORY_GLOB } from './settingDefaults';

export const INVENTORY_SELECTOR: vscode.DocumentSelector = { scheme: 'file', pattern: DEFAULT_INVENTORY_GLOB };

const VALUE_OF = /^\s*(?:-\s+)?(device_type|host_key_policy):\s*[\w-]*$/;
const KEY_START = /^\s*(?:-\s+)?[\w]*$/;

export class InventoryCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly inventories: InventoryService) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const value = before.match(VALUE_OF);
    if (value) {
      const choices = value[1] === 'device_type' ? [...(await this.inventories.read(document.uri, document.getText())).platforms.platforms.keys()] : [...HOST_KEY_POLICY_VALUES];
      return choices.map((choice) => new vscode.CompletionItem(choice, vscode.CompletionItemKind.EnumMember));
    }
    if (!KEY_START.test(before)) return [];
    return Object.entries(DEVICE_KEYS).map(([key, info]) => {
      const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
      item.insertText = `${key}: `;
      item.documentation = new vscode.MarkdownString(info.description);
      item.detail = info.credential ? 'credential: keep it out of the file with ${secret:NAME}' : info.kind;
      return item;
    });
  }
}

export class InventoryHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = document.getWordRangeAtPosition(position, /[\w]+(?=\s*:)/);
    const info = range && DEVICE_KEYS[document.getText(range)];
    return info && new vscode.Hover(new vscode.MarkdownString(`**${document.getText(range)}**: ${info.description}`), range);
  }
}
