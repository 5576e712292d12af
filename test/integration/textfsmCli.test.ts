// `netpoll parse` as a separate process: a template file or the index (NET_TEXTFSM or
// --templates), input from a file or standard input, JSON or CSV out, and its exit statuses.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ios from '../lab/platforms/ios';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function netpoll(args: string[], stdin = '', env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NET_TEXTFSM: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('netpoll parse (a real process)', function () {
  this.timeout(20_000);
  let dir: string;
  let versionFile: string;
  const version = ios.showVersion('R1').join('\n');

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-parse-'));
    versionFile = path.join(dir, 'show_version.txt');
    await writeFile(versionFile, version);
    await writeFile(path.join(dir, 'broken.textfsm'), 'Value A (\\S+)\n\nStart\n  ^${A}$ -> Record\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('--template FILE INPUT prints the records as JSON, keys in lowercase', async () => {
    const { code, stdout, stderr } = await netpoll(['parse', '--template', path.join(FIXTURES, 'cisco_ios_show_version.textfsm'), versionFile]);
    assert.equal(code, 0, stderr);
    const records = JSON.parse(stdout) as Record<string, unknown>[];
    assert.equal(records.length, 1);
    assert.deepEqual([records[0].hostname, records[0].version, records[0].serial], ['R1', '15.2(4)S7', ['4279256517']]);
  });

  it('--platform and --command find the template through NET_TEXTFSM, reading standard input', async () => {
    const { code, stdout, stderr } = await netpoll(['parse', '--platform', 'cisco_ios', '--command', 'sh ip int br'], ios.showIpInterfaceBrief().join('\n'), { NET_TEXTFSM: FIXTURES });
    assert.equal(code, 0, stderr);
    assert.deepEqual((JSON.parse(stdout) as { interface: string }[]).map((r) => r.interface), ['FastEthernet0/0', 'FastEthernet0/1', 'FastEthernet0/2', 'FastEthernet0/3']);
  });

  it('--templates DIR and --format csv print a table', async () => {
    const { code, stdout, stderr } = await netpoll(['parse', '-p', 'cisco_xe', '-c', 'show ip interface brief', '--templates', FIXTURES, '--format', 'csv'], ios.showIpInterfaceBriefXe().join('\n'));
    assert.equal(code, 0, stderr);
    assert.equal(
      stdout,
      [
        'interface,ip_address,method,status,proto',
        'GigabitEthernet1,127.0.0.1,manual,up,up',
        'GigabitEthernet2,127.0.1.1,manual,up,up',
        'GigabitEthernet3,unassigned,unset,administratively down,down',
        'GigabitEthernet4,unassigned,unset,administratively down,down',
        '',
      ].join('\n'),
    );
  });

  it('no template for the platform and command: exit 1, saying which', async () => {
    const { code, stdout, stderr } = await netpoll(['parse', '-p', 'linux', '-c', 'uname -a', '--templates', FIXTURES], 'Linux lab');
    assert.deepEqual([code, stdout], [1, '']);
    assert.equal(stderr, `netpoll: no template for platform "linux" and command "uname -a" in ${path.join(FIXTURES, 'index')}\n`);
  });

  it('a template that fails: exit 1, naming its file and line', async () => {
    const template = path.join(dir, 'broken.textfsm');
    const { code, stderr } = await netpoll(['parse', '--template', template, versionFile]);
    assert.equal(code, 1);
    assert.equal(stderr, `netpoll: ${template}:4: a "$" that is neither $$ nor a Value name (column 6); write $$ for an end of line: ^\${A}$\n`);
  });

  it('an Error rule on the input: exit 1, with its message and the input line', async () => {
    const output = [...ios.showIpInterfaceBrief(), 'Tunnel0\tis up'].join('\n');
    const { code, stderr } = await netpoll(['parse', '--template', path.join(FIXTURES, 'cisco_ios_show_ip_interface_brief.textfsm')], output);
    assert.equal(code, 1);
    assert.match(stderr, /:16: Error: unexpected line in show ip interface brief \(input line 6: "Tunnel0\\tis up"\)\n$/);
  });

  it('bad usage: exit 2 with the parse usage', async () => {
    const { code, stderr } = await netpoll(['parse', '--platform', 'cisco_ios', '--command', 'show version']);
    assert.equal(code, 2);
    assert.match(stderr, /^netpoll: no templates folder: give --templates DIR or set NET_TEXTFSM\n\nUsage: netpoll parse/);
  });

  it('poll is unchanged: its own usage for its own mistakes', async () => {
    const { code, stderr } = await netpoll(['poll']);
    assert.equal(code, 2);
    assert.match(stderr, /^netpoll: missing the inventory file, e\.g\. netpoll poll devices\.yaml\n\nUsage: netpoll poll <inventory>/);
  });
});
