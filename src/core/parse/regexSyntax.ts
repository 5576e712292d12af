// The parsed form of a Python regular expression: what the parser produces and the emitter
// turns into JavaScript. Flags are resolved per node while parsing (Python's inline flags can
// change in a scoped group), so the emitter never has to track them.

/** Python's flags, as bits of a number. */
export const Flag = {
  IgnoreCase: 1,
  Multiline: 2,
  DotAll: 4,
  Verbose: 8,
  Ascii: 16,
} as const;

/** Python's `\d \D \s \S \w \W`. */
export type CategoryName = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

export type SetItem = { kind: 'range'; lo: number; hi: number } | { kind: 'category'; name: CategoryName };

export type AnchorKind = 'lineStart' | 'lineEnd' | 'stringStart' | 'stringEnd' | 'boundary' | 'nonBoundary';

/** One alternative: the nodes matched one after the other. */
export type Sequence = RegexNode[];

/** Alternatives separated by `|` (a single one when there is no `|`). */
export type Alternation = Sequence[];

export type RegexNode =
  | { kind: 'literal'; codePoint: number; flags: number }
  | { kind: 'any'; flags: number }
  | { kind: 'set'; negate: boolean; items: SetItem[]; flags: number }
  | { kind: 'anchor'; anchor: AnchorKind; flags: number }
  /** `group` is Python's group number, or undefined for a non-capturing (or flag-scoped) group. */
  | { kind: 'group'; group?: number; name?: string; body: Alternation; position: number }
  | { kind: 'atomic'; body: Alternation }
  | { kind: 'look'; behind: boolean; negate: boolean; body: Alternation }
  /** `position`: where its quantifier is. */
  | { kind: 'repeat'; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive'; body: RegexNode; position: number }
  /** `position` (in the pattern) names a backreference JavaScript cannot match. */
  | { kind: 'backref'; group: number; flags: number; position: number };

export interface ParsedRegex {
  body: Alternation;
  /** Python's `pattern.groups`: how many capturing groups, named or not. */
  groupCount: number;
  /** Named groups in the order Python's groupdict() lists them (by group number). */
  groupNames: { name: string; group: number }[];
}

/** A pattern Python rejects, or one JavaScript cannot express; `position` is where, in code points. */
export class RegexSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}
