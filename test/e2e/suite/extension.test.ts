// Runs inside a real VS Code extension host, against the installed extension and a
// workspace whose devices.yaml points at the device lab on 127.0.0.1.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NetPollApi } from '../../../src/extension';
import { E2eExpectations, EXPECTATIONS_FILE } from './expectations';
import { polled } from './polled';
import { until } from './until';

const EXTENSION_ID = 'netpoll.netpoll';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function readExpectations(): Promise<E2eExpectations> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(EXPECTATIONS_FILE))));
}

describe('NetPoll in VS Code', () => {
  let api: NetPollApi;
  let expected: E2eExpectations;

  before(async () => {
    console.log(`Running in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);
    expected = await readExpectations();
    const extension = vscode.extensions.getExtension<NetPollApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    api = await extension.activate();
  });

  it('contributes Poll devices, its explorer menu on devices.yaml, and the Devices view', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const poll = manifest.contributes.commands.find((c: { command: string }) => c.command === 'netpoll.pollDevices');
    assert.equal(poll.title, 'Poll devices');
    assert.equal(poll.category, 'NetPoll');
    const explorer = manifest.contributes.menus['explorer/context'];
    assert.ok(explorer.some((m: { command: string; when: string }) => m.command === 'netpoll.pollDevices' && /resourceFilename == devices\.yaml/.test(m.when)));
    assert.equal(manifest.contributes.views.netpoll[0].id, 'netpoll.devices');
    assert.equal(manifest.contributes.views.netpoll[0].name, 'Devices');
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  it('registers its commands in the running host', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['netpoll.pollDevices', 'netpoll.cancelPoll', 'netpoll.showLog']) assert.ok(commands.includes(id), `${id} missing`);
  });

  it('lists the inventory in the Devices tree before any poll', async () => {
    const labels = await until(
      api.tree.onDidChangeTreeData,
      () => {
        const rows = api.tree.getChildren();
        return rows.length === expected.devices.length && rows.map((r) => api.tree.getTreeItem(r).label);
      },
      'the inventory in the Devices tree',
    );
    assert.deepEqual(labels, expected.devices.map((d) => d.name));
  });

  it('polls every device from devices.yaml, shows each final state, and opens the results', async () => {
    const report = await polled('netpoll.pollDevices', workspaceFile('devices.yaml'));
    assert.ok(report, 'the command returned no report');
    assert.deepEqual(report.commands, ['show clock']);
    assert.deepEqual(
      report.devices.map((d) => `${d.name}:${d.status}`).sort(),
      expected.devices.map((d) => `${d.name}:${d.status}`).sort(),
    );
    for (const device of report.devices.filter((d) => d.status === 'finished')) {
      assert.match(device.commands[0].output, /^\*\d\d:\d\d:\d\d\.\d{3} UTC /, `${device.name} answered ${device.commands[0].output}`);
    }
    const failed = report.devices.filter((d) => d.status === 'failed');
    assert.ok(failed.every((d) => d.error?.kind === 'auth'));

    // The tree shows the final state of every device.
    const icons = api.tree.getChildren().map((row) => {
      const item = api.tree.getTreeItem(row);
      return `${item.label}:${(item.iconPath as vscode.ThemeIcon).id}`;
    });
    assert.deepEqual(icons.sort(), expected.devices.map((d) => `${d.name}:${d.status === 'finished' ? 'pass' : 'error'}`).sort());

    // The results document is open beside the editor and holds every device.
    const results = vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'netpoll' && doc.uri.path.startsWith('/results/'));
    assert.ok(results, 'no results document is open');
    const text = await until(
      vscode.workspace.onDidChangeTextDocument,
      () => /^finishedAt: \S+Z$/m.test(results.getText()) && results.getText(),
      'the final results document',
    );
    for (const d of expected.devices) assert.ok(text.includes(`name: ${d.name}\n`), `${d.name} missing from the results document`);
    for (const secret of expected.secrets) assert.ok(!text.includes(secret), 'a secret leaked into the results document');

    // Host keys went to the known_hosts file the workspace settings name, one per device
    // (recorded before authentication, so the device with the wrong password has one too).
    const knownHosts = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('known_hosts')));
    assert.equal(knownHosts.trim().split('\n').length, expected.devices.length);
  });
});
