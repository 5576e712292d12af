// Writes a parsed Python pattern as JavaScript source for a `u`-flag RegExp that matches the
// same strings. Nothing is left to JavaScript's defaults where they differ from Python's: `.`,
// `^`, `$`, `\b`, `\d`, `\s`, `\w` and case-insensitivity are spelled out, and atomic groups and
// possessive repeats become a lookahead and a backreference (a JavaScript lookahead never
// backtracks, which is what atomic means).
import { foldLiteral, foldRanges, isCased, Ranges, toRanges } from './caseFolding';
import { PYTHON_SPACE_CHARS } from './pythonText';
import { canMatchEmpty } from './regexWidth';
import { Alternation, AnchorKind, CategoryName, Flag, ParsedRegex, RegexNode, RegexSyntaxError, SetItem } from './regexSyntax';

export interface EmittedRegex {
  source: string;
  /** Python group number -> JavaScript group number (hidden groups shift them). */
  jsGroup: Map<number, number>;
}

// Python's \w: letters, digits of every kind and the underscore; its \d: decimal digits.
const UNICODE_WORD = '\\p{L}\\p{N}_';
const ASCII_WORD = 'A-Za-z0-9_';
const ASCII_SPACE = '\\t\\n\\v\\f\\r ';
const UNICODE_SPACE = classEscapedSpace(PYTHON_SPACE_CHARS);

/** Class content for each category, and whether the category is its complement. */
function categoryClass(name: CategoryName, ascii: boolean): { content: string; complement: boolean } {
  const complement = name === name.toUpperCase();
  switch (name.toLowerCase()) {
    case 'd':
      return ascii ? { content: '0-9', complement } : { content: complement ? '\\P{Nd}' : '\\p{Nd}', complement: false };
    case 's':
      return { content: ascii ? ASCII_SPACE : UNICODE_SPACE, complement };
    default:
      return { content: ascii ? ASCII_WORD : UNICODE_WORD, complement };
  }
}

export function emitJavaScript(parsed: ParsedRegex): EmittedRegex {
  const emitter = new Emitter();
  return { source: emitter.alternation(parsed.body), jsGroup: emitter.jsGroup };
}

class Emitter {
  readonly jsGroup = new Map<number, number>();
  private groups = 0;

  alternation(alternation: Alternation): string {
    return alternation.map((sequence) => sequence.map((node) => this.node(node)).join('')).join('|');
  }

  private node(node: RegexNode): string {
    switch (node.kind) {
      case 'literal':
        if ((node.flags & Flag.IgnoreCase) !== 0 && isCased(node.codePoint, ascii(node.flags))) return classOf(foldLiteral(node.codePoint, ascii(node.flags)), false);
        return literal(node.codePoint);
      case 'any':
        return (node.flags & Flag.DotAll) !== 0 ? '[^]' : '[^\\n]';
      case 'set':
        return setSource(node.items, node.negate, node.flags);
      case 'anchor':
        return anchor(node.anchor, node.flags);
      case 'group': {
        if (node.group === undefined) return `(?:${this.alternation(node.body)})`;
        this.jsGroup.set(node.group, ++this.groups);
        return `(${node.name === undefined ? '' : `?<${node.name}>`}${this.alternation(node.body)})`;
      }
      case 'atomic':
        return this.atomic(() => this.alternation(node.body));
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.alternation(node.body)})`;
      case 'repeat': {
        if (node.mode === 'possessive') return this.atomic(() => this.repeat(node.body, node.min, node.max, false));
        return this.repeat(node.body, node.min, node.max, node.mode === 'lazy');
      }
      case 'backref':
        if ((node.flags & Flag.IgnoreCase) !== 0) throw new RegexSyntaxError('a backreference in a case-insensitive part has no JavaScript equivalent', node.position);
        return `(?:\\${this.jsGroup.get(node.group)})`;
    }
  }

  /** `(?=(X))\N`: X matched once, as far as it goes, never retried. */
  private atomic(body: () => string): string {
    const hidden = ++this.groups;
    return `(?:(?=(${body()}))\\${hidden})`;
  }

  private repeat(body: RegexNode, min: number, max: number, lazy: boolean): string {
    // JavaScript refuses an optional part's empty match (Python keeps it, groups and all): an
    // alternative with an empty branch is what Python does.
    if (min === 0 && max === 1 && canMatchEmpty(body)) return lazy ? `(?:|${this.node(body)})` : `(?:${this.node(body)}|)`;
    let atom = this.node(body);
    // A quantified lookaround is legal in Python but not under JavaScript's `u` flag.
    if (body.kind === 'look') atom = `(?:${atom})`;
    return atom + quantifier(min, max) + (lazy ? '?' : '');
  }
}

const ascii = (flags: number) => (flags & Flag.Ascii) !== 0;

function quantifier(min: number, max: number): string {
  if (min === 0 && max === 1) return '?';
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === max) return `{${min}}`;
  return max === Infinity ? `{${min},}` : `{${min},${max}}`;
}

function anchor(kind: AnchorKind, flags: number): string {
  const multiline = (flags & Flag.Multiline) !== 0;
  const word = `[${ascii(flags) ? ASCII_WORD : UNICODE_WORD}]`;
  switch (kind) {
    case 'lineStart':
      return multiline ? '(?<![^\\n])' : '^';
    case 'lineEnd':
      // Python's `$` also matches just before a newline that ends the string.
      return multiline ? '(?=\\n|$)' : '(?=\\n?$)';
    case 'stringStart':
      return '^';
    case 'stringEnd':
      return '$';
    case 'boundary':
      return `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
    case 'nonBoundary':
      // Python's \B never matches in an empty string.
      return `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word})(?:(?<=[^])|(?=[^])))`;
  }
}

function setSource(items: SetItem[], negate: boolean, flags: number): string {
  let ranges: Ranges = toRanges([], items.flatMap((item): [number, number][] => (item.kind === 'range' ? [[item.lo, item.hi]] : [])));
  if ((flags & Flag.IgnoreCase) !== 0) ranges = foldRanges(ranges, ascii(flags));
  const positive = [rangesContent(ranges)];
  const complements: string[] = [];
  for (const item of items) {
    if (item.kind !== 'category') continue;
    const { content, complement } = categoryClass(item.name, ascii(flags));
    if (complement) complements.push(content);
    else positive.push(content);
  }
  const inside = positive.join('');
  if (complements.length === 0) return `[${negate ? '^' : ''}${inside}]`;
  // A complement (\S, \W, ...) cannot sit inside a `u`-flag class: combine whole classes instead.
  if (!negate) return `(?:${[...(inside ? [`[${inside}]`] : []), ...complements.map((c) => `[^${c}]`)].join('|')})`;
  return `(?:${inside ? `(?![${inside}])` : ''}${complements.map((c) => `(?=[${c}])`).join('')}[^])`;
}

function classOf(ranges: Ranges, negate: boolean): string {
  return `[${negate ? '^' : ''}${rangesContent(ranges)}]`;
}

function rangesContent(ranges: Ranges): string {
  return ranges.map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`)).join('');
}

const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';

/** A character outside a class: plain when that is safe, else escaped. */
function literal(cp: number): string {
  const char = String.fromCodePoint(cp);
  if (SYNTAX_CHARS.includes(char)) return `\\${char}`;
  if (cp >= 0x20 && cp < 0x7f) return char;
  return `\\u{${cp.toString(16)}}`;
}

/** A character inside a class: letters and digits plain, everything else as a code point. */
function classChar(cp: number): string {
  return /^[A-Za-z0-9]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`;
}

/** PYTHON_SPACE_CHARS (raw characters and one range) as class content of escapes. */
function classEscapedSpace(chars: string): string {
  return chars.replace(/[^-]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
