// Where the extension keeps polls: `.netpoll/polls` in the inventory's workspace folder, or, with
// netpoll.results.save off, VS Code's storage for this workspace (out of the folder, not in git).
// The same store layout as `netpoll poll --store`, so the command line can compare these polls.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listPolls, openPoll, StoredPoll } from '../core/results/storedPolls';
import { pollInStores } from '../core/results/storePath';
import { workspaceFolderOf } from './inventoryService';

export const WORKSPACE_STORE = path.join('.netpoll', 'polls');

/** Whether a path is inside a workspace's store (whose folders are named after inventories). */
export function inWorkspaceStore(uri: vscode.Uri): boolean {
  return uri.path.includes(`/${WORKSPACE_STORE.split(path.sep).join('/')}/`);
}

export class PollStores {
  /** Stores named in this window, for inventories outside the workspace folders. */
  private readonly used = new Set<string>();

  /** `privateDir`: the extension's own storage, for polls kept out of the workspace. */
  constructor(private readonly privateDir: string) {}

  /** The store for polls of `inventory`, per netpoll.results.save. */
  storeFor(inventory: vscode.Uri, inWorkspace: boolean): string {
    const store = inWorkspace ? path.join(workspaceFolderOf(inventory), WORKSPACE_STORE) : path.join(this.privateDir, 'polls');
    this.used.add(store);
    return store;
  }

  /** Every store this window knows: each workspace folder's, the private one, and those used since it opened. */
  known(): string[] {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => path.join(folder.uri.fsPath, WORKSPACE_STORE));
    return [...new Set([...folders, path.join(this.privateDir, 'polls'), ...this.used])];
  }

  /**
   * A stored poll whose folder came from outside this window's own state (a webview's saved
   * state, a document's address): opened only from a known store; a StoreError says why not.
   */
  async openGiven(dir: string): Promise<StoredPoll> {
    return openPoll(await pollInStores(dir, this.known()));
  }

  /** The stored polls of an inventory (its workspace-relative name), newest first. */
  polls(inventory: vscode.Uri, name: string, inWorkspace: boolean): Promise<StoredPoll[]> {
    return listPolls(this.storeFor(inventory, inWorkspace), name);
  }
}

/** A moment as a person reads it in a list: `2026-12-01 22:01:02`, local time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
