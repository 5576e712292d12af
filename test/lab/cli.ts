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

export interface ShellOptions {
  /** Enable secret; undefined means `enable` always fails. */
  secret?: string;
  /** `terminal length 0` is accepted but paging stays on (AAA-locked terminals). */
  pagingLocked?: boolean;
  /** The configuration dump stops part-way and the connection closes. */
  closeMidCommand?: boolean;
}

export interface ShellIo {
  write(text: string): void;
  /** Close the channel and the connection. */
  close(): void;
}

export class CliShell {
  private privileged: boolean;
  private timestamps = true;
  private awaitingSecret = false;
  private readonly terminal: Terminal;

  constructor(
    private readonly cli: PlatformCli,
    private readonly device: Omit<DeviceInfo, 'now'>,
    private readonly options: ShellOptions,
    private readonly io: ShellIo,
  ) {
    this.privileged = cli.startsPrivileged;
    this.terminal = new Terminal(io.write, cli.pager, (line) => this.onLine(line));
  }

  /** The banner and first prompt a device prints when the shell opens. */
  start(): void {
    this.io.write(this.cli.banner.map((l) => l + '\r\n').join('') + this.prompt());
  }

  /** Keystrokes, already delayed by the caller when latency is simulated. */
  input(data: string): void {
    this.terminal.feed(data);
  }

  private prompt(): string {
    const text = this.cli.prompt({ ...this.device, now: new Date() }, this.privileged);
    return this.cli.colour ? this.cli.colour.prompt(text) : text;
  }

  private onLine(line: string): void {
    if (this.awaitingSecret) {
      this.awaitingSecret = false;
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
    this.terminal.print([...stamp, ...lines, ...(this.cli.trailer ?? [])], this.prompt());
  }
}
