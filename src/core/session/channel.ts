// The CLI channel: what is typed to a device and what comes back, turned into replies. It knows
// echo, prompt, pager, terminal control sequences, unsolicited messages and when a reply is
// complete; what the lines mean on a platform is the driver's business.
//
// A command costs one round trip: the command, its Return and one more Return leave in one
// write. A device answers the extra Return only once the command is done (it holds typed keys,
// or echoes them at once and runs them after), so the reply is complete when this device's
// prompt shows twice: on two lines (`R1#` Return `R1#`), or on one line when the Return was
// echoed early (`R1#R1#`). A line inside the output that looks like the prompt is followed by
// more output instead, however long the device pauses after it (on a device not known to keep
// keys typed ahead, at most END_EVIDENCE_GRACE_MS, and the reply is then marked uncertain).
import { Newline } from '../platforms/platform';
import { cleanOutputBody, stripAnsi } from './cleanOutput';
import { SessionError } from './errors';
import { lineText, PromptMatcher } from './promptMatcher';
import { Expectation, ReceiveBuffer } from './receiveBuffer';
import { EchoWatch, Lines } from './receivedText';
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
  /** The device showed its prompt and never answered the extra Return: the output may be cut short. */
  uncertainEnd: boolean;
}

/** What a pipelined batch gave: the replies it could tell apart, in order. */
export interface Batch {
  replies: { reply: Reply; elapsedMs: number }[];
  /** Why not every command has a reply; the session has lost track of the device then. */
  lost?: string;
}

/**
 * How long this device's prompt may stand at the end of what it sent without the answer to the
 * extra Return before the reply is taken as ended, marked uncertain; only for a device not known
 * to keep keys typed ahead (one that drops them never answers). That answer travels in the same
 * flight as the prompt, so this does not grow with the link's round-trip time.
 */
const END_EVIDENCE_GRACE_MS = 1500;

/**
 * How long the prompt on two lines must stand before the reply counts as ended: a device sends
 * the answer to the extra Return right behind its prompt, so when the output's own last line was
 * the prompt, the true end follows within this.
 */
const TWO_LINES_SETTLE_MS = 2;

type EndShape = 'two-lines' | 'one-line' | 'prompt-only';

export class CliChannel {
  readonly prompts: PromptMatcher;
  /**
   * Learned at set-up: the device answered several lines typed in one write, so it keeps keys
   * typed ahead and always answers the extra Return.
   */
  private keepsTypedAhead = false;
  private readonly messages: UnsolicitedLines;
  private readonly view: (text: string) => string;
  private readonly pagerAnywhere: RegExp;

  constructor(
    private readonly write: (text: string) => void,
    private readonly received: ReceiveBuffer,
    private readonly rules: ChannelRules,
    private readonly context: ChannelContext,
  ) {
    this.prompts = new PromptMatcher(rules.prompt);
    this.view = rules.stripAnsi ? stripAnsi : (text) => text;
    this.messages = new UnsolicitedLines(rules.unsolicited, this.view);
    this.pagerAnywhere = new RegExp(rules.pager.source.replace(/(?:\\s[*?])?\$$/, ''), rules.pager.flags);
  }

  /** Waits for the first prompt and learns it; returns the messages that came before it. */
  async firstPrompt(timeoutMs: number): Promise<string[]> {
    await this.received.waitForAny([{ matches: (end) => this.rules.prompt.test(end) }], timeoutMs, () => this.promptTimeout('a prompt', timeoutMs));
    const text = this.received.take();
    this.prompts.learn(lineText(this.view(lastLineOf(text))));
    return this.messages.extract(text).messages;
  }

  /**
   * Session set-up lines (terminal width, paging, enable): on a device that echoes, all in one
   * write, one at a time on a device that does not. A device shows its prompt once it has taken
   * each line, so a batch is done when the prompt has come back once per line, or once per line
   * but the last, which `lastAsks` answered (the enable password prompt). A device that dropped
   * the lines typed ahead is found out when the batch times out at its prompt: the rest then go
   * one at a time. Returns all that came back, and whether `lastAsks` ended it.
   */
  async setupLines(lines: string[], timeoutMs: number, lastAsks?: RegExp): Promise<{ text: string; asked: boolean }> {
    let text = '';
    let left = lines;
    while (left.length > 0) {
      const batch = this.rules.echo && !text ? left : left.slice(0, 1);
      const part = await this.setupBatch(batch, timeoutMs, left.length === batch.length ? lastAsks : undefined);
      text += part.text;
      if (part.answered === batch.length && batch.length > 1) this.keepsTypedAhead = true;
      left = left.slice(part.answered);
    }
    this.prompts.learn(lineText(this.view(lastLineOf(text))));
    const asked = lastAsks?.test(lineText(this.view(lastLineOf(text)))) ?? false;
    return { text, asked };
  }

  /** Types a line that is not echoed (a password) and waits for the device's prompt. */
  async hiddenLine(line: string, timeoutMs: number, what: string): Promise<string> {
    this.write(line + this.rules.newline);
    await this.received.waitForAny([{ matches: (end) => this.endsAtPrompt(end) }], timeoutMs, () => this.promptTimeout(what, timeoutMs));
    const text = this.received.take();
    this.prompts.learn(lineText(this.view(lastLineOf(text))));
    return text;
  }

  /** Unsolicited lines in text received outside any command (set-up, a password's answer). */
  messagesIn(text: string): string[] {
    return this.messages.extract(text).messages;
  }

  /** What arrived since the last reply was taken (a late message): its messages; the rest is no reply's. */
  takeLeftover(): string[] {
    return this.messagesIn(this.received.take());
  }

  /** Sends one command in one write and returns its reply; one deadline covers every page. */
  async command(command: string, timeoutMs: number): Promise<Reply> {
    const before = this.takeLeftover();
    const onTimeout = () => this.commandTimeout(command, timeoutMs);
    // No end counts before the command's own echo: nothing left from an earlier reply can end it.
    const echo = this.watchEchoes([command]);
    const pages: string[] = [];
    try {
      this.write(command + this.rules.newline + this.rules.newline);
      for (const endBy = performance.now() + timeoutMs; ;) {
        const shape = await this.waitForEnd(endBy - performance.now(), onTimeout, () => echo?.complete ?? true);
        if (shape !== 'pager') return this.reply(pages.join('') + this.received.take(), command, shape, pages.length > 0, before);
        // A pager takes the keys typed ahead: the space turns the page, and the Return after it is
        // the extra Return again, answered by the prompt once the last page is out. The page is
        // taken first, so only the next one can match again.
        pages.push(this.received.take());
        this.write(' ' + this.rules.newline);
      }
    } finally {
      this.received.onPush = undefined;
    }
  }

  /**
   * Sends every command in one write and splits the replies by echo and prompt: each reply ends
   * where the prompt is followed by the next command's echo. For devices that hold typed input;
   * a batch that cannot be split (a pager took the commands typed after it, the device echoed
   * them at once or dropped them) is given up.
   */
  async pipelined(commands: string[], timeoutMs: number): Promise<Batch> {
    const before = this.takeLeftover();
    const sentAt = performance.now();
    const echoes = new EchoWatch(commands);
    let paged = false;
    let carry = '';
    this.received.onPush = (chunk) => {
      echoes.feed(chunk);
      // A pager, even one the next typed key took away at once, means the batch is lost. Its
      // marker is looked for as received: colour codes around it leave the words whole.
      paged ||= this.pagerAnywhere.test(carry + chunk);
      carry = chunk.slice(-64);
    };
    let shape: EndShape | 'pager';
    try {
      this.write(commands.map((command) => command + this.rules.newline).join('') + this.rules.newline);
      // The end is looked for once the last command's echo is in; a device that drops keys typed
      // ahead never echoes them, and stops at its prompt.
      shape = await this.waitForEnd(timeoutMs, () => this.commandTimeout(commands[echoes.seenAt.length - 1] ?? commands[0], timeoutMs), () => echoes.complete, () => paged, true);
    } finally {
      this.received.onPush = undefined;
    }
    const endedAt = performance.now();
    const text = this.received.take();
    const lines = this.echoLines(text, commands);
    const told = shape === 'pager' || shape === 'prompt-only' || lines.length < commands.length ? Math.max(0, lines.length - 1) : commands.length;
    const replies: Batch['replies'] = [];
    for (let i = 0, previousAt = sentAt; i < told; i++) {
      const last = i === commands.length - 1;
      const at = last ? endedAt : echoes.seenAt[i + 1] ?? endedAt;
      const from = lines[i].replyStart;
      const reply = last
        ? this.reply(text.slice(from), commands[i], shape as EndShape, false, before)
        : // Each reply but the last ends where the next one starts: at the prompt before its echo.
          this.replyAt(text.slice(from, lines[i + 1].replyStart), lines[i + 1].replyStart - from, commands[i], { paged: false, echoedEarly: false, uncertain: false, before: i === 0 ? before : [] });
      replies.push({ reply, elapsedMs: Math.max(0, at - previousAt) });
      previousAt = at;
    }
    if (told === commands.length) return { replies };
    if (shape === 'pager') return { replies, lost: 'the device paged an output, and the pager took the commands typed after it' };
    return { replies, lost: 'the device did not answer the commands typed ahead one after another (it echoes typed keys at once, or drops them)' };
  }

  /**
   * Waits for the reply's end, or a pager to answer. The prompt on two lines waits a moment
   * more: an output whose last line is the prompt looks the same until the answer to the extra
   * Return follows. `started` says whether what is received can be the end yet; the prompt alone
   * ends a reply only on a device not known to keep keys typed ahead, and then only once
   * `started` unless `promptAloneAnytime`.
   */
  private async waitForEnd(timeoutMs: number, onTimeout: () => Error, started: () => boolean, paged: () => boolean = () => false, promptAloneAnytime = false): Promise<EndShape | 'pager'> {
    const shapes: Expectation[] = [
      { matches: (end, tail) => started() && this.endShape(end, tail) === 'one-line' },
      { matches: (end, tail) => started() && this.endShape(end, tail) === 'two-lines', settleMs: TWO_LINES_SETTLE_MS },
      { matches: (end) => paged() || this.rules.pager.test(end), settleMs: this.context.settleMs },
    ];
    if (!this.keepsTypedAhead) shapes.push({ matches: (end) => (promptAloneAnytime || started()) && this.endsAtPrompt(end), settleMs: END_EVIDENCE_GRACE_MS });
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
  private reply(text: string, command: string, shape: EndShape, paged: boolean, before: string[]): Reply {
    const lines = new Lines(text, this.view);
    let end = lines.lastStart();
    // Two lines: the command's prompt is the one before the answer to the extra Return.
    if (shape === 'two-lines') end = lines.previous(end, (shown) => !this.isFiller(shown)) ?? end;
    return this.replyAt(text, end, command, { paged, echoedEarly: shape === 'one-line', uncertain: shape === 'prompt-only', before });
  }

  /**
   * The reply in `text` whose command ended at the prompt line starting at `end`: the echo's line
   * and what precedes it, the output up to that prompt, and what follows it (messages, prompts).
   */
  private replyAt(text: string, end: number, command: string, how: { paged: boolean; echoedEarly: boolean; uncertain: boolean; before: string[] }): Reply {
    const lines = new Lines(text, this.view);
    // With `logging synchronous` a message is followed by the prompt again: the first one counts.
    for (;;) {
      const message = lines.previous(end, (shown) => shown !== '');
      if (message === undefined || !this.messages.isMessage(lines.shown(message))) break;
      const prompt = lines.previous(message, (shown) => !this.isFiller(shown));
      if (prompt === undefined || !this.prompts.isPrompt(lines.shown(prompt))) break;
      end = prompt;
    }
    // Follows a change of mode.
    if (end < text.length) this.prompts.learn(lines.shown(end));
    let start = 0;
    if (this.rules.echo) {
      start = this.echoEnd(text, end, command);
      // The extra Return's echo came right after the command's: it is not output.
      if (how.echoedEarly) start = skipLineBreak(text, start, end);
    }
    const raw = start >= end ? '' : text.slice(start, end - 1);
    const isLog = this.rules.logCommands.some((pattern) => pattern.test(command));
    const body = isLog ? { text: raw, messages: [] } : this.messages.extract(raw);
    return {
      output: cleanOutputBody(body.text, { stripAnsi: this.rules.stripAnsi, paged: how.paged, promptContext: this.rules.promptContext }),
      messages: [...how.before, ...this.messagesIn(text.slice(0, start)), ...body.messages, ...this.messagesIn(text.slice(end))],
      uncertainEnd: how.uncertain,
    };
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

  /**
   * Where each command's reply starts and its echo line ends in a pipelined reply, as far as they
   * can be told. The first echo ends a line; every later one shares its line with the prompt
   * before it, or, when a message came between, stands on its own line after that prompt.
   */
  private echoLines(text: string, commands: string[]): { replyStart: number; start: number }[] {
    const found: { replyStart: number; start: number }[] = [];
    const lines = new Lines(text, this.view);
    let at: number | undefined = 0;
    for (let i = 0; i < commands.length && at !== undefined; i++) {
      const echo = lineText(commands[i]);
      let replyStart: number | undefined;
      for (; at !== undefined; at = lines.next(at)) {
        const shown = lines.shown(at);
        if (i === 0 ? shown.endsWith(echo) : this.isPromptAndEcho(shown, echo)) replyStart = i === 0 ? 0 : at;
        else if (i > 0 && shown === echo) replyStart = this.promptBefore(lines, at);
        if (replyStart !== undefined) break;
      }
      const next: number | undefined = at === undefined ? undefined : lines.next(at);
      if (replyStart === undefined || next === undefined) break;
      found.push({ replyStart, start: next });
      at = next;
    }
    return found;
  }

  /** The start of the prompt line just before this line, with only messages between; undefined if there is none. */
  private promptBefore(lines: Lines, start: number): number | undefined {
    const before = lines.previous(start, (shown) => shown !== '' && !this.messages.isMessage(shown));
    return before !== undefined && this.prompts.isPrompt(lines.shown(before)) ? before : undefined;
  }

  /** Whether a line (as shown) is this device's prompt followed by the echo of a command. */
  private isPromptAndEcho(shown: string, echo: string): boolean {
    return shown.endsWith(echo) && this.prompts.isPrompt(shown.slice(0, shown.length - echo.length).trim());
  }

  /** Follows the commands' echoes as they arrive, on a device that echoes. */
  private watchEchoes(commands: string[]): EchoWatch | undefined {
    if (!this.rules.echo) return undefined;
    const watch = new EchoWatch(commands.map(lineText));
    this.received.onPush = (chunk) => watch.feed(chunk);
    return watch;
  }

  /** Set-up lines in one write; how many the device answered before it was done, or stopped at its prompt. */
  private async setupBatch(batch: string[], timeoutMs: number, lastAsks: RegExp | undefined): Promise<{ text: string; answered: number }> {
    const asks = (line: string) => lastAsks?.test(line) ?? false;
    const answered: Expectation = {
      matches: (end, tail) => {
        if (end.endsWith('\n')) return false;
        const prompts = this.prompts.count(tail());
        // Early echoes can put several prompts on the last line: it need only end with one.
        return (asks(end) && prompts >= batch.length - 1) || (this.rules.prompt.test(end) && prompts >= batch.length);
      },
    };
    this.write(batch.map((line) => line + this.rules.newline).join(''));
    try {
      await this.received.waitForAny([answered], timeoutMs, () => this.promptTimeout(`the prompt after \`${batch[batch.length - 1]}\``, timeoutMs));
      return { text: this.received.take(), answered: batch.length };
    } catch (err) {
      // At its prompt with lines unanswered, long after they were sent: the device dropped them.
      const tail = this.view(this.received.tail);
      const prompts = this.prompts.count(tail);
      const dropped = err instanceof SessionError && err.kind === 'prompt-timeout' && batch.length > 1 && this.endsAtPrompt(lastLineOf(tail)) && prompts > 0 && prompts < batch.length;
      if (!dropped) throw err;
      return { text: this.received.take(), answered: prompts };
    }
  }

  private commandTimeout(command: string, timeoutMs: number): SessionError {
    return new SessionError('command-timeout', `${this.context.where} did not finish \`${command}\` within ${timeoutMs / 1000} s; last received: ${this.context.describe(this.received.tail)}`, 'Raise read_timeout for long outputs, or check the command does not wait for input.');
  }

  private promptTimeout(what: string, timeoutMs: number): SessionError {
    return new SessionError('prompt-timeout', `${this.context.where} never showed ${what} within ${timeoutMs / 1000} s; last received: ${this.context.describe(this.received.tail)}`, 'Check device_type matches the device, or that a banner or menu is not waiting for input.');
  }
}

/** How far into a reply its echo is looked for. */
const ECHO_SEARCH_LINES = 200;

function lastLineOf(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** Past one line break at `at` (\r\n or \n), if there is one before `limit`. */
function skipLineBreak(text: string, at: number, limit: number): number {
  if (text.startsWith('\r\n', at) && at + 2 <= limit) return at + 2;
  if (text[at] === '\n' && at + 1 <= limit) return at + 1;
  return at;
}
