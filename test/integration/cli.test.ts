// The netpoll command line as a separate process: Ctrl-C, the per-device deadline, threads.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PollReport } from '../../src/core/results/report';
import { DeviceLab } from '../lab/lab';
import { assertValidReport } from './resultsSchema';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');

interface Finished {
  code: number | null;
  stderr: string;
}

/** Runs netpoll; `onStderr` sees each chunk of its log and may signal it. */
function netpoll(args: string[], onStderr: (text: string, child: ReturnType<typeof spawn>) => void = () => undefined): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr(stderr, child);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('netpoll command line (a real process)', function () {
  let lab: DeviceLab;
  let dir: string;
  let inventory: string;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'FAST1', secret: 'en' },
      { name: 'FAST2', secret: 'en' },
      { name: 'SLOW1', secret: 'en', showDelayMs: 4_000 },
      { name: 'SLOW2', secret: 'en', showDelayMs: 4_000 },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-cli-'));
    inventory = path.join(dir, 'devices.yaml');
    await writeFile(inventory, lab.inventoryYaml());
  });
  after(() => lab?.stop());

  const common = () => ['--host-keys', 'off', '--format', 'json'];

  it('Ctrl-C cancels what is still running and still writes what finished', async () => {
    const output = path.join(dir, 'interrupted.json');
    let interrupted = false;
    const { code, stderr } = await netpoll(['poll', inventory, '-w', '4', '-o', output, ...common()], (log, child) => {
      // Both fast devices answered: interrupt while the slow ones are mid-session.
      if (!interrupted && (log.match(/Received: FAST/g) ?? []).length === 2) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    assert.equal(code, 1);
    assert.match(stderr, /cancelling; results so far will still be written/);
    const report = JSON.parse(await readFile(output, 'utf8')) as PollReport;
    assertValidReport(report);
    const status = Object.fromEntries(report.devices.map((d) => [d.name, d.status]));
    assert.deepEqual(status, { FAST1: 'finished', FAST2: 'finished', SLOW1: 'cancelled', SLOW2: 'cancelled' });
  });

  it('--timeout fails a device that takes longer, with kind deadline', async () => {
    const output = path.join(dir, 'deadline.json');
    const { code } = await netpoll(['poll', inventory, '-w', '4', '--timeout', '1', '-o', output, ...common()]);
    assert.equal(code, 1);
    const report = JSON.parse(await readFile(output, 'utf8')) as PollReport;
    const slow = report.devices.filter((d) => d.name.startsWith('SLOW'));
    assert.deepEqual(slow.map((d) => d.error?.kind), ['deadline', 'deadline']);
    assert.equal(slow[0].error?.message, 'did not finish within the 1 s deadline');
    assert.deepEqual(report.devices.filter((d) => d.name.startsWith('FAST')).map((d) => d.status), ['finished', 'finished']);
  });

  it('--threads 2 polls the same as the main thread', async () => {
    const output = path.join(dir, 'threads.json');
    await writeFile(path.join(dir, 'fast.devices.yaml'), lab.inventoryYaml().split(/(?=^- name: SLOW1)/m)[0]);
    const { code, stderr } = await netpoll(['poll', path.join(dir, 'fast.devices.yaml'), '--threads', '2', '-c', 'show version', '-o', output, ...common()]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(await readFile(output, 'utf8')) as PollReport;
    assert.deepEqual(report.devices.map((d) => d.status), ['finished', 'finished']);
    assert.match(report.devices[0].commands[0].output, /Cisco IOS Software/);
  });

  it('rejects bad --threads and --timeout values with exit status 2', async () => {
    assert.equal((await netpoll(['poll', inventory, '--threads', 'many'])).code, 2);
    const { code, stderr } = await netpoll(['poll', inventory, '--timeout', '0']);
    assert.equal(code, 2);
    assert.match(stderr, /--timeout must be a number of seconds greater than 0, not "0"/);
  });

  it('--known-hosts ~/... records keys in the home folder, as key_file reads from it', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'netpoll-home-'));
    const one = await DeviceLab.start([{ name: 'HOMED', secret: 'en' }]);
    try {
      const file = path.join(dir, 'homed.devices.yaml');
      await writeFile(file, one.inventoryYaml());
      const child = spawn(process.execPath, [CLI, 'poll', file, '--known-hosts', '~/ssh/known_hosts', '--format', 'json', '-c', 'show version'], { stdio: 'ignore', env: { ...process.env, HOME: home } });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 0);
      const recorded = await readFile(path.join(home, 'ssh', 'known_hosts'), 'utf8');
      assert.match(recorded, new RegExp(`^\\[127\\.0\\.0\\.1\\]:${one.devices[0].port} ssh-ed25519 `));
    } finally {
      await one.stop();
    }
  });
});
