// A device's CLI: reads lines off the terminal, runs them against its platform's command
// table, and answers as that platform does (prompt, enable, errors, per-platform decorations).
// Platforms are data (platforms/*.ts); this engine is the same for all of them.
import { ParseFailure, parseLine } from './parse';
import { PagerStyle, Terminal } from './terminal';

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
  | 'leak-then-stall';

/** How long a 'prompt-in-output' device pauses after the prompt-looking line. */
export const PAUSE_AFTER_PROMPT_LINE_MS = 60;

/** A 'prompt-in-output' device's lines for an output: the prompt line in the middle. */
export function withPromptLine(lines: string[], prompt: string): string[] {
  const at = Math.floor(lines.length / 2);
  return [...lines.slice(0, at), prompt, ...lines.slice(at)];
}

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
}

export interface ShellIo {
  write(text: string): void;
  /** Writes `text` again and again, as fast as the other side reads, until the channel closes. */
  flood(text: string): void;
  /** Close the channel and the connection. */
  close(): void;
}

export class CliShell {
  private privileged: boolean;
  private timestamps = true;
  private awaitingSecret = false;
  private readonly terminal: Terminal;
  /** Settles when the command being answered is done; keys typed meanwhile wait for it. */
  private busy: Promise<void> | undefined;
  /** Nothing more is said, ever (a hung device). */
  private hung = false;

  constructor(
    private readonly cli: PlatformCli,
    private readonly device: Omit<DeviceInfo, 'now'>,
    private readonly options: ShellOptions,
    private readonly io: ShellIo,
  ) {
    this.privileged = cli.startsPrivileged;
    const faults = options.faults ?? new Set();
    this.terminal = new Terminal(io.write, cli.pager, (line) => this.onLine(line), {
      crOnly: faults.has('cr-only-enter'),
      endlessPaging: faults.has('endless-pager'),
      echoHidden: faults.has('echo-secret'),
    });
  }

  private has(fault: ShellFault): boolean {
    return this.options.faults?.has(fault) ?? false;
  }

  /** The banner and first prompt a device prints when the shell opens. */
  start(): void {
    const banner = this.has('banner-password') ? [...this.cli.banner, `! break-glass login: ${this.device.username} / ${this.options.password}`] : this.cli.banner;
    this.io.write(banner.map((l) => l + '\r\n').join(''));
    if (this.has('banner-password')) this.hung = true;
    else this.io.write(this.prompt());
  }

  /** Keystrokes, already delayed by the caller when latency is simulated; resolves once they are handled. */
  async input(data: string): Promise<void> {
    // A device reads what is typed during a command only once the command is done.
    while (this.busy) await this.busy;
    if (this.hung) return;
    this.terminal.feed(data);
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

  private onLine(line: string): void {
    if (this.awaitingSecret) {
      this.awaitingSecret = false;
      if (this.has('echo-secret')) return void (this.hung = true);
      const granted = this.options.secret !== undefined && line === this.options.secret;
      if (granted) this.privileged = true;
      return this.terminal.print(granted ? [] : this.cli.enableDenied ?? [], this.prompt());
    }
    if (line.trim() === '') return this.io.write(this.prompt());
    const now = new Date();
    const result = interpret(this.cli, { ...this.device, now }, line, this.privileged);
    const { command, args } = result;
    const stamp = command && this.timestamps && this.cli.timestamp ? [this.cli.timestamp(now)] : [];
    switch (command?.effect) {
      case 'enable':
        if (this.privileged) break;
        this.awaitingSecret = true;
        this.terminal.readHidden();
        return this.io.write('Password: ');
      case 'disable':
        this.privileged = false;
        break;
      case 'exit':
        return this.io.close();
      case 'page-length':
        if (!this.options.pagingLocked) this.terminal.pageLength = Number(args[0]);
        break;
      case 'no-timestamp':
        this.timestamps = false;
        break;
    }
    if (command?.configDump && this.options.closeMidCommand) {
      const part = result.lines.slice(0, Math.ceil(result.lines.length / 3));
      this.io.write(part.map((l) => l + '\r\n').join(''));
      return this.io.close();
    }
    const colour = this.cli.colour;
    const lines = result.error && colour ? result.lines.map((l) => (l.startsWith('%') ? colour.error(l) : l)) : result.lines;
    const output = [...stamp, ...lines, ...(this.cli.trailer ?? [])];
    if (command?.output && this.misbehaves(output)) return;
    this.terminal.print(output, this.prompt());
  }

  /** Answers a `show` command the way a faulty device does; false if no fault applies. */
  private misbehaves(output: string[]): boolean {
    const crlf = (lines: string[]) => lines.map((l) => l + '\r\n').join('');
    if (this.has('endless-output')) {
      this.io.flood(crlf(output));
      this.hung = true;
    } else if (this.has('leak-then-stall')) {
      this.io.write(crlf([...output.slice(0, 3), ` username admin password 0 ${this.options.password}`]));
      this.hung = true;
    } else if (this.has('prompt-in-output')) {
      const lines = withPromptLine(output, this.promptText());
      const at = lines.indexOf(this.promptText(), Math.floor(output.length / 2));
      // The prompt-looking line ends the stream for a while: a client that takes it for the
      // prompt stops reading here.
      this.io.write(crlf(lines.slice(0, at)) + lines[at]);
      this.busy = new Promise<void>((resolve) =>
        setTimeout(() => {
          this.busy = undefined;
          this.io.write('\r\n' + crlf(lines.slice(at + 1)) + this.prompt());
          resolve();
        }, PAUSE_AFTER_PROMPT_LINE_MS),
      );
    } else {
      return false;
    }
    return true;
  }
}
