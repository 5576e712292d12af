// Wires NetPoll's parts together; each part lives in src/ui or src/core.
import * as vscode from 'vscode';
import { parseInventory } from './core/inventory/inventory';
import { registerCommands } from './ui/commands';
import { DeviceCodeLens } from './ui/deviceCodeLens';
import { DevicesTree } from './ui/devicesTree';
import { watchInventoryDiagnostics } from './ui/inventoryDiagnostics';
import { INVENTORY_SELECTOR, InventoryCompletion, InventoryHover } from './ui/inventoryLanguage';
import { defaultInventory, inventoryGlob } from './ui/inventoryLocator';
import { Poller } from './ui/poller';
import { RESULTS_SCHEME, ResultsDocuments } from './ui/resultsDocuments';
import { SecretValues } from './ui/secretValues';
import { PollStatusBar } from './ui/statusBar';

/** What the extension gives other code (and its tests) through `exports`. */
export interface NetPollApi {
  tree: DevicesTree;
  secrets: SecretValues;
  poller: Poller;
}

export function activate(context: vscode.ExtensionContext): NetPollApi {
  const log = vscode.window.createOutputChannel('NetPoll', { log: true });
  const tree = new DevicesTree();
  const treeView = vscode.window.createTreeView('netpoll.devices', { treeDataProvider: tree, showCollapseAll: true });
  const results = new ResultsDocuments();
  const secrets = new SecretValues(context.secrets, context.globalState);
  const statusBar = new PollStatusBar();
  const poller = new Poller(log, tree, treeView as vscode.TreeView<unknown>, results, secrets, statusBar);

  // Before any poll, the tree lists the inventory as it is on disk.
  const showInventory = async () => {
    if (poller.isPolling) return;
    const uri = await defaultInventory();
    if (!uri) return tree.show([], undefined);
    const inventory = parseInventory(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    tree.show(inventory.devices.map((device) => ({ device })), uri);
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
    statusBar,
    watcher,
    vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, results),
    registerCommands({ poller, tree, results, secrets, log, state: context.globalState }),
    watchInventoryDiagnostics(),
    vscode.languages.registerCompletionItemProvider(INVENTORY_SELECTOR, new InventoryCompletion(), ':', ' '),
    vscode.languages.registerHoverProvider(INVENTORY_SELECTOR, new InventoryHover()),
    vscode.languages.registerCodeLensProvider(INVENTORY_SELECTOR, new DeviceCodeLens()),
  );
  return { tree, secrets, poller };
}

export function deactivate(): void {
  // The subscriptions cancel a running poll and close every view.
}
