// Runs a poll from VS Code: claims the one poll slot, reads the inventory through the
// inventory service, drives the engine, logs to the output channel, shows a cancellable
// progress notification, and hands the poll to the devices model, which the views render.
// Every device goes to the poll store as it ends; the poll is compared with the one before.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DeviceSpec } from '../core/inventory/inventory';
import { createResolver } from '../core/inventory/references';
import { DevicePoll } from '../core/poll/devicePoll';
import { DEFAULT_KNOWN_HOSTS } from '../core/poll/deviceWork';
import { PollParsing, templatesFolder } from '../core/poll/pollParsing';
import { PollRun } from '../core/poll/pollRun';
import { PollStorage } from '../core/poll/pollStorage';
import { PollOverview } from '../core/results/pollOverview';
import { describeCommand, describeLimit, describeNewHostKey, describeNotice, describeState } from '../core/poll/progressLog';
import { StoreError } from '../core/results/pollStoreWriter';
import { summaryLine } from '../core/results/render';
import { DeviceReport, PollTotals } from '../core/results/report';
import { prunePolls } from '../core/results/storedPolls';
import { forgetHost } from '../core/session/knownHosts';
import { debounced } from './debounce';
import { DevicesModel, InventoryPoll } from './devicesModel';
import { IgnoredSettingNotices } from './ignoredSettings';
import { chooseInventory } from './inventoryLocator';
import { InventoryService, workspaceFolderOf } from './inventoryService';
import { PollChanges } from './pollChanges';
import { pollSettings } from './pollSettings';
import { PollStores } from './pollStores';
import { ResultsDocuments } from './resultsDocuments';
import type { ResultsView } from './resultsView';
import { SecretValues } from './secretValues';

export interface PollRequest {
  /** The inventory; chosen as usual when absent. */
  uri?: vscode.Uri;
  /** Instead of the `netpoll.commands` setting. */
  commands?: string[];
  /** Only these devices of the inventory. */
  deviceNames?: string[];
}

/** How often, at most, the progress notification is redrawn: once per device is too often for a thousand. */
const PROGRESS_MS = 200;

/** What a poll command gives back: the totals, and the stored poll's folder, which holds each device. */
export interface PollResult extends PollTotals {
  dir: string;
}

/** The poll in progress, from the moment it is asked for, so a second request sees it at once. */
interface PollSlot {
  cancelled: boolean;
  poll?: InventoryPoll;
}

export class Poller implements vscode.Disposable {
  private slot: PollSlot | undefined;
  private readonly ignoredSettings: IgnoredSettingNotices;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly model: DevicesModel,
    private readonly inventories: InventoryService,
    private readonly results: ResultsDocuments,
    private readonly secrets: SecretValues,
    private readonly stores: PollStores,
    private readonly changes: PollChanges,
    private readonly view: Pick<ResultsView, 'followsLatest'>,
  ) {
    this.ignoredSettings = new IgnoredSettingNotices(log);
  }

  get isPolling(): boolean {
    return this.slot !== undefined;
  }

  dispose(): void {
    this.stop();
  }

  cancel(): void {
    if (!this.slot) return;
    this.log.warn('Cancel requested: pending devices are dropped, open sessions closed.');
    this.stop();
  }

  /** Cancels one device of the running poll. */
  cancelDevice(poll: DevicePoll): void {
    this.slot?.poll?.run.executor.cancel(poll);
  }

  /** Polls the chosen inventory; resolves with its result, or undefined if nothing ran. */
  async poll(request: PollRequest = {}): Promise<PollResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const answer = await vscode.window.showWarningMessage('NetPoll polls devices only in a trusted workspace: polling opens SSH sessions with the credentials in this workspace. Trust the workspace to poll.', manage);
      if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    if (this.slot) {
      void vscode.window.showInformationMessage('A NetPoll poll is already running. Cancel it first, or wait for it to finish.');
      return undefined;
    }
    const slot: PollSlot = { cancelled: false };
    this.slot = slot;
    void vscode.commands.executeCommand('setContext', 'netpoll.polling', true);
    try {
      return await this.pollIn(slot, request);
    } catch (err) {
      // Whatever broke on the way, the devices stop and the slot is free again.
      slot.poll?.run.cancel();
      throw err;
    } finally {
      if (slot.poll) this.model.pollEnded(slot.poll);
      this.slot = undefined;
      void vscode.commands.executeCommand('setContext', 'netpoll.polling', false);
    }
  }

  private stop(): void {
    if (!this.slot) return;
    this.slot.cancelled = true;
    this.slot.poll?.run.cancel();
  }

  private async pollIn(slot: PollSlot, request: PollRequest): Promise<PollResult | undefined> {
    const uri = await chooseInventory(request.uri);
    if (slot.cancelled) return undefined;
    if (!uri) {
      void vscode.window.showErrorMessage('NetPoll found no devices.yaml in this workspace. Create one with a list of devices (device_type, host, username, password).');
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const setup = await this.inventories.forPoll(uri);
    if (slot.cancelled) return undefined;
    for (const d of setup.inventory.diagnostics) this.log[d.severity === 'error' ? 'error' : 'warn'](`${name}:${d.line}:${d.column}: ${d.message}`);
    for (const problem of setup.problems) this.log.error(problem);
    const only = request.deviceNames && new Set(request.deviceNames);
    const devices = only ? setup.devices.filter((d) => only.has(d.name)) : setup.devices;
    if (devices.length === 0) {
      this.log.show(true);
      void vscode.window.showErrorMessage(`NetPoll: no device in ${name} can be polled${only ? ` among ${[...only].join(', ')}` : ''}. See the NetPoll output for why.`);
      return undefined;
    }

    const settings = pollSettings(uri);
    this.ignoredSettings.report(settings.ignored);
    const run = new PollRun({
      inventory: name,
      devices,
      skipped: only ? 0 : setup.skipped,
      commands: request.commands ?? settings.commands,
      maxWorkers: settings.maxWorkers,
      order: settings.order,
      deadlineMs: settings.deadlineMs,
      ssh: {
        threads: settings.threads,
        servesEditor: true,
        platforms: setup.platforms.platforms,
        platformErrors: setup.platforms.errors,
        hostKeyPolicy: settings.hostKeyPolicy,
        knownHostsFile: settings.knownHostsFile,
        pipeline: settings.pipeline,
        onNewHostKey: (device, key, notRecorded) => {
          const entry = describeNewHostKey(device.name, key, notRecorded);
          this.log[entry.level](entry.text);
        },
        resolve: createResolver(this.secrets.valueSource()),
      },
    });
    const inventoryDir = path.dirname(uri.fsPath);
    const parsing = await PollParsing.prepare(devices, {
      enabled: settings.parse,
      templatesDir: templatesFolder(settings.templates, process.env, workspaceFolderOf(uri)),
      inventoryDir,
      commands: run.totals().commands,
      platforms: setup.platforms.platforms,
    });
    for (const problem of parsing?.problems ?? []) this.log.error(`Cannot parse with TextFSM: ${problem}`);
    if (slot.cancelled) return undefined;
    const store = this.stores.storeFor(uri, settings.save);
    const overview = new PollOverview((await this.changes.options(uri)).rules);
    if (slot.cancelled) return undefined;
    let storage: PollStorage;
    try {
      // Before the first device: the store is where every result goes, so it has to be writable.
      const onStored = (report: DeviceReport, handle: DevicePoll) => {
        overview.add(handle.index, report);
        this.results.deviceStored(name, handle, report);
      };
      storage = PollStorage.attach(run, store, { removeSecrets: settings.removeSecrets, parsing, onStored });
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      this.log.error(err.message);
      void vscode.window.showErrorMessage(`NetPoll cannot poll ${name}: ${err.message}`);
      return undefined;
    }
    const poll: InventoryPoll = { uri, name, run, format: settings.format, storage, store, overview, partial: only !== undefined };
    slot.poll = poll;
    const totals = await this.drive(poll, setup.devices);
    await storage.finish(run, totals);
    poll.totals = totals;
    if (storage.problem) {
      this.log.error(`Some results could not be kept: ${storage.problem.message}`);
      void vscode.window.showErrorMessage(`NetPoll could not keep every result of ${name}: ${storage.problem.message}`);
    }
    this.log.info(`Poll kept in ${storage.dir}`);
    await prunePolls(store, name, settings.keep).catch((err: Error) => this.log.warn(`Could not delete older polls of ${name}: ${err.message}`));
    void vscode.commands.executeCommand('setContext', 'netpoll.hasFailed', totals.summary.failed > 0);
    this.offerHostKeyTrust(poll);
    void this.changes.compareWithPrevious(poll);
    return { ...totals, dir: storage.dir };
  }

  private async drive(poll: InventoryPoll, inventoryDevices: DeviceSpec[]): Promise<PollTotals> {
    const { run } = poll;
    run.executor.on('limited', (sessions, why) => this.log.warn(describeLimit(sessions, why).text));
    run.executor.on('state', (handle) => {
      const entry = describeState(handle);
      if (entry) this.log[entry.level](`${entry.marker} ${entry.text}`);
      this.model.pollChanged(handle);
    });
    run.executor.on('command', (handle, result) => {
      const entry = describeCommand(handle, result);
      if (entry) this.log[entry.level](`${entry.marker} ${entry.text}`);
    });
    run.executor.on('notice', (handle, text) => {
      const entry = describeNotice(handle, text);
      this.log[entry.level](`${entry.marker} ${entry.text}`);
    });
    const polls = run.start();
    this.model.pollStarted(poll, inventoryDevices);
    const asked = run.totals();
    this.log.info(`Polling ${polls.length} devices from ${poll.name} with ${asked.workers} workers: ${asked.commands.join('; ')}`);
    // The results show where they are followed: in the results view, when it is on screen for
    // this inventory (a document beside it would halve it, and make the window render the text
    // of every device too); else in the results document, refreshed where it is or opened beside.
    if (!this.view.followsLatest(poll.name)) {
      const resultsUri = this.results.resultsUri(poll.name);
      const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === resultsUri.toString());
      await vscode.window.showTextDocument(resultsUri, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
    }

    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'NetPoll', cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => this.cancel());
      let done = 0;
      let shown = 0;
      const show = debounced(() => {
        progress.report({ message: `Polling ${done}/${polls.length} devices`, increment: (100 * (done - shown)) / polls.length });
        shown = done;
      }, PROGRESS_MS);
      show.flush();
      for await (const _handle of run.results()) {
        done++;
        show.schedule();
      }
      show.flush();
    });
    const totals = await run.finish();
    this.log.info(summaryLine(totals));
    return totals;
  }

  /** A device whose host key changed: show both fingerprints, and let the user trust the new key. */
  private offerHostKeyTrust({ run, uri }: InventoryPoll): void {
    for (const handle of run.executor.polls.filter((p) => p.error?.kind === 'host-key-changed')) {
      const trust = 'Trust the new key and poll again';
      void vscode.window.showWarningMessage(`NetPoll: ${handle.device.name}'s host key changed. ${handle.error!.message}`, { modal: false }, trust).then(async (answer) => {
        if (answer !== trust) return;
        const file = pollSettings(uri).knownHostsFile ?? DEFAULT_KNOWN_HOSTS;
        const removed = await forgetHost(file, handle.device.host, handle.device.port);
        this.log.warn(`Removed ${removed} known key(s) of ${handle.device.name} from ${file} at the user's request; the next contact records the new key.`);
        await this.poll({ uri, deviceNames: [handle.device.name] });
      });
    }
  }
}
