// Read-only documents under the `netpoll:` scheme: the live results of the last poll,
// and one device's answers. They re-render as devices complete.
import * as vscode from 'vscode';
import { DevicePoll } from '../core/poll/devicePoll';
import { PollRun } from '../core/poll/pollRun';
import { renderReport, ResultsFormat } from '../core/results/render';

export const RESULTS_SCHEME = 'netpoll';
const REFRESH_DELAY_MS = 200;

export class ResultsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private run: PollRun | undefined;
  private format: ResultsFormat = 'yaml';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Documents VS Code holds open, the only ones worth a change event. */
  private readonly openUris = new Set<string>();
  private readonly closeListener = vscode.workspace.onDidCloseTextDocument((doc) => this.openUris.delete(doc.uri.toString()));

  /** The results document's address for a poll of `inventory` (its file name only). */
  resultsUri(inventoryName: string): vscode.Uri {
    const extension = this.format === 'markdown' ? 'md' : this.format;
    return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/results/${inventoryName} results.${extension}` });
  }

  deviceUri(poll: DevicePoll): vscode.Uri {
    return vscode.Uri.from({ scheme: RESULTS_SCHEME, path: `/device/${poll.device.name}.txt`, query: String(poll.index) });
  }

  /** Shows this run from now on. */
  track(run: PollRun, format: ResultsFormat): void {
    this.run = run;
    this.format = format;
    this.refreshNow();
  }

  scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => this.refreshNow(), REFRESH_DELAY_MS);
  }

  refreshNow(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    for (const uri of this.openUris) this.changed.fire(vscode.Uri.parse(uri));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.openUris.add(uri.toString());
    if (!this.run) return 'No poll has run yet. Run "NetPoll: Poll devices".\n';
    if (uri.path.startsWith('/device/')) {
      const poll = this.run.executor.polls[Number(uri.query)];
      return poll ? deviceText(poll) : 'This device is not part of the last poll.\n';
    }
    return renderReport(this.run.report(), this.format);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.closeListener.dispose();
    this.changed.dispose();
  }
}

/** One device's answers (or error) as plain text. */
export function deviceText(poll: DevicePoll): string {
  const d = poll.device;
  const lines = [`# ${d.name} (${d.host}:${d.port}, ${d.deviceType}): ${poll.state}`];
  if (poll.error) lines.push(`# ${poll.error.kind}: ${poll.error.message}`, ...(poll.error.hint ? [`# ${poll.error.hint}`] : []));
  for (const command of poll.commands) {
    lines.push('', `${poll.device.name}> ${command.command}${command.failed ? '   (failed on the device)' : ''}`, command.output);
  }
  return lines.join('\n') + '\n';
}
