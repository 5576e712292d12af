// Python's own notions of whitespace and of lines, which differ from JavaScript's: TextFSM
// strips template lines with str.strip() and splits its input with str.splitlines(), and a
// template must cut the same lines out of the same text in both.

/** The characters Python's str.isspace() accepts (and so `\s`, strip() and split()). */
export const PYTHON_SPACE_CHARS = '\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';

const LEADING_SPACE = new RegExp(`^[${PYTHON_SPACE_CHARS}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${PYTHON_SPACE_CHARS}]+$`, 'u');
// The line boundaries of str.splitlines(): more than \n and \r (vertical tab, form feed,
// file/group/record separators, NEL and the two Unicode separators).
// eslint-disable-next-line no-control-regex -- those control characters are the point
const LINE_BOUNDARY = /\r\n|[\n\u000b\f\r\u001c\u001d\u001e\u0085\u2028\u2029]/u;

export function pythonRstrip(text: string): string {
  return text.replace(TRAILING_SPACE, '');
}

export function pythonStrip(text: string): string {
  return pythonRstrip(text).replace(LEADING_SPACE, '');
}

const LINE_BOUNDARIES = new RegExp(LINE_BOUNDARY.source, 'gu');

/**
 * Hands `take` the lines of str.splitlines() in turn (no empty last line for text that ends
 * with a boundary, none at all for ''), until it returns false. A line is garbage once it is
 * taken, so a long output never holds all its lines at once.
 */
export function forEachPythonLine(text: string, take: (line: string) => boolean): void {
  let start = 0;
  for (;;) {
    // Set before each search: `take` may split another text with the same expression.
    LINE_BOUNDARIES.lastIndex = start;
    const boundary = LINE_BOUNDARIES.exec(text);
    if (boundary === null) break;
    if (!take(text.slice(start, boundary.index))) return;
    start = boundary.index + boundary[0].length;
  }
  if (start < text.length) take(text.slice(start));
}

/** How Python reads a text file line by line (universal newlines: \r\n, \r and \n). */
export function fileLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
