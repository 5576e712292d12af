// Sessions in worker threads: the same results as on the main thread, cancellable, with
// host keys and per-command events reported back.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseInventory } from '../../src/core/inventory/inventory';
import { knownHostsCache, prepareWork } from '../../src/core/poll/deviceWork';
import { DeviceJob } from '../../src/core/poll/executor';
import { PollRun } from '../../src/core/poll/pollRun';
import { WorkerPool } from '../../src/core/poll/workerPool';
import { expectedOutput } from '../lab/expected';
import { DeviceLab } from '../lab/lab';

describe('sessions in worker threads', function () {
  let lab: DeviceLab;
  let dir: string;
  before(async () => {
    lab = await DeviceLab.start([
      ...Array.from({ length: 6 }, (_, i) => ({ name: `T${i + 1}`, secret: 'en', platform: i % 2 ? ('arista_eos' as const) : ('cisco_ios' as const) })),
      { name: 'SLOW', secret: 'en', showDelayMs: 5_000 },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-threads-'));
  });
  after(() => lab?.stop());

  it('polls on two worker threads with exact outputs, command events and recorded host keys', async () => {
    const devices = parseInventory(lab.inventoryYaml()).devices.filter((d) => d.name !== 'SLOW');
    const knownHostsFile = path.join(dir, 'known_hosts');
    const newKeys: string[] = [];
    const run = new PollRun({ inventory: 'lab', devices, commands: ['show version'], maxWorkers: 4, order: 'inventory', ssh: { threads: 2, knownHostsFile, onNewHostKey: (d) => newKeys.push(d.name) } });
    let commandEvents = 0;
    run.executor.on('command', () => commandEvents++);
    run.start();
    await run.finish();
    const report = run.report();
    assert.deepEqual(report.summary, { total: 6, finished: 6, failed: 0, cancelled: 0, skipped: 0 });
    for (const d of report.devices) {
      const platform = lab.devices.find((l) => l.name === d.name)!.platform;
      assert.equal(d.commands[0].output, expectedOutput(platform, d.name, 'show version').join('\n'));
      assert.ok(d.timings.connect !== undefined && d.timings.auth !== undefined && d.timings.prepare !== undefined);
    }
    assert.equal(commandEvents, 6);
    assert.deepEqual(newKeys.sort(), devices.map((d) => d.name).sort());
    assert.equal((await readFile(knownHostsFile, 'utf8')).trim().split('\n').length, 6);
  });

  it('cancels a session running in a worker thread promptly', async () => {
    const devices = parseInventory(lab.inventoryYaml()).devices.filter((d) => d.name === 'SLOW');
    const run = new PollRun({ inventory: 'lab', devices, commands: ['show version'], maxWorkers: 1, ssh: { threads: 1, hostKeyPolicy: 'off' } });
    let cancelAt = 0;
    run.executor.on('state', (poll) => {
      if (poll.state === 'running') {
        // The device takes 5 s per show command: cancel while the worker is mid-session.
        setImmediate(() => {
          cancelAt = performance.now();
          run.cancel();
        });
      }
    });
    run.start();
    await run.finish();
    const report = run.report();
    assert.equal(report.devices[0].status, 'cancelled');
    assert.ok(performance.now() - cancelAt < 1_000, 'cancelling took a second or more');
  });

  it('in an editor, worker threads run below the main thread on Linux; on the command line, at its priority', async function () {
    const own = getPriority();
    if (process.platform !== 'linux' || own === 19) this.skip();
    const devices = parseInventory(lab.inventoryYaml()).devices.filter((d) => d.name === 'T1');
    // Each thread's nice value (field 19 of its stat), read while the worker runs a device.
    const threadNices = async (servesEditor: boolean) => {
      const run = new PollRun({ inventory: 'lab', devices, commands: ['show version'], maxWorkers: 1, ssh: { threads: 1, servesEditor, hostKeyPolicy: 'off' } });
      let nices: number[] = [];
      run.executor.once('command', () => {
        nices = readdirSync('/proc/self/task').map((task) => Number(readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1].split(' ')[16]));
      });
      run.start();
      await run.finish();
      assert.equal(run.report().summary.finished, 1);
      return nices;
    };
    const editor = await threadNices(true);
    assert.ok(editor.includes(Math.min(19, own + 10)), `a worker thread below the main thread's priority ${own}: ${editor.join(' ')}`);
    assert.equal(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[16]), own, 'the main thread keeps its priority');
    const commandLine = await threadNices(false);
    assert.ok(commandLine.length > 1 && commandLine.every((nice) => nice === own), `every thread at ${own}: ${commandLine.join(' ')}`);
  });

  it('a worker thread that dies fails only the device it was running; the devices after it run on a new one', async () => {
    // A poll worker that dies the way one out of memory does, when it is given this command.
    const script = path.join(dir, 'dyingWorker.js');
    const realWorker = path.resolve(__dirname, '../../src/core/poll/pollWorker.js');
    await writeFile(script, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => { if (m.type === 'run' && m.work.commands.includes('crash the worker')) process.exit(70); });
require(${JSON.stringify(realWorker)});
`);
    const pool = new WorkerPool(1, { background: false }, script);
    const job: DeviceJob = async (poll, { signal }) => {
      const work = await prepareWork(poll.device, { commands: poll.device.name === 'T1' ? ['crash the worker'] : ['show version'], hostKeyPolicy: 'off' });
      await pool.run(work, { signal, knownHosts: knownHostsCache(), onPhase: () => undefined, onNewKey: () => undefined, onCommand: (result) => poll.addCommand(result), onMessage: (message) => poll.addMessage(message) });
    };
    const devices = parseInventory(lab.inventoryYaml()).devices.filter((d) => ['T1', 'T2', 'T3'].includes(d.name));
    const run = new PollRun({ inventory: 'lab', devices, commands: [], maxWorkers: 1, order: 'inventory', job });
    run.start();
    await run.finish();
    const report = run.report();
    await pool.close();
    assert.deepEqual(report.devices.map((d) => [d.name, d.status]), [['T1', 'failed'], ['T2', 'finished'], ['T3', 'finished']]);
    assert.equal(report.devices[0].error?.kind, 'internal');
    assert.match(report.devices[0].error?.message ?? '', /worker thread running this device stopped: it exited with code 70/);
    for (const d of report.devices.slice(1)) assert.equal(d.commands[0].output, expectedOutput(lab.devices.find((l) => l.name === d.name)!.platform, d.name, 'show version').join('\n'));
  });
});
