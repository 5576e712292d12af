// Every NetPoll command, menu contribution and setting, inside a real VS Code, against the lab.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NetPollApi } from '../../../src/extension';
import type { PollReport } from '../../../src/core/results/report';
import { SETTING_DEFAULTS } from '../../../src/ui/settingDefaults';
import { E2eExpectations, EXPECTATIONS_FILE, SLOW_INVENTORY } from './expectations';
import { pollIfAny, polled } from './polled';
import { until } from './until';

const EXTENSION_ID = 'netpoll.netpoll';

function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Resolves once `probe` holds for the Devices tree. */
function whenTree(api: NetPollApi, probe: () => boolean): Promise<boolean> {
  return until(api.tree.onDidChangeTreeData, probe, 'the Devices tree to reach the expected state');
}

const statuses = (report: PollReport) => report.devices.map((d) => `${d.name}:${d.status}`).sort();

describe('NetPoll commands, menus and settings', () => {
  let api: NetPollApi;
  let expected: E2eExpectations;
  const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
  const inventory = () => workspaceFile('devices.yaml');

  before(async () => {
    api = await vscode.extensions.getExtension<NetPollApi>(EXTENSION_ID)!.activate();
    expected = JSON.parse(await readText(workspaceFile(EXPECTATIONS_FILE)));
  });

  afterEach(async () => {
    const config = vscode.workspace.getConfiguration('netpoll');
    for (const key of ['results.format', 'results.order', 'commands']) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('registers every contributed command, each with the NetPoll category', async () => {
    const registered = await vscode.commands.getCommands(true);
    const contributed = manifest().contributes.commands as { command: string; category: string }[];
    assert.ok(contributed.length >= 13);
    for (const { command, category } of contributed) {
      assert.ok(registered.includes(command), `${command} is contributed but not registered`);
      assert.equal(category, 'NetPoll');
    }
  });

  it('contributes the menus: explorer and editor on inventories, view title, and device items', () => {
    const menus = manifest().contributes.menus;
    const commandsIn = (menu: string) => (menus[menu] as { command: string }[]).map((m) => m.command);
    for (const menu of ['explorer/context', 'editor/context']) {
      assert.ok(commandsIn(menu).includes('netpoll.pollDevices'), menu);
      assert.ok(commandsIn(menu).includes('netpoll.pollDevicesWithCommands'), menu);
      for (const entry of menus[menu]) assert.match(entry.when, /resourceFilename == devices\.yaml \|\| resourceFilename =~ \/\\\.devices\\\.yaml\$\//);
    }
    assert.ok(commandsIn('editor/title/context').includes('netpoll.pollDevices'));
    for (const command of ['netpoll.pollDevices', 'netpoll.cancelPoll', 'netpoll.repollFailed', 'netpoll.openResults', 'netpoll.showLog', 'netpoll.compareResults']) {
      assert.ok(commandsIn('view/title').includes(command), `view/title lacks ${command}`);
    }
    for (const command of ['netpoll.pollDevice', 'netpoll.cancelDevice', 'netpoll.openDeviceOutput', 'netpoll.copyDeviceOutput', 'netpoll.revealDevice']) {
      assert.ok(commandsIn('view/item/context').includes(command), `view/item/context lacks ${command}`);
    }
  });

  it('contributes every setting with its default, the one the code uses', () => {
    const config = vscode.workspace.getConfiguration('netpoll');
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) assert.deepEqual(config.inspect(key)?.defaultValue, value, key);
  });

  it('Poll devices with commands… sends the given commands; results follow netpoll.results.order and format', async () => {
    const config = vscode.workspace.getConfiguration('netpoll');
    await config.update('results.order', 'inventory', vscode.ConfigurationTarget.Workspace);
    await config.update('results.format', 'json', vscode.ConfigurationTarget.Workspace);
    const report = await polled('netpoll.pollDevicesWithCommands', inventory(), ['show version', 'show clock']);
    assert.deepEqual(report.commands, ['show version', 'show clock']);
    assert.equal(report.order, 'inventory');
    assert.deepEqual(report.devices.map((d) => d.name), expected.devices.map((d) => d.name));
    const finished = report.devices.find((d) => d.status === 'finished')!;
    assert.match(finished.commands[0].output, /Cisco IOS Software/);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'netpoll' && d.uri.path.endsWith(' results.json'));
    assert.ok(document, 'no JSON results document');
    assert.equal(JSON.parse(document.getText()).order, 'inventory');
  });

  it('Poll device polls one device, from a tree row or a CodeLens', async () => {
    const fromLens = await polled('netpoll.pollDevice', { uri: inventory(), name: 'R2' });
    assert.deepEqual(statuses(fromLens), ['R2:finished']);
    const row = api.tree.getChildren().find((r) => 'device' in r && r.device.name === 'R3')!;
    const fromTree = await polled('netpoll.pollDevice', row);
    assert.deepEqual(statuses(fromTree), ['R3:finished']);
    await vscode.workspace.openTextDocument(inventory()); // lenses are asked of open documents
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', inventory());
    assert.deepEqual(lenses.map((l) => l.command?.title), expected.devices.map((d) => `$(play) Poll ${d.name}`));
  });

  it('Re-poll failed devices polls only those that failed last time', async () => {
    const all = await polled('netpoll.pollDevices', inventory());
    assert.deepEqual(all.devices.filter((d) => d.status === 'failed').map((d) => d.name), ['R4']);
    const again = await polled('netpoll.repollFailed');
    assert.deepEqual(statuses(again), ['R4:failed']);
  });

  it('keeps each poll in .netpoll/polls; Open results, Compare with previous poll and a device\'s Compare open them', async () => {
    const first = await polled('netpoll.pollDevices', inventory());
    const second = await polled('netpoll.pollDevices', inventory());
    const polls = (await vscode.workspace.fs.readDirectory(workspaceFile('.netpoll/polls/devices.yaml'))).map(([name]) => name);
    assert.ok(polls.length >= 2 && polls.every((n) => /^\d{8}-\d{6}-\d{3}(-\d+)?$/.test(n)), polls.join(', '));
    // What the poll command gave back is what the store holds, device by device.
    assert.deepEqual(statuses(second), statuses(first));

    await vscode.commands.executeCommand('netpoll.openResults', polls.sort().at(-1));
    const results = vscode.window.activeTextEditor!.document;
    assert.equal(results.uri.scheme, 'netpoll');
    assert.match(results.uri.path, /^\/stored\/devices\.yaml \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.yaml$/);
    assert.equal(results.getText().match(/^- name: R\d$/gm)?.length, expected.devices.length);

    await vscode.commands.executeCommand('netpoll.compareResults');
    const comparison = vscode.window.activeTextEditor!.document;
    assert.match(comparison.uri.path, /^\/compare\/devices\.yaml .* to .*\.diff$/);
    // The lab did not change: its clocks moved, which a comparison does not count.
    assert.equal(comparison.lineAt(0).text, `# 0 devices changed, ${expected.devices.length} unchanged`);

    const r1 = api.tree.getChildren().find((r) => 'device' in r && r.device.name === 'R1')!;
    await vscode.commands.executeCommand('netpoll.compareDevice', r1);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
    assert.ok(tab.input instanceof vscode.TabInputTextDiff, 'a device\'s Compare did not open the diff editor');
    assert.match(tab.label, /^R1> show clock \(/);
    assert.notEqual(tab.input.original.toString(), tab.input.modified.toString());
    const [before, now] = await Promise.all([vscode.workspace.openTextDocument(tab.input.original), vscode.workspace.openTextDocument(tab.input.modified)]);
    assert.match(before.getText(), /^\*\d\d:\d\d:\d\d\.\d{3} UTC /);
    assert.match(now.getText(), /^\*\d\d:\d\d:\d\d\.\d{3} UTC /);
  });

  it('tree actions: open, copy, reveal a device', async () => {
    await vscode.commands.executeCommand('netpoll.pollDevices', inventory());
    const row = api.tree.getChildren().find((r) => 'device' in r && r.device.name === 'R1')!;
    assert.ok('device' in row);
    await vscode.commands.executeCommand('netpoll.openDeviceOutput', row);
    const opened = vscode.window.activeTextEditor!.document;
    assert.equal(opened.uri.scheme, 'netpoll');
    assert.match(opened.getText(), /^# R1 \(127\.0\.0\.1:\d+, cisco_ios\): finished/);

    await vscode.commands.executeCommand('netpoll.copyDeviceOutput', row);
    assert.equal(await vscode.env.clipboard.readText(), opened.getText());

    await vscode.commands.executeCommand('netpoll.revealDevice', row);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), inventory().toString());
    assert.equal(editor.selection.active.line, row.device.line - 1);
  });

  it('Cancel poll: waiting and running devices end as cancelled, finished results are kept', async () => {
    await vscode.workspace.getConfiguration('netpoll').update('maxWorkers', 2, vscode.ConfigurationTarget.Workspace);
    try {
      const polling = polled('netpoll.pollDevices', workspaceFile(SLOW_INVENTORY));
      await whenTree(api, () => api.tree.getChildren().some((r) => 'device' in r && r.poll?.state === 'running'));
      await vscode.commands.executeCommand('netpoll.cancelPoll');
      const report = await polling;
      assert.deepEqual(statuses(report), ['S1:cancelled', 'S2:cancelled', 'S3:cancelled']);
      assert.deepEqual(report.summary, { total: 3, finished: 0, failed: 0, cancelled: 3, skipped: 0 });
    } finally {
      await vscode.workspace.getConfiguration('netpoll').update('maxWorkers', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('two polls asked for at once: exactly one runs, the other is refused, and Cancel stops the one that runs', async () => {
    // Both requests come before either has awaited anything: the first claims the slot at once.
    const first = pollIfAny('netpoll.pollDevices', workspaceFile(SLOW_INVENTORY));
    const second = pollIfAny('netpoll.pollDevices', workspaceFile(SLOW_INVENTORY));
    assert.equal(await second, undefined, 'the second poll ran');
    assert.equal(api.poller.isPolling, true);
    await whenTree(api, () => api.tree.getChildren().some((r) => 'device' in r && r.poll?.state === 'running'));
    await vscode.commands.executeCommand('netpoll.cancelPoll');
    const report = await first;
    assert.ok(report, 'the first poll did not run');
    assert.deepEqual(statuses(report), ['S1:cancelled', 'S2:cancelled', 'S3:cancelled']);
    assert.equal(api.poller.isPolling, false);
  });

  it('an inventory with unsaved changes is saved, then polled as the editor shows it', async () => {
    const document = await vscode.workspace.openTextDocument(inventory());
    await vscode.window.showTextDocument(document);
    const name = expected.devices.find((d) => d.status === 'finished')!.name;
    const written = `name: ${name}\n`;
    const at = document.getText().indexOf(written);
    assert.ok(at >= 0, `devices.yaml has no "${written.trim()}"`);
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + written.length));
    const rename = (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, range, text);
      return vscode.workspace.applyEdit(edit);
    };
    await rename(`name: ${name}-edited\n`);
    try {
      assert.equal(document.isDirty, true);
      const report = await pollIfAny('netpoll.pollDevice', { uri: inventory(), name: `${name}-edited` });
      assert.deepEqual(report && statuses(report), [`${name}-edited:finished`]);
      assert.equal(document.isDirty, false, 'the inventory was polled without being saved');
      assert.match(await readText(inventory()), new RegExp(`name: ${name}-edited`));
    } finally {
      await rename(written);
      await document.save();
    }
  });

  it('Cancel device cancels one running device and the others carry on', async () => {
    const polling = polled('netpoll.pollDevices', workspaceFile(SLOW_INVENTORY));
    await whenTree(api, () => api.tree.getChildren().some((r) => 'device' in r && r.device.name === 'S2' && r.poll?.state === 'running'));
    const row = api.tree.getChildren().find((r) => 'device' in r && r.device.name === 'S2')!;
    await vscode.commands.executeCommand('netpoll.cancelDevice', row);
    const report = await polling;
    assert.deepEqual(statuses(report), ['S1:finished', 'S2:cancelled', 'S3:finished']);
  });

  it('netpoll.engine.threads runs the sessions in worker threads from the installed package', async () => {
    await vscode.workspace.getConfiguration('netpoll').update('engine.threads', 2, vscode.ConfigurationTarget.Workspace);
    try {
      const report = await polled('netpoll.pollDevicesWithCommands', inventory(), ['show version']);
      assert.deepEqual(statuses(report), expected.devices.map((d) => `${d.name}:${d.status}`).sort());
      assert.match(report.devices.find((d) => d.status === 'finished')!.commands[0].output, /Cisco IOS Software/);
    } finally {
      await vscode.workspace.getConfiguration('netpoll').update('engine.threads', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('netpoll.deviceTimeout fails a device that takes longer, with kind deadline', async () => {
    await vscode.workspace.getConfiguration('netpoll').update('deviceTimeout', 1, vscode.ConfigurationTarget.Workspace);
    try {
      const report = await polled('netpoll.pollDevices', workspaceFile(SLOW_INVENTORY));
      assert.deepEqual(report.devices.map((d) => d.error?.kind), ['deadline', 'deadline', 'deadline']);
    } finally {
      await vscode.workspace.getConfiguration('netpoll').update('deviceTimeout', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('netpoll.hostKeyPolicy strict refuses devices whose key is not recorded', async () => {
    const config = vscode.workspace.getConfiguration('netpoll');
    await config.update('hostKeyPolicy', 'strict', vscode.ConfigurationTarget.Workspace);
    // Only a user or machine setting may name the known_hosts file.
    await config.update('knownHostsFile', workspaceFile('empty_known_hosts').fsPath, vscode.ConfigurationTarget.Global);
    try {
      const report = await polled('netpoll.pollDevices', inventory());
      assert.deepEqual(new Set(report.devices.map((d) => d.error?.kind)), new Set(['host-key-unknown']));
    } finally {
      await config.update('hostKeyPolicy', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('knownHostsFile', workspaceFile('known_hosts').fsPath, vscode.ConfigurationTarget.Global);
    }
  });

  it('a changed host key fails the device with both fingerprints', async () => {
    const knownHosts = workspaceFile('known_hosts');
    const lines = (await readText(knownHosts)).trim().split('\n');
    const r1 = lines.findIndex((line) => line.includes(`]:${expected.ports.R1} `));
    assert.ok(r1 >= 0, 'R1 has no recorded key');
    // Record another key for R1, as if the device had been replaced.
    const [name] = lines[r1].split(' ');
    lines[r1] = `${name} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvbGxlZC1ieS1uZXRwb2xsLWUyZS10ZXN0cy1rZXk=`;
    await vscode.workspace.fs.writeFile(knownHosts, new TextEncoder().encode(lines.join('\n') + '\n'));
    const report = await polled('netpoll.pollDevice', { uri: inventory(), name: 'R1' });
    const error = report.devices[0].error!;
    assert.equal(error.kind, 'host-key-changed');
    assert.equal((error.message.match(/SHA256:[A-Za-z0-9+/]{43}/g) ?? []).length, 2, error.message);
  });

  it('Forget stored secrets removes what NetPoll stored', async () => {
    await api.secrets.store('e2e_forget_me', 'value-to-forget');
    const count = (await vscode.commands.executeCommand('netpoll.forgetSecrets')) as number;
    assert.ok(count >= 1);
    assert.equal(await api.secrets.get('e2e_forget_me'), undefined);
  });
});
