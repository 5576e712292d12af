// Sessions in worker threads: the same results as on the main thread, cancellable, with
// host keys and per-command events reported back.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseInventory } from '../../src/core/inventory/inventory';
import { PollRun } from '../../src/core/poll/pollRun';
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
    const report = await run.finish();
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
    const report = await run.finish();
    assert.equal(report.devices[0].status, 'cancelled');
    assert.ok(performance.now() - cancelAt < 1_000, 'cancelling took a second or more');
  });
});
