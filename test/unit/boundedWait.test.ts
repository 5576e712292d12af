import { strict as assert } from 'node:assert';
import { boundedWait, MAX_TIMER_MS } from '../../src/core/session/boundedWait';
import { SessionError } from '../../src/core/session/errors';

const timeout = () => new SessionError('command-timeout', 'timed out');

describe('boundedWait', () => {
  it('settles with the work when it is done in time', async () => {
    assert.equal(await boundedWait<number>((resolve) => setTimeout(() => resolve(7), 5), { timeoutMs: 1_000, onTimeout: timeout }), 7);
  });

  it('fails with the timeout and lets go of the work', async () => {
    let gaveUp = 0;
    const err = await boundedWait(() => undefined, { timeoutMs: 10, onTimeout: timeout, giveUp: () => gaveUp++ }).catch((e: unknown) => e);
    assert.equal((err as SessionError).kind, 'command-timeout');
    assert.equal(gaveUp, 1);
  });

  it('a timeout longer than Node timers allow waits instead of firing at once', async () => {
    // Node fires a timer of more than 2^31 - 1 ms after 1 ms; the wait must still be going.
    const value = await boundedWait<string>((resolve) => setTimeout(() => resolve('done'), 30), { timeoutMs: 3_000_000 * 1000, onTimeout: timeout });
    assert.equal(value, 'done');
    assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
  });

  it('an abort ends the wait at once as cancelled, before or during it', async () => {
    const controller = new AbortController();
    let gaveUp = 0;
    const waiting = boundedWait(() => undefined, { timeoutMs: 60_000, onTimeout: timeout, signal: controller.signal, giveUp: () => gaveUp++ });
    controller.abort();
    assert.equal(((await waiting.catch((e: unknown) => e)) as SessionError).kind, 'cancelled');
    assert.equal(gaveUp, 1);
    const late = await boundedWait(() => undefined, { timeoutMs: 60_000, onTimeout: timeout, signal: controller.signal }).catch((e: unknown) => e);
    assert.equal((late as SessionError).kind, 'cancelled');
  });
});
