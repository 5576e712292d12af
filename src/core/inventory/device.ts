// One device item -> the device to poll, with its defaults applied; or undefined (the entry is
// skipped) when any of its values is in error, each error said where it is written.
import { isMap, Node, YAMLMap } from 'yaml';
import type { Aliases } from './aliases';
import { checkKeys } from './keyChecks';
import { DEFAULT_SSH_PORT } from './keys';
import { gluedKeyOf, missingSpaceMessage } from './missingSpace';
import { intendedName } from './names';
import type { Item, SectionContext } from './sections';
import type { DeviceEntry, DeviceSpec, Report } from './types';
import { isNull, ValueReader } from './values';

export interface ReadContext extends SectionContext {
  /** Known device_type names; unchecked if absent. */
  deviceTypes?: Set<string>;
}

export function readDevice(item: Item, context: ReadContext): DeviceEntry | undefined {
  const node = context.aliases.follow(item.node, context.report);
  if (node === undefined) return undefined;
  if (!isMap(node)) {
    // `- host:127.0.0.1` is one word to YAML, not a mapping: say what was meant.
    const glued = gluedKeyOf(node);
    context.report('error', glued ? missingSpaceMessage(glued) : 'a device must be a mapping of keys (device_type, host, username, ...)', node as Node);
    return undefined;
  }
  let errors = 0;
  const report: Report = (severity, ...rest) => {
    if (severity === 'error') errors++;
    context.report(severity, ...rest);
  };
  checkKeys(node, intendedName(node) ?? 'device', { report, aliases: context.aliases, line: context.line });
  const read = new ValueReader(mergedValues(node, item.defaults, context.aliases, report), report, context.aliases);
  const hostKey = read.isSet('host') ? 'host' : 'ip';
  const host = read.text(hostKey);
  if (host !== undefined) read.checkHost(hostKey, host);
  // A host glued to its colon is said where it is written; "no host" would only repeat it.
  else if (!hasGluedHost(node)) report('error', 'device has no host (or ip)', node);
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
    pipeline: read.boolean('pipeline'),
    echo: read.boolean('echo'),
    ignoreLines: read.ignoreLines(),
    parse: read.parse(),
    line: context.line(item.at),
  };
  if (errors > 0) return undefined;
  return { device, node, at: item.at, jumpHost: jumpHost === undefined ? undefined : { value: jumpHost, node: read.where('jump_host')! } };
}

/** Has `host:...` or `ip:...` with no space after the colon, read as a key with no value. */
function hasGluedHost(map: YAMLMap): boolean {
  return map.items.some((pair) => isNull(pair.value) && ['host', 'ip'].includes(gluedKeyOf(pair.key)?.key ?? ''));
}

/** The device's keys with defaults applied: device values win, merged (<<) keys apply first. */
function mergedValues(map: YAMLMap, defaults: YAMLMap[], aliases: Aliases, report: Report): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const source of [...defaults, map]) {
    for (const [key, value] of aliases.valuesOf(source, report)) values.set(key, value);
  }
  return values;
}
