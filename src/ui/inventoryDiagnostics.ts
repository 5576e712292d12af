// Squiggles and Problems-panel entries for inventory files, refreshed as the user types.
import * as vscode from 'vscode';
import { InventoryDiagnostic } from '../core/inventory/inventory';
import { isInventoryFile } from './inventoryLocator';
import { InventoryService } from './inventoryService';

const DELAY_MS = 250;
const SEVERITY: Record<InventoryDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};
export const PLAINTEXT_CREDENTIAL = 'plaintext-credential';

export function watchInventoryDiagnostics(inventories: InventoryService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('netpoll');
  const timers = new Map<string, NodeJS.Timeout>();
  const update = async (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file' || !isInventoryFile(document.uri)) return;
    const version = document.version;
    const { inventory } = await inventories.read(document.uri, document.getText());
    // A newer version of the text may have been checked while this one was read.
    if (document.isClosed || document.version !== version) return;
    collection.set(document.uri, inventory.diagnostics.map(toVscode));
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => void update(document), DELAY_MS));
  };
  vscode.workspace.textDocuments.forEach((doc) => void update(doc));
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((doc) => void update(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
    inventories.onDidChangePlatforms(() => vscode.workspace.textDocuments.forEach((doc) => void update(doc))),
    { dispose: () => timers.forEach(clearTimeout) },
  );
}

function toVscode(d: InventoryDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line - 1, d.column - 1, d.endLine - 1, Math.max(d.endColumn - 1, d.line === d.endLine ? d.column : 0));
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'NetPoll';
  if (d.plaintextCredential) diagnostic.code = PLAINTEXT_CREDENTIAL;
  return diagnostic;
}
