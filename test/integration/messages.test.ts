// Syslog lines a lab device writes around its commands (`terminal monitor`) reach the results as
// messages of their own, never inside an output: on the main thread, in a worker thread, in the
// store, and in what the command line prints.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseInventory } from '../../src/core/inventory/inventory';
import { PollRun } from '../../src/core/poll/pollRun';
import { PollStorage } from '../../src/core/poll/pollStorage';
import { DeviceReport, PollReport } from '../../src/core/results/report';
import { DeviceLab } from '../lab/lab';
import { netpoll } from './netpollProcess';
import { assertValidReport } from './resultsSchema';

const COMMANDS = ['show clock', 'show version'];
const SYSLOG = /^\*\w{3} +\d+ [\d:.]+: %LINK-3-UPDOWN: /;

/** Each lab device logs once per command: the message is that command's, and no output holds it. */
function assertMessagesApart(d: DeviceReport): void {
  assert.equal(d.status, 'finished', `${d.name}: ${d.error?.message}`);
  assert.deepEqual(d.messages.map((m) => m.command), COMMANDS, d.name);
  for (const m of d.messages) assert.match(m.text, SYSLOG, d.name);
  for (const c of d.commands) assert.doesNotMatch(c.output, /%LINK-3-UPDOWN/, `${d.name} ${c.command}`);
  assert.equal(d.messagesDropped, undefined);
}

describe('messages from the devices (syslog from terminal monitor)', function () {
  let lab: DeviceLab;
  let dir: string;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'LOG1', secret: 'en', syslog: { at: 'inside-output', synchronous: false } },
      { name: 'LOG2', secret: 'en', syslog: { at: 'before-echo', synchronous: true } },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-messages-'));
  });
  after(async () => {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const threads of [0, 1]) {
    it(`keeps them apart from the outputs, each with its command, in the store (${threads === 0 ? 'main thread' : 'worker thread'})`, async () => {
      const run = new PollRun({ inventory: 'lab', devices: parseInventory(lab.inventoryYaml()).devices, commands: COMMANDS, maxWorkers: 2, order: 'inventory', ssh: { threads, hostKeyPolicy: 'off' } });
      const storage = PollStorage.attach(run, path.join(dir, `store-${threads}`), { removeSecrets: true });
      let events = 0;
      run.executor.on('message', () => events++);
      const handles = run.start();
      await run.finish();
      for (const handle of handles) assertMessagesApart(await storage.read(handle));
      assert.equal(events, 4);
      assert.deepEqual(handles.map((h) => h.messageCount), [2, 2]);
    });
  }

  it('prints them in the command line results and says how many came', async () => {
    const inventory = path.join(dir, 'devices.yaml');
    await writeFile(inventory, lab.inventoryYaml());
    const exit = await netpoll(['poll', inventory, '-c', COMMANDS[0], '-c', COMMANDS[1], '--host-keys', 'off', '--format', 'yaml']);
    assert.equal(exit.code, 0, exit.stderr);
    const report = parse(exit.stdout) as PollReport;
    assertValidReport(report);
    for (const d of report.devices) assertMessagesApart(d);
    assert.match(exit.stderr, /^<=== [\d:.]+ Received: LOG1 in \d+\.\d\d s \(2 messages from the device\)$/m);
  });
});
