// Lines a device sends on its own (syslog messages from `terminal monitor`), recognised by the
// platform's patterns so they are kept apart and never end up inside a command's output.
import { lineText } from './promptMatcher';

export class UnsolicitedLines {
  /** For each pattern, a character every match holds, where one can be read off it. */
  private readonly marks: (string | undefined)[];

  /**
   * @param patterns each matches a whole message line as shown (compiled with the m flag, so
   *   a quick test over a whole text finds whether any line could be one).
   * @param view how a received line is seen before it is tested (e.g. colour codes removed).
   */
  constructor(
    private readonly patterns: readonly RegExp[],
    private readonly view: (text: string) => string,
  ) {
    this.marks = patterns.map((pattern) => requiredCharacter(/^\^\(\?:(.*)\)$/s.exec(pattern.source)?.[1] ?? pattern.source));
  }

  /** Whether this line, as shown, is a message. */
  isMessage(shown: string): boolean {
    return shown !== '' && this.patterns.some((pattern) => pattern.test(shown));
  }

  /**
   * The text without its message lines, and those lines as shown. A text with no line that could
   * be one (nearly every output) is returned as it is, after one scan per pattern.
   */
  extract(text: string): { text: string; messages: string[] } {
    // Outputs are megabytes and nearly never hold a message: a text without a pattern's mark
    // (found by a plain search) is not tested against it.
    if (!this.patterns.some((pattern, i) => (this.marks[i] === undefined || text.includes(this.marks[i]!)) && pattern.test(text))) return { text, messages: [] };
    const kept: string[] = [];
    const messages: string[] = [];
    for (const line of text.split('\n')) {
      const shown = lineText(this.view(line));
      if (this.isMessage(shown)) messages.push(shown);
      else kept.push(line);
    }
    return { text: kept.join('\n'), messages };
  }
}

/**
 * A character every match of a pattern holds, when it is simple to tell: a literal at the
 * pattern's top level that no quantifier makes optional (`%` in `\d+: %[A-Z]+-\d-...`). None for a
 * pattern with alternatives at its top level.
 */
function requiredCharacter(source: string): string | undefined {
  const optional = (at: number) => source[at] === '?' || source[at] === '*' || /^\{0[,}]/.test(source.slice(at, at + 3));
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      // \d, \s, \b, \1 and the like are classes or assertions; \% or \. is the character itself.
      const escaped = source[++i];
      if (depth === 0 && escaped !== undefined && !/[A-Za-z0-9]/.test(escaped) && !optional(i + 1)) return escaped;
    } else if (ch === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (depth === 0) {
      if (ch === '|') return undefined;
      if (!'^$.*+?{}'.includes(ch) && !optional(i + 1)) return ch;
    }
  }
  return undefined;
}
