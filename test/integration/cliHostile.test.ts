// The command line against a lab where many devices misbehave at once, alongside healthy
// ones: every device ends in a definite state within its deadline, the healthy ones keep their
// exact outputs, and no credential appears in stdout, stderr, the results or known_hosts.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DeviceReport, PollReport } from '../../src/core/results/report';
import { withPromptLine } from '../lab/cli';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice, LabDeviceSpec } from '../lab/lab';
import { assertValidReport } from './resultsSchema';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');

const PASSWORD = 'Pw-cli-hostile-93ab';
const SECRET = 'En-cli-hostile-5e02';
const DEADLINE_S = 10;
/** Per-device timeouts the faulty devices run into, well inside the deadline. */
const TIMEOUT_S = 2;
/** What the end of a device may lag behind its deadline on a busy machine. */
const SLACK_MS = 2_000;
const FORGED = 'R1\n!!! 00:00:00.000 Failed: CORE1 auth: forged line';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function netpoll(args: string[], shell?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = shell
      ? spawn('bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Each lab device, what its inventory entry adds, and how its poll must end. */
interface Case {
  spec: LabDeviceSpec;
  entry?: Record<string, unknown>;
  /** An error kind, or the expected output of `show version`. */
  expect: { kind: string } | { output: (d: LabDevice) => string };
}

const showVersion = (d: LabDevice) => expectedOutput(d.platform, d.name, 'show version').join('\n');

const CASES: Case[] = [
  { spec: { name: 'OK1', secret: SECRET, password: PASSWORD }, expect: { output: showVersion } },
  { spec: { name: 'OK2', platform: 'arista_eos', secret: SECRET, password: PASSWORD }, expect: { output: showVersion } },
  { spec: { name: 'OK3', platform: 'juniper_junos', password: PASSWORD }, expect: { output: showVersion } },
  { spec: { name: 'NOSESSION', password: PASSWORD, faults: ['no-session'] }, expect: { kind: 'shell-timeout' } },
  { spec: { name: 'NOPTY', password: PASSWORD, faults: ['no-pty'] }, expect: { kind: 'shell-timeout' } },
  { spec: { name: 'NOSHELL', password: PASSWORD, faults: ['no-shell'] }, expect: { kind: 'shell-timeout' } },
  // 64 MiB take a few seconds through SSH on a busy machine: the output limit, not read_timeout, must end it.
  { spec: { name: 'FLOOD', secret: SECRET, password: PASSWORD, faults: ['endless-output'] }, entry: { read_timeout: DEADLINE_S }, expect: { kind: 'output-limit' } },
  { spec: { name: 'PAGER', secret: SECRET, password: PASSWORD, faults: ['endless-pager'] }, expect: { kind: 'command-timeout' } },
  { spec: { name: 'FAKEPROMPT', secret: SECRET, password: PASSWORD, faults: ['prompt-in-output'] }, expect: { output: (d) => withPromptLine(expectedOutput('cisco_ios', d.name, 'show version'), `${d.name}#`).join('\n') } },
  { spec: { name: 'TPUT', secret: SECRET, password: PASSWORD, faults: ['tput-prompt'] }, expect: { output: showVersion } },
  { spec: { name: 'CRONLY', secret: SECRET, password: PASSWORD, faults: ['cr-only-enter'] }, entry: { device_type: 'cr_ios' }, expect: { output: showVersion } },
  { spec: { name: 'vc1', platform: 'juniper_junos', password: PASSWORD, faults: ['virtual-chassis'] }, expect: { output: showVersion } },
  { spec: { name: 'BANNER', password: PASSWORD, faults: ['banner-password'] }, expect: { kind: 'prompt-timeout' } },
  { spec: { name: 'ECHOSECRET', secret: SECRET, password: PASSWORD, faults: ['echo-secret'] }, expect: { kind: 'prompt-timeout' } },
  { spec: { name: 'LEAK', secret: SECRET, password: PASSWORD, faults: ['leak-then-stall'] }, expect: { kind: 'command-timeout' } },
  { spec: { name: 'SLOWER', secret: SECRET, password: PASSWORD, showDelayMs: (DEADLINE_S + 5) * 1000 }, entry: { read_timeout: DEADLINE_S * 4 }, expect: { kind: 'deadline' } },
  { spec: { name: 'FORGED', secret: SECRET, password: PASSWORD }, entry: { name: FORGED }, expect: { output: (d) => expectedOutput('cisco_ios', d.name, 'show version').join('\n') } },
];

describe('netpoll against many hostile devices at once (a real process)', function () {
  this.timeout(120_000);
  let lab: DeviceLab;
  let dir: string;
  let inventory: string;
  before(async () => {
    lab = await DeviceLab.start(CASES.map((c) => c.spec));
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-hostile-'));
    inventory = path.join(dir, 'devices.yaml');
    const entries = lab.devices.map((d, i) => {
      const entry = { name: d.name, device_type: d.platform, host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, timeout: TIMEOUT_S, auth_timeout: TIMEOUT_S, read_timeout: TIMEOUT_S, commands: ['show version'], ...CASES[i].entry };
      return `- ${JSON.stringify(entry)}`;
    });
    await writeFile(inventory, `platforms:\n  cr_ios: {extends: cisco_ios, newline: "\\r"}\ndevices:\n${entries.map((e) => '  ' + e).join('\n')}\n`);
  });
  after(() => lab?.stop());

  const check = (report: PollReport, run: Run, knownHosts: string, resultsText: string) => {
    assertValidReport(report);
    const byName = new Map(report.devices.map((d) => [d.name, d]));
    assert.equal(report.devices.length, CASES.length, run.stderr);
    CASES.forEach((c, i) => {
      const name = (c.entry?.name as string | undefined) ?? c.spec.name;
      const device: DeviceReport | undefined = byName.get(name);
      assert.ok(device, `${name} is missing from the results`);
      assert.ok(device.elapsedMs !== null && device.elapsedMs <= DEADLINE_S * 1000 + SLACK_MS, `${name} took ${device.elapsedMs} ms`);
      if ('kind' in c.expect) {
        assert.equal(device.status, 'failed', `${name}: ${JSON.stringify(device.error)}`);
        assert.equal(device.error?.kind, c.expect.kind, `${name}: ${device.error?.message}`);
      } else {
        assert.equal(device.status, 'finished', `${name}: ${JSON.stringify(device.error)}`);
        assert.equal(device.commands[0].output, c.expect.output(lab.devices[i]), name);
      }
    });
    for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ['results', resultsText], ['known_hosts', knownHosts]]) {
      assert.ok(!text.includes(PASSWORD), `the password is in ${where}`);
      assert.ok(!text.includes(SECRET), `the enable secret is in ${where}`);
    }
    // The name's line break is printed escaped: no log line can be forged with it.
    assert.ok(!run.stderr.split('\n').some((line) => line.startsWith('!!! 00:00:00.000 Failed: CORE1')), run.stderr);
    assert.match(run.stderr, /R1\\n!!! 00:00:00\.000 Failed: CORE1/);
  };

  it('on the main thread, results to a file', async () => {
    const output = path.join(dir, 'main.json');
    const knownHosts = path.join(dir, 'known_hosts_main');
    const started = performance.now();
    const run = await netpoll(['poll', inventory, '-w', '20', '--timeout', String(DEADLINE_S), '--threads', '0', '--known-hosts', knownHosts, '--format', 'json', '-o', output]);
    assert.ok(performance.now() - started < DEADLINE_S * 1000 + 10_000, 'the poll outlived every deadline');
    assert.equal(run.code, 1, run.stderr);
    const text = await readFile(output, 'utf8');
    check(JSON.parse(text) as PollReport, run, await readFile(knownHosts, 'utf8'), text);
  });

  it('in a worker thread, results on stdout', async () => {
    const knownHosts = path.join(dir, 'known_hosts_thread');
    const run = await netpoll(['poll', inventory, '-w', '20', '--timeout', String(DEADLINE_S), '--threads', '1', '--known-hosts', knownHosts, '--format', 'yaml']);
    assert.equal(run.code, 1, run.stderr);
    check(parse(run.stdout) as PollReport, run, await readFile(knownHosts, 'utf8'), run.stdout);
  });

  it('out of file descriptors: devices wait for a free session instead of failing, and the log says why', async () => {
    const healthy = await DeviceLab.start(Array.from({ length: 40 }, (_, i) => ({ name: `FD${i + 1}`, secret: SECRET })));
    try {
      const file = path.join(dir, 'many.devices.yaml');
      await writeFile(file, healthy.inventoryYaml());
      // Node and its libraries take some descriptors at start; 40 sessions cannot all open.
      const run = await netpoll(['poll', file, '-w', '40', '--threads', '0', '--host-keys', 'off', '--format', 'json', '-c', 'show version'], 'ulimit -n 48');
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as PollReport;
      assert.equal(report.summary.finished, 40);
      assert.match(run.stderr, /ran out of file descriptors .* at most \d+ sessions at once .*ulimit -n/);
      assert.equal(run.stderr.match(/ran out of file descriptors/g)?.length, 1, `said once per poll:\n${run.stderr}`);
      for (const d of report.devices) assert.equal(d.commands[0].output, expectedOutput('cisco_ios', d.name, 'show version').join('\n'));
    } finally {
      await healthy.stop();
    }
  });

  it('a known_hosts that cannot be written: the poll goes on, and the log says the key was not recorded', async () => {
    const run = await netpoll(['poll', inventory, '-w', '20', '--timeout', String(DEADLINE_S), '--known-hosts', '/dev/null/known_hosts', '--format', 'json', '-o', path.join(dir, 'unrecorded.json')]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /New OK1's host key ssh-ed25519 SHA256:\S+ could not be recorded: cannot write known_hosts \/dev\/null\/known_hosts: .*; it is trusted for this poll only/);
    assert.ok(!/Recorded OK1's host key/.test(run.stderr), run.stderr);
    const report = JSON.parse(await readFile(path.join(dir, 'unrecorded.json'), 'utf8')) as PollReport;
    assert.equal(report.devices.find((d) => d.name === 'OK1')?.status, 'finished');
  });
});
