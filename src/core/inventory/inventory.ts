// devices.yaml text -> the devices to poll, plus diagnostics with line and column.
// Accepts a plain list of netmiko-style devices, or groups (`routers: [...]`, or
// `routers: {defaults: {...}, devices: [...]}`), with optional top-level `defaults:` and
// `platforms:`. A bad entry is reported and skipped; every good one is still returned.
import { isMap, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import { resolveJumps } from './jumps';
import { DEVICE_KEYS, HOST_KEY_POLICY_VALUES, NETMIKO_ONLY_KEYS } from './keys';
import { malformedReferences, referencesIn } from './references';
import { didYouMean } from './suggest';

export interface DeviceSpec {
  /** Unique within the inventory: `name`, else host, else host:port when ports differ. */
  name: string;
  group?: string;
  deviceType: string;
  host: string;
  port: number;
  /** Credentials may hold ${env:...}, ${secret:...} or ${prompt:...} references. */
  username?: string;
  password?: string;
  secret?: string;
  keyFile?: string;
  passphrase?: string;
  /** Offer the ssh-agent's keys (netmiko's allow_agent / use_keys). */
  allowAgent?: boolean;
  /** Commands for this device instead of the poll's default. */
  commands?: string[];
  tags: string[];
  timeouts: DeviceTimeouts;
  /** Jump hosts to go through, nearest first (from jump_host, followed hop by hop). */
  jumps: JumpHost[];
  legacyAlgorithms?: boolean;
  hostKeyPolicy?: (typeof HOST_KEY_POLICY_VALUES)[number];
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
  /** Where the problem ends (1-based, exclusive column), for squiggles. */
  endLine: number;
  endColumn: number;
  /** Set for a credential written in plain text: the editor offers to move it to secret storage. */
  plaintextCredential?: { key: string; device: string };
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
  /** Entries that are not polled because of an error. */
  skipped: number;
}

export interface ParseOptions {
  /** Known device_type names (the inventory's own platforms are added); unchecked if absent. */
  deviceTypes?: Iterable<string>;
}

const DEFAULT_SSH_PORT = 22;

/** A device entry as read: its merged keys (defaults first) and where it was written. */
export interface DeviceEntry {
  device: DeviceSpec;
  node: YAMLMap;
  jumpHost?: { value: string; node: Node };
}

export type Report = (severity: Severity, message: string, node?: Node | null, extra?: Partial<InventoryDiagnostic>) => void;

export function parseInventory(text: string, options: ParseOptions = {}): Inventory {
  const lineCounter = new LineCounter();
  // Repeated keys are reported per mapping below, so one slip costs one device, not the file.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const diagnostics: InventoryDiagnostic[] = [];
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const report: Report = (severity, message, node, extra) => {
    const [start, end] = node?.range ?? [0, 0];
    const from = position(start);
    const to = position(Math.max(start, end));
    diagnostics.push({ severity, message, ...from, endLine: to.line, endColumn: to.column, ...extra });
  };

  for (const error of doc.errors) {
    const from = position(error.pos[0]);
    const to = position(error.pos[1]);
    diagnostics.push({ severity: 'error', message: `YAML syntax error: ${error.message.split('\n')[0]}`, ...from, endLine: to.line, endColumn: to.column });
  }
  if (doc.errors.length > 0) return { devices: [], diagnostics, platforms: [], skipped: 0 };

  const sections = readSections(doc.contents, report);
  const platforms = sections.platforms.map((p) => ({ name: p.name, spec: p.spec, ...position(p.node.range?.[0] ?? 0) }));
  const deviceTypes = options.deviceTypes ? new Set([...options.deviceTypes, ...platforms.map((p) => p.name)]) : undefined;
  const context: ReadContext = { report, deviceTypes, line: (node) => position(node.range?.[0] ?? 0).line };

  for (const defaults of sections.defaults) checkKeys(defaults, 'defaults', context);
  const entries = sections.items.map((item) => readDevice(item, context)).filter((e): e is DeviceEntry => e !== undefined);
  nameDevices(entries.map((e) => e.device));
  const devices = resolveJumps(withoutDuplicateNames(entries, report), report);
  if (sections.items.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    report('error', 'the inventory lists no devices', doc.contents as Node | null);
  }
  return { devices, diagnostics, platforms, skipped: sections.items.length - devices.length };
}

interface Item {
  node: unknown;
  group?: string;
  /** Defaults that apply, outermost first. */
  defaults: YAMLMap[];
}

interface Sections {
  items: Item[];
  defaults: YAMLMap[];
  platforms: { name: string; spec: unknown; node: Node }[];
}

/** Splits the document into device items (with their group and defaults) and the other sections. */
function readSections(root: unknown, report: Report): Sections {
  const sections: Sections = { items: [], defaults: [], platforms: [] };
  if (isSeq(root)) {
    for (const node of root.items) sections.items.push({ node, defaults: [] });
    return sections;
  }
  if (root === null || (isScalar(root) && root.value === null)) {
    report('error', 'the inventory is empty: add a list of devices');
    return sections;
  }
  if (!isMap(root)) {
    report('error', 'the inventory must be a list of devices, or groups of lists (routers: [...])', root as Node);
    return sections;
  }
  const top = root.get('defaults', true);
  const topDefaults = top === undefined ? [] : asDefaults(top, 'defaults', report);
  sections.defaults.push(...topDefaults);
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'defaults') continue;
    if (key === 'platforms') {
      sections.platforms.push(...readPlatforms(pair, report));
      continue;
    }
    const value = pair.value as Node | null;
    if (isSeq(value)) {
      for (const node of value.items) sections.items.push({ node, group: key, defaults: topDefaults });
    } else if (isMap(value) && value.has('devices')) {
      const groupDefaults = value.has('defaults') ? asDefaults(value.get('defaults', true), `${key}.defaults`, report) : [];
      sections.defaults.push(...groupDefaults);
      for (const inner of value.items) {
        const innerKey = keyOf(inner);
        if (innerKey !== 'defaults' && innerKey !== 'devices') report('error', `group "${key}" may hold only defaults and devices, not "${innerKey}"`, inner.key as Node);
      }
      const devices = value.get('devices', true);
      if (isSeq(devices)) for (const node of devices.items) sections.items.push({ node, group: key, defaults: [...topDefaults, ...groupDefaults] });
      else report('error', `${key}.devices must be a list of devices`, devices as Node);
    } else {
      report('error', `group "${key}" must be a list of devices, or {defaults: ..., devices: [...]}`, value ?? (pair.key as Node));
    }
  }
  return sections;
}

function asDefaults(node: unknown, where: string, report: Report): YAMLMap[] {
  if (isMap(node)) return [node];
  report('error', `${where} must be a mapping of device keys`, node as Node);
  return [];
}

function readPlatforms(pair: Pair, report: Report): { name: string; spec: unknown; node: Node }[] {
  if (!isMap(pair.value)) {
    report('error', 'platforms must map platform names to their definitions', (pair.value as Node | null) ?? (pair.key as Node));
    return [];
  }
  return pair.value.items.map((p) => ({ name: keyOf(p), spec: (p.value as Node | null)?.toJSON() ?? null, node: p.key as Node }));
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

interface ReadContext {
  report: Report;
  deviceTypes?: Set<string>;
  line: (node: Node) => number;
}

/**
 * What is said once per mapping where it is written (a device or defaults): unknown and
 * netmiko-only keys, and credentials in plain text or from unset environment variables.
 */
function checkKeys(map: YAMLMap, owner: string, { report }: ReadContext): void {
  const seen = new Map<string, Node>();
  for (const pair of map.items) {
    const key = keyOf(pair);
    const first = seen.get(key);
    if (first) report('error', `${key} is given twice in this entry`, pair.key as Node);
    seen.set(key, pair.key as Node);
    const info = DEVICE_KEYS[key];
    if (!info) {
      if (NETMIKO_ONLY_KEYS.has(key)) report('info', `${key} is netmiko tuning that NetPoll does not need; it is ignored`, pair.key as Node);
      else report('warning', `unknown key "${key}"${didYouMean(key, Object.keys(DEVICE_KEYS))}`, pair.key as Node);
      continue;
    }
    const value = pair.value;
    if (!isScalar(value) || typeof value.value !== 'string' || value.value === '') continue;
    for (const ref of referencesIn(value.value)) {
      if (ref.kind === 'env' && process.env[ref.name] === undefined) report('warning', `${key}: environment variable ${ref.name} is not set`, value);
    }
    if (info.credential && !value.value.includes('${')) {
      report('warning', `${key} is in plain text; keep it out of the file with \${secret:NAME}, \${env:NAME} or \${prompt:NAME}`, value, { plaintextCredential: { key, device: owner } });
    }
  }
}

/** The device's keys with defaults applied: device values win. */
function mergedValues(map: YAMLMap, defaults: YAMLMap[]): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const source of [...defaults, map]) {
    for (const pair of source.items) if (pair.value !== null) values.set(keyOf(pair), pair.value as Node);
  }
  return values;
}

/** The device, or undefined (skipped) when any of its values is in error. */
function readDevice(item: Item, context: ReadContext): DeviceEntry | undefined {
  const node = item.node;
  if (!isMap(node)) {
    context.report('error', 'a device must be a mapping of keys (device_type, host, username, ...)', node as Node);
    return undefined;
  }
  let errors = 0;
  const report: Report = (severity, ...rest) => {
    if (severity === 'error') errors++;
    context.report(severity, ...rest);
  };
  checkKeys(node, String(node.get('name') ?? node.get('host') ?? node.get('ip') ?? 'device'), { ...context, report });
  const values = mergedValues(node, item.defaults);
  const read = new ValueReader(values, report);
  const host = read.text('host') ?? read.text('ip');
  if (host === undefined) report('error', 'device has no host (or ip)', node);
  else if (host.trim() === '') report('error', 'host must not be empty', values.get('host') ?? values.get('ip'));
  const jumpHost = read.text('jump_host');
  const device: DeviceSpec = {
    name: read.text('name') ?? '',
    group: item.group,
    deviceType: read.deviceType(context.deviceTypes) ?? 'cisco_ios',
    host: host ?? '',
    port: read.port() ?? DEFAULT_SSH_PORT,
    username: read.text('username'),
    password: read.text('password'),
    secret: read.text('secret'),
    keyFile: read.text('key_file'),
    passphrase: read.text('passphrase'),
    allowAgent: read.boolean('allow_agent') ?? read.boolean('use_keys'),
    commands: read.list('commands'),
    tags: read.list('tags') ?? [],
    timeouts: { connect: read.seconds('conn_timeout'), auth: read.seconds('auth_timeout'), prompt: read.seconds('timeout'), command: read.seconds('read_timeout') },
    jumps: [],
    legacyAlgorithms: read.boolean('legacy_algorithms'),
    hostKeyPolicy: read.hostKeyPolicy(),
    line: context.line(node),
  };
  if (errors > 0) return undefined;
  return { device, node, jumpHost: jumpHost === undefined ? undefined : { value: jumpHost, node: values.get('jump_host')! } };
}

/** Typed reads of one device's values; a wrong type is reported where it is written. */
class ValueReader {
  constructor(private readonly values: Map<string, Node>, private readonly report: Report) {}

  text(key: string): string | undefined {
    const value = this.values.get(key);
    if (value === undefined || (isScalar(value) && value.value === null)) return undefined;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
      const text = String(value.value);
      for (const bad of malformedReferences(text)) this.report('error', `${key}: "${bad}" is not a reference NetPoll knows; use \${env:NAME}, \${secret:NAME} or \${prompt:NAME}`, value);
      return text;
    }
    this.report('error', `${key} must be a text value`, value);
    return undefined;
  }

  port(): number | undefined {
    const value = this.values.get('port');
    if (value === undefined) return undefined;
    const port = isScalar(value) && typeof value.value === 'number' ? value.value : NaN;
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
    this.report('error', 'port must be a whole number from 1 to 65535', value);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    if (isScalar(value) && typeof value.value === 'boolean') return value.value;
    this.report('error', `${key} must be true or false`, value);
    return undefined;
  }

  seconds(key: string): number | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    if (isScalar(value) && typeof value.value === 'number' && value.value > 0) return value.value;
    this.report('error', `${key} must be a number of seconds greater than 0`, value);
    return undefined;
  }

  list(key: string): string[] | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    if (isSeq(value) && value.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
      return value.items.map((item) => String((item as Scalar).value));
    }
    this.report('error', `${key} must be a list of text lines`, value);
    return undefined;
  }

  deviceType(known: Set<string> | undefined): string | undefined {
    const type = this.text('device_type');
    if (type === undefined || !known || known.has(type)) return type;
    this.report('error', `unknown device_type "${type}"${didYouMean(type, known)}`, this.values.get('device_type'));
    return undefined;
  }

  hostKeyPolicy(): DeviceSpec['hostKeyPolicy'] {
    const policy = this.text('host_key_policy');
    if (policy === undefined || (HOST_KEY_POLICY_VALUES as readonly string[]).includes(policy)) return policy as DeviceSpec['hostKeyPolicy'];
    this.report('error', `host_key_policy must be ${HOST_KEY_POLICY_VALUES.join(', ')}, not "${policy}"`, this.values.get('host_key_policy'));
    return undefined;
  }

}

/** Devices without a name are called by host, or host:port when one host has several ports. */
function nameDevices(devices: DeviceSpec[]): void {
  const portsByHost = new Map<string, Set<number>>();
  for (const d of devices) portsByHost.set(d.host, (portsByHost.get(d.host) ?? new Set()).add(d.port));
  for (const d of devices) {
    if (d.name === '') d.name = portsByHost.get(d.host)!.size > 1 ? `${d.host}:${d.port}` : d.host;
  }
}

/** A second device with a name already taken is an error (and skipped); a repeated host:port only a warning. */
function withoutDuplicateNames(entries: DeviceEntry[], report: Report): DeviceEntry[] {
  const byName = new Map<string, DeviceEntry>();
  const byAddress = new Map<string, DeviceEntry>();
  const kept: DeviceEntry[] = [];
  for (const entry of entries) {
    const { name, host, port } = entry.device;
    const first = byName.get(name);
    if (first) {
      report('error', `duplicate device name "${name}" (first at line ${first.device.line})`, (entry.node.get('name', true) as Node | undefined) ?? entry.node);
      continue;
    }
    byName.set(name, entry);
    const same = byAddress.get(`${host}:${port}`);
    if (same) report('warning', `${name} has the same host and port as ${same.device.name} (line ${same.device.line})`, entry.node);
    else byAddress.set(`${host}:${port}`, entry);
    kept.push(entry);
  }
  return kept;
}
