// One lab device's SSH side: its host key and algorithms, who may log in and how, the CLI
// shell it serves, and direct-tcpip channels (a jump host) forwarded to loopback only.
import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { Algorithms, AuthContext, AuthenticationType, Connection, ParsedKey, Server, ServerChannel, TcpipRequestInfo, utils } from 'ssh2';
import { CliShell, ShellFault, ShellIo, SyslogSpec } from './cli';
import type { LabFault } from './lab';
import { LabPlatform, PLATFORMS } from './platforms';
import { acceptRepeatedUserauthRequests, OPEN_CONNECT_FAILED, OPEN_PROHIBITED, rejectionWithReason } from './ssh2Gaps';

export interface SshDeviceConfig {
  name: string;
  platform: LabPlatform;
  username: string;
  password: string;
  secret?: string;
  authorizedKeys: ParsedKey[];
  loginDelayMs: number;
  showDelayMs: number;
  syslog?: SyslogSpec;
  runningConfigLines: number;
  legacyOnly: boolean;
  keyboardInteractiveOnly: boolean;
  slowDrip: boolean;
  pagingLocked: boolean;
  closeMidCommand: boolean;
  faults: ReadonlySet<LabFault>;
  /** Called for every password the device receives (directly or as a keyboard-interactive answer). */
  onPassword: () => void;
}

// What an old IOS image offers: ssh2 supports all of these but leaves them off by default.
const LEGACY_ALGORITHMS: Algorithms = {
  kex: ['diffie-hellman-group14-sha1'],
  cipher: ['aes128-cbc'],
  hmac: ['hmac-sha1'],
  serverHostKey: ['ssh-rsa'],
  compress: ['none'],
};

const DRIP_CHARS = 4;
const DRIP_PAUSE_MS = 1;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * A fresh host key pair (OpenSSH formats): ed25519, or RSA for a legacy-only device.
 * ssh2's generator drops leading zero bytes of an ed25519 public key, so about 1 key in 256
 * cannot be read back; such keys are drawn again.
 */
export function generateHostKey(legacy: boolean): { private: string; public: string } {
  for (;;) {
    const pair = legacy ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

/** An ssh2 Server that never listens itself: the lab hands it accepted sockets. */
export function createSshServer(config: SshDeviceConfig, hostKey: string): Server {
  return new Server({ hostKeys: [hostKey], ...(config.legacyOnly ? { algorithms: LEGACY_ALGORITHMS } : {}) }, (client) => {
    client.on('error', () => undefined); // a client hanging up mid-handshake is normal
    acceptRepeatedUserauthRequests(client);
    const helloAt = performance.now();
    client.on('authentication', (ctx) => authenticate(ctx, config, helloAt));
    // A device with a fault here never answers that request: the client must give up by itself.
    client.on('session', (acceptSession) => {
      if (config.faults.has('no-session')) return;
      const session = acceptSession();
      session.on('pty', (accept) => !config.faults.has('no-pty') && accept());
      session.on('window-change', (accept) => accept?.());
      session.on('shell', (accept) => !config.faults.has('no-shell') && serveShell(accept(), client, config));
    });
    const rejectWith = config.faults.has('forward-no-reason') ? (reject: () => void) => reject() : rejectionWithReason(client);
    client.on('tcpip', (accept, reject, info) => forwardToLoopback(accept, (reason, text) => rejectWith(reject, reason, text), info));
  });
}

function authenticate(ctx: AuthContext, config: SshDeviceConfig, helloAt: number): void {
  const methods: AuthenticationType[] = [config.keyboardInteractiveOnly ? 'keyboard-interactive' : 'password'];
  if (config.authorizedKeys.length > 0) methods.unshift('publickey');
  // Every attempt that carries a credential is answered once the login time has passed since
  // the client's hello, failed ones too; the handshake's own time counts toward it.
  const answer = (ok: boolean) => {
    const reply = () => (ok ? ctx.accept() : ctx.reject(methods));
    const waitMs = config.loginDelayMs - (performance.now() - helloAt);
    if (waitMs > 0) setTimeout(reply, waitMs);
    else reply();
  };
  const userOk = ctx.username === config.username;
  switch (ctx.method) {
    case 'password':
      config.onPassword();
      if (config.keyboardInteractiveOnly) return ctx.reject(methods);
      return answer(userOk && ctx.password === config.password);
    case 'keyboard-interactive':
      if (!config.keyboardInteractiveOnly) return ctx.reject(methods);
      return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
        config.onPassword();
        answer(userOk && answers[0] === config.password);
      });
    case 'publickey': {
      const key = config.authorizedKeys.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (!key || !userOk) return ctx.reject(methods);
      if (!ctx.signature || !ctx.blob) return ctx.accept(); // the client asks whether this key would do
      return answer(key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true);
    }
    default:
      return ctx.reject(methods);
  }
}

function serveShell(channel: ServerChannel, client: Connection, config: SshDeviceConfig): void {
  const shell = new CliShell(
    PLATFORMS[config.platform],
    { hostname: config.name, username: config.username, runningConfigLines: config.runningConfigLines },
    {
      secret: config.secret,
      password: config.password,
      pagingLocked: config.pagingLocked,
      closeMidCommand: config.closeMidCommand,
      faults: config.faults as ReadonlySet<ShellFault>,
      showDelayMs: config.showDelayMs,
      syslog: config.syslog,
    },
    channelIo(channel, client, config.slowDrip),
  );
  const decoder = new StringDecoder('utf8'); // a character may come split across two packets
  channel.on('data', (data: Buffer) => shell.input(decoder.write(data)));
  channel.on('error', () => undefined);
  channel.once('close', () => shell.dispose());
  shell.start();
}

/** Writes to the channel, a few characters at a time for a slow-drip device; closing waits for them. */
function channelIo(channel: ServerChannel, client: Connection, drip: boolean): ShellIo {
  const hangUp = () => {
    channel.close();
    client.end();
  };
  const flood = (text: string) => {
    // Writes of at least 64 KiB, as a device streaming at full speed fills each packet.
    const chunk = text.repeat(Math.max(1, Math.ceil(65_536 / Math.max(1, text.length))));
    const more = () => {
      while (channel.writable) if (!channel.write(chunk)) return void channel.once('drain', more);
    };
    more();
  };
  if (!drip) return { write: (text) => void channel.write(text), flood, close: hangUp };
  let queue = Promise.resolve();
  return {
    flood,
    write: (text) => {
      queue = queue.then(async () => {
        for (let i = 0; i < text.length && channel.writable; i += DRIP_CHARS) {
          channel.write(text.slice(i, i + DRIP_CHARS));
          await sleep(DRIP_PAUSE_MS);
        }
      });
    },
    close: () => void (queue = queue.then(hangUp)),
  };
}

/** A jump-host hop: pipe the channel to a port on this machine, and nowhere else. */
function forwardToLoopback(accept: () => ServerChannel, reject: (reason: number, text: string) => void, info: TcpipRequestInfo): void {
  if (!LOOPBACK.has(info.destIP)) return reject(OPEN_PROHIBITED, 'open failed');
  const socket = net.connect(info.destPort, info.destIP);
  let channel: ServerChannel | undefined;
  socket.on('error', (err: NodeJS.ErrnoException) => (channel ? channel.destroy() : reject(OPEN_CONNECT_FAILED, CONNECT_ERRORS[err.code ?? ''] ?? err.message)));
  socket.once('connect', () => {
    channel = accept();
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
    channel.pipe(socket).pipe(channel);
  });
}

// What OpenSSH says when its connect() for a forward fails (strerror).
const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
