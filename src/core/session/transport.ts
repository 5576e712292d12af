// Reaching a device over SSH: TCP (or a channel forwarded through jump hosts), the
// handshake with host key verification, and authentication. What comes back is a logged-in
// ssh2 Client; the CLI on top of it is cliSession's job.
import * as net from 'node:net';
import { readFile } from 'node:fs/promises';
import { Duplex } from 'node:stream';
import { Algorithms, AuthenticationType, Client, ConnectConfig, utils } from 'ssh2';
import { withHome } from '../files/homePath';
import { boundedWait, cancelled, MAX_TIMER_MS } from './boundedWait';
import { classifyConnectionError, SessionError } from './errors';
import { describeKey, HostKey, HostKeyPolicy, KnownHosts } from './knownHosts';
import { writeOncePerTick } from './tickWrites';

export interface SshEndpoint {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: { file: string; passphrase?: string };
  /** Offer the keys of the running ssh-agent (SSH_AUTH_SOCK). */
  useAgent?: boolean;
  /** Also offer SHA-1 key exchange, CBC ciphers, hmac-sha1 and ssh-dss/ssh-rsa host keys. */
  legacyAlgorithms?: boolean;
}

export interface HostKeyCheck {
  policy: HostKeyPolicy;
  /** Needed unless the policy is `off`. */
  knownHosts?: KnownHosts;
  /** A key seen for the first time under accept-new; `notRecorded` says why known_hosts could not take it. */
  onNewKey?: (host: string, port: number, key: HostKey, notRecorded?: string) => void;
}

export interface TransportOptions {
  connectMs: number;
  /** Handshake and authentication, per hop. */
  authMs: number;
  hostKeys: HostKeyCheck;
  signal?: AbortSignal;
  /** Resolver for host names (defaults to the system's). */
  lookup?: net.LookupFunction;
  keepaliveMs?: number;
}

export interface SshConnection {
  /** The client logged in to the device itself. */
  client: Client;
  /** Every client opened, jump hosts first; ending them all closes the path. */
  hops: Client[];
}

const LEGACY_ALGORITHMS: Algorithms = {
  kex: { append: ['diffie-hellman-group-exchange-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'] },
  cipher: { append: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'] },
  serverHostKey: { append: ['ssh-dss'] },
  hmac: { append: ['hmac-sha1'] },
} as unknown as Algorithms; // the typings miss ssh2's append/prepend/remove form

export function where(endpoint: { host: string; port: number }): string {
  return endpoint.host.includes(':') ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

/** TCP to the first hop, then SSH through each jump host to the device. Calls onConnected after TCP. */
export async function openSsh(target: SshEndpoint, jumps: SshEndpoint[], options: TransportOptions, onConnected?: () => void): Promise<SshConnection> {
  const path = [...jumps, target];
  // Checking keys with nothing to check them against fails closed, before any connection.
  if (options.hostKeys.policy !== 'off' && !options.hostKeys.knownHosts) throw noKnownHosts(options.hostKeys.policy);
  const hops: Client[] = [];
  let socket: Duplex | undefined;
  try {
    socket = await connectTcp(path[0], options);
    onConnected?.();
    for (let i = 0; i < path.length; i++) {
      const client = await login(socket, path[i], options);
      hops.push(client);
      if (i + 1 < path.length) socket = await forward(client, path[i], path[i + 1], options);
    }
    return { client: hops[hops.length - 1], hops };
  } catch (err) {
    // The hop being logged in to may have failed before its client owned the socket (an unreadable key).
    socket?.destroy();
    for (const client of hops) client.destroy();
    throw options.signal?.aborted ? cancelled() : err;
  }
}

function connectTcp(endpoint: SshEndpoint, options: TransportOptions): Promise<net.Socket> {
  const at = where(endpoint);
  let socket: net.Socket | undefined;
  return boundedWait<net.Socket>(
    (resolve, reject) => {
      // No Nagle: a CLI exchange is many tiny writes, each waiting on the other side's reply.
      const s = (socket = net.connect({ host: endpoint.host, port: endpoint.port, noDelay: true, lookup: options.lookup }));
      const onError = (err: Error) => reject(classifyConnectionError(err, at));
      s.once('error', onError);
      s.once('connect', () => {
        s.off('error', onError);
        writeOncePerTick(s);
        resolve(s);
      });
    },
    {
      timeoutMs: options.connectMs,
      signal: options.signal,
      onTimeout: () => new SessionError('connect-timeout', `no answer from ${at} within ${options.connectMs / 1000} s`, 'Check the device is up and reachable from here, and that no firewall drops SSH.'),
      giveUp: () => socket?.destroy(),
    },
  );
}

/** A channel from `jump` to `next`, used as the next hop's socket. */
function forward(jump: Client, jumpEndpoint: SshEndpoint, next: SshEndpoint, options: TransportOptions): Promise<Duplex> {
  return boundedWait<Duplex>(
    (resolve, reject) => {
      jump.forwardOut('127.0.0.1', 0, next.host, next.port, (err, stream) => {
        if (!err) return resolve(stream);
        const reason = forwardFailure(err);
        const kind = /refused/i.test(reason) ? 'refused' : 'unreachable';
        reject(new SessionError(kind, `jump host ${where(jumpEndpoint)} could not reach ${where(next)}: ${reason}`, 'Check the device address as seen from the jump host, and that the jump host allows TCP forwarding.'));
      });
    },
    {
      timeoutMs: options.connectMs,
      signal: options.signal,
      onTimeout: () => new SessionError('connect-timeout', `jump host ${where(jumpEndpoint)} did not connect to ${where(next)} within ${options.connectMs / 1000} s`, 'Check the device is up and reachable from the jump host.'),
    },
  );
}

/** What a channel-open failure's reason code means, for a jump host that sends no text. */
const OPEN_FAILURES: Record<number, string> = {
  1: 'the jump host does not allow it (administratively prohibited)',
  2: "the jump host's connection failed",
  3: 'the jump host does not forward TCP (unknown channel type)',
  4: 'the jump host is short of resources',
};

/** Why a jump host refused a forward: its own words, else what its reason code means; never nothing. */
function forwardFailure(err: Error & { reason?: unknown }): string {
  const text = err.message.replace(/^\(SSH\) Channel open failure: ?/, '').trim();
  if (text !== '') return text;
  const meaning = typeof err.reason === 'number' ? OPEN_FAILURES[err.reason] : undefined;
  return meaning ? `${meaning} (no details given)` : 'the jump host gave no reason';
}

async function login(socket: Duplex, endpoint: SshEndpoint, options: TransportOptions): Promise<Client> {
  const at = where(endpoint);
  const config = await authConfig(endpoint);
  const client = new Client();
  let hostKeyFailure: SessionError | undefined;
  // What the device offered, read from ssh2's handshake debug lines, for a failed negotiation.
  const offered: string[] = [];
  // The listeners stay for the client's life (ssh2 reports later socket errors to them); their
  // errors are only built for a login still in progress.
  let inProgress = true;
  const login = boundedWait<Client>(
    (resolve, reject) => {
      const fail = (why: () => Error) => inProgress && reject(why());
      client.on('error', (err) => fail(() => hostKeyFailure ?? describeLoginError(err, at, offered)));
      client.once('close', () => fail(() => hostKeyFailure ?? new SessionError('closed', `${at} closed the connection during login`, 'The device may limit SSH sessions or drop this client by ACL.')));
      client.once('ready', () => resolve(client));
      // Keyboard-interactive logins ask for the password in prompts of their own.
      client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
        finish(prompts.map((p) => (/pass(word|code)?/i.test(p.prompt) ? endpoint.password ?? '' : ''))),
      );
      client.connect({
        ...config,
        sock: socket,
        readyTimeout: MAX_TIMER_MS, // the bounded wait owns the timeout
        keepaliveInterval: options.keepaliveMs ?? 15_000,
        keepaliveCountMax: 3,
        algorithms: endpoint.legacyAlgorithms ? LEGACY_ALGORITHMS : undefined,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          void verifyHostKey(endpoint, key, options.hostKeys).then((failure) => {
            hostKeyFailure = failure;
            verify(failure === undefined);
          });
        },
        debug: (line: string) => {
          if (line.startsWith('Handshake: (remote) ')) offered.push(line.slice('Handshake: (remote) '.length));
        },
      } as ConnectConfig);
    },
    {
      timeoutMs: options.authMs,
      signal: options.signal,
      onTimeout: () => new SessionError('handshake', `${at} did not complete SSH login within ${options.authMs / 1000} s`, 'The port accepts TCP but SSH stalls: check it is an SSH port and the device is not overloaded.'),
      giveUp: () => client.destroy(),
    },
  );
  try {
    return await login;
  } finally {
    inProgress = false;
  }
}

/**
 * Checks the key against known_hosts per policy; resolves to why it is refused, if it is.
 * A key accepted as new is in the file before login goes on, so the next session checks against it.
 */
async function verifyHostKey(endpoint: SshEndpoint, keyBlob: Buffer, check: HostKeyCheck): Promise<SessionError | undefined> {
  if (check.policy === 'off') return undefined;
  if (!check.knownHosts) return noKnownHosts(check.policy);
  const at = where(endpoint);
  const presented = describeKey(keyBlob);
  const verdict = check.knownHosts.check(endpoint.host, endpoint.port, keyBlob);
  switch (verdict.status) {
    case 'match':
      return undefined;
    case 'changed': {
      const before = verdict.known.map((k) => `${k.type} ${k.fingerprint}`).join(', ');
      return new SessionError(
        'host-key-changed',
        `${at} presented a different host key: ${presented.type} ${presented.fingerprint}; known: ${before}. No password was sent.`,
        `If the device was replaced or re-keyed, remove its line from ${check.knownHosts.file}; otherwise treat this as a possible man-in-the-middle.`,
      );
    }
    case 'unknown':
      if (check.policy === 'strict') {
        return new SessionError('host-key-unknown', `${at} is not in ${check.knownHosts.file} (its key: ${presented.type} ${presented.fingerprint}). No password was sent.`, 'Add the key to known_hosts after checking it on the device, or use host key policy accept-new.');
      }
      {
        // As OpenSSH does, a file that cannot be written does not stop the login: the key stays
        // trusted for this run, and whoever logs new keys says it was not recorded.
        const notRecorded = await check.knownHosts.add(endpoint.host, endpoint.port, keyBlob).then(
          () => undefined,
          (err: Error) => err.message,
        );
        check.onNewKey?.(endpoint.host, endpoint.port, presented, notRecorded);
        return undefined;
      }
  }
}

function noKnownHosts(policy: HostKeyPolicy): SessionError {
  return new SessionError('config', `host key policy ${policy} needs a known_hosts store, and none was given; nothing was sent to the device`, 'Name the known_hosts file (netpoll.knownHostsFile, --known-hosts), or use host key policy off for a lab you trust.');
}

function describeLoginError(err: Error & { level?: string }, at: string, offered: string[]): SessionError {
  if (/^Handshake failed: no matching/.test(err.message)) {
    const what = err.message.replace(/^Handshake failed: /, '');
    return new SessionError('handshake', `SSH handshake with ${at} failed: ${what}. The device offers: ${offered.join('; ') || 'nothing readable'}`, 'If the device only speaks older algorithms, set legacy_algorithms: true for it.');
  }
  return classifyConnectionError(err, at);
}

/** The credentials part of ssh2's config; a key file that cannot be used is a clear error. */
async function authConfig(endpoint: SshEndpoint): Promise<Partial<ConnectConfig>> {
  const config: Partial<ConnectConfig> = { username: endpoint.username };
  if (endpoint.password !== undefined) {
    config.password = endpoint.password;
    config.tryKeyboard = true;
  }
  if (endpoint.useAgent && process.env.SSH_AUTH_SOCK) config.agent = process.env.SSH_AUTH_SOCK;
  if (endpoint.privateKey) {
    const file = withHome(endpoint.privateKey.file);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      throw new SessionError('config', `cannot read key_file ${endpoint.privateKey.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'Check the path; ~ means your home folder.');
    }
    const parsed = utils.parseKey(data, endpoint.privateKey.passphrase);
    if (parsed instanceof Error) {
      const encrypted = /encrypted|passphrase/i.test(parsed.message);
      throw encrypted
        ? new SessionError('auth', `key_file ${endpoint.privateKey.file} is encrypted and ${endpoint.privateKey.passphrase === undefined ? 'no passphrase was given' : 'the passphrase does not decrypt it'}`, 'Set passphrase for this device (keep it out of the file with ${secret:NAME} or ${env:NAME}).')
        : new SessionError('config', `key_file ${endpoint.privateKey.file} is not a private key ssh2 can read: ${parsed.message}`, 'Use an OpenSSH, PEM or PPK private key file.');
    }
    config.privateKey = data;
    config.passphrase = endpoint.privateKey.passphrase;
  }
  // The methods in ssh2's own order, less its opening `none` request: it only asks the device
  // which methods it takes, a round trip the first real attempt answers as well.
  const methods: AuthenticationType[] = [];
  if (config.password !== undefined) methods.push('password');
  if (config.privateKey !== undefined) methods.push('publickey');
  if (config.agent !== undefined) methods.push('agent');
  if (config.tryKeyboard) methods.push('keyboard-interactive');
  config.authHandler = methods.length > 0 ? methods : ['none'];
  return config;
}
