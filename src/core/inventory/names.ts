// Device names: the name an entry is meant to have, names for devices without one, and a
// second device with a name already taken (or the same address) said where it is written.
import { isMap, Node } from 'yaml';
import type { Aliases } from './aliases';
import type { Item } from './sections';
import type { DeviceEntry, DeviceSpec, Report } from './types';
import { writtenText } from './values';

/** The name an entry is meant to have, as written (name, else host, else ip), before it is read. */
export function intendedName(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  return ['name', 'host', 'ip'].map((key) => writtenText(node.get(key, true))).find((text) => text !== undefined);
}

/** The names of entries skipped for their errors, so a jump_host naming one is told why it cannot be used. */
export function namesOfSkipped(items: Item[], aliases: Aliases, report: Report): Set<string> {
  const names = items.map((item) => intendedName(aliases.follow(item.node, report)));
  return new Set(names.filter((name): name is string => name !== undefined));
}

/** Devices without a name are called by host, or host:port when one host has several ports. */
export function nameDevices(devices: DeviceSpec[]): void {
  const portsByHost = new Map<string, Set<number>>();
  for (const d of devices) portsByHost.set(d.host, (portsByHost.get(d.host) ?? new Set()).add(d.port));
  for (const d of devices) {
    if (d.name === '') d.name = portsByHost.get(d.host)!.size > 1 ? `${d.host}:${d.port}` : d.host;
  }
}

/** A second device with a name already taken is an error (and skipped); a repeated host:port only a warning. */
export function withoutDuplicateNames(entries: DeviceEntry[], report: Report): DeviceEntry[] {
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
