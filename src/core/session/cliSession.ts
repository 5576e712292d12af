// One device's interactive CLI over SSH: connect, log in, find the prompt, prepare the
// terminal, enable, then send commands one at a time and return exactly their output.
import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { Client, ClientChannel } from 'ssh2';
import { PlatformDefinition } from '../platforms/platform';
import { cleanCommandOutput } from './cleanOutput';
import { classifyConnectionError, describeTail, SessionError } from './errors';
import { ReceiveBuffer } from './receiveBuffer';

export interface SessionTarget {
  host: string;
  port: number;
  username: string;
  password?: string;
  secret?: string;
  platform: PlatformDefinition;
}

export interface SessionTimeouts {
  /** TCP connect. */
  connectMs: number;
  /** SSH handshake and authentication. */
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
  timeouts?: Partial<SessionTimeouts>;
  /** Aborting closes the connection at once; every pending wait fails with kind 'cancelled'. */
  signal?: AbortSignal;
  /** Quiet time after a prompt match before the output counts as complete. */
  settleMs?: number;
  onPhase?: (phase: SessionPhase, elapsedMs: number) => void;
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
/** How long a polite disconnect may take before the socket is simply destroyed. */
const CLOSE_GRACE_MS = 2_000;

export class CliSession {
  private readonly received = new ReceiveBuffer();
  private readonly timeouts: SessionTimeouts;
  private readonly settleMs: number;
  /** Matches the device's own prompt, in any mode, at the end of the text. */
  private promptPattern: RegExp;
  /** No more commands: we closed, or the device did. */
  private closed = false;
  /** The TCP connection is still up (it outlives `closed` while the goodbye is exchanged). */
  private connectionOpen = true;
  /** The exact prompt the device showed last, e.g. `R1#`. */
  prompt = '';

  private constructor(
    private readonly target: SessionTarget,
    private readonly client: Client,
    private readonly channel: ClientChannel,
    options: SessionOptions,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.promptPattern = target.platform.prompt;
    const decoder = new StringDecoder('utf8');
    channel.on('data', (data: Buffer) => this.received.push(decoder.write(data)));
    channel.on('close', () => this.onGone(new SessionError('closed', `${this.where} closed the session`, 'The device ended the CLI session (idle timeout, exec-timeout, or session limit).')));
    client.on('close', () => {
      this.connectionOpen = false;
      this.onGone(new SessionError('closed', `${this.where} closed the connection`));
    });
    client.on('error', (err) => this.onGone(classifyConnectionError(err, this.where)));
  }

  private get where(): string {
    return `${this.target.host}:${this.target.port}`;
  }

  static async open(target: SessionTarget, options: SessionOptions = {}): Promise<CliSession> {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const where = `${target.host}:${target.port}`;
    const signal = options.signal;
    if (signal?.aborted) throw cancelled();

    let phaseStart = performance.now();
    const phaseDone = (phase: SessionPhase) => {
      const now = performance.now();
      options.onPhase?.(phase, now - phaseStart);
      phaseStart = now;
    };

    const socket = await connectTcp(target.host, target.port, timeouts.connectMs, signal, where);
    phaseDone('connect');
    const client = new Client();
    let session: CliSession | undefined;
    const abort = () => {
      client.destroy();
      socket.destroy();
      session?.onGone(cancelled());
    };
    signal?.addEventListener('abort', abort, { once: true });
    try {
      const channel = await login(client, socket, target, timeouts.authMs, signal, where);
      phaseDone('auth');
      session = new CliSession(target, client, channel, options);
      await session.prepare();
      phaseDone('prepare');
      return session;
    } catch (err) {
      signal?.removeEventListener('abort', abort);
      client.destroy();
      socket.destroy();
      throw signal?.aborted ? cancelled() : classifyConnectionError(err, where);
    }
  }

  /** Sends one command and returns its output without echo, prompt or pager residue. */
  async send(command: string): Promise<CommandResult> {
    const started = performance.now();
    const raw = await this.exchange(command, this.timeouts.commandMs);
    const output = cleanCommandOutput(raw.text, { stripAnsi: this.target.platform.stripAnsi, paged: raw.paged });
    const failed = this.target.platform.failureIndicators.some((indicator) => output.includes(indicator));
    return { command, output, failed, elapsedMs: performance.now() - started };
  }

  /**
   * Ends the session and resolves once the connection is gone, so a pool slot is only
   * reused when the device has really let go of the session (vty lines are few).
   */
  close(): Promise<void> {
    if (!this.connectionOpen) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.client.destroy(), CLOSE_GRACE_MS);
      this.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.closed = true;
      this.channel.end();
      this.client.end();
    });
  }

  private onGone(err: SessionError): void {
    this.closed = true;
    this.received.fail(err);
  }

  /** First prompt, the platform's on-open commands, then privileged mode if asked for. */
  private async prepare(): Promise<void> {
    await this.received.waitForAny([this.target.platform.prompt], this.timeouts.promptMs, () => this.promptTimeout('the first prompt'));
    this.learnPrompt(this.received.take());
    for (const command of this.target.platform.onOpen) {
      await this.exchange(command, this.timeouts.promptMs);
    }
    await this.enable();
  }

  private async enable(): Promise<void> {
    const { enable, userPrompt } = this.target.platform;
    if (!enable || !userPrompt || this.target.secret === undefined || !userPrompt.test(this.prompt)) return;
    this.received.take();
    await this.typeAndReturn(enable.command, this.timeouts.promptMs);
    const secretPrompt = enable.secretPrompt;
    const which = await this.received.waitForAny([secretPrompt, this.promptPattern], this.timeouts.promptMs, () => this.promptTimeout('the enable password prompt'));
    if (which === 0) {
      this.received.take();
      this.channel.write(this.target.secret + '\n');
      await this.received.waitForAny([this.promptPattern], this.timeouts.promptMs, () => this.promptTimeout('the prompt after enable'));
    }
    this.learnPrompt(this.received.take());
    if (userPrompt.test(this.prompt)) {
      throw new SessionError('enable', `${this.where} refused the enable secret (prompt is still ${this.prompt})`, 'Check `secret` for this device; NetPoll tries once so the account is not locked out.');
    }
  }

  /** Sends a line and reads to the next prompt, answering the pager on the way. */
  private async exchange(command: string, timeoutMs: number): Promise<{ text: string; paged: boolean }> {
    if (this.closed) throw new SessionError('closed', `${this.where} session is closed`);
    this.received.take();
    await this.typeAndReturn(command, timeoutMs);
    const parts: string[] = [];
    let paged = false;
    const onTimeout = () => new SessionError('command-timeout', `${this.where} did not finish \`${command}\` within ${timeoutMs / 1000} s; last received: ${describeTail(parts.join('') + this.received.tail)}`, 'Raise read_timeout for long outputs, or check the command is valid for this device.');
    for (;;) {
      const which = await this.received.waitForAny([this.promptPattern, this.target.platform.pager], timeoutMs, onTimeout, this.settleMs);
      parts.push(this.received.take());
      if (which === 0) break;
      paged = true;
      this.channel.write(' ');
    }
    const text = parts.join('');
    this.learnPrompt(text);
    return { text, paged };
  }

  /** Writes the command, waits for its echo, then sends return, so the echo never mixes into the output. */
  private async typeAndReturn(command: string, timeoutMs: number): Promise<void> {
    this.channel.write(command);
    const echo = command.trim();
    await this.received.waitUntil((tail) => tail.includes(echo), timeoutMs, () => new SessionError('command-timeout', `${this.where} did not echo \`${command}\`; last received: ${describeTail(this.received.tail)}`));
    this.received.take();
    this.channel.write('\n');
  }

  /** Remembers the prompt on the last line, and matches only this device's prompts from now on. */
  private learnPrompt(text: string): void {
    const lastLine = text.slice(text.lastIndexOf('\n') + 1).replace(/\r/g, '').trim();
    if (lastLine === '' || !this.target.platform.prompt.test(lastLine)) return;
    this.prompt = lastLine;
    const base = lastLine.replace(/(?:\([^)]*\))?[>#$%]$/, '');
    this.promptPattern = new RegExp(`(?:^|[\\r\\n])${escapeRegExp(base)}(?:\\([^)]*\\))?[>#$%]\\s?$`);
  }

  private promptTimeout(what: string): SessionError {
    return new SessionError('prompt-timeout', `${this.where} never showed ${what} within ${this.timeouts.promptMs / 1000} s; last received: ${describeTail(this.received.tail)}`, 'Check device_type matches the device, or that a banner or menu is not waiting for input.');
  }
}

function cancelled(): SessionError {
  return new SessionError('cancelled', 'cancelled');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function connectTcp(host: string, port: number, timeoutMs: number, signal: AbortSignal | undefined, where: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // No Nagle: a CLI exchange is many tiny writes, each waiting on the other side's reply.
    const socket = net.connect({ host, port, noDelay: true });
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new SessionError('connect-timeout', `no answer from ${where} within ${timeoutMs / 1000} s`, 'Check the device is up and reachable from here, and that no firewall drops SSH.')), timeoutMs);
    const onAbort = () => fail(cancelled());
    const onError = (err: Error) => fail(classifyConnectionError(err, where));
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}

function login(client: Client, socket: net.Socket, target: SessionTarget, timeoutMs: number, signal: AbortSignal | undefined, where: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.destroy();
      reject(new SessionError('handshake', `${where} did not complete SSH login within ${timeoutMs / 1000} s`, 'The device accepted TCP but SSH stalled: check it is an SSH port and the device is not overloaded.'));
    }, timeoutMs);
    // Stays attached: ssh2 also reports later socket errors here, and the session listens too.
    client.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    client.once('ready', () => {
      clearTimeout(timer);
      if (signal?.aborted) return reject(cancelled());
      client.shell(PTY, (err, channel) => (err ? reject(err) : resolve(channel)));
    });
    // Keyboard-interactive logins ask for the password in a prompt of their own.
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => target.password ?? '')));
    client.connect({
      sock: socket,
      username: target.username,
      password: target.password,
      tryKeyboard: target.password !== undefined,
      readyTimeout: timeoutMs,
      keepaliveInterval: 15_000,
    });
  });
}
