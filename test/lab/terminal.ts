// A device's terminal line in cooked mode, the same on every platform: echoes what is typed
// (not secrets), rubs out on backspace, hands over each finished line, and pages long output.
// What a line means is the CLI's business (cli.ts); what the pager looks like is the platform's.

export interface PagerStyle {
  /** The marker at a page break; `percent` of the output's lines are on screen (0..99). */
  marker(percent: number, firstStop: boolean): string;
  /** What the device writes to take the marker away once a key is pressed. */
  erase(marker: string): string;
}

export interface TerminalQuirks {
  /** Only \r is Enter; \n is ignored. */
  crOnly?: boolean;
  /** Pages never end: each page is followed by the same lines again. */
  endlessPaging?: boolean;
  /** Hidden input (a secret) is echoed all the same. */
  echoHidden?: boolean;
  /** Nothing typed is echoed, not even Enter. */
  noEcho?: boolean;
  /**
   * Keys are echoed the moment they arrive, even while a command runs, and finished lines wait
   * their turn (a Linux tty in cooked mode). Without it, keys typed while a command runs wait,
   * unechoed, until it is done (IOS).
   */
  echoOnArrival?: boolean;
}

interface Paging {
  lines: string[];
  total: number;
  marker: string;
  /** Written when the output is done or the user quits: the prompt. */
  then: string;
  done?: () => void;
}

export class Terminal {
  /** Lines per screen; 0 never pages. */
  pageLength = 24;
  private line = '';
  /** The part of `line` whose echo is on screen. */
  private shown = '';
  private hidden = false;
  /** A \r just ended a line, so a following \n is the same key. */
  private lastWasCr = false;
  private paging?: Paging;
  /** Echo of the keys in hand: written as one piece, as a device echoes what one read brought. */
  private echo = '';
  /** A command is running (see `hold`). */
  private held = false;
  /** Keys that came while held, not yet read (IOS). */
  private heldKeys = '';
  /** Finished lines waiting for the command before them (echoed on arrival). */
  private waiting: string[] = [];

  /**
   * `onEnter` sees each line the moment its Enter is read, before the Enter's echo and before
   * the line runs (now or, typed ahead, later): it may write ahead of the echo (a console
   * message) and returns true when the next line is to be read hidden (the secret `enable` asks for).
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly pager: PagerStyle | undefined,
    private readonly onLine: (line: string) => void,
    private readonly quirks: TerminalQuirks = {},
    private readonly onEnter?: (line: string) => boolean,
  ) {}

  /** Read the line being typed without echoing it (a password). */
  readHidden(): void {
    this.hidden = !this.quirks.echoHidden;
  }

  /** The typed line as it stands on screen (nothing when hidden or not echoed): for a repaint. */
  get typed(): string {
    return this.shown;
  }

  /** A command runs: what is typed now waits for `release` (echoed or not, per `echoOnArrival`). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    const keys = this.heldKeys;
    this.heldKeys = '';
    this.consume(keys);
  }

  feed(data: string): void {
    if (this.held && !this.quirks.echoOnArrival) this.heldKeys += data;
    else this.consume(data);
  }

  private consume(data: string): void {
    const keys = [...data];
    for (const [i, ch] of keys.entries()) {
      if (this.held && !this.quirks.echoOnArrival) {
        this.heldKeys += keys.slice(i).join('');
        break;
      }
      if (ch === '\n' && this.quirks.crOnly) continue;
      if (ch === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = ch === '\r';
      if (this.paging) this.pagerKey(ch);
      else this.lineKey(ch);
    }
    this.flushEcho();
    this.runWaiting();
  }

  private runWaiting(): void {
    while (this.waiting.length > 0 && !this.held && !this.paging) this.onLine(this.waiting.shift()!);
  }

  /**
   * Show a command's output, a screen at a time when paging is on, then `then` (the prompt);
   * `done` is called once `then` is written.
   */
  print(lines: string[], then: string, done?: () => void): void {
    if (this.quirks.endlessPaging && this.pager && lines.length > 0) this.pageLength = Math.max(this.pageLength, 24);
    if (!this.pager || this.pageLength === 0 || lines.length < this.pageLength) {
      this.write(lines.map((l) => l + '\r\n').join('') + then);
      done?.();
      return;
    }
    this.paging = { lines: [...lines], total: lines.length, marker: '', then, done };
    this.showMore(this.pageLength - 1);
  }

  private lineKey(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      const line = this.line;
      const hideNext = this.onEnter?.(line) ?? false;
      this.echoKey('\r\n');
      this.flushEcho();
      this.line = '';
      this.shown = '';
      this.hidden = hideNext && !this.quirks.echoHidden;
      if (this.quirks.echoOnArrival) this.waiting.push(line);
      else this.onLine(line);
    } else if (ch === '\x7f' || ch === '\b') {
      if (this.line === '') return;
      this.line = this.line.slice(0, -1);
      if (!this.hidden) this.echoKey('\b \b');
    } else if (ch >= ' ') {
      this.line += ch;
      if (!this.hidden) this.echoKey(ch);
    }
  }

  private echoKey(text: string): void {
    if (!this.quirks.noEcho) this.echo += text;
  }

  private flushEcho(): void {
    if (!this.hidden && !this.quirks.noEcho) this.shown = this.line;
    if (this.echo === '') return;
    this.write(this.echo);
    this.echo = '';
  }

  // Space shows the next screen, return one more line, any other key quits (as IOS documents).
  private pagerKey(ch: string): void {
    const paging = this.paging!;
    this.write(this.pager!.erase(paging.marker));
    if (ch === ' ') this.showMore(this.pageLength - 1);
    else if (ch === '\r' || ch === '\n') this.showMore(1);
    else this.endPaging(paging);
  }

  private showMore(count: number): void {
    const paging = this.paging!;
    const firstStop = paging.lines.length === paging.total;
    const shown = paging.lines.splice(0, count);
    this.write(shown.map((l) => l + '\r\n').join(''));
    if (this.quirks.endlessPaging) paging.lines.push(...shown);
    if (paging.lines.length === 0) return this.endPaging(paging);
    const percent = Math.floor(((paging.total - paging.lines.length) * 100) / paging.total);
    paging.marker = this.pager!.marker(percent, firstStop);
    this.write(paging.marker);
  }

  private endPaging(paging: Paging): void {
    this.paging = undefined;
    this.write(paging.then);
    paging.done?.();
  }
}
