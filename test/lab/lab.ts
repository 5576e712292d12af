// The device lab: many simulated network devices, each an ssh2 Server on its own
// 127.0.0.1 port, for the tests, the demo and the benchmark.
import { AddressInfo } from 'node:net';
import { Connection, Server, ServerChannel, utils } from 'ssh2';
import { IosShell } from './iosShell';

export interface LabDeviceSpec {
  name: string;
  username?: string;
  password?: string;
  secret?: string;
  /** Delay before the device answers a login attempt. */
  loginDelayMs?: number;
  /** Delay before the device answers each command. */
  commandDelayMs?: number;
  runningConfigLines?: number;
  pagingLocked?: boolean;
}

export interface LabDevice {
  name: string;
  host: string;
  port: number;
  username: string;
  password: string;
  secret?: string;
}

export interface LabStats {
  /** SSH connections open right now. */
  activeConnections: number;
  /** The most SSH connections that were ever open at once. */
  peakConnections: number;
  totalConnections: number;
}

export const LAB_HOST = '127.0.0.1';
const DEFAULT_USERNAME = 'cisco';
const DEFAULT_PASSWORD = 'cisco';

export class DeviceLab {
  readonly stats: LabStats = { activeConnections: 0, peakConnections: 0, totalConnections: 0 };
  private readonly connections = new Set<Connection>();

  private constructor(readonly devices: LabDevice[], private readonly servers: Server[]) {}

  static async start(specs: LabDeviceSpec[]): Promise<DeviceLab> {
    const hostKey = utils.generateKeyPairSync('ed25519').private;
    const devices: LabDevice[] = [];
    const servers: Server[] = [];
    const lab = new DeviceLab(devices, servers);
    try {
      for (const spec of specs) {
        const server = lab.createServer(spec, hostKey);
        servers.push(server);
        const port = await listen(server);
        devices.push({
          name: spec.name,
          host: LAB_HOST,
          port,
          username: spec.username ?? DEFAULT_USERNAME,
          password: spec.password ?? DEFAULT_PASSWORD,
          secret: spec.secret,
        });
      }
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
        const lines = [`- name: ${d.name}`, '  device_type: cisco_ios', `  host: ${d.host}`, `  port: ${d.port}`, `  username: ${d.username}`, `  password: ${d.password}`];
        if (d.secret !== undefined) lines.push(`  secret: ${d.secret}`);
        return lines.join('\n');
      })
      .join('\n') + '\n';
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.end();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private createServer(spec: LabDeviceSpec, hostKey: string): Server {
    const username = spec.username ?? DEFAULT_USERNAME;
    const password = spec.password ?? DEFAULT_PASSWORD;
    return new Server({ hostKeys: [hostKey] }, (client) => {
      this.track(client);
      // Echo and prompt are tiny writes; Nagle would hold each one back. (Missing from the typings.)
      (client as Connection & { setNoDelay(on: boolean): void }).setNoDelay(true);
      client.on('error', () => undefined); // a client hanging up mid-handshake is normal
      client.on('authentication', (ctx) => {
        const answer = () => {
          if (ctx.method === 'password' && ctx.username === username && ctx.password === password) ctx.accept();
          else ctx.reject(['password']);
        };
        if (spec.loginDelayMs && ctx.method === 'password') setTimeout(answer, spec.loginDelayMs);
        else answer();
      });
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept());
        session.on('shell', (accept) => serveShell(accept(), spec));
      });
    });
  }

  private track(client: Connection): void {
    this.connections.add(client);
    this.stats.totalConnections++;
    this.stats.activeConnections++;
    this.stats.peakConnections = Math.max(this.stats.peakConnections, this.stats.activeConnections);
    client.on('close', () => {
      this.connections.delete(client);
      this.stats.activeConnections--;
    });
  }
}

function serveShell(stream: ServerChannel, spec: LabDeviceSpec): void {
  const shell = new IosShell(
    { hostname: spec.name, secret: spec.secret, runningConfigLines: spec.runningConfigLines, pagingLocked: spec.pagingLocked },
    (text) => stream.write(text),
    () => stream.close(),
  );
  // Keystrokes are handled in arrival order; a return waits out the command latency.
  let queue = Promise.resolve();
  stream.on('data', (data: Buffer) => {
    const text = data.toString('utf8');
    const delay = /[\r\n]/.test(text) ? spec.commandDelayMs ?? 0 : 0;
    queue = queue.then(() => (delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : undefined)).then(() => shell.input(text));
  });
  stream.on('error', () => undefined);
  shell.start();
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LAB_HOST, () => resolve((server.address() as AddressInfo).port));
  });
}
