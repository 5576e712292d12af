// The commands that read stored polls: Open results, Compare with previous poll, Compare polls…,
// and a device's Compare with previous poll (the diff editor, one command at a time).
import * as vscode from 'vscode';
import { compareDevice } from '../core/results/pollCompare';
import { summaryLine } from '../core/results/render';
import { findStoredDevice, StoredPoll } from '../core/results/storedPolls';
import { pollEnd } from '../core/results/storeIndex';
import { DeviceRow, DevicesModel } from './devicesModel';
import { chooseInventory } from './inventoryLocator';
import { PollChanges, storedPair } from './pollChanges';
import { pollSettings } from './pollSettings';
import { localTime, PollStores } from './pollStores';
import { ResultsDocuments } from './resultsDocuments';
import { ResultsView } from './resultsView';

export interface StoredPollParts {
  model: DevicesModel;
  stores: PollStores;
  changes: PollChanges;
  results: ResultsDocuments;
  view: ResultsView;
}

export function registerStoredPollCommands({ model, stores, changes, results, view }: StoredPollParts): vscode.Disposable {
  /** The inventory these commands are about: the last one polled, else the one chosen as usual. */
  const inventory = async () => model.last?.uri ?? (await chooseInventory(undefined));
  const storedPolls = async (uri: vscode.Uri) => stores.polls(uri, vscode.workspace.asRelativePath(uri), pollSettings(uri).save);

  return vscode.Disposable.from(
    // `id`: a stored poll's id (its folder's name), to open it without asking.
    vscode.commands.registerCommand('netpoll.openResults', async (id?: string) => {
      const uri = await inventory();
      const polls = uri ? await storedPolls(uri) : [];
      if (!uri || polls.length === 0) return void vscode.window.showInformationMessage('NetPoll: no poll of this inventory is stored yet. Run "NetPoll: Poll devices".');
      const poll = typeof id === 'string' ? polls.find((p) => p.index.id === id) : await pickPoll(polls, 'NetPoll: open the results of a stored poll');
      if (poll) await vscode.window.showTextDocument(results.storedUri(poll, pollSettings(uri).format), { preview: false });
    }),
    vscode.commands.registerCommand('netpoll.showStoredResultsView', async () => {
      const uri = await inventory();
      const polls = uri ? await storedPolls(uri) : [];
      if (!uri || polls.length === 0) return void vscode.window.showInformationMessage('NetPoll: no poll of this inventory is stored yet. Run "NetPoll: Poll devices".');
      const poll = await pickPoll(polls, 'NetPoll: show a stored poll in the results view');
      if (poll) await view.show({ kind: 'stored', dir: poll.dir });
    }),
    vscode.commands.registerCommand('netpoll.compareResults', async () => {
      const uri = await inventory();
      const [after, before] = uri ? await storedPolls(uri) : [];
      if (!uri || !before) return void vscode.window.showInformationMessage('NetPoll: comparing needs two stored polls of the same inventory.');
      await vscode.window.showTextDocument(results.comparisonUri(before, after, uri), { preview: false });
    }),
    vscode.commands.registerCommand('netpoll.comparePolls', async () => {
      const uri = await inventory();
      const polls = uri ? await storedPolls(uri) : [];
      if (!uri || polls.length < 2) return void vscode.window.showInformationMessage('NetPoll: comparing needs two stored polls of the same inventory.');
      const before = await pickPoll(polls.slice(1), 'NetPoll: compare polls (1/2): the earlier poll');
      const after = before && (await pickPoll(polls.filter((p) => p.index.startedAt > before.index.startedAt), 'NetPoll: compare polls (2/2): the later poll'));
      if (before && after) await vscode.window.showTextDocument(results.comparisonUri(before, after, uri), { preview: false });
    }),
    vscode.commands.registerCommand('netpoll.compareDevice', async (row: DeviceRow) => {
      const poll = row.poll && model.pollHolding(row.poll);
      if (!poll) return;
      const pair = await storedPair(poll);
      if (!pair) return void vscode.window.showInformationMessage(`NetPoll: ${row.device.name} has no earlier stored poll to compare with.`);
      const { before, after } = pair;
      const name = row.device.name;
      const [then, now] = [await findStoredDevice(before, name), await findStoredDevice(after, name)];
      const compared = compareDevice(then, now, await changes.options(poll.uri), name);
      const items = compared.commands.map((c) => ({ label: c.command, description: c.status }));
      if (items.length === 0) return void vscode.window.showInformationMessage(`NetPoll: ${name} is ${compared.status.replace('-', ' ')}${compared.reason ? `: ${compared.reason}` : ''}; it has no answers in both polls to compare.`);
      // One command: straight to the diff; several: the changed ones first.
      const order = { changed: 0, new: 1, gone: 2, unchanged: 3 } as const;
      items.sort((a, b) => order[a.description] - order[b.description]);
      const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: `NetPoll: ${name}, ${localTime(before.index.startedAt)} → ${localTime(after.index.startedAt)}`, placeHolder: 'The command whose outputs to compare' });
      if (!picked) return;
      await vscode.commands.executeCommand('vscode.diff', results.outputUri(before, name, picked.label), results.outputUri(after, name, picked.label), `${name}> ${picked.label} (${localTime(before.index.startedAt)} ↔ ${localTime(after.index.startedAt)})`);
    }),
  );
}

/** A quick pick of stored polls, newest first, each with how it ended. */
async function pickPoll(polls: readonly StoredPoll[], title: string): Promise<StoredPoll | undefined> {
  const items = polls.map((poll) => ({ poll, label: localTime(poll.index.startedAt), description: describe(poll) }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Newest first' }))?.poll;
}

function describe(poll: StoredPoll): string {
  const { index } = poll;
  const end = pollEnd(index);
  if (end === 'interrupted' || !index.summary || index.elapsedMs === null) return `${index.devices.length} devices, interrupted: incomplete`;
  const line = summaryLine({ summary: index.summary, elapsedMs: index.elapsedMs });
  return end === 'cancelled' ? `${line}, cancelled: incomplete` : line;
}
