// The device lab: many simulated network devices, each on its own 127.0.0.1 port, speaking
// its platform's CLI over SSH, with latency and faults on demand; for the tests, the demo
// and the benchmark. This module owns the ports, the faults on the wire and the counts;
// sshDevice.ts is one device's SSH side, cli.ts and platforms/ what it says.
import * as net from 'node:net';
import { ParsedKey, Server, utils } from 'ssh2';
import type { ShellFault, SyslogSpec } from './cli';
import { DelayedLink, startDelayedLink } from './delayedLink';
import { LabPlatform } from './platforms';
import { createSshServer, generateHostKey, SshDeviceConfig } from './sshDevice';

export type { LabPlatform } from './platforms';

export type LabFault =
  /** TCP is accepted, then reset before any SSH byte. */
  | 'refuse'
  /** TCP is accepted, and the SSH banner never comes. */
  | 'stall'
  /** The configuration dump stops part-way and the channel and connection close. */
  | 'close-mid-command'
  /** Every reply arrives a few characters at a time. */
  | 'slow-drip'
  /** `terminal length 0` (or `set cli screen-length 0`) is accepted, but paging stays on. */
  | 'paging-locked'
  /** Only diffie-hellman-group14-sha1, aes128-cbc, hmac-sha1 and an ssh-rsa host key. */
  | 'legacy-only'
  /** Password auth is refused; keyboard-interactive with one `Password: ` prompt is accepted. */
  | 'keyboard-interactive-only'
  /** The login is accepted, then the session channel is never opened (nor refused). */
  | 'no-session'
  /** The session opens, and the PTY request is never answered. */
  | 'no-pty'
  /** The PTY is granted, and the shell request is never answered. */
  | 'no-shell'
  /** As a jump host, a forward that fails is refused with a reason code and no text (ssh2's own way). */
  | 'forward-no-reason'
  | ShellFault;

export interface LabDeviceSpec {
  /** Also the device's hostname in its prompt. */
  name: string;
  /** Default 'cisco_ios'. */
  platform?: LabPlatform;
  /** Default 'cisco'. */
  username?: string;
  /** Default 'netpoll-lab' (a word no output holds, so masking it changes no output). */
  password?: string;
  /** Enable secret; undefined means `enable` always fails (on platforms that have it). */
  secret?: string;
  /** OpenSSH public key lines accepted for publickey auth. */
  authorizedKeys?: string[];
  /** How long logging in takes, from the client's hello to the answer to its credentials. */
  loginDelayMs?: number;
  /**
   * How long each line starting with `show` takes to answer, from its Enter (the echo is at
   * once); session setup lines are answered at once.
   */
  showDelayMs?: number;
  /**
   * The link's round-trip time: every byte between client and device is held rttMs/2 in each
   * direction, in order (a delay line on loopback, see delayedLink.ts); `port` is then the
   * link's. The TCP handshake itself is not delayed. Default 0, no link.
   */
  rttMs?: number;
  /**
   * A syslog message (as `terminal monitor` shows it) around every `show` command, on the
   * platforms that have a syslog format (IOS, IOS XE, NX-OS, IOS XR, EOS; not Junos or generic).
   */
  syslog?: SyslogSpec;
  /** Lines in `show running-config` (Junos: `show configuration`). Default 6000. */
  runningConfigLines?: number;
  faults?: LabFault[];
}

export interface LabDevice {
  name: string;
  platform: LabPlatform;
  host: string;
  port: number;
  username: string;
  password: string;
  secret?: string;
  /** The device's public host key, one OpenSSH line (`ssh-ed25519 AAAA...`); changes on restart. */
  hostKey: string;
}

export interface LabStats {
  /** TCP connections to lab devices open right now (faulty devices' and jump hops' included). */
  activeConnections: number;
  /** The most connections that were ever open at once. */
  peakConnections: number;
  totalConnections: number;
  /** Passwords the devices received, to prove that none was sent (e.g. to a device with a changed key). */
  passwordsReceived: number;
}

export const LAB_HOST = '127.0.0.1';
const DEFAULT_USERNAME = 'cisco';
const DEFAULT_PASSWORD = 'netpoll-lab';

interface RunningDevice {
  device: LabDevice;
  config: SshDeviceConfig;
  faults: Set<LabFault>;
  listener: net.Server;
  /** Swapped on restart; sockets are handed to whichever is current. */
  ssh: Server;
  /** The clients' connections: to the device, or to its link when it has one. */
  sockets: Set<net.Socket>;
  /** The emulated long link in front of the device, if any. */
  link?: DelayedLink;
  /** Behind a link: the link's own connections to the device (not counted as clients). */
  linkSockets: Set<net.Socket>;
}

export class DeviceLab {
  readonly stats: LabStats = { activeConnections: 0, peakConnections: 0, totalConnections: 0, passwordsReceived: 0 };
  readonly devices: LabDevice[] = [];
  private readonly running: RunningDevice[] = [];

  private constructor() {}

  static async start(specs: LabDeviceSpec[]): Promise<DeviceLab> {
    const lab = new DeviceLab();
    try {
      for (const spec of specs) await lab.add(spec);
    } catch (err) {
      await lab.stop();
      throw err;
    }
    return lab;
  }

  /** A netmiko-style `devices.yaml` (a plain list) for these devices. */
  inventoryYaml(overrides: Partial<Record<string, Partial<LabDevice>>> = {}): string {
    return this.devices
      .map((device) => {
        const d = { ...device, ...overrides[device.name] };
        const lines = [`- name: ${d.name}`, `  device_type: ${d.platform}`, `  host: ${d.host}`, `  port: ${d.port}`, `  username: ${d.username}`, `  password: ${d.password}`];
        if (d.secret !== undefined) lines.push(`  secret: ${d.secret}`);
        return lines.join('\n');
      })
      .join('\n') + '\n';
  }

  /** The device restarts on the same port with a new host key; whoever was connected is dropped. */
  async restartWithNewHostKey(name: string): Promise<LabDevice> {
    const running = this.running.find((r) => r.device.name === name);
    if (!running) throw new Error(`no lab device named ${name}`);
    const key = generateHostKey(running.faults.has('legacy-only'));
    running.ssh = createSshServer(running.config, key.private);
    running.device.hostKey = key.public;
    await Promise.all([dropAll(running.sockets), dropAll(running.linkSockets)]);
    return running.device;
  }

  /** Resolves once every connection to the device has closed (a client that let go of it). */
  async connectionsClosed(name: string): Promise<void> {
    const running = this.running.find((r) => r.device.name === name);
    if (!running) throw new Error(`no lab device named ${name}`);
    await Promise.all([...running.sockets].map((socket) => new Promise((resolve) => socket.once('close', resolve))));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.running.map(async (r) => {
        await r.link?.close();
        const closed = new Promise<void>((resolve) => r.listener.close(() => resolve()));
        await Promise.all([dropAll(r.sockets), dropAll(r.linkSockets)]);
        await closed;
      }),
    );
  }

  private async add(spec: LabDeviceSpec): Promise<void> {
    const faults = new Set(spec.faults ?? []);
    const config = deviceConfig(spec, faults, () => this.stats.passwordsReceived++);
    const key = generateHostKey(faults.has('legacy-only'));
    const listener = net.createServer((socket) => this.accept(running, socket));
    const device: LabDevice = {
      name: spec.name,
      platform: config.platform,
      host: LAB_HOST,
      port: 0,
      username: config.username,
      password: config.password,
      secret: spec.secret,
      hostKey: key.public,
    };
    const running: RunningDevice = { device, config, faults, listener, ssh: createSshServer(config, key.private), sockets: new Set(), linkSockets: new Set() };
    this.running.push(running);
    device.port = await listen(listener);
    if (spec.rttMs) {
      running.link = await startDelayedLink(LAB_HOST, device.port, spec.rttMs, { onConnection: (socket) => this.count(running, socket) });
      device.port = running.link.port;
    }
    this.devices.push(device);
  }

  /** A client's connection, to the device or to its link. */
  private count(running: RunningDevice, socket: net.Socket): void {
    this.stats.totalConnections++;
    this.stats.activeConnections++;
    this.stats.peakConnections = Math.max(this.stats.peakConnections, this.stats.activeConnections);
    running.sockets.add(socket);
    socket.once('close', () => {
      running.sockets.delete(socket);
      this.stats.activeConnections--;
    });
  }

  private accept(running: RunningDevice, socket: net.Socket): void {
    if (running.link) {
      running.linkSockets.add(socket);
      socket.once('close', () => running.linkSockets.delete(socket));
    } else {
      this.count(running, socket);
    }
    socket.on('error', () => undefined);
    if (running.faults.has('refuse')) return void socket.resetAndDestroy();
    // A stalled device never answers, but still notices the client hanging up.
    if (running.faults.has('stall')) return void socket.resume();
    socket.setNoDelay(true); // echo and prompt are tiny writes; Nagle would hold each one back
    running.ssh.injectSocket(socket);
  }
}

function deviceConfig(spec: LabDeviceSpec, faults: Set<LabFault>, onPassword: () => void): SshDeviceConfig {
  return {
    name: spec.name,
    platform: spec.platform ?? 'cisco_ios',
    username: spec.username ?? DEFAULT_USERNAME,
    password: spec.password ?? DEFAULT_PASSWORD,
    secret: spec.secret,
    authorizedKeys: (spec.authorizedKeys ?? []).map(parsePublicKey),
    loginDelayMs: spec.loginDelayMs ?? 0,
    showDelayMs: spec.showDelayMs ?? 0,
    syslog: spec.syslog,
    runningConfigLines: spec.runningConfigLines ?? 6000,
    legacyOnly: faults.has('legacy-only'),
    keyboardInteractiveOnly: faults.has('keyboard-interactive-only'),
    slowDrip: faults.has('slow-drip'),
    pagingLocked: faults.has('paging-locked'),
    closeMidCommand: faults.has('close-mid-command'),
    faults,
    onPassword,
  };
}

function parsePublicKey(line: string): ParsedKey {
  const key = utils.parseKey(line);
  if (key instanceof Error) throw new Error(`authorizedKeys: ${key.message}`);
  return key;
}

/** Destroy the sockets and wait until each has closed (so the counts are settled). */
function dropAll(sockets: Set<net.Socket>): Promise<void> {
  const closing = [...sockets].map((socket) => new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  }));
  return Promise.all(closing).then(() => undefined);
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LAB_HOST, () => resolve((server.address() as net.AddressInfo).port));
  });
}
