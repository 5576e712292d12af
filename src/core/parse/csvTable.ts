// Records as CSV (RFC 4180 quoting, \n line ends): a header of the columns, then a line per
// record. A List value's cell is its JSON text, so nothing is lost and it stays one cell.
import { ParsedRecord } from './template';

export function recordsToCsv(columns: readonly string[], records: readonly ParsedRecord[]): string {
  return csvLine(columns) + csvRows(columns, records);
}

/** The records' lines alone, for a table written piece by piece. */
export function csvRows(columns: readonly string[], records: readonly ParsedRecord[]): string {
  return records.map((record) => csvLine(columns.map((column) => cellText(record[column])))).join('');
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

function cellText(cell: ParsedRecord[string] | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? cell : JSON.stringify(cell);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
