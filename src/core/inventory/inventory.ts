// devices.yaml text -> the devices to poll, plus diagnostics with line and column.
// Accepts a plain list of netmiko-style devices, or groups of lists (`routers: [...]`).
// A bad entry is reported and skipped; every good one is still returned.
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';

export interface DeviceSpec {
  /** Unique within the inventory: `name`, else host, else host:port when ports differ. */
  name: string;
  group?: string;
  deviceType: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
  secret?: string;
  keyFile?: string;
  passphrase?: string;
  /** Offer the ssh-agent's keys (netmiko's allow_agent). */
  allowAgent?: boolean;
  /** Commands for this device instead of the poll's default. */
  commands?: string[];
  timeouts: DeviceTimeouts;
  /** Jump hosts to go through, nearest first (from jump_host, followed hop by hop). */
  jumps: JumpHost[];
  legacyAlgorithms?: boolean;
  hostKeyPolicy?: 'accept-new' | 'strict' | 'off';
  /** 1-based line of the entry in the file, to reveal it. */
  line: number;
}

/** Seconds, from netmiko's names: conn_timeout, auth_timeout, timeout (prompts), read_timeout (commands). */
export interface DeviceTimeouts {
  connect?: number;
  auth?: number;
  prompt?: number;
  command?: number;
}

export interface JumpHost {
  host: string;
  port: number;
  username?: string;
  password?: string;
  keyFile?: string;
  passphrase?: string;
  allowAgent?: boolean;
  legacyAlgorithms?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface InventoryDiagnostic {
  severity: Severity;
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface PlatformEntry {
  name: string;
  /** The spec as written; core/platforms checks it. */
  spec: unknown;
  line: number;
  column: number;
}

export interface Inventory {
  devices: DeviceSpec[];
  diagnostics: InventoryDiagnostic[];
  /** The `platforms:` section: user platforms and overrides of built-in ones. */
  platforms: PlatformEntry[];
}

const DEFAULT_SSH_PORT = 22;

interface DeviceEntry {
  device: DeviceSpec;
  node: YAMLMap;
  jumpHost?: string;
}

export function parseInventory(text: string): Inventory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const diagnostics: InventoryDiagnostic[] = [];
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const report: Report = (severity, message, node) => diagnostics.push({ severity, message, ...at(node?.range?.[0]) });

  for (const error of doc.errors) {
    diagnostics.push({ severity: 'error', message: `YAML syntax error: ${error.message.split('\n')[0]}`, ...at(error.pos[0]) });
  }
  if (doc.errors.length > 0) return { devices: [], diagnostics, platforms: [] };

  const items: { node: unknown; group?: string }[] = [];
  const platforms: PlatformEntry[] = [];
  const root = doc.contents;
  if (isSeq(root)) {
    for (const item of root.items) items.push({ node: item });
  } else if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'platforms') platforms.push(...readPlatforms(pair.value, report, at));
      else if (isSeq(pair.value)) for (const item of pair.value.items) items.push({ node: item, group: key });
      else report('error', `group "${key}" must be a list of devices`, (pair.value as Node | null) ?? (pair.key as Node));
    }
  } else if (root === null || (isScalar(root) && root.value === null)) {
    report('error', 'the inventory is empty: add a list of devices');
  } else {
    report('error', 'the inventory must be a list of devices, or groups of lists (routers: [...])', root as Node);
  }

  const entries: DeviceEntry[] = [];
  for (const { node, group } of items) {
    const entry = readDevice(node, group, report, at);
    if (entry) entries.push(entry);
  }
  nameDevices(entries.map((e) => e.device));
  const devices = resolveJumps(entries, report);
  return { devices, diagnostics, platforms };
}

type Report = (severity: Severity, message: string, node?: Node | null) => void;
type At = (offset?: number) => { line: number; column: number };

function readPlatforms(value: unknown, report: Report, at: At): PlatformEntry[] {
  if (!isMap(value)) {
    report('error', 'platforms must map platform names to their definitions', value as Node);
    return [];
  }
  return value.items.map((pair) => ({ name: isScalar(pair.key) ? String(pair.key.value) : '', spec: isMap(pair.value) || isSeq(pair.value) || isScalar(pair.value) ? pair.value.toJSON() : null, ...at((pair.key as Node).range?.[0]) }));
}

function readDevice(node: unknown, group: string | undefined, report: Report, at: At): DeviceEntry | undefined {
  if (!isMap(node)) {
    report('error', 'a device must be a mapping of keys (device_type, host, username, ...)', node as Node);
    return undefined;
  }
  const str = (key: string) => stringValue(node, key, report);
  const flag = (key: string) => boolValue(node, key, report);
  const host = str('host') ?? str('ip');
  if (host === undefined) {
    report('error', 'device has no host (or ip)', node);
    return undefined;
  }
  const port = portValue(node, report);
  if (port === undefined) return undefined;
  const policy = str('host_key_policy');
  if (policy !== undefined && !['accept-new', 'strict', 'off'].includes(policy)) {
    report('error', 'host_key_policy must be accept-new, strict or off', node.get('host_key_policy', true) as Node);
    return undefined;
  }
  const device: DeviceSpec = {
    name: str('name') ?? '',
    group,
    deviceType: str('device_type') ?? 'cisco_ios',
    host,
    port,
    username: str('username'),
    password: str('password'),
    secret: str('secret'),
    keyFile: str('key_file'),
    passphrase: str('passphrase'),
    allowAgent: flag('allow_agent') ?? flag('use_keys'),
    commands: commandsValue(node, report),
    timeouts: {
      connect: secondsValue(node, 'conn_timeout', report),
      auth: secondsValue(node, 'auth_timeout', report),
      prompt: secondsValue(node, 'timeout', report),
      command: secondsValue(node, 'read_timeout', report),
    },
    jumps: [],
    legacyAlgorithms: flag('legacy_algorithms'),
    hostKeyPolicy: policy as DeviceSpec['hostKeyPolicy'],
    line: at(node.range?.[0]).line,
  };
  return { device, node, jumpHost: str('jump_host') };
}

/**
 * Follows jump_host hop by hop: an inventory device's name (its own credentials and jump
 * host apply), or `[user@]host[:port]` (the device's own credentials are used there).
 */
function resolveJumps(entries: DeviceEntry[], report: Report): DeviceSpec[] {
  const byName = new Map(entries.map((e) => [e.device.name, e]));
  const chains = new Map<DeviceEntry, JumpHost[] | null>();
  const chainOf = (entry: DeviceEntry, seen: DeviceEntry[]): JumpHost[] | null => {
    const known = chains.get(entry);
    if (known !== undefined) return known;
    if (seen.includes(entry)) {
      report('error', `jump_host loops: ${[...seen, entry].map((e) => e.device.name).join(' -> ')}`, entry.node.get('jump_host', true) as Node);
      return null;
    }
    let chain: JumpHost[] | null = [];
    if (entry.jumpHost !== undefined) {
      const named = byName.get(entry.jumpHost);
      if (named) {
        const before = chainOf(named, [...seen, entry]);
        chain = before && [...before, jumpFrom(named.device)];
      } else {
        const address = parseJumpAddress(entry.jumpHost);
        if (address) chain = [{ ...jumpFrom(entry.device), ...address }];
        else {
          report('error', `jump_host "${entry.jumpHost}" is neither a device in this inventory nor user@host:port`, entry.node.get('jump_host', true) as Node);
          chain = null;
        }
      }
    }
    chains.set(entry, chain);
    return chain;
  };
  const devices: DeviceSpec[] = [];
  for (const entry of entries) {
    const chain = chainOf(entry, []);
    if (chain) devices.push({ ...entry.device, jumps: chain });
  }
  return devices;
}

function jumpFrom(d: DeviceSpec): JumpHost {
  return { host: d.host, port: d.port, username: d.username, password: d.password, keyFile: d.keyFile, passphrase: d.passphrase, allowAgent: d.allowAgent, legacyAlgorithms: d.legacyAlgorithms };
}

function parseJumpAddress(text: string): { host: string; port: number; username?: string } | undefined {
  const match = text.match(/^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d{1,5}))?$/);
  if (!match) return undefined;
  const port = match[3] === undefined ? DEFAULT_SSH_PORT : Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  const result: { host: string; port: number; username?: string } = { host: match[2].replace(/^\[|\]$/g, ''), port };
  if (match[1] !== undefined) result.username = match[1];
  return result;
}

function stringValue(map: YAMLMap, key: string, report: Report): string | undefined {
  const value = map.get(key, true);
  if (value === undefined || (isScalar(value) && value.value === null)) return undefined;
  if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) return String(value.value);
  report('error', `${key} must be a text value`, value as Node);
  return undefined;
}

function portValue(map: YAMLMap, report: Report): number | undefined {
  const value = map.get('port', true);
  if (value === undefined) return DEFAULT_SSH_PORT;
  const port = isScalar(value) ? Number(value.value) : NaN;
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  report('error', 'port must be a whole number from 1 to 65535', value as Node);
  return undefined;
}

function commandsValue(map: YAMLMap, report: Report): string[] | undefined {
  const value = map.get('commands', true);
  if (value === undefined) return undefined;
  if (isSeq(value) && value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
    return value.items.map((item) => String((item as { value: unknown }).value));
  }
  report('error', 'commands must be a list of CLI commands', value as Node);
  return undefined;
}

/** Devices without a name are called by host, or host:port when one host has several ports. */
function nameDevices(devices: DeviceSpec[]): void {
  const portsByHost = new Map<string, Set<number>>();
  for (const d of devices) portsByHost.set(d.host, (portsByHost.get(d.host) ?? new Set()).add(d.port));
  for (const d of devices) {
    if (d.name === '') d.name = portsByHost.get(d.host)!.size > 1 ? `${d.host}:${d.port}` : d.host;
  }
}

function boolValue(map: YAMLMap, key: string, report: Report): boolean | undefined {
  const value = map.get(key, true);
  if (value === undefined) return undefined;
  if (isScalar(value) && typeof value.value === 'boolean') return value.value;
  report('error', `${key} must be true or false`, value as Node);
  return undefined;
}

function secondsValue(map: YAMLMap, key: string, report: Report): number | undefined {
  const value = map.get(key, true);
  if (value === undefined) return undefined;
  if (isScalar(value) && typeof value.value === 'number' && value.value > 0) return value.value;
  report('error', `${key} must be a number of seconds greater than 0`, value as Node);
  return undefined;
}
