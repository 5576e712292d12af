// What a device has sent since the last take(), and waits on its end.
// Patterns are only ever tested against a bounded tail, so reading a huge output stays linear.

import { boundedTimer } from './boundedWait';

const TAIL_CHARS = 2048;

/** What a wait looks for on the last line received, and how long it must then stay quiet. */
export interface Expectation {
  /** `tail` gives the last few lines as the wait sees them, for a match that needs more than one. */
  matches: (lastLine: string, tail: () => string) => boolean;
  /** Quiet time after a match before it counts (a prompt-looking line inside a long output is followed by more). */
  settleMs?: number;
}

interface Waiter {
  /** The quiet time the received tail's match asks for; undefined while nothing matches. */
  test: (tail: string) => number | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  settleTimer?: NodeJS.Timeout;
}

export class ReceiveBuffer {
  /** @param view what waits see of the tail (e.g. with colour codes removed). */
  constructor(private readonly view: (tail: string) => string = (tail) => tail) {}

  /** Sees every text as it arrives (before any wait is checked). */
  onPush: ((text: string) => void) | undefined;
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
    this.onPush?.(text);
    this.chunks.push(text);
    this.tailText = text.length >= TAIL_CHARS ? text.slice(-TAIL_CHARS) : (this.tailText + text).slice(-TAIL_CHARS);
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
   * Waits for the first of `expected` to match the end of the received text and settle; returns its index.
   * Prompts and pagers wait for input, so they end the text: only its last line is searched.
   */
  async waitForAny(expected: Expectation[], timeoutMs: number, onTimeout: () => Error): Promise<number> {
    let matched = -1;
    await this.wait(
      (tail) => {
        const end = this.view(lastLine(tail));
        const wholeTail = () => this.view(tail);
        matched = expected.findIndex(({ matches }) => matches(end, wholeTail));
        return matched >= 0 ? (expected[matched].settleMs ?? 0) : undefined;
      },
      timeoutMs,
      onTimeout,
    );
    return matched;
  }

  private wait(test: Waiter['test'], timeoutMs: number, onTimeout: () => Error): Promise<void> {
    if (this.waiter) throw new Error('ReceiveBuffer: one wait at a time');
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const timer = boundedTimer(() => {
        this.finish(waiter);
        reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter = { test, resolve, reject, timer };
      this.waiter = waiter;
      this.check();
    });
  }

  private check(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    clearTimeout(waiter.settleTimer);
    waiter.settleTimer = undefined;
    const settleMs = waiter.test(this.tailText);
    if (settleMs === undefined) return;
    const done = () => {
      this.finish(waiter);
      waiter.resolve();
    };
    if (settleMs > 0) waiter.settleTimer = setTimeout(done, settleMs);
    else done();
  }

  private finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    clearTimeout(waiter.settleTimer);
    if (this.waiter === waiter) this.waiter = undefined;
  }
}

/** The text from its last line break on (a break that ends the text does not count). */
function lastLine(text: string): string {
  const at = text.lastIndexOf('\n', text.length - 2);
  return at < 0 ? text : text.slice(at);
}
