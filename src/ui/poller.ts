// Runs a poll from VS Code: reads the inventory, drives the engine, and feeds the
// output channel, the Devices tree, the results document and a cancellable progress.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createResolver } from '../core/inventory/references';
import { PollRun } from '../core/poll/pollRun';
import { preparePoll } from '../core/poll/pollSetup';
import { autoThreads } from '../core/poll/workerPool';
import { HostKeyPolicy } from '../core/session/knownHosts';
import { describeState } from '../core/poll/progressLog';
import { summaryLine } from '../core/results/render';
import { PollReport } from '../core/results/report';
import { DevicesTree } from './devicesTree';
import { chooseInventory } from './inventoryLocator';
import { ResultsDocuments } from './resultsDocuments';
import { SecretValues } from './secretValues';

export class Poller implements vscode.Disposable {
  private run: PollRun | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly tree: DevicesTree,
    private readonly treeView: vscode.TreeView<unknown>,
    private readonly results: ResultsDocuments,
    private readonly secrets: SecretValues,
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

  /** Polls the chosen inventory; resolves with the report, or undefined if nothing ran. */
  async poll(clicked?: vscode.Uri): Promise<PollReport | undefined> {
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
    const uri = await chooseInventory(clicked);
    if (!uri) {
      void vscode.window.showErrorMessage('NetPoll found no devices.yaml in this workspace. Create one with a list of devices (device_type, host, username, password).');
      return undefined;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const workspaceDir = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    const setup = await preparePoll(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), name, workspaceDir);
    for (const d of setup.inventory.diagnostics) this.log[d.severity === 'error' ? 'error' : 'warn'](`${name}:${d.line}:${d.column}: ${d.message}`);
    for (const problem of setup.problems) this.log.error(problem);
    if (setup.devices.length === 0) {
      this.log.show(true);
      void vscode.window.showErrorMessage(`NetPoll: no device in ${name} can be polled. See the NetPoll output for why.`);
      return undefined;
    }

    const config = vscode.workspace.getConfiguration('netpoll', uri);
    const run = new PollRun({
      inventory: name,
      devices: setup.devices,
      skipped: setup.skipped,
      commands: config.get<string[]>('commands', ['show clock']),
      maxWorkers: config.get<number>('maxWorkers', 10),
      deadlineMs: config.get<number>('deviceTimeout', 600) * 1000,
      ssh: {
        threads: threadsSetting(config.get<number | string>('engine.threads', 0)),
        platforms: setup.platforms.platforms,
        platformErrors: setup.platforms.errors,
        hostKeyPolicy: config.get<HostKeyPolicy>('hostKeyPolicy', 'accept-new'),
        knownHostsFile: config.get<string>('knownHostsFile') || undefined,
        onNewHostKey: (device, key) => this.log.info(`Recorded ${device.name}'s host key ${key.type} ${key.fingerprint} (first contact)`),
        resolve: createResolver(this.secrets.valueSource()),
      },
    });
    this.run = run;
    await vscode.commands.executeCommand('setContext', 'netpoll.polling', true);
    try {
      return await this.drive(run, name);
    } finally {
      this.run = undefined;
      await vscode.commands.executeCommand('setContext', 'netpoll.polling', false);
    }
  }

  private async drive(run: PollRun, name: string): Promise<PollReport> {
    run.executor.on('state', (poll) => {
      const entry = describeState(poll);
      if (entry) this.log[entry.level](`${entry.marker} ${entry.text}`);
      this.tree.scheduleRefresh();
      this.results.scheduleRefresh();
    });
    const polls = run.start();
    this.log.info(`Polling ${polls.length} devices from ${name} with ${run.report().workers} workers: ${run.report().commands.join('; ')}`);
    this.tree.show(polls.map((poll) => ({ device: poll.device, poll })));
    this.treeView.message = `Polling ${polls.length} devices…`;
    this.results.track(run, 'yaml');
    await vscode.window.showTextDocument(this.results.resultsUri(name), { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });

    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'NetPoll', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.cancel());
        let done = 0;
        progress.report({ message: `Polling 0/${polls.length} devices` });
        for await (const poll of run.results()) {
          void poll;
          done++;
          progress.report({ message: `Polling ${done}/${polls.length} devices`, increment: 100 / polls.length });
        }
      },
    );
    const report = await run.finish();
    const summary = summaryLine(report);
    this.log.info(summary);
    this.treeView.message = `Last poll: ${summary}`;
    this.tree.refreshNow();
    this.results.refreshNow();
    return report;
  }
}

/** `netpoll.engine.threads`: a count, or "auto" for one per core. */
function threadsSetting(value: number | string): number {
  if (value === 'auto') return autoThreads();
  const threads = Number(value);
  return Number.isInteger(threads) && threads >= 0 ? threads : 0;
}
