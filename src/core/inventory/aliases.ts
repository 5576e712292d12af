// YAML aliases (*name) and merge keys (<<: *name), read as netmiko users write them (YAML 1.1):
// an alias stands for the node its anchor (&name) is on, and a mapping's `<<` keys apply
// before its own keys.
import { Document, isAlias, isMap, isScalar, isSeq, Node, Pair, visit, YAMLMap } from 'yaml';
import type { Report } from './types';

const MERGE_KEY = '<<';

/** A mapping's values by key, with what was reported while merging them (said again to each reader). */
interface Merged {
  values: Map<string, unknown>;
  problems: Parameters<Report>[];
}

export class Aliases {
  /** Each alias and the node it stands for, or undefined when no anchor comes before it. */
  private readonly targets = new Map<unknown, Node | undefined>();
  private readonly merged = new Map<YAMLMap, Merged>();

  constructor(doc: Document) {
    // One walk in document order: an alias stands for the last anchor of its name before it.
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) this.targets.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  /** The node that `node` stands for: itself, or an alias's target; an alias with no anchor is reported. */
  follow(node: unknown, report: Report): unknown {
    if (!isAlias(node)) return node;
    const target = this.targets.get(node);
    if (target === undefined) report('error', `alias *${node.source} has no anchor: write &${node.source} on a value before it`, node);
    return target;
  }

  /**
   * A mapping's values by key as they apply: merged mappings first (in `<<: [*a, *b]`, a wins
   * over b, as YAML 1.1 says), then the mapping's own keys, which win over all merged ones.
   */
  valuesOf(map: YAMLMap, report: Report): Map<string, unknown> {
    const merged = this.merge(map, new Set());
    for (const problem of merged.problems) report(...problem);
    return merged.values;
  }

  /** Each mapping is merged once, however many mappings merge it, so nested merges cannot blow up. */
  private merge(map: YAMLMap, within: Set<YAMLMap>): Merged {
    const known = this.merged.get(map);
    if (known) return known;
    const result: Merged = { values: new Map(), problems: [] };
    // A mapping merged into itself adds nothing it does not already have.
    if (within.has(map)) return result;
    within.add(map);
    const record: Report = (...problem) => void result.problems.push(problem);
    const own = map.items.filter((pair) => !isMergeKey(pair));
    for (const pair of map.items.filter(isMergeKey)) {
      for (const source of this.mergeSources(pair, record).reverse()) {
        const inner = this.merge(source, within);
        result.problems.push(...inner.problems);
        for (const [key, value] of inner.values) result.values.set(key, value);
      }
    }
    for (const pair of own) if (pair.value !== null) result.values.set(keyOf(pair), pair.value);
    within.delete(map);
    this.merged.set(map, result);
    return result;
  }

  private mergeSources(pair: Pair, report: Report): YAMLMap[] {
    const value = this.follow(pair.value, report);
    if (value === undefined) return [];
    const sources = isSeq(value) ? value.items.map((item) => ({ node: this.follow(item, report), at: item })) : [{ node: value, at: pair.value ?? pair.key }];
    return sources.flatMap(({ node, at }) => {
      if (isMap(node)) return [node];
      if (node !== undefined) report('error', `${MERGE_KEY} must merge a mapping (<<: *name) or a list of them (<<: [*a, *b])`, at as Node);
      return [];
    });
  }
}

/** `<<` written plainly; a quoted "<<" is an ordinary key. */
export function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === MERGE_KEY && (pair.key.type === undefined || pair.key.type === 'PLAIN');
}

export function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
