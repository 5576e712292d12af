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
}

interface Paging {
  lines: string[];
  total: number;
  marker: string;
  /** Written when the output is done or the user quits: the prompt. */
  then: string;
}

export class Terminal {
  /** Lines per screen; 0 never pages. */
  pageLength = 24;
  private line = '';
  private hidden = false;
  /** A \r just ended a line, so a following \n is the same key. */
  private lastWasCr = false;
  private paging?: Paging;
  /** Echo of the keys in hand: written as one piece, as a device echoes what one read brought. */
  private echo = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly pager: PagerStyle | undefined,
    private readonly onLine: (line: string) => void,
    private readonly quirks: TerminalQuirks = {},
  ) {}

  /** Read the next line without echoing it (a password). */
  readHidden(): void {
    this.hidden = !this.quirks.echoHidden;
  }

  feed(data: string): void {
    for (const ch of data) {
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
  }

  /** Show a command's output, a screen at a time when paging is on, then `then` (the prompt). */
  print(lines: string[], then: string): void {
    if (this.quirks.endlessPaging && this.pager && lines.length > 0) this.pageLength = Math.max(this.pageLength, 24);
    if (!this.pager || this.pageLength === 0 || lines.length < this.pageLength) {
      this.write(lines.map((l) => l + '\r\n').join('') + then);
      return;
    }
    this.paging = { lines: [...lines], total: lines.length, marker: '', then };
    this.showMore(this.pageLength - 1);
  }

  private lineKey(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      const line = this.line;
      this.line = '';
      this.hidden = false;
      this.echo += '\r\n';
      this.flushEcho();
      this.onLine(line);
    } else if (ch === '\x7f' || ch === '\b') {
      if (this.line === '') return;
      this.line = this.line.slice(0, -1);
      if (!this.hidden) this.echo += '\b \b';
    } else if (ch >= ' ') {
      this.line += ch;
      if (!this.hidden) this.echo += ch;
    }
  }

  private flushEcho(): void {
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
    else {
      this.paging = undefined;
      this.write(paging.then);
    }
  }

  private showMore(count: number): void {
    const paging = this.paging!;
    const firstStop = paging.lines.length === paging.total;
    const shown = paging.lines.splice(0, count);
    this.write(shown.map((l) => l + '\r\n').join(''));
    if (this.quirks.endlessPaging) paging.lines.push(...shown);
    if (paging.lines.length === 0) {
      this.paging = undefined;
      this.write(paging.then);
      return;
    }
    const percent = Math.floor(((paging.total - paging.lines.length) * 100) / paging.total);
    paging.marker = this.pager!.marker(percent, firstStop);
    this.write(paging.marker);
  }
}
