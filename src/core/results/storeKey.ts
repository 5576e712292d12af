// An inventory's folder in a poll store. The name must be one path part, safe on every file
// system, readable, and different for different inventories: pruning one inventory's polls
// deletes folders, so two inventories must never share one. `_` is the escape character:
//   letters, digits, `.` and `-`  themselves
//   a path separator               `__`   (lab/devices.yaml -> lab__devices.yaml)
//   `_` itself                     `_-`   (site_a.yaml -> site_-a.yaml)
//   any other byte (UTF-8)         `_XX`, two upper-case hex digits (a b.yaml -> a_20b.yaml)
// After `_` comes `_`, `-` or a hex digit and nothing else, so every name decodes one way only.
import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** Longer names are cut and end in a hash of the whole: a path part may not pass 255 bytes. */
const MAX_KEY = 120;
const KEPT = 100;

/**
 * The folder of `inventory` (as polls name it: workspace-relative, or as given on the command
 * line). Paths that name the same file the same way (`./a//b.yaml`, `a/b.yaml`) share it; on
 * Windows `\` separates folders too, elsewhere it is part of a name.
 */
export function inventoryKey(inventory: string, windows = process.platform === 'win32'): string {
  const slashed = windows ? inventory.replace(/\\/g, '/') : inventory;
  const normal = slashed === '' ? '' : path.posix.normalize(slashed).replace(/(.)\/$/, '$1');
  const key = normal === '.' || normal === '..' ? escapeAll(normal) : encode(normal);
  if (key === '') return '_';
  if (key.length <= MAX_KEY) return key;
  // A cut name is longer than any name that is not cut, so the two kinds never meet.
  return `${key.slice(0, KEPT)}_h${createHash('sha256').update(normal).digest('hex').slice(0, 24)}`;
}

/**
 * The name earlier builds gave the folder: parts joined by `__`, other characters as `_`.
 * Different inventories could share it, so a poll found there is the inventory's only if its
 * index names that inventory.
 */
export function legacyInventoryKey(inventory: string): string {
  return inventory.split(/[\\/]+/).filter((part) => part !== '' && part !== '.' && part !== '..').join('__').replace(/[^\w.-]/g, '_') || 'inventory';
}

function encode(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9.-]/.test(char)) out += char;
    else if (char === '/') out += '__';
    else if (char === '_') out += '_-';
    else out += escapeAll(char);
  }
  return out;
}

function escapeAll(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `_${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
