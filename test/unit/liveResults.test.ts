// The live results document's text while a poll runs and once it ends: each device's block taken
// as it is stored reads as the store's own rendering, and a document too long for VS Code to
// follow says, while the poll runs, that the others come at the end.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeviceSpec } from '../../src/core/inventory/inventory';
import { DevicePoll } from '../../src/core/poll/devicePoll';
import { DeviceJob } from '../../src/core/poll/executor';
import { PollRun } from '../../src/core/poll/pollRun';
import { PollStorage } from '../../src/core/poll/pollStorage';
import { openPoll } from '../../src/core/results/storedPolls';
import { storedPollText } from '../../src/core/results/storedRender';
import type { InventoryPoll } from '../../src/ui/devicesModel';
import { LiveResultsText } from '../../src/ui/liveResults';
import { FOLLOWED_UP_TO_CHARACTERS } from '../../src/ui/refreshPacer';

const device = (name: string): DeviceSpec => ({ name, host: '127.0.0.1', port: 22, deviceType: 'cisco_ios', line: 1, timeouts: {}, jumps: [], tags: [] });

/** A poll of `names` whose devices each answer `show version` with `lines` lines, as the test says. */
async function livePoll(store: string, names: string[], lines: number) {
  const finish = new Map<string, () => void>();
  const job: DeviceJob = (poll, { commandDone }) =>
    new Promise<void>((resolve) => {
      finish.set(poll.device.name, () => {
        const result = { command: 'show version', output: Array.from({ length: lines }, (_, i) => `${poll.device.name} line ${i}`).join('\n'), failed: false, elapsedMs: 1 };
        poll.commands.push(result);
        commandDone(result);
        resolve();
      });
    });
  const run = new PollRun({ inventory: 'devices.yaml', devices: names.map(device), commands: ['show version'], maxWorkers: names.length, job });
  const live: { text?: LiveResultsText } = {};
  // As the extension does: each device's block is taken from the report just stored.
  const storage = PollStorage.attach(run, store, { removeSecrets: true, onStored: (report, handle) => live.text?.stored(handle, report) });
  const poll = { name: 'devices.yaml', run, storage, format: 'yaml', partial: false } as unknown as InventoryPoll;
  const text = (live.text = new LiveResultsText(poll));
  const handles = run.start();
  const byName = (name: string): DevicePoll => handles.find((h) => h.device.name === name)!;
  return {
    run,
    storage,
    poll,
    text,
    finish: async (name: string) => {
      finish.get(name)!();
      await byName(name).done;
    },
  };
}

describe('LiveResultsText', () => {
  let store: string;
  beforeEach(async () => (store = await mkdtemp(path.join(tmpdir(), 'netpoll-live-'))));
  afterEach(() => rm(store, { recursive: true, force: true }));

  it('reads, once the poll ends, as the stored poll does', async () => {
    const live = await livePoll(store, ['R1', 'R2', 'R3'], 3);
    await live.finish('R2');
    assert.match(await live.text.render(), /^# polling: 1 of 3 devices done\n/);
    await live.finish('R3');
    await live.finish('R1');
    const totals = await live.run.finish();
    await live.storage.finish(live.run, totals);
    live.poll.totals = totals;
    const text = await live.text.render();
    assert.match(text, /^# 3 devices: 3 finished, 0 failed in /);
    assert.equal(text.slice(text.indexOf('\n') + 1), await storedPollText(await openPoll(live.storage.dir), 'yaml'));
  });

  it('says while the poll runs that a document too long to follow shows the others at the end', async () => {
    const linesForHalf = Math.ceil(FOLLOWED_UP_TO_CHARACTERS / 2 / 'R1 line 1000'.length);
    const live = await livePoll(store, ['R1', 'R2', 'R3'], linesForHalf);
    await live.finish('R1');
    const short = await live.text.render();
    assert.ok(short.length < FOLLOWED_UP_TO_CHARACTERS);
    assert.match(short.split('\n')[0], /^# polling: 1 of 3 devices done$/);
    await live.finish('R2');
    const long = await live.text.render();
    assert.ok(long.length > FOLLOWED_UP_TO_CHARACTERS);
    assert.match(long.split('\n')[0], /^# polling: 2 of 3 devices done; the others appear here when the poll ends/);
    await live.finish('R3');
    live.poll.totals = await live.run.finish();
    assert.match((await live.text.render()).split('\n')[0], /^# 3 devices: 3 finished, 0 failed in /);
  });
});
