// The document's shape: a plain list of devices, or groups (`routers: [...]` or
// `routers: {defaults: ..., devices: [...]}`) beside top-level `defaults:` and `platforms:`.
// Splits it into device items, each with its group and the defaults that apply to it.
import { Document, isAlias, isMap, isNode, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { Aliases, keyOf } from './aliases';
import { gluedKeyOf, missingSpaceMessage } from './missingSpace';
import type { Report } from './types';

export interface Item {
  node: unknown;
  /** Where the item is written: the node itself, or the alias standing for it or for its list. */
  at: Node;
  group?: string;
  /** Defaults that apply, outermost first. */
  defaults: YAMLMap[];
}

export interface Sections {
  items: Item[];
  defaults: YAMLMap[];
  platforms: { name: string; spec: unknown; node: Node }[];
}

export interface SectionContext {
  report: Report;
  doc: Document;
  aliases: Aliases;
  line: (node: Node) => number;
}

/** Splits the document into device items (with their group and defaults) and the other sections. */
export function readSections(root: unknown, context: SectionContext): Sections {
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
  if (node === undefined) return [];
  const glued = gluedKeyOf(node);
  report('error', glued ? missingSpaceMessage(glued) : `${where} must be a mapping of device keys`, node as Node);
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
