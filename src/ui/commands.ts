// Every NetPoll command, registered in one place; each is a thin call into its part.
import * as vscode from 'vscode';
import { deviceText } from '../core/results/deviceText';
import { CredentialQuickFix, MOVE_TO_SECRET_STORAGE, moveCredentialToSecretStorage } from './credentialQuickFix';
import { DeviceRow, DevicesModel } from './devicesModel';
import { InventoryService } from './inventoryService';
import { Poller } from './poller';
import { ResultsDocuments } from './resultsDocuments';
import { ResultsView } from './resultsView';
import type { ViewSource } from '../webview/protocol';
import { SecretValues } from './secretValues';
import { INVENTORY_SELECTOR } from './inventoryLanguage';

/** Where "Poll device" comes from: a tree row, or a CodeLens naming the inventory and device. */
export type DeviceTarget = DeviceRow | { uri: vscode.Uri; name: string };

const RECENT_COMMANDS_KEY = 'netpoll.recentCommandSets';
const RECENT_LIMIT = 10;

export interface CommandParts {
  poller: Poller;
  model: DevicesModel;
  inventories: InventoryService;
  results: ResultsDocuments;
  view: ResultsView;
  secrets: SecretValues;
  log: vscode.LogOutputChannel;
  state: vscode.Memento;
}

export function registerCommands({ poller, model, inventories, results, view, secrets, log, state }: CommandParts): vscode.Disposable {
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return vscode.Disposable.from(
    command('netpoll.pollDevices', (uri?: vscode.Uri) => poller.poll({ uri })),
    command('netpoll.pollDevicesWithCommands', async (uri?: vscode.Uri, given?: string[]) => {
      const commands = given ?? (await pickCommands(state));
      return commands && poller.poll({ uri, commands });
    }),
    command('netpoll.pollDevice', (target: DeviceTarget) => {
      const { uri, name } = 'device' in target ? { uri: model.inventory, name: target.device.name } : target;
      return poller.poll({ uri, deviceNames: [name] });
    }),
    command('netpoll.repollFailed', () => {
      const last = model.last;
      const failed = last?.run.executor.polls.filter((p) => p.state === 'failed').map((p) => p.device.name) ?? [];
      if (!last || failed.length === 0) {
        void vscode.window.showInformationMessage('NetPoll: the last poll has no failed devices.');
        return undefined;
      }
      return poller.poll({ uri: last.uri, deviceNames: failed });
    }),
    command('netpoll.cancelPoll', () => poller.cancel()),
    command('netpoll.cancelDevice', (row: DeviceRow) => row.poll && poller.cancelDevice(row.poll)),
    command('netpoll.showLog', () => log.show()),
    command('netpoll.showResultsView', (source?: ViewSource) => view.show(source)),
    command('netpoll.statusMenu', (results?: vscode.Uri) => statusMenu(model, results)),
    command('netpoll.openDeviceOutput', async (row: DeviceRow) => {
      if (row.poll) await vscode.window.showTextDocument(results.deviceUri(row.poll), { preview: true });
    }),
    command('netpoll.copyDeviceOutput', async (row: DeviceRow) => {
      const poll = row.poll?.isFinal ? model.pollHolding(row.poll) : undefined;
      if (poll) await vscode.env.clipboard.writeText(deviceText(await poll.storage.read(row.poll!)));
    }),
    command('netpoll.revealDevice', async (row: DeviceRow) => {
      if (!model.inventory) return;
      const position = new vscode.Position(row.device.line - 1, 0);
      await vscode.window.showTextDocument(model.inventory, { selection: new vscode.Range(position, position) });
    }),
    command('netpoll.forgetSecrets', async () => {
      const count = await secrets.forgetAll();
      void vscode.window.showInformationMessage(`NetPoll forgot ${count} stored secret${count === 1 ? '' : 's'}.`);
      return count;
    }),
    command(MOVE_TO_SECRET_STORAGE, (uri: vscode.Uri, position: vscode.Position, name: string) => moveCredentialToSecretStorage(secrets, uri, position, name)),
    vscode.languages.registerCodeActionsProvider(INVENTORY_SELECTOR, new CredentialQuickFix(inventories), { providedCodeActionKinds: CredentialQuickFix.kinds }),
  );
}

/** What the status bar item offers about the last poll; `results` is its results document. */
async function statusMenu(model: DevicesModel, results: vscode.Uri | undefined): Promise<void> {
  const poll = model.running ?? model.last;
  const items: { label: string; command: string; args?: unknown[] }[] = [
    { label: '$(table) Show results view', command: 'netpoll.showResultsView' },
    ...(results ? [{ label: '$(output) Open results document', command: 'vscode.open', args: [results] }] : []),
    { label: '$(diff) Compare with previous poll', command: 'netpoll.compareResults' },
    { label: '$(list-flat) Show log', command: 'netpoll.showLog' },
    ...(model.running ? [{ label: '$(debug-stop) Cancel poll', command: 'netpoll.cancelPoll' }] : [{ label: '$(play) Poll devices', command: 'netpoll.pollDevices' }]),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'NetPoll', placeHolder: poll ? `The ${model.running ? 'running' : 'last'} poll of ${poll.name}` : 'No poll yet' });
  if (picked) await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
}

/** A quick pick of recent command sets, or new ones typed as `show clock; show version`. */
async function pickCommands(state: vscode.Memento): Promise<string[] | undefined> {
  const recent = state.get<string[][]>(RECENT_COMMANDS_KEY, []);
  const typeNew = { label: '$(edit) Enter commands…', commands: undefined as string[] | undefined };
  const picked = await vscode.window.showQuickPick([typeNew, ...recent.map((commands) => ({ label: commands.join('; '), commands }))], {
    title: 'NetPoll: poll devices with commands',
    placeHolder: 'Pick a recent set of commands, or enter new ones',
  });
  if (!picked) return undefined;
  let commands = picked.commands;
  if (!commands) {
    const typed = await vscode.window.showInputBox({ title: 'NetPoll: commands', prompt: 'Commands to send to every device, separated by ;', placeHolder: 'show clock; show version' });
    commands = typed?.split(';').map((c) => c.trim()).filter((c) => c !== '');
    if (!commands || commands.length === 0) return undefined;
  }
  const key = commands.join('\n');
  await state.update(RECENT_COMMANDS_KEY, [commands, ...recent.filter((r) => r.join('\n') !== key)].slice(0, RECENT_LIMIT));
  return commands;
}
