// A live status line at the bottom of a terminal (`[12/40] 10 running, 1 failed`), kept
// below the log lines as they scroll. Off when stderr is not a terminal.
import { DevicePoll, PollState } from '../core/poll/devicePoll';

const CLEAR_LINE = '\r\x1b[K';

export interface ProgressClock {
  now(): number;
  /** Runs `redraw` after `ms`; returns how to cancel it. */
  later(redraw: () => void, ms: number): () => void;
}

const REAL_CLOCK: ProgressClock = {
  now: () => performance.now(),
  later: (redraw, ms) => {
    const timer = setTimeout(redraw, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class ProgressLine {
  private shown = '';
  // Counts kept per event, never recounted from all polls: a state change costs the same
  // with 10 devices or 10,000. Each handle's last counted state says what to move from.
  private readonly counted = new WeakMap<DevicePoll, PollState>();
  private readonly byState: Record<PollState, number> = { pending: 0, running: 0, finished: 0, failed: 0, cancelled: 0 };
  private total = 0;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private cancelRedraw: (() => void) | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    /** Redraws at most this often; a change in between is drawn when the interval is up. */
    private readonly intervalMs = 100,
    private readonly clock: ProgressClock = REAL_CLOCK,
  ) {}

  /** Writes whole lines above the status line: to the log, or to `to` (stdout on the same terminal). */
  log(lines: string, to: (text: string) => void = this.write): void {
    if (this.enabled && this.shown) this.write(CLEAR_LINE);
    to(lines);
    if (this.enabled && this.shown) this.write(this.shown);
  }

  /** Counts a device's new state (a device seen for the first time adds to the total). */
  track(poll: DevicePoll): void {
    if (!this.enabled) return;
    const before = this.counted.get(poll);
    if (before === poll.state) return;
    if (before === undefined) this.total++;
    else this.byState[before]--;
    this.byState[poll.state]++;
    this.counted.set(poll, poll.state);
    this.redrawSoon();
  }

  /** The status as counted so far. */
  get status(): string {
    const { running, finished, failed, cancelled } = this.byState;
    return `[${finished + failed + cancelled}/${this.total}] ${running} running${failed > 0 ? `, ${failed} failed` : ''}`;
  }

  clear(): void {
    this.cancelRedraw?.();
    this.cancelRedraw = undefined;
    if (this.enabled && this.shown) this.write(CLEAR_LINE);
    this.shown = '';
  }

  private redrawSoon(): void {
    if (this.cancelRedraw) return; // already due; it will draw the latest counts
    const wait = this.lastDrawn + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.draw();
      return;
    }
    this.cancelRedraw = this.clock.later(() => {
      this.cancelRedraw = undefined;
      this.draw();
    }, wait);
  }

  private draw(): void {
    this.lastDrawn = this.clock.now();
    this.shown = this.status;
    this.write(CLEAR_LINE + this.shown);
  }
}
