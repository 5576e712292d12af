// Parsed records as tables, for the places people read them: Markdown results (a GitHub
// table) and the plain-text device document (aligned columns). A List value's items are
// joined with ", "; one of named groups shows each item as key=value pairs.
import { printable } from './printable';
import { ParsedRecord, ParsedValue, ParseReport } from './report';

/** The columns of a set of records: every key, in the order first seen. */
export function recordKeys(records: readonly ParsedRecord[]): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return [...keys];
}

/** One value as one line of text. */
export function cellText(value: ParsedValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return printable(value);
  return value
    .map((item) => (item === null ? '' : typeof item === 'string' ? printable(item) : Object.entries(item).map(([k, v]) => `${printable(k)}=${printable(v ?? '')}`).join(' ')))
    .join(', ');
}

/** How a command's parse went, in a few words: "3 records (show_version.textfsm)". */
export function parseSummary(parse: ParseReport, records: number): string {
  if (parse.status === 'parsed') return `${records} ${records === 1 ? 'record' : 'records'}${parse.template ? ` (${printable(parse.template)})` : ''}`;
  return `${parse.status === 'no-template' ? 'no template' : 'parse error'}: ${printable(parse.message ?? '')}`;
}

/** A GitHub-flavoured Markdown table; empty when there are no records. */
export function markdownTable(records: readonly ParsedRecord[]): string {
  const keys = recordKeys(records);
  if (records.length === 0 || keys.length === 0) return '';
  const row = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  return [row(keys), `|${keys.map(() => ' --- |').join('')}`, ...records.map((record) => row(keys.map((key) => cellText(record[key]))))].join('\n') + '\n';
}

/** Aligned columns of plain text, each line indented by `indent`; empty when there are no records. */
export function textTable(records: readonly ParsedRecord[], indent = ''): string {
  const keys = recordKeys(records);
  if (records.length === 0 || keys.length === 0) return '';
  const rows = [keys, ...records.map((record) => keys.map((key) => cellText(record[key])))];
  const widths = keys.map((_, i) => Math.max(...rows.map((cells) => cells[i].length)));
  const line = (cells: string[]) => indent + cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(keys), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** Text shown as written in Markdown (also in a table cell: a pipe would end the cell). */
export function markdownText(text: string): string {
  // An underscore inside a word (ip_address) is never emphasis: it stays as it reads.
  return text.replace(/[\\`*[\]<>|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&');
}
