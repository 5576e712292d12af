// A live status line at the bottom of a terminal (`[12/40] 10 running, 1 failed`), kept
// below the log lines as they scroll. Off when stderr is not a terminal.
import { DevicePoll } from '../core/poll/devicePoll';

const CLEAR_LINE = '\r\x1b[K';

export class ProgressLine {
  private shown = '';

  constructor(private readonly write: (text: string) => void, private readonly enabled: boolean) {}

  /** Writes a log line above the status line. */
  log(line: string): void {
    if (this.enabled && this.shown) this.write(CLEAR_LINE);
    this.write(line);
    if (this.enabled && this.shown) this.write(this.shown);
  }

  update(polls: readonly DevicePoll[]): void {
    if (!this.enabled) return;
    const count = (state: DevicePoll['state']) => polls.filter((p) => p.state === state).length;
    const done = polls.filter((p) => p.isFinal).length;
    const failed = count('failed');
    this.shown = `[${done}/${polls.length}] ${count('running')} running${failed > 0 ? `, ${failed} failed` : ''}`;
    this.write(CLEAR_LINE + this.shown);
  }

  clear(): void {
    if (this.enabled && this.shown) this.write(CLEAR_LINE);
    this.shown = '';
  }
}
