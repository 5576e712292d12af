// Unsolicited console lines (syslog shown by `terminal monitor`), placed as IOS places them:
// written where they fall, or, with `logging synchronous`, held while a command's output is
// being written and followed by a repaint of the prompt and whatever was typed.

/** When a device writes a syslog message around each `show` command. */
export interface SyslogSpec {
  /**
   * - 'before-echo': when the command's line arrives, ahead of the echo of what was typed.
   * - 'inside-output': between two lines in the middle of the output.
   * - 'after-prompt': `delayMs` after the command's final prompt is written.
   */
  at: 'before-echo' | 'inside-output' | 'after-prompt';
  /**
   * `logging synchronous`: a message that falls inside an output waits until the output and
   * its prompt are written; every message is followed by the prompt and the typed input
   * written again. Without it (the IOS default) a message is written where it falls, on a
   * line of its own, and the prompt is not repainted.
   */
  synchronous: boolean;
  /** 'after-prompt' only; default 0 (the message follows the prompt at once). */
  delayMs?: number;
}

/** The device's side of the screen: knows where the cursor is, and places messages. */
export class Screen {
  /** The cursor is at the start of a line. */
  private atLineStart = true;
  private held: string[] = [];

  /** `repaint` is the prompt and the typed input, as `logging synchronous` writes them again. */
  constructor(
    private readonly out: (text: string) => void,
    private readonly synchronous: boolean,
    private readonly repaint: () => string,
  ) {}

  /** Everything the device writes goes through here (bound: handed out as a callback). */
  readonly write = (text: string): void => {
    if (text === '') return;
    this.atLineStart = text.endsWith('\n') || text.endsWith('\r');
    this.out(text);
  };

  /** A message, now; `outputRunning` is true while a command's output is being written. */
  message(text: string, outputRunning: boolean): void {
    if (this.synchronous && outputRunning) this.held.push(text);
    else this.place([text]);
  }

  /** A command's output and prompt are written: the messages held meanwhile come now. */
  outputDone(): void {
    if (this.held.length > 0) this.place(this.held.splice(0));
  }

  private place(messages: string[]): void {
    const lead = this.atLineStart ? '' : '\r\n';
    this.write(lead + messages.map((m) => m + '\r\n').join('') + (this.synchronous ? this.repaint() : ''));
  }
}

/** An output's lines with `message` as a line of its own in the middle (after the first, for one line). */
export function withMessageLine(lines: string[], message: string): string[] {
  const at = Math.ceil(lines.length / 2);
  return [...lines.slice(0, at), message, ...lines.slice(at)];
}
