// Which devices.yaml to poll: the one right-clicked, else the one being edited,
// else the workspace's only one, else the user picks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SETTING_DEFAULTS } from './settingDefaults';

const EXCLUDE_GLOB = '**/node_modules/**';

export function inventoryGlob(): string {
  return vscode.workspace.getConfiguration('netpoll').get<string>('inventoryGlob') || SETTING_DEFAULTS.inventoryGlob;
}

export function isInventoryFile(uri: vscode.Uri): boolean {
  const name = path.basename(uri.path);
  return name === 'devices.yaml' || name.endsWith('.devices.yaml');
}

export async function findInventories(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(inventoryGlob(), EXCLUDE_GLOB, 200);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export async function chooseInventory(clicked?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (clicked instanceof vscode.Uri) return clicked;
  const edited = editedInventory();
  if (edited) return edited;
  const all = await findInventories();
  if (all.length <= 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'NetPoll: which inventory?', placeHolder: 'Pick the devices.yaml to poll' },
  );
  return picked?.uri;
}

/** The inventory the Devices view shows before a poll: the one being edited, else the workspace's devices.yaml. */
export async function defaultInventory(): Promise<vscode.Uri | undefined> {
  const edited = editedInventory();
  if (edited) return edited;
  const all = await findInventories();
  return all.find((uri) => path.basename(uri.path) === 'devices.yaml') ?? all[0];
}

/**
 * The inventory being edited: the active editor's, else the active tab's. A file opened a moment
 * ago is the active tab before the extension hears of its editor, and a poll asked for at once
 * must still take it.
 */
function editedInventory(): vscode.Uri | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const candidates = [vscode.window.activeTextEditor?.document.uri, tab instanceof vscode.TabInputText ? tab.uri : undefined];
  return candidates.find((uri) => uri !== undefined && uri.scheme === 'file' && isInventoryFile(uri));
}
