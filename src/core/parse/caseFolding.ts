// Python's case-insensitive matching, spelled out as character sets. Python compares the
// lowercase of each input character with the lowercased pattern (plus a few characters that
// share an uppercase, such as s and ſ); JavaScript's own `i` flag folds differently and cannot be
// switched on for part of a pattern, so a case-insensitive character becomes the set of every
// character Python would accept for it.

/** Closed ranges of code points, sorted and not overlapping. */
export type Ranges = [number, number][];

interface CaseTable {
  /** code point -> its lowercase, for the code points whose lowercase differs. */
  lowerOf: Map<number, number>;
  /** lowercase -> the code points (other than itself) that lowercase to it. */
  lowercasesTo: Map<number, number[]>;
  /** lowercase -> other lowercase characters with the same uppercase (Python's extra cases). */
  extraCases: Map<number, number[]>;
}

// Every cased character Unicode has lies below U+20000 (after it only CJK ideographs).
const LAST_CASED = 0x1ffff;

let unicodeTable: CaseTable | undefined;

const firstCodePoint = (text: string) => text.codePointAt(0)!;
/** Python's simple mappings: the first character of the full one (İ lowercases to i). */
const lowerOfChar = (cp: number) => firstCodePoint(String.fromCodePoint(cp).toLowerCase());
const upperOfChar = (cp: number) => firstCodePoint(String.fromCodePoint(cp).toUpperCase());

/** Built on first use only: a pass over the cased part of Unicode. */
function caseTable(): CaseTable {
  if (unicodeTable) return unicodeTable;
  const lowerOf = new Map<number, number>();
  const lowercasesTo = new Map<number, number[]>();
  const byUpper = new Map<string, number[]>();
  for (let cp = 0; cp <= LAST_CASED; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const lower = lowerOfChar(cp);
    if (lower !== cp) {
      lowerOf.set(cp, lower);
      push(lowercasesTo, lower, cp);
    } else {
      // Grouped by the whole uppercase: ß (SS) shares nothing with s (S).
      const upper = String.fromCodePoint(cp).toUpperCase();
      if (upper !== String.fromCodePoint(cp)) push(byUpper, upper, cp);
    }
  }
  const extraCases = new Map<number, number[]>();
  for (const same of byUpper.values()) {
    if (same.length < 2) continue;
    for (const cp of same) extraCases.set(cp, same.filter((other) => other !== cp));
  }
  unicodeTable = { lowerOf, lowercasesTo, extraCases };
  return unicodeTable;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Under the ASCII flag only A-Z and a-z have case. */
function asciiTable(): CaseTable {
  const lowerOf = new Map<number, number>();
  const lowercasesTo = new Map<number, number[]>();
  for (let cp = 0x41; cp <= 0x5a; cp++) {
    lowerOf.set(cp, cp + 0x20);
    lowercasesTo.set(cp + 0x20, [cp]);
  }
  return { lowerOf, lowercasesTo, extraCases: new Map() };
}

const ASCII_TABLE = asciiTable();

const tableFor = (ascii: boolean) => (ascii ? ASCII_TABLE : caseTable());

/** Python's iscased(): the character has another case at all. */
export function isCased(cp: number, ascii: boolean): boolean {
  if (ascii) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return lowerOfChar(cp) !== cp || upperOfChar(cp) !== cp;
}

/** Every code point whose lowercase is one of `lowered`. */
function preimage(lowered: Iterable<number>, table: CaseTable): number[] {
  const result: number[] = [];
  for (const l of lowered) {
    if (!table.lowerOf.has(l)) result.push(l);
    result.push(...(table.lowercasesTo.get(l) ?? []));
  }
  return result;
}

/** The characters a cased literal matches case-insensitively. */
export function foldLiteral(cp: number, ascii: boolean): Ranges {
  const table = tableFor(ascii);
  const lower = table.lowerOf.get(cp) ?? cp;
  return toRanges(preimage([lower, ...(table.extraCases.get(lower) ?? [])], table));
}

/** The characters sorted, merged `ranges` match case-insensitively (always a superset of them). */
export function foldRanges(ranges: Ranges, ascii: boolean): Ranges {
  const table = tableFor(ascii);
  const inRanges = (cp: number) => contains(ranges, cp);
  // Python lowercases the set's members, adds their extra cases, and then accepts any
  // character whose lowercase is in that set.
  const lowered = new Set<number>();
  for (const [cp, lower] of table.lowerOf) if (inRanges(cp)) lowered.add(lower);
  const isLoweredMember = (cp: number) => lowered.has(cp) || (inRanges(cp) && !table.lowerOf.has(cp));
  for (const [cp, others] of table.extraCases) if (isLoweredMember(cp)) for (const other of others) lowered.add(other);
  const extra = preimage(lowered, table);
  for (const [cp, lower] of table.lowerOf) if (isLoweredMember(lower)) extra.push(cp);
  return toRanges(extra, ranges);
}

function contains(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid][0]) hi = mid - 1;
    else if (cp > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Sorted, merged ranges from points (and optional ranges to merge them into). */
export function toRanges(points: number[], ranges: Ranges = []): Ranges {
  const all: Ranges = [...ranges.map(([lo, hi]): [number, number] => [lo, hi]), ...points.map((cp): [number, number] => [cp, cp])];
  all.sort((a, b) => a[0] - b[0]);
  const merged: Ranges = [];
  for (const [lo, hi] of all) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}
