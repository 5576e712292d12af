// Runs a poll from VS Code: reads the inventory, drives the engine, and feeds the
// output channel, the Devices tree, the results document, the status bar and a
// cancellable progress notification; saves the results when it ends.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DeviceSpec } from '../core/inventory/inventory';
import { createResolver } from '../core/inventory/references';
import { DevicePoll } from '../core/poll/devicePoll';
import { PollRun } from '../core/poll/pollRun';
import { preparePoll } from '../core/poll/pollSetup';
import { describeLimit, describeNewHostKey, describeState } from '../core/poll/progressLog';
import { parseThreads } from '../core/poll/workerPool';
import { ResultsFormat, summaryLine } from '../core/results/render';
import { PollReport, ResultsOrder } from '../core/results/report';
import { DEFAULT_KNOWN_HOSTS } from '../core/poll/deviceWork';
import { forgetHost, HostKeyPolicy } from '../core/session/knownHosts';
import { DeviceRow, DevicesTree } from './devicesTree';
import { chooseInventory } from './inventoryLocator';
import { ResultsDocuments } from './resultsDocuments';
import { saveResults } from './resultsStore';
import { SecretValues } from './secretValues';
import { PollStatusBar } from './statusBar';

export interface PollRequest {
  /** The inventory; chosen as usual when absent. */
  uri?: vscode.Uri;
  /** Instead of the `netpoll.commands` setting. */
  commands?: string[];
  /** Only these devices of the inventory. */
  deviceNames?: string[];
}

/** What the last poll was, for Re-poll failed devices, Open results and Compare. */
export interface LastPoll {
  uri: vscode.Uri;
  report: PollReport;
  savedAs?: vscode.Uri;
}

export class Poller implements vscode.Disposable {
  private run: PollRun | undefined;
  last: LastPoll | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly tree: DevicesTree,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly results: ResultsDocuments,
    private readonly secrets: SecretValues,
    private readonly statusBar: PollStatusBar,
  ) {}

  get isPolling(): boolean {
    return this.run !== undefined;
  }

  dispose(): void {
    this.run?.cancel();
  }

  cancel(): void {
    if (!this.run) return;
    this.log.warn('Cancel requested: pending devices are dropped, open sessions closed.');
    this.run.cancel();
  }

  /** Cancels one device of the running poll. */
  cancelDevice(poll: DevicePoll): void {
    this.run?.executor.cancel(poll);
  }

  /** Polls the chosen inventory; resolves with the report, or undefined if nothing ran. */
  async poll(request: PollRequest = {}): Promise<PollReport | undefined> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const answer = await vscode.window.showWarningMessage('NetPoll polls devices only in a trusted workspace: polling opens SSH sessions with the credentials in this workspace. Trust the workspace to poll.', manage);
      if (answer === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    if (this.run) {
      void vscode.window.showInformationMessage('A NetPoll poll is already running. Cancel it first, or wait for it to finish.');
      return undefined;
    }
    const uri = await chooseInventory(request.uri);
    if (!uri) {
      void vscode.window.showErrorMessage('NetPoll found no devices.yaml in this workspace. Create one with a list of devices (device_type, host, username, password).');
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.file(path.dirname(uri.fsPath));
    const setup = await preparePoll(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), name, folder.fsPath);
    for (const d of setup.inventory.diagnostics) this.log[d.severity === 'error' ? 'error' : 'warn'](`${name}:${d.line}:${d.column}: ${d.message}`);
    for (const problem of setup.problems) this.log.error(problem);
    const only = request.deviceNames && new Set(request.deviceNames);
    const devices = only ? setup.devices.filter((d) => only.has(d.name)) : setup.devices;
    if (devices.length === 0) {
      this.log.show(true);
      void vscode.window.showErrorMessage(`NetPoll: no device in ${name} can be polled${only ? ` among ${[...only].join(', ')}` : ''}. See the NetPoll output for why.`);
      return undefined;
    }

    const config = vscode.workspace.getConfiguration('netpoll', uri);
    const run = new PollRun({
      inventory: name,
      devices,
      skipped: only ? 0 : setup.skipped,
      commands: request.commands ?? config.get<string[]>('commands', ['show clock']),
      maxWorkers: config.get<number>('maxWorkers', 10),
      order: config.get<ResultsOrder>('results.order', 'completion'),
      deadlineMs: config.get<number>('deviceTimeout', 600) * 1000,
      ssh: {
        threads: parseThreads(config.get('engine.threads')) ?? 'auto',
        platforms: setup.platforms.platforms,
        platformErrors: setup.platforms.errors,
        hostKeyPolicy: config.get<HostKeyPolicy>('hostKeyPolicy', 'accept-new'),
        knownHostsFile: knownHostsFile(config),
        onNewHostKey: (device, key, notRecorded) => {
          const entry = describeNewHostKey(device.name, key, notRecorded);
          this.log[entry.level](entry.text);
        },
        resolve: createResolver(this.secrets.valueSource()),
      },
    });
    this.run = run;
    await vscode.commands.executeCommand('setContext', 'netpoll.polling', true);
    try {
      const report = await this.drive(run, uri, setup.devices, config.get<ResultsFormat>('results.format', 'yaml'));
      const savedAs = config.get<boolean>('results.save', true) ? await saveResults(folder, report, config.get<ResultsFormat>('results.format', 'yaml'), config.get<number>('results.keep', 20)) : undefined;
      this.last = { uri, report, savedAs };
      await vscode.commands.executeCommand('setContext', 'netpoll.hasFailed', report.summary.failed > 0);
      this.offerHostKeyTrust(run, uri);
      return report;
    } finally {
      this.run = undefined;
      await vscode.commands.executeCommand('setContext', 'netpoll.polling', false);
    }
  }

  private async drive(run: PollRun, uri: vscode.Uri, inventoryDevices: DeviceSpec[], format: ResultsFormat): Promise<PollReport> {
    const name = vscode.workspace.asRelativePath(uri);
    const polls = run.executor.polls;
    const counts = () => ({ done: polls.filter((p) => p.isFinal).length, running: polls.filter((p) => p.state === 'running').length, failed: polls.filter((p) => p.state === 'failed').length });
    let badgeTimer: NodeJS.Timeout | undefined;
    run.executor.on('limited', (sessions, why) => this.log.warn(describeLimit(sessions, why).text));
    run.executor.on('state', (poll) => {
      const entry = describeState(poll);
      if (entry) this.log[entry.level](`${entry.marker} ${entry.text}`);
      this.tree.scheduleRefresh();
      this.results.scheduleRefresh();
      // Counting every device on every change would be quadratic: once per repaint is enough.
      badgeTimer ??= setTimeout(() => {
        badgeTimer = undefined;
        this.showCounts(counts(), polls.length);
      }, 100);
    });
    run.start();
    this.log.info(`Polling ${polls.length} devices from ${name} with ${run.report().workers} workers: ${run.report().commands.join('; ')}`);
    this.tree.show(this.rowsAfter(uri, inventoryDevices, polls), uri);
    this.treeView.message = `Polling ${polls.length} devices…`;
    this.results.track(name, run, format);
    // Where the results are already shown, refresh them there; else open them beside the editor.
    const resultsUri = this.results.resultsUri(name);
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === resultsUri.toString());
    await vscode.window.showTextDocument(resultsUri, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'NetPoll', cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => this.cancel());
      let done = 0;
      progress.report({ message: `Polling 0/${polls.length} devices` });
      for await (const _poll of run.results()) {
        done++;
        progress.report({ message: `Polling ${done}/${polls.length} devices`, increment: 100 / polls.length });
      }
    });
    const report = await run.finish();
    clearTimeout(badgeTimer);
    this.showCounts(counts(), polls.length);
    const summary = summaryLine(report);
    this.log.info(summary);
    this.treeView.message = `Last poll: ${summary}`;
    this.statusBar.finished(report);
    this.tree.refreshNow();
    this.results.refreshNow();
    return report;
  }

  /**
   * The tree during a poll: every device of the inventory, with this poll's handle where it
   * polls the device, else what an earlier poll of the same inventory showed.
   */
  private rowsAfter(uri: vscode.Uri, devices: DeviceSpec[], polls: readonly DevicePoll[]): DeviceRow[] {
    const sameInventory = this.tree.inventory?.toString() === uri.toString();
    const earlier = new Map(sameInventory ? this.tree.rows.map((row) => [row.device.name, row]) : []);
    const now = new Map(polls.map((poll) => [poll.device.name, poll]));
    return devices.map((device) => {
      const poll = now.get(device.name);
      return poll ? { device, poll } : earlier.get(device.name) ?? { device };
    });
  }

  /** The view badge counts running and failed devices; the status bar shows progress. */
  private showCounts({ done, running, failed }: { done: number; running: number; failed: number }, total: number): void {
    const value = running + failed;
    this.treeView.badge = value === 0 ? undefined : { value, tooltip: `${running} running, ${failed} failed` };
    if (done < total) this.statusBar.polling(done, total);
  }

  /** A device whose host key changed: show both fingerprints, and let the user trust the new key. */
  private offerHostKeyTrust(run: PollRun, uri: vscode.Uri): void {
    for (const poll of run.executor.polls.filter((p) => p.error?.kind === 'host-key-changed')) {
      const trust = 'Trust the new key and poll again';
      void vscode.window.showWarningMessage(`NetPoll: ${poll.device.name}'s host key changed. ${poll.error!.message}`, { modal: false }, trust).then(async (answer) => {
        if (answer !== trust) return;
        const file = knownHostsFile(vscode.workspace.getConfiguration('netpoll', uri)) ?? DEFAULT_KNOWN_HOSTS;
        const removed = await forgetHost(file, poll.device.host, poll.device.port);
        this.log.warn(`Removed ${removed} known key(s) of ${poll.device.name} from ${file} at the user's request; the next contact records the new key.`);
        await this.poll({ uri, deviceNames: [poll.device.name] });
      });
    }
  }
}

function knownHostsFile(config: vscode.WorkspaceConfiguration): string | undefined {
  return config.get<string>('knownHostsFile') || undefined;
}
