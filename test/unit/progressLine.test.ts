import { strict as assert } from 'node:assert';
import { ProgressLine, ProgressClock } from '../../src/cli/progressLine';
import { DeviceSpec } from '../../src/core/inventory/inventory';
import { DevicePoll } from '../../src/core/poll/devicePoll';

const device = (name: string): DeviceSpec => ({ name, host: '127.0.0.1', port: 22, deviceType: 'cisco_ios', line: 1, timeouts: {}, jumps: [], tags: [] });

/** A clock the test moves by hand, with the redraw it was asked to run later. */
function manualClock() {
  let now = 0;
  let due: { redraw: () => void; at: number } | undefined;
  const clock: ProgressClock = {
    now: () => now,
    later: (redraw, ms) => {
      due = { redraw, at: now + ms };
      return () => (due = undefined);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    if (due && due.at <= now) {
      const { redraw } = due;
      due = undefined;
      redraw();
    }
  };
  return { clock, advance, pending: () => due !== undefined };
}

describe('progress line', () => {
  it('counts every state change of a run, whatever order the events come in', () => {
    const line = new ProgressLine(() => undefined, true, 100, manualClock().clock);
    const polls = ['A', 'B', 'C', 'D'].map((name, i) => new DevicePoll(device(name), i));
    const step = (poll: DevicePoll, change: () => void) => {
      change();
      line.track(poll);
      return line.status;
    };
    assert.deepEqual(
      [
        ...polls.map((p) => step(p, () => undefined)),
        step(polls[0], () => polls[0].markRunning()),
        step(polls[1], () => polls[1].markRunning()),
        step(polls[1], () => undefined), // the same state again changes nothing
        step(polls[0], () => polls[0].settle('finished')),
        step(polls[1], () => polls[1].settle('failed', { kind: 'auth', message: 'no' })),
        step(polls[2], () => polls[2].markRunning()),
        step(polls[2], () => polls[2].requeue()),
        step(polls[3], () => polls[3].settle('cancelled')),
        step(polls[2], () => polls[2].markRunning()),
        step(polls[2], () => polls[2].settle('finished')),
      ],
      [
        '[0/1] 0 running',
        '[0/2] 0 running',
        '[0/3] 0 running',
        '[0/4] 0 running',
        '[0/4] 1 running',
        '[0/4] 2 running',
        '[0/4] 2 running',
        '[1/4] 1 running',
        '[2/4] 0 running, 1 failed',
        '[2/4] 1 running, 1 failed',
        '[2/4] 0 running, 1 failed',
        '[3/4] 0 running, 1 failed',
        '[3/4] 1 running, 1 failed',
        '[4/4] 0 running, 1 failed',
      ],
    );
  });

  it('draws at most once per interval, and the latest counts when it is up', () => {
    const writes: string[] = [];
    const { clock, advance, pending } = manualClock();
    const line = new ProgressLine((text) => writes.push(text), true, 100, clock);
    const polls = Array.from({ length: 1000 }, (_, i) => new DevicePoll(device(`R${i}`), i));
    for (const poll of polls) line.track(poll);
    for (const poll of polls) {
      poll.markRunning();
      line.track(poll);
    }
    assert.deepEqual(writes, ['\r\x1b[K[0/1] 0 running'], 'only the first change is drawn at once');
    advance(99);
    assert.equal(writes.length, 1);
    advance(1);
    assert.deepEqual(writes.slice(1), ['\r\x1b[K[0/1000] 1000 running']);
    assert.equal(pending(), false);
    line.clear();
    assert.deepEqual(writes.slice(2), ['\r\x1b[K']);
  });

  it('keeps log lines above the status line, and draws nothing when off', () => {
    const writes: string[] = [];
    const line = new ProgressLine((text) => writes.push(text), true, 100, manualClock().clock);
    line.track(new DevicePoll(device('A'), 0));
    line.log('===> A\n');
    assert.deepEqual(writes, ['\r\x1b[K[0/1] 0 running', '\r\x1b[K', '===> A\n', '[0/1] 0 running']);
    const quiet: string[] = [];
    const off = new ProgressLine((text) => quiet.push(text), false);
    off.track(new DevicePoll(device('A'), 0));
    off.log('===> A\n');
    off.clear();
    assert.deepEqual(quiet, ['===> A\n']);
  });
});
