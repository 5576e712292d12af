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
  /** Commands for this device instead of the poll's default. */
  commands?: string[];
  /** 1-based line of the entry in the file, to reveal it. */
  line: number;
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

export interface Inventory {
  devices: DeviceSpec[];
  diagnostics: InventoryDiagnostic[];
}

const DEFAULT_SSH_PORT = 22;

export function parseInventory(text: string): Inventory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const diagnostics: InventoryDiagnostic[] = [];
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const report = (severity: Severity, message: string, node?: Node | null) => diagnostics.push({ severity, message, ...at(node?.range?.[0]) });

  for (const error of doc.errors) {
    diagnostics.push({ severity: 'error', message: `YAML syntax error: ${error.message.split('\n')[0]}`, ...at(error.pos[0]) });
  }
  if (doc.errors.length > 0) return { devices: [], diagnostics };

  const entries: { node: unknown; group?: string }[] = [];
  const root = doc.contents;
  if (isSeq(root)) {
    for (const item of root.items) entries.push({ node: item });
  } else if (isMap(root)) {
    for (const pair of root.items) {
      const group = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isSeq(pair.value)) for (const item of pair.value.items) entries.push({ node: item, group });
      else report('error', `group "${group}" must be a list of devices`, (pair.value as Node | null) ?? (pair.key as Node));
    }
  } else if (root === null || (isScalar(root) && root.value === null)) {
    report('error', 'the inventory is empty: add a list of devices');
  } else {
    report('error', 'the inventory must be a list of devices, or groups of lists (routers: [...])', root as Node);
  }

  const devices: DeviceSpec[] = [];
  for (const { node, group } of entries) {
    const device = readDevice(node, group, report, at);
    if (device) devices.push(device);
  }
  nameDevices(devices);
  return { devices, diagnostics };
}

type Report = (severity: Severity, message: string, node?: Node | null) => void;

function readDevice(node: unknown, group: string | undefined, report: Report, at: (offset?: number) => { line: number }): DeviceSpec | undefined {
  if (!isMap(node)) {
    report('error', 'a device must be a mapping of keys (device_type, host, username, ...)', node as Node);
    return undefined;
  }
  const str = (key: string) => stringValue(node, key, report);
  const host = str('host') ?? str('ip');
  if (host === undefined) {
    report('error', 'device has no host (or ip)', node);
    return undefined;
  }
  const port = portValue(node, report);
  if (port === undefined) return undefined;
  return {
    name: str('name') ?? '',
    group,
    deviceType: str('device_type') ?? 'cisco_ios',
    host,
    port,
    username: str('username'),
    password: str('password'),
    secret: str('secret'),
    commands: commandsValue(node, report),
    line: at(node.range?.[0]).line,
  };
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
