// The view badge, the status bar item and the Devices view's message, rendered from the
// devices model whenever it changes: progress while a poll runs, then the last poll's outcome.
import * as vscode from 'vscode';
import { DevicePoll } from '../core/poll/devicePoll';
import { comparisonLine, DeviceComparison, summarise } from '../core/results/pollCompare';
import { summaryLine } from '../core/results/render';
import { DevicesModel } from './devicesModel';
import { ResultsDocuments } from './resultsDocuments';
import { PollStatusBar } from './statusBar';

export function renderPollViews(model: DevicesModel, treeView: vscode.TreeView<unknown>, statusBar: PollStatusBar, results: ResultsDocuments): vscode.Disposable {
  return model.onDidChange(() => {
    const running = model.running;
    const shown = running ?? model.last;
    if (!shown) return;
    const handles = shown.run.executor.polls;
    const count = (state: DevicePoll['state']) => handles.filter((p) => p.state === state).length;
    const value = count('running') + count('failed');
    treeView.badge = value === 0 ? undefined : { value, tooltip: `${count('running')} running, ${count('failed')} failed` };
    if (running) {
      statusBar.polling(handles.filter((p) => p.isFinal).length, handles.length, results.resultsUri(running.name));
      treeView.message = `Polling ${handles.length} devices…`;
    } else if (model.last) {
      statusBar.finished(model.last.totals, results.resultsUri(model.last.name));
      treeView.message = `Last poll: ${summaryLine(model.last.totals)}${changesLine(model.last.changes)}`;
    }
  });
}

/** `; since the previous poll: 1 device changed, 5 unchanged`, once the comparison is known. */
function changesLine(changes: Map<string, DeviceComparison> | undefined): string {
  return changes ? `. Since the previous poll: ${comparisonLine(summarise(changes.values()))}` : '';
}
