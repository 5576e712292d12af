// What a device has sent since the last take(), and waits on its end.
// Patterns are only ever tested against a bounded tail, so reading a huge output stays linear.

const TAIL_CHARS = 2048;

interface Waiter {
  test: (tail: string) => boolean;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  settleMs: number;
  settleTimer?: NodeJS.Timeout;
}

export class ReceiveBuffer {
  /** @param view what waits see of the tail (e.g. with colour codes removed). */
  constructor(private readonly view: (tail: string) => string = (tail) => tail) {}

  private chunks: string[] = [];
  private tailText = '';
  private waiter: Waiter | undefined;
  private failure: Error | undefined;

  /** The last characters received, for prompt matching and error messages. */
  get tail(): string {
    return this.tailText;
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.chunks.push(text);
    this.tailText = (this.tailText + text).slice(-TAIL_CHARS);
    this.check();
  }

  /** The connection is gone: whoever waits (now or later) gets this error. */
  fail(err: Error): void {
    this.failure ??= err;
    const waiter = this.waiter;
    if (waiter) {
      this.finish(waiter);
      waiter.reject(this.failure);
    }
  }

  /** Everything received so far; the buffer starts empty again. */
  take(): string {
    const all = this.chunks.join('');
    this.chunks = [];
    this.tailText = '';
    return all;
  }

  /**
   * Resolves once `test` holds for the tail and then nothing more arrives for `settleMs`
   * (a prompt-looking line inside a long output is followed by more output).
   */
  waitUntil(test: (tail: string) => boolean, timeoutMs: number, onTimeout: () => Error, settleMs = 0): Promise<void> {
    if (this.waiter) throw new Error('ReceiveBuffer: one wait at a time');
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.finish(waiter);
        reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter = { test, resolve, reject, timer, settleMs };
      this.waiter = waiter;
      this.check();
    });
  }

  /** Waits for the first of `patterns` to match the end of the received text; returns its index. */
  async waitForAny(patterns: RegExp[], timeoutMs: number, onTimeout: () => Error, settleMs = 0): Promise<number> {
    let matched = -1;
    await this.waitUntil(
      (tail) => {
        matched = patterns.findIndex((pattern) => pattern.test(tail));
        return matched >= 0;
      },
      timeoutMs,
      onTimeout,
      settleMs,
    );
    return matched;
  }

  private check(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    clearTimeout(waiter.settleTimer);
    waiter.settleTimer = undefined;
    if (!waiter.test(this.view(this.tailText))) return;
    if (waiter.settleMs <= 0) {
      this.finish(waiter);
      waiter.resolve();
      return;
    }
    waiter.settleTimer = setTimeout(() => {
      this.finish(waiter);
      waiter.resolve();
    }, waiter.settleMs);
  }

  private finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    clearTimeout(waiter.settleTimer);
    if (this.waiter === waiter) this.waiter = undefined;
  }
}
