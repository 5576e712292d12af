// Quick fix for a password, secret or passphrase written in plain text: store the value in
// VS Code's SecretStorage and write `${secret:NAME}` in its place.
import * as vscode from 'vscode';
import { parseDocument, visit } from 'yaml';
import { PLAINTEXT_CREDENTIAL } from './inventoryDiagnostics';
import { InventoryService } from './inventoryService';
import { SecretValues } from './secretValues';

export const MOVE_TO_SECRET_STORAGE = 'netpoll.moveCredentialToSecretStorage';

export class CredentialQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly inventories: InventoryService) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const found = context.diagnostics.filter((d) => d.code === PLAINTEXT_CREDENTIAL);
    if (found.length === 0) return [];
    const { diagnostics } = (await this.inventories.read(document.uri, document.getText())).inventory;
    return found.flatMap((diagnostic) => {
      const match = diagnostics.find((d) => d.plaintextCredential && d.line - 1 === diagnostic.range.start.line && d.column - 1 === diagnostic.range.start.character);
      if (!match?.plaintextCredential) return [];
      const { key, device } = match.plaintextCredential;
      const name = secretName(device, key);
      const action = new vscode.CodeAction(`Move ${key} to secret storage as \${secret:${name}}`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.command = { command: MOVE_TO_SECRET_STORAGE, title: action.title, arguments: [document.uri, diagnostic.range.start, name] };
      return [action];
    });
  }
}

/** `R1` + `password` -> `R1_password`, in the characters a reference name allows. */
export function secretName(device: string, key: string): string {
  const name = `${device}_${key}`.replace(/[^\w.-]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** Stores the value written at `position` and replaces it with the reference. */
export async function moveCredentialToSecretStorage(secrets: SecretValues, uri: vscode.Uri, position: vscode.Position, name: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const offset = document.offsetAt(position);
  let found: { value: string; range: vscode.Range } | undefined;
  visit(parseDocument(document.getText(), { uniqueKeys: false }), {
    Scalar(_key, node) {
      if (node.range?.[0] !== offset) return undefined;
      // As the inventory reads it: a plain 0123 is the text "0123", not the number 123.
      found = { value: node.type === 'PLAIN' && node.source !== undefined ? node.source : String(node.value), range: new vscode.Range(document.positionAt(node.range[0]), document.positionAt(node.range[1])) };
      return visit.BREAK;
    },
  });
  if (!found) return false;
  await secrets.store(name, found.value);
  const edit = new vscode.WorkspaceEdit();
  // Quoted: `${...}` has braces and a colon, which flow mappings ({name: R1, ...}) would misread.
  edit.replace(uri, found.range, `"\${secret:${name}}"`);
  return vscode.workspace.applyEdit(edit);
}
