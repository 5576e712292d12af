// Wires NetPoll's parts together; each part lives in src/ui or src/core.
import * as vscode from 'vscode';
import { registerCommands } from './ui/commands';
import { DeviceCodeLens } from './ui/deviceCodeLens';
import { DevicesModel } from './ui/devicesModel';
import { DevicesTree } from './ui/devicesTree';
import { watchInventoryDiagnostics } from './ui/inventoryDiagnostics';
import { INVENTORY_SELECTOR, InventoryCompletion, InventoryHover } from './ui/inventoryLanguage';
import { defaultInventory, inventoryGlob } from './ui/inventoryLocator';
import { InventoryService } from './ui/inventoryService';
import { PollChanges } from './ui/pollChanges';
import { Poller } from './ui/poller';
import { inWorkspaceStore, PollStores } from './ui/pollStores';
import { renderPollViews } from './ui/pollViews';
import { RESULTS_SCHEME, ResultsDocuments } from './ui/resultsDocuments';
import { ResultsLens } from './ui/resultsLens';
import { RESULTS_VIEW_TYPE, ResultsView } from './ui/resultsView';
import { SecretValues } from './ui/secretValues';
import { PollStatusBar } from './ui/statusBar';
import { registerStoredPollCommands } from './ui/storedPollCommands';

/** What the extension gives other code (and its tests) through `exports`. */
export interface NetPollApi {
  tree: DevicesTree;
  secrets: SecretValues;
  poller: Poller;
  view: ResultsView;
}

export function activate(context: vscode.ExtensionContext): NetPollApi {
  const log = vscode.window.createOutputChannel('NetPoll', { log: true });
  const inventories = new InventoryService();
  const model = new DevicesModel(inventories);
  const tree = new DevicesTree(model);
  const treeView = vscode.window.createTreeView('netpoll.devices', { treeDataProvider: tree, showCollapseAll: true });
  const changes = new PollChanges(model, inventories, log);
  const stores = new PollStores((context.storageUri ?? context.globalStorageUri).fsPath);
  const results = new ResultsDocuments(model, changes, stores);
  const secrets = new SecretValues(context.secrets, context.globalState);
  const statusBar = new PollStatusBar();
  const view = new ResultsView(context.extensionUri, model, changes, results, stores);
  const poller = new Poller(log, model, inventories, results, secrets, stores, changes, view);

  // Before any poll, the tree lists the inventory as it is on disk (the model drops a listing
  // that a poll or a newer listing overtook).
  const showInventory = async () => model.show(await defaultInventory());
  // A poll's folder in the store is named after its inventory (`devices.yaml/`): not one. While
  // a poll runs the view stays on its inventory (the model drops any other), so no search.
  const onInventoryEvent = (uri: vscode.Uri) => {
    if (inWorkspaceStore(uri)) return;
    void (model.running ? model.show(uri) : showInventory());
  };
  const watcher = vscode.workspace.createFileSystemWatcher(inventoryGlob());
  watcher.onDidChange(onInventoryEvent);
  watcher.onDidCreate(onInventoryEvent);
  watcher.onDidDelete(onInventoryEvent);
  void showInventory();

  context.subscriptions.push(
    log,
    poller,
    inventories,
    model,
    tree,
    treeView,
    results,
    statusBar,
    watcher,
    renderPollViews(model, treeView as vscode.TreeView<unknown>, statusBar, results),
    inventories.onDidChangePlatforms(showInventory),
    vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, results),
    view,
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, view),
    registerCommands({ poller, model, inventories, results, view, secrets, log, state: context.globalState }),
    registerStoredPollCommands({ model, stores, changes, results, view }),
    vscode.languages.registerCodeLensProvider({ scheme: RESULTS_SCHEME }, new ResultsLens()),
    watchInventoryDiagnostics(inventories),
    vscode.languages.registerCompletionItemProvider(INVENTORY_SELECTOR, new InventoryCompletion(inventories), ':', ' '),
    vscode.languages.registerHoverProvider(INVENTORY_SELECTOR, new InventoryHover()),
    vscode.languages.registerCodeLensProvider(INVENTORY_SELECTOR, new DeviceCodeLens(inventories)),
  );
  return { tree, secrets, poller, view };
}

export function deactivate(): void {
  // The subscriptions cancel a running poll and close every view.
}
