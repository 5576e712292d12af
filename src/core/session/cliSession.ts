// One device's interactive CLI over SSH, from login to goodbye: the transport opens it, the
// driver prepares it (prompt, on-open lines, enable), the channel exchanges the commands, and
// this class owns the connection's life (close, cancel, a reply too large) and masks what it says.
import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { Client, ClientChannel } from 'ssh2';
import { PlatformDefinition } from '../platforms/platform';
import { boundedWait, cancelled } from './boundedWait';
import { CliChannel, Reply } from './channel';
import { stripAnsi } from './cleanOutput';
import { CliDriver } from './driver';
import { classifyConnectionError, describeTail, SessionError } from './errors';
import { longestSecret, Masker, secretMasker, SENTENCE_MIN_LENGTH } from './mask';
import { ReceiveBuffer } from './receiveBuffer';
import { HostKeyCheck, openSsh, SshEndpoint, where } from './transport';

export interface SessionTarget extends SshEndpoint {
  secret?: string;
  platform: PlatformDefinition;
  /** Jump hosts to go through, nearest first. */
  jumps?: SshEndpoint[];
  /** Whether the device echoes what is typed; undefined: as its platform says. */
  echo?: boolean;
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
  /** A line the device sent on its own (kept out of every output). */
  onMessage?: (message: UnsolicitedMessage) => void;
  /** Something the session changed in how it works with this device, for the log. */
  onNotice?: (text: string) => void;
  lookup?: net.LookupFunction;
}

export interface CommandResult {
  command: string;
  output: string;
  /** The reply carried one of the platform's failure indicators. */
  failed: boolean;
  elapsedMs: number;
  /** The output's end could not be told apart from a prompt-like line inside it: it may be cut short. */
  uncertainEnd?: boolean;
}

/** A line the device sent on its own (a syslog message from `terminal monitor`), kept out of outputs. */
export interface UnsolicitedMessage {
  text: string;
  /** The command being answered when it arrived; absent while the session was being set up. */
  command?: string;
}

// netmiko's terminal size: wide enough that no line wraps, tall enough to page rarely.
const PTY = { term: 'vt100', cols: 511, rows: 1000, width: 0, height: 0 };
const DEFAULT_SETTLE_MS = 10;
/** Well above the largest outputs seen in the field (a full BGP table, 50 MB), well below a heap. */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024 * 1024;
/** How long a polite disconnect may take before the sockets are simply destroyed. */
const CLOSE_GRACE_MS = 2_000;

export class CliSession {
  private readonly received: ReceiveBuffer;
  private readonly channel: CliChannel;
  private readonly driver: CliDriver;
  private readonly timeouts: SessionTimeouts;
  private readonly maxReplyBytes: number;
  /** Bytes received since the current exchange began (or since the shell opened), and how many it may take. */
  private replyBytes = 0;
  private replyBudget: number;
  /** Hides the device's credentials in what the device sent, whatever their length. */
  private readonly mask: Masker;
  /** Hides the longer ones in whole sentences too (see SENTENCE_MIN_LENGTH). */
  private readonly maskSentence: Masker;
  private readonly longestSecret: number;
  /** The command answered last: messages that follow its prompt came during it. */
  private lastCommand: string | undefined;
  /** A set-up line was refused: paging may still be on, so commands are not typed ahead. */
  private setupRefused = false;
  /** No more commands: we closed, or the device did. */
  private closed = false;
  /** The device's TCP connection is still up (it outlives `closed` while goodbyes are exchanged). */
  private connectionOpen = true;

  private constructor(
    private readonly target: SessionTarget,
    private readonly hops: Client[],
    shell: ClientChannel,
    private readonly options: SessionOptions,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    this.replyBudget = this.maxReplyBytes;
    const secrets = credentialsOf(target);
    this.mask = secretMasker(secrets);
    this.maskSentence = secretMasker(secrets, SENTENCE_MIN_LENGTH);
    this.longestSecret = longestSecret(secrets);
    const { platform } = target;
    this.received = new ReceiveBuffer(platform.stripAnsi ? stripAnsi : undefined);
    this.channel = new CliChannel(
      (text) => shell.write(text),
      this.received,
      { ...platform, echo: target.echo ?? platform.echo },
      { where: this.where, describe: (received) => describeTail(received, this.mask, this.longestSecret), settleMs: options.settleMs ?? DEFAULT_SETTLE_MS },
    );
    this.driver = new CliDriver(this.channel, platform, this.where, this.mask);
    const client = hops[hops.length - 1];
    const decoder = new StringDecoder('utf8');
    shell.on('data', (data: Buffer) => {
      if (this.closed) return;
      this.replyBytes += data.length;
      if (this.replyBytes > this.replyBudget) return this.overflow();
      this.received.push(decoder.write(data));
    });
    shell.on('close', () => this.onGone(() => new SessionError('closed', `${this.where} closed the session`, 'The device ended the CLI session (idle timeout, exec-timeout, or session limit).')));
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

  /** The exact prompt the device showed last, e.g. `R1#`. */
  get prompt(): string {
    return this.channel.prompts.prompt;
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
      const shell = await openShell(connection.client, at, timeouts.authMs, options.signal);
      phaseDone('auth');
      const session = new CliSession(target, hops, shell, options);
      await session.prepare();
      phaseDone('prepare');
      return session;
    } catch (err) {
      for (const hop of hops) hop.destroy();
      throw masked(options.signal?.aborted ? cancelled() : classifyConnectionError(err, at), secretMasker(credentialsOf(target), SENTENCE_MIN_LENGTH));
    }
  }

  /** Sends one command and returns its output without echo, prompt, pager residue or messages. */
  async send(command: string): Promise<CommandResult> {
    const started = performance.now();
    const reply = await this.guarded(() => this.channel.command(command, this.timeouts.commandMs));
    return this.result(command, reply, performance.now() - started);
  }

  /**
   * Runs the commands in order and reports each as it completes. Pipelined (all in one write)
   * when asked and the device allows it. Returns the commands left when a pipelined batch could
   * not be split: the session has lost track of the device, so they need a new one.
   */
  async run(commands: string[], pipeline: boolean, onResult: (result: CommandResult) => void): Promise<string[]> {
    if (!pipeline || commands.length < 2) {
      for (const command of commands) onResult(await this.send(command));
      return [];
    }
    const refusal = this.pipelineRefusal();
    if (refusal) {
      this.options.onNotice?.(`pipelining off: ${refusal}; one command at a time`);
      return this.run(commands, false, onResult);
    }
    const batch = await this.guarded(() => this.channel.pipelined(commands, this.timeouts.commandMs * commands.length), commands.length);
    batch.replies.forEach(({ reply, elapsedMs }, i) => onResult(this.result(commands[i], reply, elapsedMs)));
    const left = commands.slice(batch.replies.length);
    if (batch.lost) this.options.onNotice?.(`pipelining off: ${batch.lost}; ${left.length} command${left.length === 1 ? '' : 's'} again, one at a time on a new session`);
    return left;
  }

  /**
   * Ends the session and resolves once the connection is gone, so a pool slot is only
   * reused when the device has really let go of the session (vty lines are few).
   */
  close(): Promise<void> {
    // A message that came after the last command's prompt is kept all the same.
    if (!this.closed) for (const text of this.channel.takeLeftover()) this.options.onMessage?.({ text, command: this.lastCommand });
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

  /** Why commands cannot be typed ahead to this device, if they cannot. */
  private pipelineRefusal(): string | undefined {
    if (!(this.target.echo ?? this.target.platform.echo)) return 'the device does not echo, and replies are split by their echo';
    if (this.setupRefused) return 'the device refused a set-up line, so paging may still be on';
    return undefined;
  }

  private async prepare(): Promise<void> {
    const prepared = await this.driver.prepare(this.target.secret, this.timeouts.promptMs);
    this.setupRefused = prepared.refusedLine;
    for (const text of prepared.messages) this.options.onMessage?.({ text });
  }

  /** One exchange of `replies` replies, each with its byte budget; what goes wrong said as a masked SessionError. */
  private async guarded<T>(exchange: () => Promise<T>, replies = 1): Promise<T> {
    if (this.closed) throw new SessionError('closed', `${this.where} session is closed`);
    this.replyBytes = 0;
    this.replyBudget = this.maxReplyBytes * replies;
    try {
      return await exchange();
    } catch (err) {
      throw masked(classifyConnectionError(err, this.where), this.maskSentence);
    }
  }

  private result(command: string, reply: Reply, elapsedMs: number): CommandResult {
    this.lastCommand = command;
    for (const text of reply.messages) this.options.onMessage?.({ text, command });
    const result: CommandResult = { command, output: reply.output, failed: this.driver.failed(reply.output), elapsedMs };
    if (reply.uncertainEnd) result.uncertainEnd = true;
    return result;
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

