// The one reader of inventories in the editor: each inventory is parsed once per version of
// its text, with the workspace's platforms, so the Devices view, CodeLens, diagnostics, the
// quick fix and a poll all see the same devices and the same problems.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PLATFORM_DIR, preparePoll, PollSetup } from '../core/poll/pollSetup';

interface Parsed {
  text: string;
  setup: Promise<PollSetup>;
}

export class InventoryService implements vscode.Disposable {
  private readonly parsed = new Map<string, Parsed>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Platform files changed: every inventory may read differently now. */
  readonly onDidChangePlatforms = this.changed.event;
  private readonly platformWatcher = vscode.workspace.createFileSystemWatcher(`**/${PLATFORM_DIR.split(path.sep).join('/')}/*.{yaml,yml}`);

  constructor() {
    const forget = () => {
      this.parsed.clear();
      this.changed.fire();
    };
    this.platformWatcher.onDidChange(forget);
    this.platformWatcher.onDidCreate(forget);
    this.platformWatcher.onDidDelete(forget);
  }

  /** The inventory as this text says it (an open document's, or the file's). */
  read(uri: vscode.Uri, text: string): Promise<PollSetup> {
    const key = uri.toString();
    const known = this.parsed.get(key);
    if (known?.text === text) return known.setup;
    const setup = preparePoll(text, vscode.workspace.asRelativePath(uri), workspaceFolderOf(uri));
    this.parsed.set(key, { text, setup });
    // A read that failed (a platform folder that cannot be read) is tried again next time.
    setup.catch(() => this.parsed.get(key)?.setup === setup && this.parsed.delete(key));
    return setup;
  }

  /** The inventory as saved on disk. */
  async load(uri: vscode.Uri): Promise<PollSetup> {
    return this.read(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  }

  /**
   * The inventory a poll uses: the one in the editor, saved first if it has unsaved changes (as
   * a Run command saves), else the file. A save still on its way to disk cannot be missed.
   */
  async forPoll(uri: vscode.Uri): Promise<PollSetup> {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (!open) return this.load(uri);
    if (open.isDirty) await open.save();
    return this.read(uri, open.getText());
  }

  dispose(): void {
    this.platformWatcher.dispose();
    this.changed.dispose();
  }
}

/** The folder whose `.netpoll/platforms` applies to an inventory. */
export function workspaceFolderOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
}
