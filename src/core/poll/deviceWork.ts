// One device's poll split in two: what must happen where the user is (platform lookup,
// ${secret:...} and ${prompt:...} answered), and the SSH session itself, which can run on
// the main thread or in a worker thread. DeviceWork, between the two, is plain data.
import * as os from 'node:os';
import * as path from 'node:path';
import { withHome } from '../files/homePath';
import { DeviceSpec, DeviceTimeouts, JumpHost } from '../inventory/inventory';
import { hostProblem } from '../inventory/hosts';
import { hasReference, UnresolvedValueError } from '../inventory/references';
import { BUILTIN_PLATFORMS } from '../platforms/builtins';
import { PlatformDefinition } from '../platforms/platform';
import { CliSession, CommandResult, SessionPhase, SessionTarget, SessionTimeouts, UnsolicitedMessage } from '../session/cliSession';
import { SessionError } from '../session/errors';
import { HostKey, HostKeyPolicy, KnownHosts } from '../session/knownHosts';
import { SshEndpoint } from '../session/transport';

export const DEFAULT_KNOWN_HOSTS = path.join(os.homedir(), '.ssh', 'known_hosts');

export interface WorkOptions {
  /** Commands for devices that do not list their own. */
  commands: string[];
  /** Defaults for every device; a device's own timeouts win. */
  timeouts?: Partial<SessionTimeouts>;
  platforms?: ReadonlyMap<string, PlatformDefinition>;
  /** Platforms the user defined that cannot be used, with why. */
  platformErrors?: ReadonlyMap<string, string>;
  hostKeyPolicy?: HostKeyPolicy;
  knownHostsFile?: string;
  /** Send each device's commands in one write; a device's own pipeline: wins. */
  pipeline?: boolean;
  /** Turns ${env:...}, ${secret:...} and ${prompt:...} into values (see createResolver). */
  resolve?: (value: string) => Promise<string>;
}

/** Everything a session needs, resolved; safe to post to a worker thread. */
export interface DeviceWork {
  target: SessionTarget;
  commands: string[];
  timeouts: Partial<SessionTimeouts>;
  hostKeyPolicy: HostKeyPolicy;
  knownHostsFile: string;
  /** All commands in one write once the session is set up, replies split by echo and prompt. */
  pipeline: boolean;
  /** Whether the device echoes typed commands; undefined: as its platform says. */
  echo?: boolean;
}

export interface WorkEvents {
  signal: AbortSignal;
  onPhase(phase: SessionPhase, ms: number): void;
  onCommand(result: CommandResult): void;
  /** A line the device sent on its own, never part of an output. */
  onMessage(message: UnsolicitedMessage): void;
  /** How the session changed its way with this device (pipelining turned off), for the log. */
  onNotice?(text: string): void;
  /** A key seen for the first time; `notRecorded` says why known_hosts could not take it. */
  onNewKey(key: HostKey, notRecorded?: string): void;
  /** The known_hosts of this thread, loaded once and shared by its sessions. */
  knownHosts(file: string): Promise<KnownHosts>;
}

export async function prepareWork(device: DeviceSpec, options: WorkOptions): Promise<DeviceWork> {
  const platforms = options.platforms ?? BUILTIN_PLATFORMS;
  const platform = platforms.get(device.deviceType);
  if (!platform) {
    const why = options.platformErrors?.get(device.deviceType);
    throw new SessionError('config', why ?? `device_type "${device.deviceType}" is not a known platform`, why ? 'Fix the platform definition.' : `Use one of: ${[...platforms.keys()].join(', ')}, or define it under platforms:.`);
  }
  const resolve = options.resolve ?? (async (value: string) => value);
  const target = await resolveReferences({ ...endpoint(device), secret: device.secret }, resolve);
  const jumps = await Promise.all(device.jumps.map((jump) => resolveReferences(endpoint(jump), resolve)));
  // The file's hosts were checked as the inventory was read; one from a reference only now.
  for (const [written, resolved] of [[device.host, target.host], ...device.jumps.map((j, i) => [j.host, jumps[i].host])]) {
    const problem = hasReference(written) ? hostProblem(resolved) : undefined;
    if (problem) throw new SessionError('config', `${written} resolves to a host NetPoll cannot use: ${problem}`, 'Fix the value the reference gives.');
  }
  return {
    target: { ...target, platform, jumps },
    commands: device.commands ?? options.commands,
    timeouts: { ...options.timeouts, ...timeoutsMs(device.timeouts) },
    hostKeyPolicy: device.hostKeyPolicy ?? options.hostKeyPolicy ?? 'accept-new',
    knownHostsFile: options.knownHostsFile ? withHome(options.knownHostsFile) : DEFAULT_KNOWN_HOSTS,
    pipeline: device.pipeline ?? options.pipeline ?? false,
    echo: device.echo,
  };
}

/**
 * The commands in order, each reported as it completes, on one CLI session; a second one only
 * when a pipelined batch lost track of the device (its pager took the commands typed ahead).
 */
export async function runWork(work: DeviceWork, events: WorkEvents): Promise<void> {
  const checkKeys = work.hostKeyPolicy !== 'off';
  const knownHosts = checkKeys ? await events.knownHosts(work.knownHostsFile) : undefined;
  let left = work.commands;
  // One session even for no commands: the login itself is checked.
  for (let attempt = 0; attempt === 0 || left.length > 0; attempt++) {
    const session = await CliSession.open(
      { ...work.target, echo: work.echo },
      {
        hostKeys: { policy: work.hostKeyPolicy, knownHosts, onNewKey: (_host, _port, key, notRecorded) => events.onNewKey(key, notRecorded) },
        timeouts: work.timeouts,
        signal: events.signal,
        // The device's timings are its first session's.
        onPhase: attempt === 0 ? events.onPhase : undefined,
        onMessage: events.onMessage,
        onNotice: events.onNotice,
      },
    );
    try {
      left = await session.run(left, work.pipeline && attempt === 0, events.onCommand);
    } finally {
      await session.close();
    }
  }
}

/** Loads each known_hosts file once per thread, so its sessions see each other's new keys. */
export function knownHostsCache(): (file: string) => Promise<KnownHosts> {
  const loaded = new Map<string, Promise<KnownHosts>>();
  return (file) => {
    let store = loaded.get(file);
    if (!store) loaded.set(file, (store = KnownHosts.load(file)));
    return store;
  };
}

/** The endpoint with every text value resolved; a value that cannot be is this device's failure. */
async function resolveReferences<T extends SshEndpoint & { secret?: string }>(endpoint: T, resolve: (value: string) => Promise<string>): Promise<T> {
  const text = async (value: string | undefined) => (value === undefined ? undefined : resolve(value));
  try {
    return {
      ...endpoint,
      host: await resolve(endpoint.host),
      username: await resolve(endpoint.username),
      password: await text(endpoint.password),
      secret: await text(endpoint.secret),
      privateKey: endpoint.privateKey && { file: await resolve(endpoint.privateKey.file), passphrase: await text(endpoint.privateKey.passphrase) },
    };
  } catch (err) {
    if (err instanceof UnresolvedValueError) throw new SessionError('config', err.message, 'Set the value (environment variable, stored secret or answer to the prompt), then poll again.');
    throw err;
  }
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
