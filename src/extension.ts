// Wires NetPoll's parts together; each part lives in src/ui or src/core.
import * as vscode from 'vscode';
import { parseInventory } from './core/inventory/inventory';
import { DeviceRow, DevicesTree } from './ui/devicesTree';
import { CredentialQuickFix, MOVE_TO_SECRET_STORAGE, moveCredentialToSecretStorage } from './ui/credentialQuickFix';
import { watchInventoryDiagnostics } from './ui/inventoryDiagnostics';
import { INVENTORY_SELECTOR, InventoryCompletion, InventoryHover } from './ui/inventoryLanguage';
import { defaultInventory, inventoryGlob } from './ui/inventoryLocator';
import { Poller } from './ui/poller';
import { RESULTS_SCHEME, ResultsDocuments } from './ui/resultsDocuments';
import { SecretValues } from './ui/secretValues';

export interface NetPollApi {
  tree: DevicesTree;
  secrets: SecretValues;
}

export function activate(context: vscode.ExtensionContext): NetPollApi {
  const log = vscode.window.createOutputChannel('NetPoll', { log: true });
  const tree = new DevicesTree();
  const treeView = vscode.window.createTreeView('netpoll.devices', { treeDataProvider: tree, showCollapseAll: true });
  const results = new ResultsDocuments();
  const secrets = new SecretValues(context.secrets, context.globalState);
  const poller = new Poller(log, tree, treeView as vscode.TreeView<unknown>, results, secrets);

  // Before any poll, the tree lists the inventory as it is on disk.
  const showInventory = async () => {
    if (poller.isPolling) return;
    const uri = await defaultInventory();
    if (!uri) return tree.show([]);
    const inventory = parseInventory(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    tree.show(inventory.devices.map((device) => ({ device })));
  };
  const watcher = vscode.workspace.createFileSystemWatcher(inventoryGlob());
  watcher.onDidChange(showInventory);
  watcher.onDidCreate(showInventory);
  watcher.onDidDelete(showInventory);
  void showInventory();

  context.subscriptions.push(
    log,
    poller,
    tree,
    treeView,
    results,
    watcher,
    vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, results),
    vscode.commands.registerCommand('netpoll.pollDevices', (uri?: vscode.Uri) => poller.poll(uri)),
    vscode.commands.registerCommand('netpoll.cancelPoll', () => poller.cancel()),
    vscode.commands.registerCommand('netpoll.showLog', () => log.show()),
    vscode.commands.registerCommand('netpoll.openDeviceOutput', async (row: DeviceRow) => {
      if (row.poll) await vscode.window.showTextDocument(results.deviceUri(row.poll), { preview: true });
    }),
    watchInventoryDiagnostics(),
    vscode.languages.registerCodeActionsProvider(INVENTORY_SELECTOR, new CredentialQuickFix(), { providedCodeActionKinds: CredentialQuickFix.kinds }),
    vscode.languages.registerCompletionItemProvider(INVENTORY_SELECTOR, new InventoryCompletion(), ':', ' '),
    vscode.languages.registerHoverProvider(INVENTORY_SELECTOR, new InventoryHover()),
    vscode.commands.registerCommand(MOVE_TO_SECRET_STORAGE, (uri: vscode.Uri, position: vscode.Position, name: string) => moveCredentialToSecretStorage(secrets, uri, position, name)),
    vscode.commands.registerCommand('netpoll.forgetSecrets', async () => {
      const count = await secrets.forgetAll();
      void vscode.window.showInformationMessage(`NetPoll forgot ${count} stored secret${count === 1 ? '' : 's'}.`);
      return count;
    }),
  );
  return { tree, secrets };
}

export function deactivate(): void {
  // The subscriptions cancel a running poll and close every view.
}
