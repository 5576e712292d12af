// One device's interactive CLI over SSH: find the prompt, prepare the terminal, enable,
// then send commands one at a time and return exactly their output.
import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { Client, ClientChannel } from 'ssh2';
import { PlatformDefinition } from '../platforms/platform';
import { boundedWait, cancelled } from './boundedWait';
import { cleanCommandOutput, stripAnsi } from './cleanOutput';
import { classifyConnectionError, describeTail, SessionError } from './errors';
import { longestSecret, Masker, secretMasker } from './mask';
import { Expectation, ReceiveBuffer } from './receiveBuffer';
import { HostKeyCheck, openSsh, SshEndpoint, where } from './transport';

export interface SessionTarget extends SshEndpoint {
  secret?: string;
  platform: PlatformDefinition;
  /** Jump hosts to go through, nearest first. */
  jumps?: SshEndpoint[];
}

export interface SessionTimeouts {
  /** TCP connect. */
  connectMs: number;
  /** SSH handshake and authentication, per hop. */
  authMs: number;
  /** Each wait for a prompt while preparing the session. */
  promptMs: number;
  /** Each command, from sending it to its prompt coming back. */
  commandMs: number;
}

export const DEFAULT_TIMEOUTS: SessionTimeouts = { connectMs: 10_000, authMs: 20_000, promptMs: 10_000, commandMs: 30_000 };

/** Phases whose durations the session reports, in the order they happen. */
export type SessionPhase = 'connect' | 'auth' | 'prepare';

export interface SessionOptions {
  hostKeys: HostKeyCheck;
  timeouts?: Partial<SessionTimeouts>;
  /** Aborting closes the connection at once; every pending wait fails with kind 'cancelled'. */
  signal?: AbortSignal;
  /** Quiet time after a pager match before it is answered (a pager-looking line inside an output is followed by more). */
  settleMs?: number;
  /** The most a device may send in reply to one command (and before its first prompt); more fails the session. */
  maxReplyBytes?: number;
  onPhase?: (phase: SessionPhase, elapsedMs: number) => void;
  lookup?: net.LookupFunction;
}

export interface CommandResult {
  command: string;
  output: string;
  /** The reply carried one of the platform's failure indicators. */
  failed: boolean;
  elapsedMs: number;
}

// netmiko's terminal size: wide enough that no line wraps, tall enough to page rarely.
const PTY = { term: 'vt100', cols: 511, rows: 1000, width: 0, height: 0 };
const DEFAULT_SETTLE_MS = 10;
/** Well above the largest outputs seen in the field (a full BGP table, 50 MB), well below a heap. */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
/** How long a polite disconnect may take before the sockets are simply destroyed. */
const CLOSE_GRACE_MS = 2_000;

export class CliSession {
  /** The exact prompt the device showed last, e.g. `R1#`. */
  prompt = '';
  private readonly received: ReceiveBuffer;
  private readonly timeouts: SessionTimeouts;
  private readonly settleMs: number;
  private readonly maxReplyBytes: number;
  /** Bytes received since the current command was sent (or since the shell opened). */
  private replyBytes = 0;
  /** Hides the device's credentials in every text this session gives out. */
  private readonly mask: Masker;
  private readonly longestSecret: number;
  /** The prompt without its mode and terminator, e.g. `R1` for `R1(config)#`. */
  private promptBase = '';
  /** The device's own prompt on the last line received, in any mode. */
  private readonly atPrompt: Expectation = { matches: (line) => this.showsPrompt(line) };
  /** No more commands: we closed, or the device did. */
  private closed = false;
  /** The device's TCP connection is still up (it outlives `closed` while goodbyes are exchanged). */
  private connectionOpen = true;

  private constructor(
    private readonly target: SessionTarget,
    private readonly hops: Client[],
    private readonly channel: ClientChannel,
    options: SessionOptions,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    const secrets = credentialsOf(target);
    this.mask = secretMasker(secrets);
    this.longestSecret = longestSecret(secrets);
    this.received = new ReceiveBuffer(target.platform.stripAnsi ? stripAnsi : undefined);
    const client = hops[hops.length - 1];
    const decoder = new StringDecoder('utf8');
    channel.on('data', (data: Buffer) => {
      if (this.closed) return;
      this.replyBytes += data.length;
      if (this.replyBytes > this.maxReplyBytes) return this.overflow();
      this.received.push(decoder.write(data));
    });
    channel.on('close', () => this.onGone(() => new SessionError('closed', `${this.where} closed the session`, 'The device ended the CLI session (idle timeout, exec-timeout, or session limit).')));
    // The signal outlives the session (its device's handle keeps it for the whole poll): the
    // listener goes with the connection, or it would keep every ended session in memory.
    const onAbort = () => this.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('close', () => {
      this.connectionOpen = false;
      options.signal?.removeEventListener('abort', onAbort);
      this.onGone(() => new SessionError('closed', `${this.where} closed the connection`, 'The device hung up: it may have reloaded, or limit session time.'));
    });
    client.on('error', (err) => this.onGone(() => classifyConnectionError(err, this.where)));
  }

  private get where(): string {
    return where(this.target);
  }

  static async open(target: SessionTarget, options: SessionOptions): Promise<CliSession> {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    let phaseStart = performance.now();
    const phaseDone = (phase: SessionPhase) => {
      const now = performance.now();
      options.onPhase?.(phase, now - phaseStart);
      phaseStart = now;
    };
    const at = where(target);
    let hops: Client[] = [];
    try {
      const connection = await openSsh(target, target.jumps ?? [], { ...timeouts, hostKeys: options.hostKeys, signal: options.signal, lookup: options.lookup }, () => phaseDone('connect'));
      hops = connection.hops;
      const channel = await openShell(connection.client, at, timeouts.authMs, options.signal);
      phaseDone('auth');
      const session = new CliSession(target, hops, channel, options);
      await session.prepare();
      phaseDone('prepare');
      return session;
    } catch (err) {
      for (const hop of hops) hop.destroy();
      throw masked(options.signal?.aborted ? cancelled() : classifyConnectionError(err, at), secretMasker(credentialsOf(target)));
    }
  }

  /** Sends one command and returns its output without echo, prompt or pager residue. */
  async send(command: string): Promise<CommandResult> {
    const started = performance.now();
    const { platform } = this.target;
    let raw;
    try {
      raw = await this.exchange(command, this.timeouts.commandMs, 'output');
    } catch (err) {
      throw masked(classifyConnectionError(err, this.where), this.mask);
    }
    const output = this.mask(cleanCommandOutput(raw.text, { stripAnsi: platform.stripAnsi, paged: raw.paged, promptContext: platform.promptContext }));
    const failed = platform.failureIndicators.some((indicator) => output.includes(indicator));
    return { command, output, failed, elapsedMs: performance.now() - started };
  }

  /**
   * Ends the session and resolves once the connection is gone, so a pool slot is only
   * reused when the device has really let go of the session (vty lines are few).
   */
  close(): Promise<void> {
    this.closed = true;
    if (!this.connectionOpen) return Promise.resolve();
    const client = this.hops[this.hops.length - 1];
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.abort(), CLOSE_GRACE_MS);
      client.once('close', () => {
        clearTimeout(timer);
        for (const hop of this.hops) hop.end();
        resolve();
      });
      // The disconnect closes the shell's channel with it (ending the channel first only has
      // ssh2 end it a second time).
      client.end();
    });
  }

  private abort(): void {
    for (const hop of this.hops) hop.destroy();
    this.onGone(cancelled);
  }

  /** The device sent more than a reply may hold: drop the connection before the heap fills. */
  private overflow(): void {
    const limit = `${Math.round(this.maxReplyBytes / (1024 * 1024))} MiB`;
    for (const hop of this.hops) hop.destroy();
    this.onGone(() => new SessionError('output-limit', `${this.where} sent more than ${limit} in one reply; the session was closed`, 'The command\'s output never ends (a streaming or debug command?), or is larger than NetPoll keeps: narrow it (| include, | section).'));
  }

  /** The session ended; whoever waits on it learns why (the first reason; none after our own close). */
  private onGone(why: () => SessionError): void {
    if (this.closed) return;
    this.closed = true;
    this.received.fail(why());
  }

  /** First prompt, the platform's on-open commands, then privileged mode where it applies. */
  private async prepare(): Promise<void> {
    await this.received.waitForAny([matching(this.target.platform.prompt)], this.timeouts.promptMs, () => this.promptTimeout('a prompt'));
    this.replyBytes = 0;
    this.learnPrompt(this.received.take());
    for (const command of this.target.platform.onOpen) {
      await this.exchange(command, this.timeouts.promptMs, 'prompt only');
    }
    await this.enable();
  }

  /** One attempt, only where the platform has an exec level and the device is at it. */
  private async enable(): Promise<void> {
    const { enable, userPrompt } = this.target.platform;
    if (!enable || !userPrompt || !userPrompt.test(this.prompt)) return;
    if (this.target.secret === undefined) {
      throw new SessionError('enable', `${this.where} logged in at user exec (${this.prompt}) and no enable secret is set`, 'Set secret for this device so NetPoll can enter privileged mode.');
    }
    this.received.take();
    this.writeLine(enable.command);
    const which = await this.received.waitForAny([matching(enable.secretPrompt), this.atPrompt], this.timeouts.promptMs, () => this.promptTimeout('the enable password prompt'));
    if (which === 0) {
      this.received.take();
      this.writeLine(this.target.secret);
      await this.received.waitForAny([this.atPrompt], this.timeouts.promptMs, () => this.promptTimeout('the prompt after enable'));
    }
    this.learnPrompt(this.received.take());
    if (userPrompt.test(this.prompt)) {
      throw new SessionError('enable', `${this.where} refused the enable secret (prompt is still ${this.prompt})`, 'Check secret for this device; NetPoll tries once so the account is not locked out.');
    }
  }

  /**
   * Sends a line and reads to the next prompt, answering the pager on the way; one deadline
   * covers every page. An output is complete once the device has shown its prompt and then
   * answered one more return (sent only then) with a prompt and nothing else: a line inside
   * the output that looks like the prompt is followed by more output instead, however long
   * the device pauses after it. Setup lines have no output to mistake and skip that check.
   */
  private async exchange(command: string, timeoutMs: number, wanted: 'output' | 'prompt only'): Promise<{ text: string; paged: boolean }> {
    if (this.closed) throw new SessionError('closed', `${this.where} session is closed`);
    this.received.take();
    this.replyBytes = 0;
    const endBy = performance.now() + timeoutMs;
    const left = () => endBy - performance.now();
    let echo = '';
    const parts: string[] = [];
    const onTimeout = () => new SessionError('command-timeout', `${this.where} did not finish \`${command}\` within ${timeoutMs / 1000} s; last received: ${this.describe(echo + parts.join('') + this.received.tail)}`, 'Raise read_timeout for long outputs, or check the command does not wait for input.');
    // An output is returned without its echo, so its return waits for the echo; a setup line
    // is only read for the prompt after it, so it goes whole, a round trip sooner.
    if (wanted === 'output') echo = await this.typeAndReturn(command, left, onTimeout);
    else this.writeLine(command);
    const pager: Expectation = { ...matching(this.target.platform.pager), settleMs: this.settleMs };
    const answered: Expectation = { matches: (last, tail) => this.showsPrompt(last) && this.probeAnswerStart(tail()) >= 0 };
    let paged = false;
    let probing = false;
    for (;;) {
      const which = await this.received.waitForAny([probing ? answered : this.atPrompt, pager], left(), onTimeout);
      if (which === 0) {
        if (probing || wanted === 'prompt only') break;
        this.writeLine('');
        probing = true;
        continue;
      }
      parts.push(this.received.take());
      paged = true;
      // The pager takes the next key, so a return already sent has been used up by it.
      probing = false;
      this.channel.write(' ');
    }
    let text = parts.join('') + this.received.take();
    this.learnPrompt(text);
    // The answer to the extra return is not part of the output.
    if (wanted === 'output') text = text.slice(0, this.probeAnswerStart(text));
    return { text, paged };
  }

  /**
   * Where the answer to the extra return starts: just after the line before the last that is
   * the prompt (blank and context lines between are part of the answer); -1 if there is none,
   * that is, the device has not answered the return with only a prompt yet.
   */
  private probeAnswerStart(text: string): number {
    let end = text.lastIndexOf('\n');
    while (end > 0) {
      const start = text.lastIndexOf('\n', end - 1);
      const received = text.slice(start + 1, end);
      const line = lineText(this.target.platform.stripAnsi ? stripAnsi(received) : received);
      if (line !== '' && !this.target.platform.promptContext.some((context) => context.test(line))) return this.showsPrompt(line) ? end : -1;
      end = start;
    }
    return -1;
  }

  /** Writes the command, waits for its echo, then sends return, so the echo never mixes into the output; returns the echo. */
  private async typeAndReturn(command: string, left: () => number, onTimeout: () => Error): Promise<string> {
    this.channel.write(command);
    const echo = command.trim();
    await this.received.waitUntil((tail) => tail.includes(echo), left(), onTimeout);
    const echoed = this.received.take();
    this.writeLine('');
    return echoed;
  }

  private writeLine(line: string): void {
    this.channel.write(line + this.target.platform.newline);
  }

  /** What arrived, masked and cut short, for an error message. */
  private describe(received: string): string {
    return describeTail(received, this.mask, this.longestSecret);
  }

  /** Remembers the prompt on the last line, and matches only this device's prompts from now on. */
  private learnPrompt(text: string): void {
    const received = text.slice(text.lastIndexOf('\n') + 1);
    const lastLine = lineText(this.target.platform.stripAnsi ? stripAnsi(received) : received);
    if (lastLine === '' || !this.target.platform.prompt.test(lastLine)) return;
    this.prompt = lastLine;
    this.promptBase = promptBase(lastLine);
  }

  /**
   * Whether the last line received is this device's prompt, in any mode (`R1(config)#` after
   * `R1#`); before a prompt is learned, any prompt of the platform.
   */
  private showsPrompt(lastLine: string): boolean {
    if (!this.target.platform.prompt.test(lastLine)) return false;
    return this.prompt === '' || promptBase(lineText(lastLine)) === this.promptBase;
  }

  private promptTimeout(what: string): SessionError {
    return new SessionError('prompt-timeout', `${this.where} never showed ${what} within ${this.timeouts.promptMs / 1000} s; last received: ${this.describe(this.received.tail)}`, 'Check device_type matches the device, or that a banner or menu is not waiting for input.');
  }
}

/** The interactive shell with its PTY; a device that never answers the requests cannot hold the poll. */
function openShell(client: Client, at: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<ClientChannel> {
  return boundedWait<ClientChannel>(
    (resolve, reject) =>
      client.shell(PTY, (err, channel) => (err ? reject(new SessionError('closed', `${at} refused an interactive shell: ${err.message}`, 'The account may be limited to exec or SFTP.')) : resolve(channel))),
    {
      timeoutMs,
      signal,
      onTimeout: () => new SessionError('shell-timeout', `${at} accepted the login but did not open a shell within ${timeoutMs / 1000} s`, 'The device may be out of vty lines or sessions, or limit this account to exec or SFTP.'),
    },
  );
}

/** Every credential a session knows, for its masker. */
function credentialsOf(target: SessionTarget): (string | undefined)[] {
  return [target, ...(target.jumps ?? [])].flatMap((e) => [e.password, e.privateKey?.passphrase]).concat(target.secret);
}

/** The error with the device's credentials masked in what it says. */
function masked(err: SessionError, mask: Masker): SessionError {
  return new SessionError(err.kind, mask(err.message), err.hint === undefined ? undefined : mask(err.hint));
}

/** Waits for `pattern` on the last line received. */
function matching(pattern: RegExp): Expectation {
  return { matches: (line) => pattern.test(line) };
}

/** A line as shown: carriage returns dropped, surrounding spaces trimmed. */
function lineText(line: string): string {
  return line.replace(/\r/g, '').trim();
}

function promptBase(prompt: string): string {
  return prompt.replace(/(?:\([^)]*\))?[>#$%]$/, '');
}
