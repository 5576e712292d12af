// A Python regular expression, compiled once into a JavaScript RegExp that matches what Python's
// re.match() would: anchored at the start, not at the end, with Python's groups and names.
import { emitJavaScript } from './regexEmitter';
import { parsePythonRegex } from './regexParser';
import { checkPortable } from './regexPortability';
import { RegexSyntaxError } from './regexSyntax';

export { RegexSyntaxError } from './regexSyntax';

export interface PythonPattern {
  /** The pattern as written (Python syntax). */
  readonly source: string;
  /** Its JavaScript translation (for a `u`-flag RegExp). */
  readonly jsSource: string;
  /** Python's `pattern.groups`. */
  readonly groupCount: number;
  /** The named groups, in the order Python's groupdict() gives them. */
  readonly groupNames: readonly string[];
  /**
   * Python's re.match(): undefined when the text does not match at its start, else each named
   * group's text in groupNames order (null for a group that took no part in the match).
   */
  matchNamed(text: string): (string | null)[] | undefined;
}

export function compilePythonRegex(source: string): PythonPattern {
  const parsed = parsePythonRegex(source);
  checkPortable(parsed.body);
  const emitted = emitJavaScript(parsed);
  let regex: RegExp;
  try {
    // Sticky: a match must start where lastIndex says (0), as re.match() requires.
    regex = new RegExp(emitted.source, 'uy');
  } catch (err) {
    throw new RegexSyntaxError(`JavaScript refused the translation (${(err as Error).message})`, 0);
  }
  const named = parsed.groupNames.map(({ name, group }) => ({ name, index: emitted.jsGroup.get(group)! }));
  return {
    source,
    jsSource: emitted.source,
    groupCount: parsed.groupCount,
    groupNames: named.map((n) => n.name),
    matchNamed(text: string) {
      regex.lastIndex = 0;
      const match = regex.exec(text);
      if (match === null) return undefined;
      return named.map(({ index }) => match[index] ?? null);
    },
  };
}
