// devices.yaml text -> the devices to poll, plus diagnostics with line and column.
// Accepts a plain list of netmiko-style devices, or groups (`routers: [...]`, or
// `routers: {defaults: {...}, devices: [...]}`), with optional top-level `defaults:` and
// `platforms:`. A bad entry is reported and skipped; every good one is still returned.
import { Document, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { Aliases, isMergeKey, keyOf } from './aliases';
import { hostProblem } from './hosts';
import { resolveJumps } from './jumps';
import { DEVICE_KEYS, HOST_KEY_POLICY_VALUES, MAX_TIMEOUT_SECONDS, NETMIKO_ONLY_KEYS } from './keys';
import { hasReference, referenceProblems, referencesIn } from './references';
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
const BYTE_ORDER_MARK = '\uFEFF';
const SECONDS_PER_DAY = 86_400;

/** A device entry as read: its merged keys (defaults first) and where it was written. */
export interface DeviceEntry {
  device: DeviceSpec;
  node: YAMLMap;
  /** Where the entry is written: its mapping, or the alias that stands for it or for its list. */
  at: Node;
  jumpHost?: { value: string; node: Node };
}

export type Report = (severity: Severity, message: string, node?: Node | null, extra?: Partial<InventoryDiagnostic>) => void;

export function parseInventory(text: string, options: ParseOptions = {}): Inventory {
  const lineCounter = new LineCounter();
  // Editors hide a byte order mark and count columns after it; positions here do the same.
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  // Repeated keys are reported per mapping below, so one slip costs one device, not the file.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const diagnostics: InventoryDiagnostic[] = [];
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const said = new Set<string>();
  const report: Report = (severity, message, node, extra) => {
    const [start, end] = node?.range ?? [0, 0];
    // A slip in something many devices share (defaults, an anchor) is said once, where it is.
    const key = `${severity} ${start} ${end} ${message}`;
    if (said.has(key)) return;
    said.add(key);
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

  const base: SectionContext = { report, doc, aliases: new Aliases(doc), line: (node) => position(node.range?.[0] ?? 0).line };
  const sections = readSections(doc.contents, base);
  const platforms = sections.platforms.map((p) => ({ name: p.name, spec: p.spec, ...position(p.node.range?.[0] ?? 0) }));
  const deviceTypes = options.deviceTypes ? new Set([...options.deviceTypes, ...platforms.map((p) => p.name)]) : undefined;
  const context: ReadContext = { ...base, deviceTypes };

  for (const defaults of sections.defaults) checkKeys(defaults, 'defaults', context);
  const read = sections.items.map((item) => readDevice(item, context));
  const entries = read.filter((e): e is DeviceEntry => e !== undefined);
  nameDevices(entries.map((e) => e.device));
  const skipped = namesOfSkipped(sections.items.filter((_, i) => read[i] === undefined), context);
  const devices = resolveJumps(withoutDuplicateNames(entries, report), report, skipped);
  if (sections.items.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    report('error', 'the inventory lists no devices', doc.contents as Node | null);
  }
  return { devices, diagnostics, platforms, skipped: sections.items.length - devices.length };
}

interface Item {
  node: unknown;
  /** Where the item is written: the node itself, or the alias standing for it or for its list. */
  at: Node;
  group?: string;
  /** Defaults that apply, outermost first. */
  defaults: YAMLMap[];
}

interface Sections {
  items: Item[];
  defaults: YAMLMap[];
  platforms: { name: string; spec: unknown; node: Node }[];
}

interface SectionContext {
  report: Report;
  doc: Document;
  aliases: Aliases;
  line: (node: Node) => number;
}

/** Splits the document into device items (with their group and defaults) and the other sections. */
function readSections(root: unknown, context: SectionContext): Sections {
  const { report } = context;
  const sections: Sections = { items: [], defaults: [], platforms: [] };
  if (isSeq(root)) {
    sections.items.push(...itemsOf(root, undefined, undefined, []));
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
  const topDefaults = repeatedValues(root, 'defaults', 'both apply, later keys win', context).flatMap((value) => asDefaults(value, 'defaults', context));
  sections.defaults.push(...topDefaults);
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'defaults') continue;
    if (key === 'platforms') sections.platforms.push(...readPlatforms(pair, context));
    else readGroup(key, pair, topDefaults, sections, context);
  }
  return sections;
}

/** A group: `routers: [...]` or `routers: {defaults: ..., devices: [...]}`. */
function readGroup(group: string, pair: Pair, topDefaults: YAMLMap[], sections: Sections, context: SectionContext): void {
  const { report, aliases } = context;
  const value = aliases.follow(pair.value, report);
  if (value === undefined) return;
  const through = isAlias(pair.value) ? pair.value : undefined;
  if (isSeq(value)) {
    sections.items.push(...itemsOf(value, through, group, topDefaults));
    return;
  }
  if (!isMap(value) || !value.has('devices')) {
    report('error', `group "${group}" must be a list of devices, or {defaults: ..., devices: [...]}`, (value as Node | null) ?? (pair.key as Node));
    return;
  }
  const groupDefaults = repeatedValues(value, 'defaults', 'both apply, later keys win', context).flatMap((d) => asDefaults(d, `${group}.defaults`, context));
  sections.defaults.push(...groupDefaults);
  for (const inner of value.items) {
    const innerKey = keyOf(inner);
    if (innerKey !== 'defaults' && innerKey !== 'devices') report('error', `group "${group}" may hold only defaults and devices, not "${innerKey}"`, inner.key as Node);
  }
  for (const written of repeatedValues(value, 'devices', 'both lists are polled', context)) {
    const devices = aliases.follow(written, report);
    if (isSeq(devices)) sections.items.push(...itemsOf(devices, isAlias(written) ? written : through, group, [...topDefaults, ...groupDefaults]));
    else if (devices !== undefined) report('error', `${group}.devices must be a list of devices`, devices as Node);
  }
}

/** A list's device items; `through` is the alias the list was reached by, if any. */
function itemsOf(list: YAMLSeq, through: Node | undefined, group: string | undefined, defaults: YAMLMap[]): Item[] {
  return list.items.map((node) => ({ node, at: isAlias(node) ? node : (through ?? (node as Node)), group, defaults }));
}

/** The values of every `key:` in a mapping, in order: a repeat is a warning, and each still applies. */
function repeatedValues(map: YAMLMap, key: string, effect: string, { report, line }: SectionContext): unknown[] {
  const pairs = map.items.filter((pair) => keyOf(pair) === key);
  for (const pair of pairs.slice(1)) {
    report('warning', `${key} is given twice (first at line ${line(pairs[0].key as Node)}); ${effect} — merge them into one`, pair.key as Node);
  }
  return pairs.map((pair) => pair.value);
}

function asDefaults(written: unknown, where: string, { report, aliases }: SectionContext): YAMLMap[] {
  const node = aliases.follow(written, report);
  if (isMap(node)) return [node];
  if (node !== undefined) report('error', `${where} must be a mapping of device keys`, node as Node);
  return [];
}

function readPlatforms(pair: Pair, context: SectionContext): { name: string; spec: unknown; node: Node }[] {
  const value = context.aliases.follow(pair.value, context.report);
  if (!isMap(value)) {
    if (value !== undefined) context.report('error', 'platforms must map platform names to their definitions', (value as Node | null) ?? (pair.key as Node));
    return [];
  }
  return value.items.map((p) => ({ name: keyOf(p), spec: platformSpec(p.value, context), node: p.key as Node }));
}

/** A platform's definition as plain data, aliases in it followed. */
function platformSpec(node: unknown, { doc, report }: SectionContext): unknown {
  if (!isNode(node)) return null;
  try {
    return node.toJS(doc);
  } catch (err) {
    // An alias with no anchor, or so many aliases that following them would never end.
    report('error', `platform definition: ${(err as Error).message}`, node);
    return null;
  }
}

interface ReadContext extends SectionContext {
  deviceTypes?: Set<string>;
}

/**
 * What is said once per mapping where it is written (a device or defaults): unknown and
 * netmiko-only keys, and credentials in plain text or from unset environment variables.
 */
function checkKeys(map: YAMLMap, owner: string, { report, aliases }: ReadContext): void {
  const seen = new Map<string, Node>();
  for (const pair of map.items) {
    // Merged keys are checked where they are written.
    if (isMergeKey(pair)) continue;
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
    const value = aliases.follow(pair.value, report) as Node;
    const text = writtenText(value);
    if (text === undefined || text === '') continue;
    for (const ref of referencesIn(text)) {
      if (ref.kind === 'env' && process.env[ref.name] === undefined) report('warning', `${key}: environment variable ${ref.name} is not set`, value);
    }
    if (info.credential && !text.includes('${')) {
      report('warning', `${key} is in plain text; keep it out of the file with \${secret:NAME}, \${env:NAME} or \${prompt:NAME}`, value, { plaintextCredential: { key, device: owner } });
    }
  }
}

/**
 * A scalar's text exactly as written: a plain 0123 is "0123", not the number 123 (a password
 * or a tag must not change); quoted and block scalars are their text. Undefined for null or
 * anything that is not a scalar.
 */
function writtenText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  if (node.type === 'PLAIN' && node.source !== undefined) return node.source;
  return typeof node.value === 'string' ? node.value : undefined;
}

function isNull(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** The device's keys with defaults applied: device values win, merged (<<) keys apply first. */
function mergedValues(map: YAMLMap, defaults: YAMLMap[], aliases: Aliases, report: Report): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const source of [...defaults, map]) {
    for (const [key, value] of aliases.valuesOf(source, report)) values.set(key, value);
  }
  return values;
}

/** The name an entry is meant to have, as written (name, else host, else ip), before it is read. */
function intendedName(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  return ['name', 'host', 'ip'].map((key) => writtenText(node.get(key, true))).find((text) => text !== undefined);
}

/** The names of entries skipped for their errors, so a jump_host naming one is told why it cannot be used. */
function namesOfSkipped(items: Item[], { aliases, report }: ReadContext): Set<string> {
  const names = items.map((item) => intendedName(aliases.follow(item.node, report)));
  return new Set(names.filter((name): name is string => name !== undefined));
}

/** The device, or undefined (skipped) when any of its values is in error. */
function readDevice(item: Item, context: ReadContext): DeviceEntry | undefined {
  const node = context.aliases.follow(item.node, context.report);
  if (node === undefined) return undefined;
  if (!isMap(node)) {
    context.report('error', 'a device must be a mapping of keys (device_type, host, username, ...)', node as Node);
    return undefined;
  }
  let errors = 0;
  const report: Report = (severity, ...rest) => {
    if (severity === 'error') errors++;
    context.report(severity, ...rest);
  };
  checkKeys(node, intendedName(node) ?? 'device', { ...context, report });
  const read = new ValueReader(mergedValues(node, item.defaults, context.aliases, report), report, context.aliases);
  const hostKey = read.isSet('host') ? 'host' : 'ip';
  const host = read.text(hostKey);
  if (host === undefined) report('error', 'device has no host (or ip)', node);
  else read.checkHost(hostKey, host);
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
    line: context.line(item.at),
  };
  if (errors > 0) return undefined;
  return { device, node, at: item.at, jumpHost: jumpHost === undefined ? undefined : { value: jumpHost, node: read.where('jump_host')! } };
}

/** Typed reads of one device's values; a wrong type is reported where it is written. */
class ValueReader {
  constructor(private readonly values: Map<string, unknown>, private readonly report: Report, private readonly aliases: Aliases) {}

  /** Where a key's value is written (the alias, when it is one). */
  where(key: string): Node | undefined {
    return this.values.get(key) as Node | undefined;
  }

  /** The node a key's value stands for (aliases followed), with where it is written. */
  private value(key: string): { node: unknown; at: Node } | undefined {
    const at = this.where(key);
    if (at === undefined) return undefined;
    const node = this.aliases.follow(at, this.report);
    return node === undefined ? undefined : { node, at };
  }

  /** Given, and not null (`~` or empty means absent). */
  isSet(key: string): boolean {
    const value = this.value(key);
    return value !== undefined && !isNull(value.node);
  }

  /** Text as written in the file; numbers and booleans too (a password 0123 stays 0123). */
  text(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || isNull(value.node)) return undefined;
    const text = writtenText(value.node);
    if (text === undefined) {
      this.report('error', `${key} must be a text value`, value.at);
      return undefined;
    }
    for (const problem of referenceProblems(text)) this.report('error', `${key}: ${problem}`, value.at);
    return text;
  }

  /** A malformed host is an error here; one from a reference is checked when it is resolved. */
  checkHost(key: string, host: string): void {
    const problem = hasReference(host) ? undefined : hostProblem(host);
    if (problem) this.report('error', problem, this.where(key));
  }

  port(): number | undefined {
    const value = this.value('port');
    if (value === undefined) return undefined;
    const port = isScalar(value.node) && typeof value.node.value === 'number' ? value.node.value : NaN;
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
    this.report('error', 'port must be a whole number from 1 to 65535', value.at);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (isScalar(value.node) && typeof value.node.value === 'boolean') return value.node.value;
    this.report('error', `${key} must be true or false`, value.at);
    return undefined;
  }

  /** Seconds that Node's timers can hold: longer ones (or .inf) would fire at once. */
  seconds(key: string): number | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    const seconds = isScalar(value.node) && typeof value.node.value === 'number' ? value.node.value : NaN;
    if (Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS) return seconds;
    const days = Math.floor(MAX_TIMEOUT_SECONDS / SECONDS_PER_DAY);
    this.report('error', `${key} must be a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS} (about ${days} days)`, value.at);
    return undefined;
  }

  list(key: string): string[] | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    const lines = isSeq(value.node) ? value.node.items.map((item) => writtenText(this.aliases.follow(item, this.report))) : [undefined];
    if (lines.every((line): line is string => line !== undefined)) return lines;
    this.report('error', `${key} must be a list of text lines`, value.at);
    return undefined;
  }

  deviceType(known: Set<string> | undefined): string | undefined {
    const type = this.text('device_type');
    if (type === undefined || !known || known.has(type)) return type;
    this.report('error', `unknown device_type "${type}"${didYouMean(type, known)}`, this.where('device_type'));
    return undefined;
  }

  hostKeyPolicy(): DeviceSpec['hostKeyPolicy'] {
    const policy = this.text('host_key_policy');
    if (policy === undefined || (HOST_KEY_POLICY_VALUES as readonly string[]).includes(policy)) return policy as DeviceSpec['hostKeyPolicy'];
    this.report('error', `host_key_policy must be ${HOST_KEY_POLICY_VALUES.join(', ')}, not "${policy}"`, this.where('host_key_policy'));
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
    // An entry reached through an alias is pointed at where the alias is.
    const written = entry.at === entry.node ? ((entry.node.get('name', true) as Node | undefined) ?? entry.node) : entry.at;
    if (first) {
      report('error', `duplicate device name "${name}" (first at line ${first.device.line})`, written);
      continue;
    }
    byName.set(name, entry);
    const same = byAddress.get(`${host}:${port}`);
    if (same) report('warning', `${name} has the same host and port as ${same.device.name} (line ${same.device.line})`, entry.at);
    else byAddress.set(`${host}:${port}`, entry);
    kept.push(entry);
  }
  return kept;
}
