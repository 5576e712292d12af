// The `index` file of a templates folder (ntc-templates, textfsm's clitable): comma-separated
// columns under a header such as `Template, Hostname, Platform, Command`, one row per template
// (or `a.textfsm:b.textfsm` for several), every other column a regex the query must match at
// its start. In Command, `sh[[ow]]` means "sh, sho or show".
import { compilePythonRegex, PythonPattern, RegexSyntaxError } from './pythonRegex';
import { fileLines, pythonStrip } from './pythonText';
import { TemplateError } from './templateErrors';

export interface IndexRow {
  line: number;
  /** The Template column as written: file names joined by `:`. */
  templates: string;
  /** Column -> its compiled regex; a column left empty matches anything and is absent. */
  patterns: Map<string, PythonPattern>;
}

export interface TemplateIndex {
  fileName: string;
  columns: string[];
  rows: IndexRow[];
  /** Lines dropped (as clitable drops them) for having the wrong number of columns. */
  skippedLines: number[];
}

const COMPLETION = /\[\[([^\n]+?)\]\]/g;

/** `sh[[ow]]` -> `sh(o(w)?)?`: each further letter optional, in order. */
export function expandCompletion(command: string): string {
  return command.replace(COMPLETION, (_whole, word: string) => {
    const letters = Array.from(word);
    return `(${letters.join('(')}${')?'.repeat(letters.length)}`;
  });
}

export function parseTemplateIndex(text: string, fileName: string): TemplateIndex {
  const lines = fileLines(text);
  // The header: the first line with something before any `#`.
  let headerAt = lines.findIndex((line) => pythonStrip(line.split('#')[0]) !== '');
  if (headerAt < 0) throw new TemplateError(fileName, undefined, 'the index has no header line (Template, Hostname, Platform, Command)');
  const columns = pythonStrip(lines[headerAt].split('#')[0]).split(',').map(pythonStrip);
  const headerLine = ++headerAt;
  const duplicate = columns.find((column, i) => columns.indexOf(column) !== i);
  if (duplicate !== undefined) throw new TemplateError(fileName, headerLine, `the column ${duplicate} appears twice in the header`);
  if (!columns.includes('Template')) throw new TemplateError(fileName, headerLine, 'the index header has no Template column');

  const rows: IndexRow[] = [];
  const skippedLines: number[] = [];
  for (let i = headerAt; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('#')) continue;
    const cells = line.split(',').map(pythonStrip);
    if (cells.length !== columns.length) {
      if (pythonStrip(line) !== '') skippedLines.push(i + 1);
      continue;
    }
    const patterns = new Map<string, PythonPattern>();
    let templates = '';
    cells.forEach((cell, c) => {
      const column = columns[c];
      if (column === 'Template') {
        templates = cell;
        return;
      }
      const regex = column === 'Command' ? expandCompletion(cell) : cell;
      if (regex === '') return;
      try {
        patterns.set(column, compilePythonRegex(regex));
      } catch (err) {
        if (err instanceof RegexSyntaxError) throw new TemplateError(fileName, i + 1, `invalid regular expression in column ${column}: ${err.message}: ${regex}`);
        throw err;
      }
    });
    rows.push({ line: i + 1, templates, patterns });
  }
  return { fileName, columns, rows, skippedLines };
}

/** The first row whose regexes all match the attributes given (columns the index lacks are ignored). */
export function findIndexRow(index: TemplateIndex, attributes: Readonly<Record<string, string>>): IndexRow | undefined {
  return index.rows.find((row) =>
    Object.entries(attributes).every(([column, value]) => {
      const pattern = row.patterns.get(column);
      return pattern === undefined || pattern.matchNamed(value) !== undefined;
    }),
  );
}
