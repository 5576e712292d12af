// The job the executor runs for each device: one CLI session, the commands in order.
import * as os from 'node:os';
import * as path from 'node:path';
import { DeviceSpec, DeviceTimeouts, JumpHost } from '../inventory/inventory';
import { UnresolvedValueError } from '../inventory/references';
import { BUILTIN_PLATFORMS } from '../platforms/builtins';
import { PlatformDefinition } from '../platforms/platform';
import { CliSession, SessionTimeouts } from '../session/cliSession';
import { SessionError } from '../session/errors';
import { HostKey, HostKeyPolicy, KnownHosts } from '../session/knownHosts';
import { SshEndpoint } from '../session/transport';
import { DeviceJob } from './executor';

export interface SshJobOptions {
  /** Commands for devices that do not list their own. */
  commands: string[];
  /** Defaults for every device; a device's own timeouts win. */
  timeouts?: Partial<SessionTimeouts>;
  platforms?: ReadonlyMap<string, PlatformDefinition>;
  /** Platforms the user defined that cannot be used, with why. */
  platformErrors?: ReadonlyMap<string, string>;
  hostKeyPolicy?: HostKeyPolicy;
  knownHostsFile?: string;
  onNewHostKey?: (device: DeviceSpec, key: HostKey) => void;
  /** Turns ${env:...}, ${secret:...} and ${prompt:...} into values (see createResolver). */
  resolve?: (value: string) => Promise<string>;
}

export const DEFAULT_KNOWN_HOSTS = path.join(os.homedir(), '.ssh', 'known_hosts');

export function sshJob(options: SshJobOptions): DeviceJob {
  const platforms = options.platforms ?? BUILTIN_PLATFORMS;
  // One known_hosts for the whole poll, read once, so devices see each other's new keys.
  let knownHosts: Promise<KnownHosts> | undefined;
  const loadKnownHosts = () => (knownHosts ??= KnownHosts.load(options.knownHostsFile ?? DEFAULT_KNOWN_HOSTS));

  return async (poll, { signal, commandDone }) => {
    const device = poll.device;
    const platform = platforms.get(device.deviceType);
    if (!platform) {
      const why = options.platformErrors?.get(device.deviceType);
      throw new SessionError('config', why ?? `device_type "${device.deviceType}" is not a known platform`, why ? 'Fix the platform definition.' : `Use one of: ${[...platforms.keys()].join(', ')}, or define it under platforms:.`);
    }
    const policy = device.hostKeyPolicy ?? options.hostKeyPolicy ?? 'accept-new';
    const resolve = options.resolve ?? (async (value: string) => value);
    const target = await resolveReferences({ ...endpoint(device), secret: device.secret }, resolve);
    const jumps = await Promise.all(device.jumps.map((jump) => resolveReferences(endpoint(jump), resolve)));
    const session = await CliSession.open(
      { ...target, platform, jumps },
      {
        hostKeys: {
          policy,
          knownHosts: policy === 'off' ? undefined : await loadKnownHosts(),
          onNewKey: (_host, _port, key) => options.onNewHostKey?.(device, key),
        },
        timeouts: { ...options.timeouts, ...timeoutsMs(device.timeouts) },
        signal,
        onPhase: (phase, ms) => (poll.timings[phase] = ms),
      },
    );
    try {
      for (const command of device.commands ?? options.commands) {
        const result = await session.send(command);
        poll.commands.push(result);
        commandDone(result);
      }
    } finally {
      await session.close();
    }
  };
}

/** The endpoint with every text value resolved; a value that cannot be is this device's failure. */
async function resolveReferences<T extends SshEndpoint & { secret?: string }>(endpoint: T, resolve: (value: string) => Promise<string>): Promise<T> {
  const resolved = { ...endpoint };
  const text = async (value: string | undefined) => (value === undefined ? undefined : resolve(value));
  try {
    resolved.host = (await text(endpoint.host))!;
    resolved.username = (await text(endpoint.username))!;
    resolved.password = await text(endpoint.password);
    resolved.secret = await text(endpoint.secret);
    if (endpoint.privateKey) resolved.privateKey = { file: (await text(endpoint.privateKey.file))!, passphrase: await text(endpoint.privateKey.passphrase) };
  } catch (err) {
    if (err instanceof UnresolvedValueError) throw new SessionError('config', err.message, 'Set the value (environment variable, stored secret or answer to the prompt), then poll again.');
    throw err;
  }
  return resolved;
}

function endpoint(d: DeviceSpec | JumpHost): SshEndpoint {
  return {
    host: d.host,
    port: d.port,
    username: d.username ?? os.userInfo().username,
    password: d.password,
    privateKey: d.keyFile === undefined ? undefined : { file: d.keyFile, passphrase: d.passphrase },
    useAgent: d.allowAgent,
    legacyAlgorithms: d.legacyAlgorithms,
  };
}

function timeoutsMs(t: DeviceTimeouts): Partial<SessionTimeouts> {
  const pairs: [keyof SessionTimeouts, number | undefined][] = [['connectMs', t.connect], ['authMs', t.auth], ['promptMs', t.prompt], ['commandMs', t.command]];
  return Object.fromEntries(pairs.filter(([, seconds]) => seconds !== undefined).map(([key, seconds]) => [key, seconds! * 1000]));
}
