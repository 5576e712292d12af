import { strict as assert } from 'node:assert';
import { DeviceSpec } from '../../src/core/inventory/inventory';
import { DevicePoll } from '../../src/core/poll/devicePoll';
import { DeviceJob, PollExecutor } from '../../src/core/poll/executor';
import { SessionError } from '../../src/core/session/errors';

const device = (name: string): DeviceSpec => ({ name, host: '127.0.0.1', port: 22, deviceType: 'cisco_ios', line: 1, timeouts: {}, jumps: [], tags: [] });

/** A job each test finishes by hand, so order and concurrency are fully controlled. */
function manualJobs() {
  const started: string[] = [];
  const controls = new Map<string, { finish: () => void; fail: (err: Error) => void }>();
  let running = 0;
  let peak = 0;
  const job: DeviceJob = (poll, { signal }) =>
    new Promise<void>((resolve, reject) => {
      running++;
      peak = Math.max(peak, running);
      started.push(poll.device.name);
      const end = (fn: () => void) => () => {
        running--;
        fn();
      };
      controls.set(poll.device.name, { finish: end(resolve), fail: (err) => end(() => reject(err))() });
      signal.addEventListener('abort', end(() => reject(signal.reason)));
    });
  return { job, started, controls, peak: () => peak };
}

async function collect(gen: AsyncGenerator<DevicePoll>): Promise<string[]> {
  const names: string[] = [];
  for await (const poll of gen) names.push(poll.device.name);
  return names;
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PollExecutor', () => {
  it('runs at most maxWorkers jobs at once, the rest waiting in submit order', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 2, job: jobs.job });
    const polls = ['a', 'b', 'c', 'd'].map((n) => executor.submit(device(n)));
    assert.deepEqual(polls.map((p) => p.state), ['running', 'running', 'pending', 'pending']);
    jobs.controls.get('b')!.finish();
    await settle();
    assert.deepEqual(jobs.started, ['a', 'b', 'c']);
    jobs.controls.get('a')!.finish();
    jobs.controls.get('c')!.finish();
    await settle();
    jobs.controls.get('d')!.finish();
    await Promise.all(polls.map((p) => p.done));
    assert.equal(jobs.peak(), 2);
    assert.deepEqual(polls.map((p) => p.state), ['finished', 'finished', 'finished', 'finished']);
  });

  it('asCompleted yields in finish order; inOrder in submit order', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 3, job: jobs.job });
    ['a', 'b', 'c'].forEach((n) => executor.submit(device(n)));
    const completed = collect(executor.asCompleted());
    const ordered = collect(executor.inOrder());
    for (const name of ['c', 'a', 'b']) {
      jobs.controls.get(name)!.finish();
      await settle();
    }
    assert.deepEqual(await completed, ['c', 'a', 'b']);
    assert.deepEqual(await ordered, ['a', 'b', 'c']);
  });

  it('a failing device is captured on its handle and the others carry on', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 2, job: jobs.job });
    const [a, b, c] = ['a', 'b', 'c'].map((n) => executor.submit(device(n)));
    jobs.controls.get('a')!.fail(new SessionError('auth', 'authentication failed for 127.0.0.1:22', 'Check username and password.'));
    await settle();
    jobs.controls.get('b')!.finish();
    jobs.controls.get('c')!.finish();
    await Promise.all([a.done, b.done, c.done]);
    assert.equal(a.state, 'failed');
    assert.deepEqual(a.error, { kind: 'auth', message: 'authentication failed for 127.0.0.1:22', hint: 'Check username and password.' });
    assert.deepEqual([b.state, c.state], ['finished', 'finished']);
  });

  it('cancel: pending devices at once, running ones through their signal', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 1, job: jobs.job });
    const [a, b] = ['a', 'b'].map((n) => executor.submit(device(n)));
    executor.cancelAll();
    assert.equal(b.state, 'cancelled');
    await a.done;
    assert.equal(a.state, 'cancelled');
    assert.deepEqual(jobs.started, ['a']);
  });

  it('fails a device that runs past its deadline', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 1, job: jobs.job, deadlineMs: 20 });
    const poll = executor.submit(device('slow'));
    await poll.done;
    assert.equal(poll.state, 'failed');
    assert.equal(poll.error?.kind, 'deadline');
  });

  it('emits a state event for every transition', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 1, job: jobs.job });
    const seen: string[] = [];
    executor.on('state', (p) => seen.push(`${p.device.name}:${p.state}`));
    const poll = executor.submit(device('a'));
    jobs.controls.get('a')!.finish();
    await poll.done;
    await settle();
    assert.deepEqual(seen, ['a:pending', 'a:running', 'a:finished']);
  });

  it('keeps a final device before its state event, its done and the next device in its slot', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 1, job: jobs.job });
    const keeping: { name: string; state: string; kept: () => void }[] = [];
    executor.keepWith((poll) => new Promise<void>((kept) => keeping.push({ name: poll.device.name, state: poll.state, kept })));
    const seen: string[] = [];
    executor.on('state', (p) => seen.push(`${p.device.name}:${p.state}`));
    const [a, b, c] = ['a', 'b', 'c'].map((n) => executor.submit(device(n)));
    let aDone = false;
    void a.done.then(() => (aDone = true));
    jobs.controls.get('a')!.finish();
    await settle();
    assert.deepEqual(keeping.map((k) => `${k.name}:${k.state}`), ['a:finished'], 'a is kept once final');
    assert.equal(aDone, false, 'a is not done before it is kept');
    assert.equal(b.state, 'pending', 'b waits for a to be kept');
    assert.ok(!seen.includes('a:finished'), 'a is announced only once kept');
    // A pending device cancelled is kept too, without a slot.
    executor.cancel(c);
    await settle();
    assert.deepEqual(keeping.map((k) => k.name), ['a', 'c']);
    keeping[0].kept();
    await a.done;
    await settle();
    assert.ok(seen.includes('a:finished'));
    assert.deepEqual(jobs.started, ['a', 'b']);
    keeping[1].kept();
    await c.done;
    jobs.controls.get('b')!.finish();
    await settle();
    keeping[2].kept();
    await b.done;
    assert.deepEqual(seen.filter((s) => /finished|cancelled/.test(s)), ['a:finished', 'c:cancelled', 'b:finished']);
  });

  it('a job that ignores its abort cannot hold its device past the deadline or a cancel', async () => {
    const deaf: DeviceJob = () => new Promise<void>(() => undefined);
    const executor = new PollExecutor({ maxWorkers: 2, job: deaf, deadlineMs: 30 });
    const [late, cancelled] = ['late', 'cancelled'].map((n) => executor.submit(device(n)));
    executor.cancel(cancelled);
    await Promise.all([late.done, cancelled.done]);
    assert.equal(late.state, 'failed');
    assert.equal(late.error?.kind, 'deadline');
    assert.equal(cancelled.state, 'cancelled');
  });

  it('out of file descriptors: the device waits for a free session instead of failing, and fewer run at once', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 3, job: jobs.job });
    const limits: number[] = [];
    executor.on('limited', (sessions) => limits.push(sessions));
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => executor.submit(device(n)));
    jobs.controls.get('c')!.fail(new SessionError('resources', 'this machine ran out of file descriptors (EMFILE) connecting to 127.0.0.1:22'));
    await settle();
    assert.equal(c.state, 'pending');
    assert.deepEqual(limits, [2]);
    assert.deepEqual(jobs.started, ['a', 'b', 'c']);
    jobs.controls.get('a')!.finish();
    await settle();
    // c goes first again, and only two run at once from now on.
    assert.deepEqual(jobs.started, ['a', 'b', 'c', 'c']);
    assert.equal(d.state, 'pending');
    for (const name of ['b', 'c', 'd']) {
      jobs.controls.get(name)!.finish();
      await settle();
    }
    await Promise.all([a.done, b.done, c.done, d.done]);
    assert.deepEqual([a, b, c, d].map((p) => p.state), ['finished', 'finished', 'finished', 'finished']);
    assert.equal(jobs.peak(), 3);
  });

  it('out of file descriptors on many sessions at once: the limit is said once per poll', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 6, job: jobs.job });
    const limits: number[] = [];
    executor.on('limited', (sessions) => limits.push(sessions));
    const polls = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => executor.submit(device(n)));
    for (const name of ['b', 'c', 'd', 'e']) {
      jobs.controls.get(name)!.fail(new SessionError('resources', 'this machine ran out of file descriptors (EMFILE) connecting to 127.0.0.1:22'));
      await settle();
    }
    assert.deepEqual(limits, [5], 'one notice, however often the limit drops');
    assert.deepEqual(polls.map((p) => p.state).filter((s) => s === 'failed'), []);
    for (let round = 0; round < 8 && polls.some((p) => !p.isFinal); round++) {
      for (const poll of polls) if (poll.state === 'running') jobs.controls.get(poll.device.name)!.finish();
      await settle();
    }
    assert.ok(polls.every((p) => p.state === 'finished'), polls.map((p) => `${p.device.name}:${p.state}`).join(' '));
    assert.deepEqual(limits, [5]);
  });

  it('out of file descriptors with nothing else running: the device fails, saying why', async () => {
    const jobs = manualJobs();
    const executor = new PollExecutor({ maxWorkers: 2, job: jobs.job });
    const poll = executor.submit(device('alone'));
    jobs.controls.get('alone')!.fail(new SessionError('resources', 'this machine ran out of file descriptors (EMFILE) connecting to 127.0.0.1:22'));
    await poll.done;
    assert.equal(poll.state, 'failed');
    assert.equal(poll.error?.kind, 'resources');
  });
});
