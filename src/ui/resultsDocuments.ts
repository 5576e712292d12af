// Read-only documents under the `netpoll:` scheme: the live results of an inventory's latest
// poll, and one device's answers. They render from the devices model and re-render as it changes.
import * as vscode from 'vscode';
import { DevicePoll } from '../core/poll/devicePoll';
import { printable } from '../core/results/printable';
import { renderReport, ResultsFormat, summaryLine } from '../core/results/render';
import { PollReport } from '../core/results/report';
import { DevicesModel } from './devicesModel';

export const RESULTS_SCHEME = 'netpoll';

const EXTENSIONS: Record<ResultsFormat, string> = { yaml: 'yaml', json: 'json', markdown: 'md' };

export class ResultsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Device documents opened, by the id in their address. */
  private readonly devices = new Map<string, DevicePoll>();
  private readonly deviceIds = new Map<DevicePoll, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Documents VS Code holds open, the only ones worth a change event. */
  private readonly openUris = new Set<string>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly model: DevicesModel) {
    this.listeners = [
      vscode.workspace.onDidCloseTextDocument((doc) => this.openUris.delete(doc.uri.toString())),
      model.onDidChange(() => {
        for (const uri of this.openUris) this.changed.fire(vscode.Uri.parse(uri));
      }),
    ];
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

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.openUris.add(uri.toString());
    if (uri.path.startsWith('/device/')) {
      const poll = this.devices.get(uri.query);
      return poll ? deviceText(poll) : 'This device was polled in an earlier window; poll it again to see its answers.\n';
    }
    const latest = this.model.pollOf(uri.query);
    if (!latest) return 'No poll of this inventory has run in this window. Run "NetPoll: Poll devices".\n';
    return withSummaryFirst(latest.report ?? latest.run.report(), latest.format);
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    this.changed.dispose();
  }
}

/**
 * The report with a line of where the poll stands on top, where a person looks first (the
 * report's own summary comes last, the way results files are written as devices finish).
 */
function withSummaryFirst(report: PollReport, format: ResultsFormat): string {
  const body = renderReport(report, format);
  const polled = report.summary.total - report.summary.skipped;
  const status = report.finishedAt === null ? `polling: ${report.devices.length} of ${polled} devices done` : summaryLine(report);
  switch (format) {
    case 'yaml':
      return `# ${status}\n${body}`;
    case 'markdown':
      return `_${status}_\n\n${body}`;
    case 'json':
      return body;
  }
}

/** One device's answers (or error) as plain text. */
export function deviceText(poll: DevicePoll): string {
  const d = poll.device;
  const lines = [`# ${printable(d.name)} (${printable(d.host)}:${d.port}, ${d.deviceType}): ${poll.state}`];
  if (poll.error) lines.push(`# ${poll.error.kind}: ${poll.error.message}`, ...(poll.error.hint ? [`# ${poll.error.hint}`] : []));
  for (const command of poll.commands) {
    lines.push('', `${poll.device.name}> ${command.command}${command.failed ? '   (failed on the device)' : ''}`, command.output);
  }
  return lines.join('\n') + '\n';
}
