// The results view: a webview panel that shows one poll at a glance (devices table, answers
// across devices, parsed tables, timeline). It follows the inventory's latest poll live, or shows
// a stored one; updates are batched to a few a second whatever the number of devices, and only
// devices that changed are sent. VS Code keeps the page's state, and the serializer brings the
// panel back after a window reload.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordsToCsv } from '../core/parse/csvTable';
import { OverviewDevice } from '../core/results/overview';
import { PollOverview } from '../core/results/pollOverview';
import { ParsedRecord } from '../core/results/report';
import { openPoll, StoredPoll, storedDevices } from '../core/results/storedPolls';
import { OutsideStoreError } from '../core/results/storePath';
import { pollEnd } from '../core/results/storeIndex';
import type { FromView, PollHeading, ToView, ViewSource, ViewState } from '../webview/protocol';
import { DevicesModel, InventoryPoll } from './devicesModel';
import { PollChanges } from './pollChanges';
import { PollStores } from './pollStores';
import { ResultsDocuments } from './resultsDocuments';

export const RESULTS_VIEW_TYPE = 'netpoll.resultsView';
/** At most one update per this many milliseconds reaches the page while a poll runs. */
const UPDATE_MS = 250;

/** Where a view's data comes from: a poll in memory (maybe running), or one read from a store. */
interface Feed {
  source: ViewSource;
  /** The poll's folder in its store, for what the page asks (parsed tables, exports). */
  dir: string;
  heading(): PollHeading;
  devices(): OverviewDevice[];
  overview: PollOverview;
  openDevice(name: string): Promise<void>;
}

export class ResultsView implements vscode.WebviewPanelSerializer<ViewState>, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** What the panel shows: a latest view follows each new poll of its inventory. */
  private source: ViewSource | undefined;
  private feed: Feed | undefined;
  /** Why the stored poll asked for is not shown, when it is not. */
  private refused: string | undefined;
  /** Messages posted to the page (the e2e test checks the view was kept current). */
  posted = 0;

  /** The folder of the poll shown, if any. */
  get shownDir(): string | undefined {
    return this.feed?.dir;
  }
  /** What the page was last sent of each device, to send only what changed. */
  private sent = new Map<number, string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly model: DevicesModel,
    private readonly changes: PollChanges,
    private readonly documents: ResultsDocuments,
    private readonly stores: PollStores,
  ) {
    this.listeners = [model.onDidChange(() => this.scheduleUpdate())];
  }

  /** Whether the view is on screen following the latest poll of `inventory` (a new one shows there). */
  followsLatest(inventory: string): boolean {
    return this.panel?.visible === true && this.source?.kind === 'latest' && this.source.inventory === inventory;
  }

  /** Shows the view for `source`, else for the inventory's latest poll. */
  async show(source?: ViewSource): Promise<void> {
    const chosen = source ?? this.latestSource();
    if (!chosen) {
      void vscode.window.showInformationMessage('NetPoll: no poll to show yet. Run "NetPoll: Poll devices", or open a stored poll with "NetPoll: Show results view of a stored poll…".');
      return;
    }
    if (!this.panel) this.adopt(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'NetPoll results', vscode.ViewColumn.Active, this.options()));
    else this.panel.reveal();
    await this.load(chosen);
  }

  /** After a window reload: the panel VS Code kept, showing the poll its page last showed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: ViewState | undefined): Promise<void> {
    panel.webview.options = this.options();
    this.adopt(panel);
    const source = state?.source ?? this.latestSource();
    if (source) await this.load(source);
    else this.post({ type: 'empty', message: 'No poll to show: run "NetPoll: Poll devices".' });
  }

  private latestSource(): ViewSource | undefined {
    const poll = this.model.running ?? this.model.last;
    return poll && { kind: 'latest', inventory: poll.name, dir: poll.storage.dir };
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'netpoll.svg');
    panel.webview.html = this.html(panel.webview);
    panel.webview.onDidReceiveMessage((message: FromView) => void this.receive(message).catch((err: Error) => vscode.window.showErrorMessage(`NetPoll results view: ${err.message}`)));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.source = undefined;
      this.feed = undefined;
    });
  }

  private async load(source: ViewSource): Promise<void> {
    this.source = source;
    const feed = await this.feedFor(source).catch((err: unknown) => {
      if (!(err instanceof OutsideStoreError)) throw err;
      return err;
    });
    if (this.source !== source) return;
    this.feed = feed instanceof OutsideStoreError ? undefined : feed;
    this.refused = feed instanceof OutsideStoreError ? feed.message : undefined;
    if (this.refused) void vscode.window.showErrorMessage(`NetPoll results view: ${this.refused}`);
    this.sendAll();
  }

  private async feedFor(source: ViewSource): Promise<Feed | undefined> {
    if (source.kind === 'latest') {
      const poll = this.model.pollOf(source.inventory);
      if (poll) return liveFeed(poll, this.documents);
    }
    // A poll of an earlier window, read back from its store (a latest view still follows the next
    // poll). The folder comes from the page's saved state: only a known store's is opened.
    if (!source.dir) return undefined;
    const stored = await this.stores.openGiven(source.dir).catch((err: unknown) => {
      if (err instanceof OutsideStoreError) throw err;
      return undefined; // gone, or not a poll any more: the page says it is no longer here
    });
    if (!stored) return undefined;
    const inventory = vscode.workspace.workspaceFolders?.[0] && vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, stored.index.inventory);
    const rules = inventory ? (await this.changes.options(inventory)).rules : [];
    return storedFeed(source, stored, new PollOverview(rules), this.documents);
  }

  private sendAll(): void {
    this.sent.clear();
    const { feed, source } = this;
    if (!feed) {
      const waiting = source?.kind === 'latest' && !source.dir;
      if (this.refused) return this.post({ type: 'empty', message: this.refused });
      this.post({ type: 'empty', message: waiting ? `No poll of ${source.inventory} yet: it shows here as soon as one starts.` : 'That poll is no longer here (deleted, or from another workspace). Run "NetPoll: Poll devices".' });
      return;
    }
    const devices = feed.devices();
    for (const device of devices) this.sent.set(device.id, versionOf(device));
    this.post({ type: 'poll', source: feed.source, heading: feed.heading(), devices, answers: feed.overview.allAnswers() });
  }

  /** Called on every change of the model: at most one update per UPDATE_MS reaches the page. */
  private scheduleUpdate(): void {
    if (!this.panel || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_MS);
  }

  private update(): void {
    const { feed, source } = this;
    if (!this.panel || source?.kind !== 'latest') return;
    // A new poll of the inventory replaces the one shown (or the wait for one).
    const latest = this.model.pollOf(source.inventory);
    if (latest && latest.storage.dir !== feed?.dir) return void this.load({ kind: 'latest', inventory: source.inventory, dir: latest.storage.dir });
    if (!feed) return;
    const changed = feed.devices().filter((device) => {
      const version = versionOf(device);
      if (this.sent.get(device.id) === version) return false;
      this.sent.set(device.id, version);
      return true;
    });
    this.post({ type: 'update', heading: feed.heading(), devices: changed, answers: feed.overview.allAnswers() });
  }

  private post(message: ToView): void {
    if (!this.panel) return;
    this.posted++;
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromView): Promise<void> {
    const feed = this.feed;
    switch (message.type) {
      case 'ready':
        this.sendAll();
        return;
      case 'openDevice':
        return feed?.openDevice(message.name);
      case 'repoll':
        if (feed?.source.kind === 'latest') {
          const poll = this.model.pollOf(feed.source.inventory);
          if (poll) await vscode.commands.executeCommand('netpoll.pollDevice', { uri: poll.uri, name: message.name });
        } else {
          void vscode.window.showInformationMessage('NetPoll: this is a stored poll; re-poll from the Devices view, or show the latest poll.');
        }
        return;
      case 'parsed':
        if (feed) this.post({ type: 'parsed', command: message.command, ...(await parsedTable(feed.dir, message.command)) });
        return;
      case 'export':
        if (feed) await exportTable(feed, message.command, message.format);
        return;
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'resultsView.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'resultsView.css'));
    // Nothing remote, nothing inline but the one script this page was built with.
    const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource}; font-src ${webview.cspSource}`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>NetPoll results</title>
</head>
<body>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const listener of this.listeners) listener.dispose();
    this.panel?.dispose();
  }
}

/** A device's row as it is now; a row whose version is unchanged is not sent again. */
function versionOf(device: OverviewDevice): string {
  return `${device.status}:${device.commands.length}:${device.elapsedMs ?? ''}`;
}

function liveFeed(poll: InventoryPoll, documents: ResultsDocuments): Feed {
  const { run, overview } = poll;
  return {
    source: { kind: 'latest', inventory: poll.name, dir: poll.storage.dir },
    dir: poll.storage.dir,
    overview,
    heading: () => {
      const totals = poll.totals ?? run.totals();
      return { ...totals, running: !poll.totals, state: poll.totals ? 'Finished' : 'Polling' };
    },
    // Final devices as stored; the others as their handles stand.
    devices: () =>
      run.executor.polls.map(
        (handle) =>
          overview.device(handle.index) ?? {
            id: handle.index,
            name: handle.device.name,
            group: handle.device.group ?? null,
            deviceType: handle.device.deviceType,
            host: handle.device.host,
            port: handle.device.port,
            status: handle.state,
            elapsedMs: null,
            timings: {},
            error: handle.error ? { kind: handle.error.kind, message: handle.error.message } : null,
            commands: [],
          },
      ),
    openDevice: async (name) => {
      const handle = run.executor.polls.find((p) => p.device.name === name);
      if (handle) await vscode.window.showTextDocument(documents.deviceUri(handle), { preview: true });
    },
  };
}

async function storedFeed(source: ViewSource, stored: StoredPoll, overview: PollOverview, documents: ResultsDocuments): Promise<Feed> {
  const rows: OverviewDevice[] = [];
  let id = 0;
  for await (const report of storedDevices(stored)) rows.push(overview.add(id++, report));
  const { index } = stored;
  return {
    source,
    dir: stored.dir,
    overview,
    heading: () => ({
      inventory: index.inventory,
      startedAt: index.startedAt,
      finishedAt: index.finishedAt,
      workers: index.workers,
      commands: index.commands,
      summary: index.summary ?? { total: index.devices.length + index.skipped, finished: count(rows, 'finished'), failed: count(rows, 'failed'), cancelled: count(rows, 'cancelled'), skipped: index.skipped },
      running: false,
      state: { complete: 'Finished', cancelled: 'Cancelled', interrupted: 'Interrupted: incomplete' }[pollEnd(index)],
    }),
    devices: () => rows,
    openDevice: async (name) => void (await vscode.window.showTextDocument(documents.storedDeviceUri(stored, name), { preview: true })),
  };
}

function count(rows: OverviewDevice[], status: OverviewDevice['status']): number {
  return rows.filter((r) => r.status === status).length;
}

/** Every device's records for one command, read from the store, device first. */
async function parsedTable(dir: string, command: string): Promise<{ columns: string[]; rows: { device: string; record: ParsedRecord }[] }> {
  const columns = new Set<string>();
  const rows: { device: string; record: ParsedRecord }[] = [];
  for await (const device of storedDevices(await openPoll(dir))) {
    const answer = device.commands.find((c) => c.command === command);
    for (const record of answer?.parsed ?? []) {
      for (const key of Object.keys(record)) columns.add(key);
      rows.push({ device: device.name, record });
    }
  }
  return { columns: [...columns], rows };
}

async function exportTable(feed: Feed, command: string, format: 'csv' | 'json'): Promise<void> {
  const { columns, rows } = await parsedTable(feed.dir, command);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${path.basename(feed.heading().inventory, '.yaml')} ${command}`.replace(/[^\w.-]+/g, '_');
  const target = await vscode.window.showSaveDialog({
    title: `NetPoll: export the records of ${command}`,
    defaultUri: folder && vscode.Uri.joinPath(folder, `${name}.${format}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
  });
  if (!target) return;
  const text =
    format === 'csv'
      ? recordsToCsv(['device', ...columns], rows.map((r) => ({ device: r.device, ...r.record })))
      : `${JSON.stringify(rows.map((r) => ({ device: r.device, ...r.record })), null, 2)}\n`;
  await writeFile(target.fsPath, text);
  void vscode.window.showInformationMessage(`NetPoll: ${rows.length} records of ${command} written to ${vscode.workspace.asRelativePath(target)}.`);
}
