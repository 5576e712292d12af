// Wires NetPoll's parts together; each part lives in src/ui or src/core.
import * as vscode from 'vscode';
import { parseInventory } from './core/inventory/inventory';
import { DeviceRow, DevicesTree } from './ui/devicesTree';
import { findInventories, INVENTORY_GLOB } from './ui/inventoryLocator';
import { Poller } from './ui/poller';
import { RESULTS_SCHEME, ResultsDocuments } from './ui/resultsDocuments';

export interface NetPollApi {
  tree: DevicesTree;
}

export function activate(context: vscode.ExtensionContext): NetPollApi {
  const log = vscode.window.createOutputChannel('NetPoll', { log: true });
  const tree = new DevicesTree();
  const treeView = vscode.window.createTreeView('netpoll.devices', { treeDataProvider: tree, showCollapseAll: true });
  const results = new ResultsDocuments();
  const poller = new Poller(log, tree, treeView as vscode.TreeView<unknown>, results);

  // Before any poll, the tree lists the inventory as it is on disk.
  const showInventory = async () => {
    if (poller.isPolling) return;
    const [uri] = await findInventories();
    if (!uri) return tree.show([]);
    const inventory = parseInventory(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    tree.show(inventory.devices.map((device) => ({ device })));
  };
  const watcher = vscode.workspace.createFileSystemWatcher(INVENTORY_GLOB);
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
  );
  return { tree };
}

export function deactivate(): void {
  // The subscriptions cancel a running poll and close every view.
}
