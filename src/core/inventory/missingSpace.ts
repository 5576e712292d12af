// `host:127.0.0.1`: a key with no space after its colon. YAML reads it as one word, so the
// key is lost: it shows up as a syntax error further on, a device that is not a mapping, or
// a device with no host. Recognised for the keys a device may have, so that a value with a
// colon in it (a command, an IPv6 address) is left alone.
import { isScalar } from 'yaml';
import { DEVICE_KEYS, NETMIKO_ONLY_KEYS } from './keys';

const KNOWN_KEYS: ReadonlySet<string> = new Set([...Object.keys(DEVICE_KEYS), ...NETMIKO_ONLY_KEYS]);

export interface GluedKey {
  key: string;
  /** The first word after the colon. */
  value: string;
  /** How many characters `key:value` takes where it is written. */
  length: number;
}

/** The known key glued to its value at the start of `text`, if there is one. */
export function gluedKey(text: string): GluedKey | undefined {
  // A colon after the colon (fe80::1) is not a key and its value.
  const match = /^([A-Za-z_]\w*):([^\s:]\S*)/.exec(text);
  if (!match || !KNOWN_KEYS.has(match[1])) return undefined;
  return { key: match[1], value: match[2], length: match[0].length };
}

/** A plain scalar that is a known key glued to its value; a quoted one was meant as written. */
export function gluedKeyOf(node: unknown): GluedKey | undefined {
  if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') return undefined;
  return gluedKey(node.source);
}

export function missingSpaceMessage({ key, value }: GluedKey): string {
  return `${key}:${value} has no space after the colon, so YAML reads it as one word; put a space after the colon: ${key}: ${value}`;
}
