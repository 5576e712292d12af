// The one way a session waits on the other side: every wait has a timeout, and a cancel (or
// the device's deadline, which aborts the same signal) ends it at once. No phase can hang.
import { SessionError } from './errors';

/** Node's timers fire at once past this (2^31 - 1 ms, about 24.8 days); longer waits are clamped. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface WaitBounds {
  timeoutMs: number;
  /** The error a timeout fails with. */
  onTimeout: () => Error;
  signal?: AbortSignal;
  /** Called once if the wait ends by timeout or abort, to let go of what it was waiting on. */
  giveUp?: () => void;
}

/** A setTimeout that never fires early because its delay is out of Node's range. */
export function boundedTimer(callback: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(callback, Math.min(Math.max(0, ms), MAX_TIMER_MS));
}

export function cancelled(): SessionError {
  return new SessionError('cancelled', 'cancelled');
}

/**
 * Runs `start`, which settles through the callbacks it is given, and fails it with
 * `onTimeout()` or as cancelled if it has not settled in time. Whichever comes first wins.
 */
export function boundedWait<T>(start: (resolve: (value: T) => void, reject: (err: Error) => void) => void, bounds: WaitBounds): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal } = bounds;
    if (signal?.aborted) return reject(cancelled());
    let settled = false;
    const finish = (settle: () => void, givingUp: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (givingUp) bounds.giveUp?.();
      settle();
    };
    const onAbort = () => finish(() => reject(cancelled()), true);
    const timer = boundedTimer(() => finish(() => reject(bounds.onTimeout()), true), bounds.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      start(
        (value) => finish(() => resolve(value), false),
        (err) => finish(() => reject(err), false),
      );
    } catch (err) {
      finish(() => reject(err as Error), false);
    }
  });
}
