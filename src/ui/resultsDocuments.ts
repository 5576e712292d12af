// Read-only documents under the `netpoll:` scheme, all read from the poll store: the live results
// of an inventory's latest poll, a stored poll's results, one device's answers, one command's
// output (a side of the diff editor), and the comparison of two polls. The live ones re-render
// as the devices model changes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DevicePoll } from '../core/poll/devicePoll';
import { deviceHeading, deviceText } from '../core/results/deviceText';
import { storedSide } from '../core/results/pollSides';
import { ResultsFormat } from '../core/results/render';
import { DeviceReport } from '../core/results/report';
import { comparisonText } from '../core/results/storedComparison';
import { findStoredDevice, StoredPoll } from '../core/results/storedPolls';
import { storedPollText } from '../core/results/storedRender';
import { DevicesModel } from './devicesModel';
import { LiveResultsText } from './liveResults';
import { PollChanges } from './pollChanges';
import { localTime, PollStores } from './pollStores';
import { RefreshPacer } from './refreshPacer';

export const RESULTS_SCHEME = 'netpoll';

const EXTENSIONS: Record<ResultsFormat, string> = { yaml: 'yaml', json: 'json', markdown: 'md' };
/** What a document's address carries in its query, by kind of document. */
interface StoredQuery {
  dir: string;
  format?: ResultsFormat;
  device?: string;
  command?: string;
  before?: string;
  inventory?: string;
}

export class ResultsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Device documents opened, by the id in their address. */
  private readonly devices = new Map<string, DevicePoll>();
  private readonly deviceIds = new Map<DevicePoll, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Live documents VS Code holds open, the only ones worth a change event. */
  private readonly openUris = new Set<string>();
  /**
   * Live renders, one after another: VS Code shows whichever answer arrives last, so an earlier
   * render that read the store slowly must never finish after a later one.
   */
  private rendering: Promise<unknown> = Promise.resolve();
  /** When to tell VS Code that a live document changed. */
  private readonly pacer = new RefreshPacer((uri) => this.changed.fire(vscode.Uri.parse(uri)));
  /** The open live results documents' text, by inventory: each is dropped as its document closes. */
  private readonly liveTexts = new Map<string, LiveResultsText>();
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly model: DevicesModel,
    private readonly changes: PollChanges,
    private readonly stores: PollStores,
  ) {
    this.listeners = [
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.openUris.delete(doc.uri.toString());
        this.pacer.closed(doc.uri.toString());
        if (doc.uri.scheme === RESULTS_SCHEME && doc.uri.path.startsWith('/results/')) this.liveTexts.delete(doc.uri.query);
      }),
      // Devices moving wait for the rest; a poll starting or ending (more than rows) does not.
      model.onDidChange((rows) => {
        for (const uri of this.openUris) this.pacer.changed(uri, rows === undefined);
      }),
    ];
  }

  /** A device of the latest poll of `inventory` was stored: an open results document takes it now. */
  deviceStored(inventory: string, handle: DevicePoll, report: DeviceReport): void {
    this.liveTexts.get(inventory)?.stored(handle, report);
  }

  /** The results document of the latest poll of `inventory` (its workspace-relative name). */
  resultsUri(inventory: string): vscode.Uri {
    const format = this.model.pollOf(inventory)?.format ?? 'yaml';
    return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/results/${inventory} results.${EXTENSIONS[format]}`, query: inventory });
  }

  /** A document of one device's answers; it follows that device's handle, whichever poll it is from. */
  deviceUri(poll: DevicePoll): vscode.Uri {
    let id = this.deviceIds.get(poll);
    if (id === undefined) {
      id = String(this.devices.size);
      this.deviceIds.set(poll, id);
      this.devices.set(id, poll);
    }
    return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/device/${poll.device.name}.txt`, query: id });
  }

  /** A stored poll's results, as they were when it ended. */
  storedUri(poll: StoredPoll, format: ResultsFormat): vscode.Uri {
    return storedAddress(`/stored/${path.basename(poll.index.inventory)} ${fileTime(poll.index.startedAt)}.${EXTENSIONS[format]}`, { dir: poll.dir, format });
  }

  /** One command's output in a stored poll: a side of the diff editor. */
  outputUri(poll: StoredPoll, device: string, command: string): vscode.Uri {
    return storedAddress(`/output/${fileTime(poll.index.startedAt)}/${device}/${command.replace(/[\\/]/g, '_')}.txt`, { dir: poll.dir, device, command });
  }

  /** One device's answers in a stored poll. */
  storedDeviceUri(poll: StoredPoll, device: string): vscode.Uri {
    return storedAddress(`/storedDevice/${fileTime(poll.index.startedAt)}/${device}.txt`, { dir: poll.dir, device });
  }

  /** The comparison of two stored polls of an inventory. */
  comparisonUri(before: StoredPoll, after: StoredPoll, inventory: vscode.Uri): vscode.Uri {
    const name = `${path.basename(after.index.inventory)} ${fileTime(before.index.startedAt)} to ${fileTime(after.index.startedAt)}.diff`;
    return storedAddress(`/compare/${name}`, { dir: after.dir, before: before.dir, inventory: inventory.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1];
    switch (kind) {
      case 'results':
        this.openUris.add(uri.toString());
        return this.inTurn(uri, () => this.liveResults(uri.query));
      case 'device':
        this.openUris.add(uri.toString());
        return this.inTurn(uri, () => this.deviceDocument(uri.query));
      case 'stored':
      case 'storedDevice':
      case 'output':
      case 'compare':
        return this.storedDocument(kind, JSON.parse(uri.query) as StoredQuery);
      default:
        return `NetPoll has no document at ${uri.path}.\n`;
    }
  }

  private inTurn(uri: vscode.Uri, render: () => Promise<string>): Promise<string> {
    const timed = async () => {
      const started = performance.now();
      let length = 0;
      try {
        const text = await render();
        length = text.length;
        return text;
      } finally {
        this.pacer.rendered(uri.toString(), performance.now() - started, length);
      }
    };
    const next = this.rendering.then(timed, timed);
    this.rendering = next.catch(() => undefined);
    return next;
  }

  private async liveResults(inventory: string): Promise<string> {
    const latest = this.model.pollOf(inventory);
    if (!latest) return 'No poll of this inventory has run in this window. Run "NetPoll: Poll devices".\n';
    let text = this.liveTexts.get(inventory);
    if (text?.poll !== latest) this.liveTexts.set(inventory, (text = new LiveResultsText(latest)));
    return text.render();
  }

  private async deviceDocument(id: string): Promise<string> {
    const handle = this.devices.get(id);
    const poll = handle && this.model.pollHolding(handle);
    if (!handle || !poll) return 'This device was polled in an earlier window, or polled again since; open it from the Devices view.\n';
    if (!handle.isFinal) return `${deviceHeading(handle.device, handle.state)}\n`;
    return deviceText(await poll.storage.read(handle));
  }

  // The address can be any text (a link, a restored editor): its folders are opened only from a known store.
  private async storedDocument(kind: string, query: StoredQuery): Promise<string> {
    const poll = await this.stores.openGiven(query.dir);
    if (kind === 'stored') return storedPollText(poll, query.format ?? 'yaml');
    if (kind === 'storedDevice') {
      const device = await findStoredDevice(poll, query.device ?? '');
      return device ? deviceText(device) : `${query.device} is not in the poll of ${poll.index.startedAt}.\n`;
    }
    if (kind === 'output') {
      const device = await findStoredDevice(poll, query.device ?? '');
      const command = device?.commands.find((c) => c.command === query.command);
      return command ? command.output : `${query.device} has no answer to ${query.command} in the poll of ${poll.index.startedAt}.\n`;
    }
    const before = await this.stores.openGiven(query.before!);
    const options = await this.changes.options(vscode.Uri.parse(query.inventory!));
    return comparisonText(storedSide(before), storedSide(poll), options);
  }

  dispose(): void {
    this.pacer.dispose();
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}

function storedAddress(pathPart: string, query: StoredQuery): vscode.Uri {
  return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: pathPart, query: JSON.stringify(query) });
}

/** `2026-12-01 22.01.02`: a local time that can be part of a file name. */
function fileTime(iso: string): string {
  return localTime(iso).replace(/:/g, '.');
}
