// Records as CSV (RFC 4180 quoting, \n line ends): a header of the columns, then a line per
// record. A List value's cell is its JSON text, so nothing is lost and it stays one cell.
import { ParsedRecord } from './template';

export function recordsToCsv(columns: string[], records: ParsedRecord[]): string {
  const lines = [columns.map(csvField), ...records.map((record) => columns.map((column) => csvField(cellText(record[column]))))];
  return lines.map((fields) => `${fields.join(',')}\n`).join('');
}

function cellText(cell: ParsedRecord[string] | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? cell : JSON.stringify(cell);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
