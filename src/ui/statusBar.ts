// The status bar item: progress while polling, then the last poll's result; a click offers the
// results view, the results document, the comparison and the log.
import * as vscode from 'vscode';
import { summaryLine } from '../core/results/render';
import { PollTotals } from '../core/results/report';

export class PollStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('netpoll.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'NetPoll';
  }

  /** `results`: the results document a click opens. */
  polling(done: number, total: number, results: vscode.Uri): void {
    this.item.command = { command: 'netpoll.statusMenu', title: 'NetPoll', arguments: [results] };
    this.item.text = `$(sync~spin) NetPoll ${done}/${total}`;
    this.item.tooltip = 'NetPoll is polling; click for the results so far';
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  finished(report: PollTotals, results: vscode.Uri): void {
    this.item.command = { command: 'netpoll.statusMenu', title: 'NetPoll', arguments: [results] };
    const { finished, failed, cancelled, total } = report.summary;
    this.item.text = `${failed > 0 ? '$(error)' : '$(pass)'} NetPoll ${finished}/${total}${cancelled > 0 ? ` (${cancelled} cancelled)` : ''}`;
    this.item.tooltip = `Last poll of ${report.inventory}: ${summaryLine(report)}. Click for its results.`;
    this.item.backgroundColor = failed > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
