// Matches a typed line against a command table the way network CLIs do: every word may be
// cut to any prefix that is still unambiguous, and a failure points at the word it failed on.

/** A command's syntax: keywords and `<n>` (a number), e.g. `terminal length <n>`. */
export interface HasSyntax {
  syntax: string;
}

export type ParseFailure = 'invalid' | 'incomplete' | 'ambiguous';

export type Parsed<T> =
  | { ok: true; command: T; args: string[] }
  /** `column` is where the failing word starts in the line (or the line's end when incomplete). */
  | { ok: false; kind: ParseFailure; wordIndex: number; column: number };

/** `exact` turns abbreviations off (a plain shell). */
export function parseLine<T extends HasSyntax>(line: string, commands: readonly T[], exact = false): Parsed<T> {
  const words = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0].toLowerCase(), column: m.index ?? 0 }));
  let candidates = commands.map((command) => ({ command, syntax: command.syntax.split(' ') }));
  for (const [i, word] of words.entries()) {
    const fits = (keyword: string | undefined) =>
      keyword !== undefined && (keyword === '<n>' ? /^\d+$/.test(word.text) : exact ? keyword === word.text : keyword.startsWith(word.text));
    let next = candidates.filter((c) => fits(c.syntax[i]));
    if (next.length === 0) return { ok: false, kind: 'invalid', wordIndex: i, column: word.column };
    if (new Set(next.map((c) => c.syntax[i])).size > 1) {
      // `e` could be `enable` or `exit`; a word typed out in full is never ambiguous.
      next = next.filter((c) => c.syntax[i] === word.text);
      if (next.length === 0) return { ok: false, kind: 'ambiguous', wordIndex: i, column: word.column };
    }
    candidates = next;
  }
  const complete = candidates.find((c) => c.syntax.length === words.length);
  if (!complete) return { ok: false, kind: 'incomplete', wordIndex: words.length, column: line.trimEnd().length };
  const args = words.filter((_, i) => complete.syntax[i] === '<n>').map((w) => w.text);
  return { ok: true, command: complete.command, args };
}
