// What is said once per mapping where it is written (a device or a defaults block): keys
// given twice, keys glued to their values (`host:127.0.0.1`), unknown and netmiko-only keys, and
// credentials in plain text or from unset environment variables. Merged (<<) keys are checked in the mapping they come from.
import type { Node, YAMLMap } from 'yaml';
import { Aliases, isMergeKey, keyOf } from './aliases';
import { DEVICE_KEYS, NETMIKO_ONLY_KEYS } from './keys';
import { gluedKeyOf, missingSpaceMessage } from './missingSpace';
import { referencesIn } from './references';
import { didYouMean } from './suggest';
import type { Report } from './types';
import { isNull, writtenText } from './values';

export interface KeyCheckContext {
  report: Report;
  aliases: Aliases;
  line: (node: Node) => number;
}

/** `owner` names the mapping for the plain-text credential quick fix (a device's name, or defaults). */
export function checkKeys(map: YAMLMap, owner: string, { report, aliases, line }: KeyCheckContext): void {
  const seen = new Map<string, Node>();
  for (const pair of map.items) {
    if (isMergeKey(pair)) continue;
    const key = keyOf(pair);
    const first = seen.get(key);
    if (first) report('error', `${key} is given twice in this entry (first at line ${line(first)})`, pair.key as Node);
    else seen.set(key, pair.key as Node);
    // In a flow mapping, {host:127.0.0.1} is a key with no value.
    const glued = isNull(pair.value) ? gluedKeyOf(pair.key) : undefined;
    if (glued) {
      report('error', missingSpaceMessage(glued), pair.key as Node);
      continue;
    }
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
