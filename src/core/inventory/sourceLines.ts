// The source as lines with their offsets, and the shape of a `key: value` line, for finding
// slips that are easier to see in the text than in what the parser made of it.
import type { PositionOf } from './types';

export interface SourceLine {
  /** 1-based, as an editor shows it. */
  number: number;
  /** The line without its line break. */
  text: string;
  /** Offset of the line's first character in the source. */
  start: number;
}

export function sourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (const [index, withBreak] of source.split(/(?<=\n)/).entries()) {
    lines.push({ number: index + 1, text: withBreak.replace(/\r?\n$/, ''), start });
    start += withBreak.length;
  }
  return lines;
}

/** Holds something besides spaces, tabs and a comment. */
export function hasContent(line: SourceLine): boolean {
  return !/^[ \t]*(#.*)?$/.test(line.text);
}

/** The spaces and `- ` sequence indicators a line starts with. */
export function leadOf(text: string): string {
  return /^[ \t]*(?:-[ \t]+)*/.exec(text)![0];
}

export interface KeyLine {
  key: string;
  /** 0-based column of the key: where its mapping's keys line up. */
  column: number;
  /** Starts with a `- ` sequence indicator (the key begins a list item). */
  startsItem: boolean;
  /** Has a tab before the key. */
  tabbed: boolean;
  /** The value written after `key:` on the same line, without a comment; '' if none. */
  value: string;
}

/** `key: value` or `key:` (after any indentation and `- `); undefined for other lines. */
export function keyLine(text: string): KeyLine | undefined {
  const lead = leadOf(text);
  const match = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(text.slice(lead.length));
  if (!match) return undefined;
  const value = (match[2] ?? '').replace(/(^|[ \t])#.*$/, '').trim();
  return { key: match[1], column: lead.length, startsItem: lead.includes('-'), tabbed: lead.includes('\t'), value };
}

/**
 * Source offsets as editor positions, from the text itself: the parser's line counter only
 * sees the line breaks it reads as such, and misses those inside a token after a syntax error.
 */
export function positionsIn(source: string): PositionOf {
  const starts = sourceLines(source).map((line) => line.start);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}
