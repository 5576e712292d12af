// A device's messages (lines it sent on its own) and uncertain ends on their way from the session
// to the store: kept in arrival order up to a bound, carried across worker threads, scrubbed like
// outputs, released from memory with them, and said in the progress log.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeviceSpec } from '../../src/core/inventory/inventory';
import { DevicePoll, MAX_MESSAGES } from '../../src/core/poll/devicePoll';
import { DeviceJob } from '../../src/core/poll/executor';
import { PollRun } from '../../src/core/poll/pollRun';
import { PollStorage } from '../../src/core/poll/pollStorage';
import { describeCommand, describeState } from '../../src/core/poll/progressLog';
import { WorkerPool } from '../../src/core/poll/workerPool';
import { DeviceReport } from '../../src/core/results/report';
import { CommandResult, UnsolicitedMessage } from '../../src/core/session/cliSession';

const device = (name: string): DeviceSpec => ({ name, host: '127.0.0.1', port: 22, deviceType: 'cisco_ios', line: 1, timeouts: {}, jumps: [], tags: [] });

const LOGGED = 'snmp-server community s3cret-community RO';

/** A job that plays a session: a message while setting up, `chatter` more during the first command, whose end is uncertain. */
function talkingJob(chatter: number): DeviceJob {
  return async (poll, { commandDone, messageArrived }) => {
    const message = (m: UnsolicitedMessage) => {
      poll.addMessage(m);
      messageArrived(m);
    };
    const command = (result: CommandResult) => {
      poll.addCommand(result);
      commandDone(result);
    };
    message({ text: '%SYS-5-CONFIG_I: Configured from console by vty0' });
    message({ text: LOGGED, command: 'show running-config' });
    for (let i = 0; i < chatter; i++) message({ text: `%LINK-3-UPDOWN: flap ${i}`, command: 'show running-config' });
    command({ command: 'show running-config', output: `hostname R1#\n${LOGGED}\n`, failed: false, elapsedMs: 3, uncertainEnd: true });
    command({ command: 'show clock', output: '10:00:00 UTC', failed: false, elapsedMs: 1 });
  };
}

/** Polls one device with `job` into a store; returns its handle, its stored report and the executor's message events. */
async function pollOne(store: string, job: DeviceJob, removeSecrets: boolean) {
  const run = new PollRun({ inventory: 'devices.yaml', devices: [device('R1')], commands: ['show running-config', 'show clock'], maxWorkers: 1, job });
  let stored: DeviceReport | undefined;
  const storage = PollStorage.attach(run, store, { removeSecrets, onStored: (report) => (stored = report) });
  let events = 0;
  run.executor.on('message', () => events++);
  const [handle] = run.start();
  await run.finish();
  return { handle, stored: stored!, read: await storage.read(handle), events };
}

describe('device messages and uncertain ends', () => {
  let store: string;
  beforeEach(async () => (store = await mkdtemp(path.join(tmpdir(), 'netpoll-messages-'))));
  afterEach(() => rm(store, { recursive: true, force: true }));

  it('stores them apart from the outputs, messages in arrival order with the command they came during', async () => {
    const { stored, read, events } = await pollOne(store, talkingJob(2), false);
    assert.deepEqual(read, stored, 'what is read back is what was stored');
    assert.deepEqual(read.messages, [
      { text: '%SYS-5-CONFIG_I: Configured from console by vty0', command: null },
      { text: LOGGED, command: 'show running-config' },
      { text: '%LINK-3-UPDOWN: flap 0', command: 'show running-config' },
      { text: '%LINK-3-UPDOWN: flap 1', command: 'show running-config' },
    ]);
    assert.equal(read.messagesDropped, undefined, 'none dropped: no count');
    assert.equal(read.commands[0].uncertainEnd, true);
    assert.ok(!('uncertainEnd' in read.commands[1]));
    assert.equal(events, 4);
  });

  it(`keeps at most ${MAX_MESSAGES} messages of a chatty device and counts the rest`, async () => {
    const { handle, read, events } = await pollOne(store, talkingJob(MAX_MESSAGES + 500), false);
    assert.equal(read.messages.length, MAX_MESSAGES);
    assert.equal(read.messages[MAX_MESSAGES - 1].text, `%LINK-3-UPDOWN: flap ${MAX_MESSAGES - 3}`, 'the first ones, in order');
    assert.equal(read.messagesDropped, 502);
    assert.equal(events, MAX_MESSAGES + 502, 'every message is announced, kept or not');
    // Stored: the text leaves memory; the counts stay for the tooltip and the log.
    assert.deepEqual([handle.messages.length, handle.messageCount, handle.messagesDropped, handle.uncertainEnds], [0, MAX_MESSAGES + 502, 502, ['show running-config']]);
  });

  it('removes secrets from messages as from outputs, and keeps them when asked', async () => {
    const scrubbed = (await pollOne(store, talkingJob(0), true)).read;
    assert.equal(scrubbed.messages[1].text, 'snmp-server community <removed> RO');
    assert.ok(scrubbed.commands[0].output.includes('snmp-server community <removed> RO'));
    assert.ok(!JSON.stringify(scrubbed).includes('s3cret-community'));
    const kept = (await pollOne(store, talkingJob(0), false)).read;
    assert.equal(kept.messages[1].text, LOGGED);
  });

  it('says an uncertain end in a log line of its own, and sums up the device when it is received', async () => {
    const { handle } = await pollOne(store, talkingJob(1), false);
    const entry = describeCommand(handle, { command: 'show running-config', output: '', failed: false, elapsedMs: 1, uncertainEnd: true })!;
    assert.deepEqual([entry.marker, entry.level, entry.text], ['!!!', 'warn', 'R1: show running-config (end uncertain: the output may be cut short)']);
    assert.equal(describeCommand(handle, { command: 'show clock', output: '', failed: false, elapsedMs: 1 }), undefined);
    const received = describeState(handle)!;
    assert.equal(received.level, 'warn');
    assert.match(received.text, /^Received: R1 in \d+\.\d\d s \(1 output may be cut short; 3 messages from the device\)$/);
  });

  it('takes no message once the device is final, and forgets them when it goes back to the queue', () => {
    const poll = new DevicePoll(device('R1'), 0);
    poll.markRunning();
    poll.addMessage({ text: 'a' });
    poll.addCommand({ command: 'show x', output: '', failed: false, elapsedMs: 1, uncertainEnd: true });
    poll.requeue();
    assert.deepEqual([poll.messages.length, poll.messageCount, poll.uncertainEnds.length], [0, 0, 0]);
    poll.markRunning();
    poll.addMessage({ text: 'b' });
    poll.settle('finished');
    poll.addMessage({ text: 'late' });
    assert.deepEqual(poll.messages, [{ text: 'b' }]);
    assert.equal(poll.messageCount, 1);
  });

  it('carries messages from a worker thread, in order with the commands', async () => {
    const script = path.join(store, 'worker.js');
    await writeFile(
      script,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type !== 'run') return;
  const post = (message) => parentPort.postMessage({ id: m.id, ...message });
  post({ type: 'message', message: { text: 'set-up line' } });
  post({ type: 'command', result: { command: 'show 0', output: 'x', failed: false, elapsedMs: 1, uncertainEnd: true } });
  post({ type: 'message', message: { text: 'later line', command: 'show 1' } });
  post({ type: 'done' });
});
`,
    );
    const pool = new WorkerPool(1, { background: false }, script);
    const seen: string[] = [];
    try {
      await pool.run({} as never, {
        signal: new AbortController().signal,
        knownHosts: async () => undefined as never,
        onPhase: () => undefined,
        onNewKey: () => undefined,
        onCommand: (result) => seen.push(`command ${result.command} uncertain=${result.uncertainEnd}`),
        onMessage: (message) => seen.push(`message ${message.text} during ${message.command}`),
      });
    } finally {
      await pool.close();
    }
    assert.deepEqual(seen, ['message set-up line during undefined', 'command show 0 uncertain=true', 'message later line during show 1']);
  });
});
