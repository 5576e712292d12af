// Reads a regular expression the way Python 3.11's `re` module does, token by token, and
// rejects what Python rejects (with Python's reasons), so a template that fails in Python fails
// here too. Constructs JavaScript cannot express are rejected as well, saying so.
import { Alternation, AnchorKind, CategoryName, Flag, ParsedRegex, RegexNode, RegexSyntaxError, Sequence, SetItem } from './regexSyntax';
import { Width, widthOf } from './regexWidth';

/** Python's MAXREPEAT: repeat counts at or past it are refused. */
const MAX_REPEAT = 4294967295;
/** Python's UNICODE and TEMPLATE flags, kept apart from the bits the emitter reads. */
const UNICODE = 32;
const TEMPLATE = 64;
const SPECIAL = '.\\[{()*+?^$|';
const REPEAT = '*+?{';
const VERBOSE_SPACE = ' \t\n\r\u000b\f';

const isAsciiLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && /^[0-9]$/.test(c);
const isOctal = (c: string | undefined) => c !== undefined && /^[0-7]$/.test(c);
const isHex = (c: string | undefined) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isIdentifier = (name: string) => /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(name);

const FLAG_LETTERS: Readonly<Record<string, number>> = { i: Flag.IgnoreCase, m: Flag.Multiline, s: Flag.DotAll, x: Flag.Verbose, a: Flag.Ascii, u: UNICODE, L: 0, t: TEMPLATE };
const TYPE_FLAGS = Flag.Ascii | UNICODE;

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const CATEGORY_LETTERS = 'dDsSwW';
const ANCHOR_ESCAPES: Readonly<Record<string, AnchorKind>> = { A: 'stringStart', Z: 'stringEnd', b: 'boundary', B: 'nonBoundary' };

/** The pattern as tokens: one character, or a backslash and the character after it. */
class Source {
  private readonly chars: string[];
  private index = 0;
  private tokenStart = 0;
  next: string | undefined;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
    this.advance();
  }

  private advance(): void {
    this.tokenStart = this.index;
    if (this.index >= this.chars.length) {
      this.next = undefined;
      return;
    }
    let token = this.chars[this.index++];
    if (token === '\\') {
      if (this.index >= this.chars.length) throw new RegexSyntaxError('bad escape (end of pattern)', this.chars.length - 1);
      token += this.chars[this.index++];
    }
    this.next = token;
  }

  match(token: string): boolean {
    if (this.next !== token) return false;
    this.advance();
    return true;
  }

  get(): string | undefined {
    const token = this.next;
    this.advance();
    return token;
  }

  getWhile(count: number, test: (c: string | undefined) => boolean): string {
    let result = '';
    for (let i = 0; i < count && test(this.next); i++) result += this.get();
    return result;
  }

  getUntil(terminator: string, what: string): string {
    let result = '';
    for (;;) {
      const c = this.get();
      if (c === undefined) throw this.error(result ? `missing ${terminator}, unterminated name` : `missing ${what}`, result ? [...result].length : 0);
      if (c === terminator) {
        if (!result) throw this.error(`missing ${what}`, 1);
        return result;
      }
      result += c;
    }
  }

  /** Where the next token starts, in code points. */
  tell(): number {
    return this.tokenStart;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(reason: string, offset = 0): RegexSyntaxError {
    return new RegexSyntaxError(reason, this.tell() - offset);
  }
}

/** What Python's parser tracks across the whole pattern: flags and groups. */
class ParserState {
  flags = 0;
  /** Index = group number; undefined while the group is still open. Group 0 is the whole match. */
  readonly groupWidths: (Width | undefined)[] = [[0, 0]];
  readonly groupNumbers = new Map<string, number>();
  lookbehindGroups: number | undefined;

  get groups(): number {
    return this.groupWidths.length;
  }

  readonly widthOfGroup = (group: number): Width => this.groupWidths[group] ?? [0, Infinity];

  openGroup(name: string | undefined): number {
    const group = this.groups;
    this.groupWidths.push(undefined);
    if (name !== undefined) {
      const earlier = this.groupNumbers.get(name);
      if (earlier !== undefined) throw new Error(`redefinition of group name '${name}' as group ${group}; was group ${earlier}`);
      this.groupNumbers.set(name, group);
    }
    return group;
  }

  isClosed(group: number): boolean {
    return group < this.groups && this.groupWidths[group] !== undefined;
  }

  checkLookbehindGroup(group: number, source: Source): void {
    if (this.lookbehindGroups === undefined) return;
    if (!this.isClosed(group)) throw source.error('cannot refer to an open group');
    if (group >= this.lookbehindGroups) throw source.error('cannot refer to group defined in the same lookbehind subpattern');
  }
}

export function parsePythonRegex(pattern: string): ParsedRegex {
  const source = new Source(pattern);
  const state = new ParserState();
  const body = parseAlternation(source, state, false, 0, 0);
  if (source.next !== undefined) throw source.error('unbalanced parenthesis');
  if ((state.flags & TYPE_FLAGS) === TYPE_FLAGS) throw new RegexSyntaxError('ASCII and UNICODE flags are incompatible', 0);
  const groupNames = [...state.groupNumbers].map(([name, group]) => ({ name, group })).sort((a, b) => a.group - b.group);
  return { body, groupCount: state.groups - 1, groupNames };
}

function parseAlternation(source: Source, state: ParserState, verbose: boolean, nested: number, flags: number): Alternation {
  const branches: Sequence[] = [];
  for (;;) {
    // At the top level every branch sees the pattern's global flags, however late they were read.
    branches.push(parseSequence(source, state, verbose, nested + 1, nested === 0 && branches.length === 0, nested === 0 ? state.flags : flags));
    if (!source.match('|')) return branches;
    if (nested === 0) verbose = (state.flags & Flag.Verbose) !== 0;
  }
}

function parseSequence(source: Source, state: ParserState, verbose: boolean, nested: number, first: boolean, flags: number): Sequence {
  const sequence: Sequence = [];
  for (;;) {
    const token = source.next;
    if (token === undefined || token === '|' || token === ')') return sequence;
    source.get();
    if (verbose) {
      if (VERBOSE_SPACE.includes(token) && token.length === 1) continue;
      if (token === '#') {
        for (let c = source.get(); c !== undefined && c !== '\n'; c = source.get());
        continue;
      }
    }
    if (token[0] === '\\') {
      sequence.push(parseEscape(source, token, state, flags));
    } else if (!SPECIAL.includes(token)) {
      sequence.push({ kind: 'literal', codePoint: token.codePointAt(0)!, flags });
    } else if (token === '[') {
      sequence.push(parseSet(source, flags));
    } else if (REPEAT.includes(token)) {
      const repeated = parseRepeat(source, token, sequence);
      if (!repeated) sequence.push({ kind: 'literal', codePoint: '{'.codePointAt(0)!, flags });
    } else if (token === '.') {
      sequence.push({ kind: 'any', flags });
    } else if (token === '(') {
      const result = parseGroup(source, state, verbose, nested, first && sequence.length === 0, flags);
      if (result.kind === 'node') sequence.push(result.node);
      else if (result.kind === 'globalFlags') {
        verbose = (state.flags & Flag.Verbose) !== 0;
        flags = state.flags;
      }
    } else if (token === '^') {
      sequence.push({ kind: 'anchor', anchor: 'lineStart', flags });
    } else {
      sequence.push({ kind: 'anchor', anchor: 'lineEnd', flags });
    }
  }
}

/** Turns the last node into a repeat; false when `{` turned out to be a plain character. */
function parseRepeat(source: Source, token: string, sequence: Sequence): boolean {
  const here = source.tell();
  let min: number;
  let max: number;
  if (token === '?') [min, max] = [0, 1];
  else if (token === '*') [min, max] = [0, Infinity];
  else if (token === '+') [min, max] = [1, Infinity];
  else {
    if (source.next === '}') return false;
    let lo = '';
    let hi = '';
    while (isDigit(source.next)) lo += source.get();
    if (source.match(',')) {
      while (isDigit(source.next)) hi += source.get();
    } else {
      hi = lo;
    }
    if (!source.match('}')) {
      source.seek(here);
      return false;
    }
    min = lo ? Number(lo) : 0;
    max = hi ? Number(hi) : Infinity;
    if (min >= MAX_REPEAT || (hi && max >= MAX_REPEAT)) throw source.error('the repetition number is too large');
    if (max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
  }
  const last = sequence[sequence.length - 1];
  if (last === undefined || last.kind === 'anchor') throw source.error('nothing to repeat', source.tell() - here + 1);
  if (last.kind === 'repeat') throw source.error('multiple repeat', source.tell() - here + 1);
  const mode = source.match('?') ? 'lazy' : source.match('+') ? 'possessive' : 'greedy';
  sequence[sequence.length - 1] = { kind: 'repeat', min, max, mode, body: last, position: here - 1 };
  return true;
}

type GroupResult = { kind: 'node'; node: RegexNode } | { kind: 'globalFlags' } | { kind: 'nothing' };

function parseGroup(source: Source, state: ParserState, verbose: boolean, nested: number, atStart: boolean, flags: number): GroupResult {
  const start = source.tell() - 1;
  let capture = true;
  let atomic = false;
  let name: string | undefined;
  let added = 0;
  let removed = 0;
  if (source.match('?')) {
    const char = source.get();
    if (char === undefined) throw source.error('unexpected end of pattern');
    if (char === 'P') {
      if (source.match('<')) {
        name = source.getUntil('>', 'group name');
        checkGroupName(source, name);
      } else if (source.match('=')) {
        const refName = source.getUntil(')', 'group name');
        checkGroupName(source, refName);
        const group = state.groupNumbers.get(refName);
        if (group === undefined) throw source.error(`unknown group name '${refName}'`, [...refName].length + 1);
        if (!state.isClosed(group)) throw source.error('cannot refer to an open group', [...refName].length + 1);
        state.checkLookbehindGroup(group, source);
        return { kind: 'node', node: { kind: 'backref', group, flags, position: start } };
      } else {
        const next = source.get();
        if (next === undefined) throw source.error('unexpected end of pattern');
        throw source.error(`unknown extension ?P${next}`, next.length + 2);
      }
    } else if (char === ':') {
      capture = false;
    } else if (char === '#') {
      for (;;) {
        if (source.next === undefined) throw source.error('missing ), unterminated comment', source.tell() - start);
        if (source.get() === ')') return { kind: 'nothing' };
      }
    } else if (char === '=' || char === '!' || char === '<') {
      return { kind: 'node', node: parseLookaround(source, state, verbose, nested, flags, char, start) };
    } else if (char === '(') {
      throw new RegexSyntaxError('conditional groups (?(group)yes|no) have no JavaScript equivalent', start);
    } else if (char === '>') {
      capture = false;
      atomic = true;
    } else if (char in FLAG_LETTERS || char === '-') {
      const scoped = parseFlags(source, state, char);
      if (scoped === undefined) {
        if (!atStart) throw new RegexSyntaxError('global flags not at the start of the expression (write a scoped group such as (?i:...) instead)', start);
        return { kind: 'globalFlags' };
      }
      [added, removed] = scoped;
      capture = false;
    } else {
      throw source.error(`unknown extension ?${char}`, char.length + 1);
    }
  }
  let group: number | undefined;
  if (capture) {
    try {
      group = state.openGroup(name);
    } catch (err) {
      throw source.error((err as Error).message, [...(name ?? '')].length + 1);
    }
  }
  const innerVerbose = (verbose || (added & Flag.Verbose) !== 0) && (removed & Flag.Verbose) === 0;
  const body = parseAlternation(source, state, innerVerbose, nested + 1, combineFlags(flags, added, removed));
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  if (group !== undefined) state.groupWidths[group] = widthOf(body, state.widthOfGroup);
  if (atomic) return { kind: 'node', node: { kind: 'atomic', body } };
  return { kind: 'node', node: { kind: 'group', group, name, body, position: start } };
}

function parseLookaround(source: Source, state: ParserState, verbose: boolean, nested: number, flags: number, char: string, start: number): RegexNode {
  let kind = char;
  const behind = char === '<';
  const outerLookbehind = state.lookbehindGroups;
  if (behind) {
    const next = source.get();
    if (next === undefined) throw source.error('unexpected end of pattern');
    if (next !== '=' && next !== '!') throw source.error(`unknown extension ?<${next}`, next.length + 2);
    kind = next;
    if (outerLookbehind === undefined) state.lookbehindGroups = state.groups;
  }
  const body = parseAlternation(source, state, verbose, nested + 1, flags);
  if (behind && outerLookbehind === undefined) state.lookbehindGroups = undefined;
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  if (behind) {
    const [lo, hi] = widthOf(body, state.widthOfGroup);
    if (lo !== hi) throw new RegexSyntaxError('look-behind requires fixed-width pattern', start);
  }
  return { kind: 'look', behind, negate: kind === '!', body };
}

/** Inline flags after `(?`: undefined for global flags `(?i)`, else what a scoped group adds and removes. */
function parseFlags(source: Source, state: ParserState, first: string): [number, number] | undefined {
  let char: string | undefined = first;
  let added = 0;
  let removed = 0;
  if (char !== '-') {
    for (;;) {
      if (char === 'L') throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      const flag: number = FLAG_LETTERS[char];
      added |= flag;
      if ((flag & TYPE_FLAGS) !== 0 && (added & TYPE_FLAGS) !== flag) throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      char = source.get();
      if (char === undefined) throw source.error('missing -, : or )');
      if (')-:'.includes(char)) break;
      if (!(char in FLAG_LETTERS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing -, : or )', 1);
    }
  }
  if (char === ')') {
    state.flags |= added & ~TEMPLATE;
    return undefined;
  }
  if ((added & TEMPLATE) !== 0) throw source.error('bad inline flags: cannot turn on global flag', 1);
  if (char === '-') {
    char = source.get();
    if (char === undefined) throw source.error('missing flag');
    if (!(char in FLAG_LETTERS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing flag', 1);
    for (;;) {
      const flag: number = FLAG_LETTERS[char];
      if ((flag & TYPE_FLAGS) !== 0 || char === 'L') throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      removed |= flag;
      char = source.get();
      if (char === undefined) throw source.error('missing :');
      if (char === ':') break;
      if (!(char in FLAG_LETTERS)) throw source.error(/^\p{L}$/u.test(char) ? 'unknown flag' : 'missing :', 1);
    }
  }
  if ((removed & TEMPLATE) !== 0) throw source.error('bad inline flags: cannot turn off global flag', 1);
  if ((added & removed) !== 0) throw source.error('bad inline flags: flag turned on and off', 1);
  return [added, removed];
}

/** Python's rule: a scoped type flag (a, u) replaces the type flag around it. */
function combineFlags(flags: number, added: number, removed: number): number {
  const base = (added & TYPE_FLAGS) !== 0 ? flags & ~TYPE_FLAGS : flags;
  return (base | added) & ~removed;
}

function checkGroupName(source: Source, name: string): void {
  if (!isIdentifier(name)) throw source.error(`bad character in group name '${name}'`, [...name].length + 1);
}

function parseEscape(source: Source, token: string, state: ParserState, flags: number): RegexNode {
  const c = token.slice(1);
  if (c in ANCHOR_ESCAPES) return { kind: 'anchor', anchor: ANCHOR_ESCAPES[c], flags };
  if (CATEGORY_LETTERS.includes(c)) return { kind: 'set', negate: false, items: [{ kind: 'category', name: c as CategoryName }], flags };
  if (c in CONTROL_ESCAPES) return { kind: 'literal', codePoint: CONTROL_ESCAPES[c], flags };
  const numeric = parseNumericEscape(source, token);
  if (numeric !== undefined) return { kind: 'literal', codePoint: numeric, flags };
  if (c === '0') return { kind: 'literal', codePoint: parseInt(source.getWhile(2, isOctal) || '0', 8), flags };
  if (isDigit(c)) {
    let digits = c;
    if (isDigit(source.next)) {
      digits += source.get();
      if (isOctal(digits[0]) && isOctal(digits[1]) && isOctal(source.next)) {
        digits += source.get();
        const value = parseInt(digits, 8);
        if (value > 0o377) throw source.error(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
        return { kind: 'literal', codePoint: value, flags };
      }
    }
    const group = Number(digits);
    if (group < state.groups) {
      if (!state.isClosed(group)) throw source.error('cannot refer to an open group', digits.length + 1);
      state.checkLookbehindGroup(group, source);
      return { kind: 'backref', group, flags, position: source.tell() - digits.length - 1 };
    }
    throw source.error(`invalid group reference ${group}`, digits.length);
  }
  if (isAsciiLetter(c)) throw source.error(`bad escape ${token}`, 2);
  return { kind: 'literal', codePoint: c.codePointAt(0)!, flags };
}

/** `\x`, `\u`, `\U` (and `\N`, refused): a code point, or undefined for another escape. */
function parseNumericEscape(source: Source, token: string): number | undefined {
  const c = token.slice(1);
  const digits = { x: 2, u: 4, U: 8 }[c];
  if (digits !== undefined) {
    const hex = source.getWhile(digits, isHex);
    if (hex.length !== digits) throw source.error(`incomplete escape ${token}${hex}`, hex.length + 2);
    const value = parseInt(hex, 16);
    if (value > 0x10ffff) throw source.error(`bad escape ${token}${hex}`, hex.length + 2);
    return value;
  }
  if (c === 'N') throw source.error('named Unicode characters (\\N{...}) are not supported', 2);
  return undefined;
}

function parseSet(source: Source, flags: number): RegexNode {
  const here = source.tell() - 1;
  const items: SetItem[] = [];
  const negate = source.match('^');
  for (;;) {
    const token = source.get();
    if (token === undefined) throw source.error('unterminated character set', source.tell() - here);
    if (token === ']' && items.length > 0) break;
    const first = token[0] === '\\' ? parseSetEscape(source, token) : point(token);
    if (source.match('-')) {
      const other = source.get();
      if (other === undefined) throw source.error('unterminated character set', source.tell() - here);
      if (other === ']') {
        items.push(first, point('-'));
        break;
      }
      const second = other[0] === '\\' ? parseSetEscape(source, other) : point(other);
      if (first.kind !== 'range' || second.kind !== 'range' || second.lo < first.lo) {
        throw source.error(`bad character range ${token}-${other}`, [...token].length + 1 + [...other].length);
      }
      items.push({ kind: 'range', lo: first.lo, hi: second.lo });
    } else {
      items.push(first);
    }
  }
  return { kind: 'set', negate, items, flags };
}

const point = (char: string): SetItem => {
  const codePoint = char.codePointAt(0)!;
  return { kind: 'range', lo: codePoint, hi: codePoint };
};

function parseSetEscape(source: Source, token: string): SetItem {
  const c = token.slice(1);
  if (c in CONTROL_ESCAPES) return point(String.fromCodePoint(CONTROL_ESCAPES[c]));
  if (CATEGORY_LETTERS.includes(c)) return { kind: 'category', name: c as CategoryName };
  const numeric = parseNumericEscape(source, token);
  if (numeric !== undefined) return point(String.fromCodePoint(numeric));
  if (isOctal(c)) {
    const digits = c + source.getWhile(2, isOctal);
    const value = parseInt(digits, 8);
    if (value > 0o377) throw source.error(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
    return point(String.fromCodePoint(value));
  }
  if (isDigit(c) || isAsciiLetter(c)) throw source.error(`bad escape ${token}`, 2);
  return point(c);
}
