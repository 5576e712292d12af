// A device's CLI: reads lines off the terminal, runs them against its platform's command
// table, and answers as that platform does (prompt, enable, errors, per-platform decorations).
// Platforms are data (platforms/*.ts); this engine is the same for all of them.
import { ParseFailure, parseLine } from './parse';
import { Screen, SyslogSpec, withMessageLine } from './syslog';
import { PagerStyle, Terminal } from './terminal';

export type { SyslogSpec } from './syslog';

/** What a command's output may depend on. */
export interface DeviceInfo {
  hostname: string;
  username: string;
  runningConfigLines: number;
  now: Date;
}

export interface CommandSpec {
  /** Keywords and `<n>` for a number, e.g. `terminal length <n>`. */
  syntax: string;
  /** Only at the privileged level (platforms with `enable`). */
  privileged?: boolean;
  /** The lines it prints, without the platform's decorations. Pure. */
  output?: (device: DeviceInfo, args: string[]) => string[];
  /** What it changes in the session. */
  effect?: 'enable' | 'disable' | 'exit' | 'page-length' | 'no-timestamp';
  /** Its output changes with the clock. */
  varies?: boolean;
  /** The configuration dump: the command the 'close-mid-command' fault cuts short. */
  configDump?: boolean;
}

export interface CliError {
  /** 'privileged': the command exists, but not at the user level. */
  kind: ParseFailure | 'privileged';
  wordIndex: number;
  column: number;
}

export interface PlatformCli {
  /** The prompt as text (no colour); `privileged` is ignored by platforms without enable. */
  prompt(device: DeviceInfo, privileged: boolean): string;
  /** True when there is no user level: the session starts privileged and has no `enable`. */
  startsPrivileged: boolean;
  /** Lines printed when the shell opens, before the first prompt. */
  banner: string[];
  /** Printed after a wrong enable secret. */
  enableDenied?: string[];
  /** How it pages; undefined never pages. */
  pager?: PagerStyle;
  /** No abbreviations (a plain shell). */
  exactWords?: boolean;
  commands: CommandSpec[];
  /** The reply to a line that did not parse; `promptWidth` places the caret. */
  errorReply(error: CliError, promptWidth: number, line: string): string[];
  /** A line printed before each command's output until turned off (IOS XR's timestamp). */
  timestamp?(now: Date): string;
  /** Lines printed after each command's output (Junos's blank line). */
  trailer?: string[];
  /** Terminal colours (NX-OS). */
  colour?: { prompt(prompt: string): string; error(line: string): string };
  /** The syslog line `terminal monitor` shows (a link going down); undefined: the platform shows none. */
  syslog?(device: DeviceInfo): string;
}

export interface Interpretation {
  command?: CommandSpec;
  args: string[];
  /** The output, or the error reply, as plain lines. */
  lines: string[];
  error?: CliError;
}

/** What a platform prints for one line, without decorations: shared by the shell and expected.ts. */
export function interpret(cli: PlatformCli, device: DeviceInfo, line: string, privileged: boolean): Interpretation {
  const level = privileged || cli.startsPrivileged;
  const parsed = parseLine(line, cli.commands.filter((c) => level || !c.privileged), cli.exactWords);
  if (parsed.ok) return { command: parsed.command, args: parsed.args, lines: parsed.command.output?.(device, parsed.args) ?? [] };
  const error: CliError = { kind: parsed.kind, wordIndex: parsed.wordIndex, column: parsed.column };
  if (!level && parseLine(line, cli.commands, cli.exactWords).ok) error.kind = 'privileged';
  return { args: [], lines: cli.errorReply(error, cli.prompt(device, level).length, line), error };
}

/** Misbehaviour of the CLI itself, on demand (the lab's faults on the wire are in lab.ts). */
export type ShellFault =
  /** Every `show` command's output never ends: the same lines, as fast as the channel takes them. */
  | 'endless-output'
  /** Every `show` command pages forever, whatever the terminal length. */
  | 'endless-pager'
  /** `show` outputs hold a line that is the prompt, and the device pauses after it. */
  | 'prompt-in-output'
  /** The prompt ends in the escapes `tput sgr0` writes: `R1#` then ESC ( B, ESC [ m and SI. */
  | 'tput-prompt'
  /** Only a carriage return ends a line; a line feed is ignored (old terminal servers). */
  | 'cr-only-enter'
  /** A `{master:0}` line above every prompt, as EX and virtual-chassis switches print. */
  | 'virtual-chassis'
  /** The banner shows the login password, and no prompt ever follows. */
  | 'banner-password'
  /** The enable secret is echoed as typed, and nothing follows it. */
  | 'echo-secret'
  /** `show` commands print the login password in a line, then stall without a prompt. */
  | 'leak-then-stall'
  /**
   * Keys are echoed the moment they arrive, even while a command runs (a Linux tty in cooked
   * mode): all the lines one write brings are echoed before the first of them runs. A line
   * typed ahead runs once the command before it is done, and then only its output and prompt
   * are written (its echo came already). A line typed ahead right after `enable` is taken for
   * the secret and not echoed. Without this fault a device reads nothing while a command runs.
   */
  | 'reads-while-printing'
  /** Nothing typed is echoed, neither the commands nor the returns; the rest is the same. */
  | 'no-echo'
  /** `enable` goes straight to the privileged prompt, without asking for a secret. */
  | 'enable-no-password';

/** How long a 'prompt-in-output' device pauses after the prompt-looking line. */
export const PAUSE_AFTER_PROMPT_LINE_MS = 60;

/** A 'prompt-in-output' device's lines for an output: the prompt line in the middle. */
export function withPromptLine(lines: string[], prompt: string): string[] {
  const at = Math.floor(lines.length / 2);
  return [...lines.slice(0, at), prompt, ...lines.slice(at)];
}

/** The lines `showDelayMs` applies to: whatever starts with `show`, errors included. */
const SHOW_LINE = /^\s*show(?:\s|$)/;

export interface ShellOptions {
  /** Enable secret; undefined means `enable` always fails. */
  secret?: string;
  /** The login password, for the faults that leak it. */
  password?: string;
  faults?: ReadonlySet<ShellFault>;
  /** `terminal length 0` is accepted but paging stays on (AAA-locked terminals). */
  pagingLocked?: boolean;
  /** The configuration dump stops part-way and the connection closes. */
  closeMidCommand?: boolean;
  /** How long a line starting with `show` takes to answer, from its Enter (its echo is at once). */
  showDelayMs?: number;
  /** A syslog message around every `show` command, on platforms that have a syslog format. */
  syslog?: SyslogSpec;
}

export interface ShellIo {
  write(text: string): void;
  /** Writes `text` again and again, as fast as the other side reads, until the channel closes. */
  flood(text: string): void;
  /** Close the channel and the connection. */
  close(): void;
}

const crlf = (lines: string[]) => lines.map((l) => l + '\r\n').join('');

export class CliShell {
  private privileged: boolean;
  private timestamps = true;
  private awaitingSecret = false;
  /** The next line to arrive is the secret `enable` asks for (known when `enable`'s Enter is read). */
  private secretNext = false;
  /**
   * The level the lines typed so far leave the session at once they have run: lines are read
   * (and echoed, or not) before they run on a device that reads while it prints.
   */
  private privilegedAhead: boolean;
  private readonly terminal: Terminal;
  private readonly screen: Screen;
  /** A line is being answered: `logging synchronous` messages wait for its prompt. */
  private answering = false;
  /** The terminal holds what is typed until the answer is done (it takes time). */
  private holding = false;
  /** Nothing more is said, ever (a hung device, or a closed one). */
  private hung = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly cli: PlatformCli,
    private readonly device: Omit<DeviceInfo, 'now'>,
    private readonly options: ShellOptions,
    private readonly io: ShellIo,
  ) {
    this.privileged = cli.startsPrivileged;
    this.privilegedAhead = this.privileged;
    const faults = options.faults ?? new Set();
    this.screen = new Screen(io.write, options.syslog?.synchronous ?? false, () => this.prompt() + this.terminal.typed);
    this.terminal = new Terminal(
      this.screen.write,
      cli.pager,
      (line) => this.onLine(line),
      {
        crOnly: faults.has('cr-only-enter'),
        endlessPaging: faults.has('endless-pager'),
        echoHidden: faults.has('echo-secret'),
        noEcho: faults.has('no-echo'),
        echoOnArrival: faults.has('reads-while-printing'),
      },
      (line) => this.onEnter(line),
    );
  }

  private has(fault: ShellFault): boolean {
    return this.options.faults?.has(fault) ?? false;
  }

  /** The banner and first prompt a device prints when the shell opens. */
  start(): void {
    const banner = this.has('banner-password') ? [...this.cli.banner, `! break-glass login: ${this.device.username} / ${this.options.password}`] : this.cli.banner;
    this.screen.write(crlf(banner));
    if (this.has('banner-password')) this.hang();
    else this.screen.write(this.prompt());
  }

  /** Keystrokes, as they arrive; a command that takes time holds them (see the faults). */
  input(data: string): void {
    if (!this.hung) this.terminal.feed(data);
  }

  /** The channel is gone: nothing is written any more, and no timer is left behind. */
  dispose(): void {
    this.hang();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private hang(): void {
    this.hung = true;
    this.terminal.hold();
  }

  private later(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.hung) then();
    }, ms);
    this.timers.add(timer);
  }

  /** The prompt line as the device writes it, decorations included. */
  private prompt(): string {
    const text = this.promptText();
    const coloured = this.cli.colour ? this.cli.colour.prompt(text) : text;
    const context = this.has('virtual-chassis') ? '{master:0}\r\n' : '';
    return context + coloured + (this.has('tput-prompt') ? '\x1b(B\x1b[m\x0f' : '');
  }

  private promptText(): string {
    return this.cli.prompt({ ...this.device, now: new Date() }, this.privileged);
  }

  private parseAhead(line: string): CommandSpec | undefined {
    const level = this.privilegedAhead || this.cli.startsPrivileged;
    const parsed = parseLine(line, this.cli.commands.filter((c) => level || !c.privileged), this.cli.exactWords);
    return parsed.ok ? parsed.command : undefined;
  }

  /** A line's Enter is read (it runs now or later): true when the next line is the secret. */
  private onEnter(line: string): boolean {
    if (this.secretNext) {
      this.secretNext = false;
      this.privilegedAhead = this.options.secret !== undefined && line === this.options.secret;
      return false;
    }
    const command = this.parseAhead(line);
    if (this.options.syslog?.at === 'before-echo' && isShow(command)) this.syslogMessage();
    if (command?.effect === 'disable') this.privilegedAhead = false;
    if (command?.effect === 'enable' && !this.privilegedAhead) {
      this.secretNext = !this.has('enable-no-password');
      this.privilegedAhead = !this.secretNext;
    }
    return this.secretNext;
  }

  private syslogMessage(): void {
    const message = this.cli.syslog?.({ ...this.device, now: new Date() });
    if (message !== undefined && !this.hung) this.screen.message(message, this.answering);
  }

  private onLine(line: string): void {
    this.answering = true;
    const delay = SHOW_LINE.test(line) && !this.awaitingSecret ? this.options.showDelayMs ?? 0 : 0;
    if (delay === 0) return this.answer(line);
    this.holding = true;
    this.terminal.hold();
    this.later(delay, () => this.answer(line));
  }

  /** The prompt that ends an answer is written. */
  private done(command?: CommandSpec): void {
    this.answering = false;
    this.screen.outputDone();
    const syslog = this.options.syslog;
    if (isShow(command) && syslog?.at === 'after-prompt') {
      if (syslog.delayMs) this.later(syslog.delayMs, () => this.syslogMessage());
      else this.syslogMessage();
    }
    if (this.holding) {
      this.holding = false;
      this.terminal.release();
    }
  }

  private answer(line: string): void {
    if (this.awaitingSecret) {
      this.awaitingSecret = false;
      if (this.has('echo-secret')) return this.hang();
      const granted = this.options.secret !== undefined && line === this.options.secret;
      if (granted) this.privileged = true;
      return this.terminal.print(granted ? [] : this.cli.enableDenied ?? [], this.prompt(), () => this.done());
    }
    if (line.trim() === '') {
      this.screen.write(this.prompt());
      return this.done();
    }
    const now = new Date();
    const result = interpret(this.cli, { ...this.device, now }, line, this.privileged);
    const { command, args } = result;
    const stamp = command && this.timestamps && this.cli.timestamp ? [this.cli.timestamp(now)] : [];
    switch (command?.effect) {
      case 'enable':
        if (this.privileged) break;
        if (this.has('enable-no-password')) {
          this.privileged = true;
          break;
        }
        this.awaitingSecret = true;
        this.screen.write('Password: ');
        return this.done();
      case 'disable':
        this.privileged = false;
        break;
      case 'exit':
        this.hang();
        return this.io.close();
      case 'page-length':
        if (!this.options.pagingLocked) this.terminal.pageLength = Number(args[0]);
        break;
      case 'no-timestamp':
        this.timestamps = false;
        break;
    }
    if (command?.configDump && this.options.closeMidCommand) {
      this.screen.write(crlf(result.lines.slice(0, Math.ceil(result.lines.length / 3))));
      this.hang();
      return this.io.close();
    }
    const colour = this.cli.colour;
    const lines = result.error && colour ? result.lines.map((l) => (l.startsWith('%') ? colour.error(l) : l)) : result.lines;
    let output = [...stamp, ...lines, ...(this.cli.trailer ?? [])];
    if (isShow(command) && this.options.syslog?.at === 'inside-output') {
      // Without `logging synchronous` the message is a line of the output; with it, it waits.
      const message = this.options.syslog.synchronous ? undefined : this.cli.syslog?.({ ...this.device, now });
      if (message !== undefined) output = withMessageLine(output, message);
      else this.syslogMessage();
    }
    if (command?.output && this.misbehaves(output, command)) return;
    this.terminal.print(output, this.prompt(), () => this.done(command));
  }

  /** Answers a `show` command the way a faulty device does; false if no fault applies. */
  private misbehaves(output: string[], command: CommandSpec): boolean {
    if (this.has('endless-output')) {
      this.hang();
      this.io.flood(crlf(output));
    } else if (this.has('leak-then-stall')) {
      this.screen.write(crlf([...output.slice(0, 3), ` username admin password 0 ${this.options.password}`]));
      this.hang();
    } else if (this.has('prompt-in-output')) {
      const lines = withPromptLine(output, this.promptText());
      const at = lines.indexOf(this.promptText(), Math.floor(output.length / 2));
      // The prompt-looking line ends the stream for a while: a client that takes it for the
      // prompt stops reading here. What is typed meanwhile waits (or is echoed, per the faults).
      this.screen.write(crlf(lines.slice(0, at)) + lines[at]);
      this.holding = true;
      this.terminal.hold();
      this.later(PAUSE_AFTER_PROMPT_LINE_MS, () => {
        this.screen.write('\r\n' + crlf(lines.slice(at + 1)) + this.prompt());
        this.done(command);
      });
    } else {
      return false;
    }
    return true;
  }
}

function isShow(command: CommandSpec | undefined): boolean {
  return command?.syntax.startsWith('show ') ?? false;
}
