// Walking what a device sent, without copying it: line starts found from either end (outputs
// can be megabytes), and echoes followed as the text arrives.
import { lineText } from './promptMatcher';

/** Line starts in a received text. */
export class Lines {
  constructor(
    private readonly text: string,
    private readonly view: (text: string) => string,
  ) {}

  lastStart(): number {
    return this.text.lastIndexOf('\n') + 1;
  }

  next(start: number): number | undefined {
    const end = this.text.indexOf('\n', start);
    return end < 0 ? undefined : end + 1;
  }

  /** The start of the nearest line before the one starting at `start` that `wanted` accepts (as shown). */
  previous(start: number, wanted: (shown: string) => boolean): number | undefined {
    let end = start - 1;
    while (end > 0) {
      const lineStart = this.text.lastIndexOf('\n', end - 1) + 1;
      if (wanted(this.shown(lineStart))) return lineStart;
      end = lineStart - 1;
    }
    return undefined;
  }

  /** The line starting at `start`, as shown. */
  shown(start: number): string {
    const end = this.text.indexOf('\n', start);
    return lineText(this.view(this.text.slice(start, end < 0 ? undefined : end)));
  }
}

/**
 * Follows, as text arrives, when each of some typed lines' echo came back: in order, each after
 * the one before it (a command may be sent twice), across chunk boundaries.
 */
export class EchoWatch {
  /** performance.now() when each echo was first seen. */
  readonly seenAt: number[] = [];
  private carry = '';
  private readonly longest: number;

  constructor(private readonly echoes: readonly string[]) {
    this.longest = Math.max(0, ...echoes.map((echo) => echo.length));
  }

  get complete(): boolean {
    return this.seenAt.length === this.echoes.length;
  }

  feed(chunk: string): void {
    if (this.complete) return;
    const text = this.carry + chunk;
    let from = 0;
    for (let at: number; !this.complete && (at = text.indexOf(this.echoes[this.seenAt.length], from)) >= 0; ) {
      from = at + this.echoes[this.seenAt.length].length;
      this.seenAt.push(performance.now());
    }
    // What may hold the start of the next echo, and nothing already matched.
    this.carry = text.slice(Math.max(from, text.length - this.longest + 1));
  }
}
