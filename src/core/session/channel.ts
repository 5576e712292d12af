// The CLI channel: what is typed to a device and what comes back, turned into replies. It knows
// echo, prompt, pager, terminal control sequences, unsolicited messages and when a reply is
// complete; what the lines mean on a platform is the driver's business.
//
// A command costs one round trip: the command, its Return and one more Return leave in one
// write. A device answers the extra Return only once the command is done (it holds typed keys,
// or echoes them at once and runs them after), so the reply is complete when this device's
// prompt shows twice: on two lines (`R1#` Return `R1#`), or on one line when the Return was
// echoed early (`R1#R1#`). A line inside the output that looks like the prompt is followed by
// more output instead, however long the device pauses after it.
import { Newline } from '../platforms/platform';
import { cleanOutputBody, stripAnsi } from './cleanOutput';
import { SessionError } from './errors';
import { lineText, PromptMatcher } from './promptMatcher';
import { Expectation, ReceiveBuffer } from './receiveBuffer';
import { UnsolicitedLines } from './unsolicited';

export interface ChannelRules {
  /** Any prompt of the platform, end-anchored. */
  prompt: RegExp;
  pager: RegExp;
  newline: Newline;
  stripAnsi: boolean;
  /** The device echoes what is typed. */
  echo: boolean;
  /** Lines printed just above the prompt (Junos `{master:0}`). */
  promptContext: readonly RegExp[];
  /** Unsolicited message lines (syslog from `terminal monitor`). */
  unsolicited: readonly RegExp[];
  /** Commands whose output is itself a log: message-like lines inside it are output. */
  logCommands: readonly RegExp[];
}

export interface ChannelContext {
  /** The device, for messages: `R1 (127.0.0.1:22)`. */
  where: string;
  /** What arrived, masked and cut short, for an error message. */
  describe(received: string): string;
  /** Quiet time after a pager match before it is answered. */
  settleMs: number;
}

export interface Reply {
  output: string;
  /** Unsolicited lines received with this reply, as shown. */
  messages: string[];
  paged: boolean;
  /** The device showed its prompt and never answered the extra Return: the output may be cut short. */
  uncertainEnd: boolean;
}

/** What a pipelined batch gave: the replies it could tell apart, in order, and why it stopped short. */
export interface Batch {
  replies: { reply: Reply; elapsedMs: number }[];
  /** Set when not every command has a reply: the device is at its prompt again ('at-prompt') or in an unknown state ('lost'). */
  shortBy?: { state: 'at-prompt' | 'lost'; why: string };
}

/**
 * How long the device's prompt may stand at the end of what it sent without the answer to the
 * extra Return before the reply is taken as ended, marked uncertain. That answer travels in the
 * same flight as the prompt, so this does not grow with the link's round-trip time.
 */
export const END_EVIDENCE_GRACE_MS = 1500;

/**
 * How long the prompt on two lines must stand before the reply counts as ended: a device sends
 * the answer to the extra Return right behind its prompt, so when the output's own last line was
 * the prompt, the true end follows within this.
 */
const TWO_LINES_SETTLE_MS = 2;

type EndShape = 'two-lines' | 'one-line' | 'prompt-only';

export class CliChannel {
  readonly prompts: PromptMatcher;
  private readonly messages: UnsolicitedLines;
  private readonly view: (text: string) => string;

  constructor(
    private readonly write: (text: string) => void,
    private readonly received: ReceiveBuffer,
    private readonly rules: ChannelRules,
    private readonly context: ChannelContext,
  ) {
    this.prompts = new PromptMatcher(rules.prompt);
    this.view = rules.stripAnsi ? stripAnsi : (text) => text;
    this.messages = new UnsolicitedLines(rules.unsolicited, this.view);
  }

  /** Waits for the first prompt and learns it; returns the messages that came before it. */
  async firstPrompt(timeoutMs: number): Promise<string[]> {
    await this.received.waitForAny([{ matches: (line) => this.rules.prompt.test(line) }], timeoutMs, () => this.timeout('prompt-timeout', 'a prompt', timeoutMs));
    const text = this.received.take();
    this.learnPromptAtEnd(text);
    return this.messages.extract(text).messages;
  }

  /**
   * Session set-up lines (terminal width, paging, enable): on a device that echoes, all in one
   * write, one at a time on a device that does not. A device shows its prompt once it has taken
   * each line, so a batch is done when the prompt has come back once per line, or once per line
   * but the last, which `lastAsks` answered (the enable password prompt). Returns all that came
   * back, and whether `lastAsks` ended it.
   */
  async setupLines(lines: string[], timeoutMs: number, lastAsks?: RegExp): Promise<{ text: string; asked: boolean }> {
    if (lines.length === 0) return { text: '', asked: false };
    const asks = (line: string) => lastAsks?.test(line) ?? false;
    const batches = this.rules.echo ? [lines] : lines.map((line) => [line]);
    let text = '';
    let asked = false;
    for (const batch of batches) {
      const answered: Expectation = {
        matches: (end, tail) => {
          const prompts = this.prompts.count(tail());
          // Early echoes can put several prompts on the last line: it need only end with one.
          return !end.endsWith('\n') && ((asks(end) && prompts >= batch.length - 1) || (this.rules.prompt.test(end) && prompts >= batch.length));
        },
      };
      this.write(batch.map((line) => line + this.rules.newline).join(''));
      await this.received.waitForAny([answered], timeoutMs, () => this.timeout('prompt-timeout', `the prompt after \`${batch[batch.length - 1]}\``, timeoutMs));
      const part = this.received.take();
      text += part;
      asked = asks(lastLineOf(this.view(part)));
    }
    this.learnPromptAtEnd(text);
    return { text, asked };
  }

  /** Types a line that is not echoed (a password) and waits for the device's prompt. */
  async hiddenLine(line: string, timeoutMs: number, what: string): Promise<string> {
    this.write(line + this.rules.newline);
    await this.received.waitForAny([{ matches: (end) => this.endsAtPrompt(end) }], timeoutMs, () => this.timeout('prompt-timeout', what, timeoutMs));
    const text = this.received.take();
    this.learnPromptAtEnd(text);
    return text;
  }

  /** Unsolicited lines in text received outside any command (set-up, a password's answer). */
  messagesIn(text: string): string[] {
    return this.messages.extract(text).messages;
  }

  /** Sends one command in one write and returns its reply; one deadline covers every page. */
  async command(command: string, timeoutMs: number): Promise<Reply> {
    const onTimeout = () => this.commandTimeout(command, timeoutMs);
    this.write(command + this.rules.newline + this.rules.newline);
    let paged = false;
    for (const endBy = performance.now() + timeoutMs; ;) {
      const shape = await this.waitForEnd(endBy - performance.now(), onTimeout);
      if (shape !== 'pager') return this.reply(this.received.take(), command, shape, paged);
      // A pager takes the keys typed ahead: the space turns the page, and the Return after it is
      // the extra Return again, answered by the prompt once the last page is out.
      paged = true;
      this.write(' ' + this.rules.newline);
    }
  }

  /**
   * Sends every command in one write and splits the replies by echo and prompt: each reply ends
   * where the prompt is followed by the next command's echo. For devices that hold typed input.
   */
  async pipelined(commands: string[], timeoutMs: number): Promise<Batch> {
    const sentAt = performance.now();
    const { seen, paged } = this.watchBatch(commands);
    this.write(commands.map((command) => command + this.rules.newline).join('') + this.rules.newline);
    let shape: EndShape | 'pager';
    try {
      // The end is looked for once the last command's echo is in. A pager, even one the next
      // typed key took away at once, means the batch is lost.
      shape = await this.waitForEnd(timeoutMs, () => this.commandTimeout(commands[0], timeoutMs), () => seen.length === commands.length, paged);
    } finally {
      this.received.onPush = undefined;
    }
    const endedAt = performance.now();
    const text = this.received.take();
    const echoes = this.echoLines(text, commands);
    // A reply is told apart by the next command's echo, the last one by the end of it all.
    const told = shape !== 'pager' && echoes.length === commands.length ? commands.length : Math.max(0, echoes.length - 1);
    const replies: Batch['replies'] = [];
    let previousAt = sentAt;
    for (let i = 0; i < told; i++) {
      const last = i === commands.length - 1;
      const at = last ? endedAt : seen[i + 1] ?? endedAt;
      const reply = last ? this.reply(text.slice(echoes[i].lineStart), commands[i], shape as EndShape, false) : this.output(text, echoes[i].start, echoes[i + 1].lineStart, commands[i], false, []);
      replies.push({ reply, elapsedMs: Math.max(0, at - previousAt) });
      previousAt = at;
    }
    if (told === commands.length) return { replies };
    if (shape === 'pager') return { replies, shortBy: { state: 'lost', why: 'the device paged an output, and the pager took the commands typed after it' } };
    return { replies, shortBy: { state: 'at-prompt', why: 'the device did not answer the commands typed ahead one after another (it echoes typed keys at once, or drops them)' } };
  }

  /**
   * Waits for the reply's end, or a pager to answer. The prompt on two lines waits a moment
   * more: an output whose last line is the prompt looks the same until the answer to the extra
   * Return follows. `started` says whether what is received can be the end yet.
   */
  private async waitForEnd(timeoutMs: number, onTimeout: () => Error, started: () => boolean = () => true, paged: () => boolean = () => false): Promise<EndShape | 'pager'> {
    const shapes: Expectation[] = [
      { matches: (end, tail) => started() && this.endShape(end, tail) === 'one-line' },
      { matches: (end, tail) => started() && this.endShape(end, tail) === 'two-lines', settleMs: TWO_LINES_SETTLE_MS },
      { matches: (end) => paged() || this.rules.pager.test(end), settleMs: this.context.settleMs },
      { matches: (end) => started() && this.endsAtPrompt(end), settleMs: END_EVIDENCE_GRACE_MS },
    ];
    const which = await this.received.waitForAny(shapes, timeoutMs, onTimeout);
    return (['one-line', 'two-lines', 'pager', 'prompt-only'] as const)[which];
  }

  /** Whether the received text ends with this device's prompt (`end`: its last line, as the buffer gives it). */
  private endsAtPrompt(end: string): boolean {
    // A line break that ends the text leaves the cursor on a new, empty line.
    return !end.endsWith('\n') && this.prompts.isPrompt(lineText(end));
  }

  /** The shape of a complete reply's end; the tail is split only once the last line is a prompt. */
  private endShape(end: string, tail: () => string): EndShape | undefined {
    if (end.endsWith('\n')) return undefined;
    const last = lineText(end);
    if (this.prompts.isDoubled(last)) return 'one-line';
    if (!this.prompts.isPrompt(last)) return undefined;
    return this.prompts.isPrompt(this.previousLine(tail().split('\n').slice(0, -1))) ? 'two-lines' : undefined;
  }

  /** The last of these lines that is not blank, a prompt context or a message, as shown. */
  private previousLine(lines: string[]): string {
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lineText(lines[i]);
      if (!this.isFiller(line)) return line;
    }
    return '';
  }

  /** Blank lines, prompt context and messages between a prompt and what is looked for. */
  private isFiller(shown: string): boolean {
    return shown === '' || this.rules.promptContext.some((context) => context.test(shown)) || this.messages.isMessage(shown);
  }

  /** One command's reply from all that came back since it was sent, which ends as `shape` says. */
  private reply(text: string, command: string, shape: EndShape, paged: boolean): Reply {
    const lines = new Lines(text, this.view);
    let end = lines.lastStart();
    // Two lines: the command's prompt is the one before the answer to the extra Return.
    if (shape === 'two-lines') end = lines.previous(end, (shown) => !this.isFiller(shown)) ?? end;
    // With `logging synchronous` a message is followed by the prompt again: the first one counts.
    for (;;) {
      const message = lines.previous(end, (shown) => shown !== '');
      if (message === undefined || !this.messages.isMessage(lines.shown(message))) break;
      const before = lines.previous(message, (shown) => !this.isFiller(shown));
      if (before === undefined || !this.prompts.isPrompt(lines.shown(before))) break;
      end = before;
    }
    // Follows a change of mode; a line holding the prompt twice teaches nothing.
    if (shape !== 'one-line') this.prompts.learn(lines.shown(end));
    let start = 0;
    if (this.rules.echo) {
      start = this.echoEnd(text, end, command);
      // The extra Return's echo came right after the command's: it is not output.
      if (shape === 'one-line') start = skipLineBreak(text, start, end);
    }
    const reply = this.output(text, start, end, command, paged, this.messages.extract(text.slice(0, start)).messages);
    reply.messages.push(...this.messages.extract(text.slice(end)).messages);
    reply.uncertainEnd = shape === 'prompt-only';
    return reply;
  }

  /** The reply whose output lies in text[start, promptLineStart) (that is, up to the prompt's line). */
  private output(text: string, start: number, promptLineStart: number, command: string, paged: boolean, messagesBefore: string[]): Reply {
    const raw = start >= promptLineStart ? '' : text.slice(start, promptLineStart - 1);
    const isLog = this.rules.logCommands.some((pattern) => pattern.test(command));
    const { text: kept, messages } = isLog ? { text: raw, messages: [] } : this.messages.extract(raw);
    const output = cleanOutputBody(kept, { stripAnsi: this.rules.stripAnsi, paged, promptContext: this.rules.promptContext });
    return { output, messages: [...messagesBefore, ...messages], paged, uncertainEnd: false };
  }

  /**
   * Where the output starts: after the line that ends with the command's echo. With
   * `logging synchronous` a message may come between and the prompt and echo be written again;
   * the last such line counts. Without a recognisable echo, after the first line.
   */
  private echoEnd(text: string, limit: number, command: string): number {
    const echo = lineText(command);
    const lines = new Lines(text, this.view);
    let found: number | undefined;
    for (let at: number | undefined = 0, n = 0; at !== undefined && at < limit && n < ECHO_SEARCH_LINES; at = lines.next(at), n++) {
      const shown = lines.shown(at);
      if (found === undefined ? shown.endsWith(echo) : this.isPromptAndEcho(shown, echo)) found = at;
      else if (found !== undefined && !this.messages.isMessage(shown)) break;
    }
    const end = text.indexOf('\n', found ?? 0);
    return end < 0 || end >= limit ? limit : end + 1;
  }

  /** Where each command's echo line starts and ends in a pipelined reply, as far as they can be told. */
  private echoLines(text: string, commands: string[]): { lineStart: number; start: number }[] {
    const found: { lineStart: number; start: number }[] = [];
    const lines = new Lines(text, this.view);
    let at: number | undefined = 0;
    for (let i = 0; i < commands.length && at !== undefined; i++) {
      const echo = lineText(commands[i]);
      // The first echo ends a line; every later one shares its line with the prompt before it.
      const isEcho = (shown: string) => (i === 0 ? shown.endsWith(echo) : this.isPromptAndEcho(shown, echo));
      while (at !== undefined && !isEcho(lines.shown(at))) at = lines.next(at);
      if (at === undefined) break;
      const next = lines.next(at);
      if (next === undefined) break;
      found.push({ lineStart: at, start: next });
      at = next;
    }
    return found;
  }

  /** Whether a line (as shown) is this device's prompt followed by the echo of a command. */
  private isPromptAndEcho(shown: string, echo: string): boolean {
    return shown.endsWith(echo) && this.prompts.isPrompt(shown.slice(0, shown.length - echo.length).trim());
  }

  /**
   * Follows a pipelined batch as it arrives: when each command's echo was first received (the
   * reply before it was then complete; the first counts as seen at once), and whether a pager
   * showed.
   */
  private watchBatch(commands: string[]): { seen: number[]; paged: () => boolean } {
    const seen: number[] = [performance.now()];
    let next = 1;
    let carry = '';
    let paged = false;
    this.received.onPush = (chunk) => {
      const text = carry + chunk;
      // Each echo is looked for after the one before it (a command may be asked twice).
      for (let from = 0, at: number; next < commands.length && (at = text.indexOf(commands[next], from)) >= 0; from = at + commands[next - 1].length) {
        seen[next++] = performance.now();
      }
      paged ||= this.rules.pager.test(this.view(chunk));
      carry = text.slice(-256);
    };
    return { seen, paged: () => paged };
  }

  private learnPromptAtEnd(text: string): void {
    this.prompts.learn(lineText(this.view(lastLineOf(text))));
  }

  private commandTimeout(command: string, timeoutMs: number): SessionError {
    return new SessionError('command-timeout', `${this.context.where} did not finish \`${command}\` within ${timeoutMs / 1000} s; last received: ${this.context.describe(this.received.tail)}`, 'Raise read_timeout for long outputs, or check the command does not wait for input.');
  }

  private timeout(kind: 'prompt-timeout', what: string, timeoutMs: number): SessionError {
    return new SessionError(kind, `${this.context.where} never showed ${what} within ${timeoutMs / 1000} s; last received: ${this.context.describe(this.received.tail)}`, 'Check device_type matches the device, or that a banner or menu is not waiting for input.');
  }
}

/** How far into a reply its echo is looked for. */
const ECHO_SEARCH_LINES = 200;

/** Line starts in a received text, walked without splitting it (outputs can be megabytes). */
class Lines {
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

  /** The start of the nearest line before `start` that `wanted` accepts (as shown). */
  previous(start: number, wanted: (shown: string) => boolean): number | undefined {
    let end = start - 1;
    while (end > 0) {
      const lineStart = this.text.lastIndexOf('\n', end - 1) + 1;
      if (wanted(this.shown(lineStart))) return lineStart;
      end = lineStart - 1;
    }
    return undefined;
  }

  shown(start: number): string {
    const end = this.text.indexOf('\n', start);
    return lineText(this.view(this.text.slice(start, end < 0 ? undefined : end)));
  }
}

function lastLineOf(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** Past one line break at `at` (\r\n or \n), if there is one before `limit`. */
function skipLineBreak(text: string, at: number, limit: number): number {
  if (text.startsWith('\r\n', at) && at + 2 <= limit) return at + 2;
  if (text[at] === '\n' && at + 1 <= limit) return at + 1;
  return at;
}
