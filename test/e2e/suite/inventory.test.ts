// devices.yaml editing inside a real VS Code: Problems-panel diagnostics as the user types,
// the quick fix that moves a plain-text password to secret storage, completion, and a poll
// that uses the stored secret.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NetPollApi } from '../../../src/extension';
import { E2eExpectations, EXPECTATIONS_FILE } from './expectations';
import { polled } from './polled';
import { until } from './until';

const EXTENSION_ID = 'netpoll.netpoll';

function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

/** The diagnostics of `uri` once `done` holds for them. */
function diagnosticsWhen(uri: vscode.Uri, done: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return until(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return done(diagnostics) && diagnostics;
    },
    `the expected diagnostics of ${uri.path}`,
  );
}

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

describe('devices.yaml in the editor', () => {
  let api: NetPollApi;
  let expected: E2eExpectations;

  before(async () => {
    api = await vscode.extensions.getExtension<NetPollApi>(EXTENSION_ID)!.activate();
    expected = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(EXPECTATIONS_FILE))));
  });

  it('shows each problem in the Problems panel at its line and column, and updates as the user types', async () => {
    const document = await writeWorkspaceFile(
      'broken.devices.yaml',
      '- name: A\n  host: 127.0.0.1\n  port: 70000\n- name: B\n  device_type: cisco_iso\n  host: 127.0.0.2\n  usernme: ops\n- name: C\n',
    );
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === 4);
    const seen = diagnostics.map((d) => [d.severity, d.range.start.line + 1, d.range.start.character + 1, d.message, d.source]).sort((a, b) => Number(a[1]) - Number(b[1]));
    const { Error: error, Warning: warning } = vscode.DiagnosticSeverity;
    assert.deepEqual(seen, [
      [error, 3, 9, 'port must be a whole number from 1 to 65535', 'NetPoll'],
      [error, 5, 16, 'unknown device_type "cisco_iso"; did you mean "cisco_ios"?', 'NetPoll'],
      [warning, 7, 3, 'unknown key "usernme"; did you mean "username"?', 'NetPoll'],
      [error, 8, 3, 'device has no host (or ip)', 'NetPoll'],
    ]);

    // Fixing the typo while typing clears its squiggle.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(4, 15, 4, 24), 'cisco_ios');
    await vscode.workspace.applyEdit(edit);
    await diagnosticsWhen(document.uri, (d) => d.length === 3 && !d.some((x) => x.message.includes('device_type')));
  });

  it('completes device_type values and device keys', async () => {
    const document = await writeWorkspaceFile('complete.devices.yaml', '- host: 127.0.0.1\n  device_type: \n  \n');
    const values = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 15))).items.map((i) => String(i.label));
    for (const platform of ['cisco_ios', 'cisco_xr', 'juniper_junos', 'linux']) assert.ok(values.includes(platform), `${platform} not offered: ${values.join(', ')}`);
    const keys = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(2, 2))).items.map((i) => String(i.label));
    for (const key of ['password', 'secret', 'jump_host', 'read_timeout']) assert.ok(keys.includes(key), `${key} not offered`);
  });

  it('quick fix: moves a plain-text password into secret storage as ${secret:NAME}, and a poll uses it', async () => {
    const lab = expected.devices.find((d) => d.status === 'finished')!;
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('devices.yaml')));
    // The first lab device's entry, alone, in an inventory of its own.
    const entry = source.split(/(?=^- )/m).find((block) => block.startsWith(`- name: ${lab.name}\n`))!;
    const document = await writeWorkspaceFile('fix.devices.yaml', entry);
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.some((x) => x.message.startsWith('password is in plain text')));
    const plain = diagnostics.find((x) => x.message.startsWith('password is in plain text'))!;
    const password = document.getText(plain.range);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, plain.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === `Move password to secret storage as \${secret:${lab.name}_password}`);
    assert.ok(fix?.command, `no quick fix among: ${actions.map((a) => a.title).join('; ')}`);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    assert.match(document.getText(), new RegExp(`password: "\\$\\{secret:${lab.name}_password\\}"`));
    assert.ok(!document.getText().includes(password), 'the password is still in the file');
    assert.equal(await api.secrets.get(`${lab.name}_password`), password);
    await diagnosticsWhen(document.uri, (d) => !d.some((x) => x.message.startsWith('password is in plain text')));
    await document.save();

    const report = await polled('netpoll.pollDevices', document.uri);
    assert.deepEqual(report.devices.map((d) => `${d.name}:${d.status}`), [`${lab.name}:finished`]);
    assert.ok(!JSON.stringify(report).includes(password), 'the password leaked into the report');
  });
});
