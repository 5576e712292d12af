// Several templates for one command, joined into one table as textfsm's clitable does: the
// first template's rows, widened by each further template's new columns, taken from its row
// with the same Key values (or the row at the same position when there are no Keys).
import { ParsedTable } from './stateMachine';
import { Cell } from './valueSlot';

export interface KeyedTable {
  table: ParsedTable;
  /** The template's Key values. */
  keys: string[];
  fileName: string;
}

export class JoinError extends Error {}

export function joinTables(tables: KeyedTable[]): ParsedTable {
  const [first, ...rest] = tables;
  const header = [...first.table.header];
  const rows = first.table.rows.map((row) => [...row]);
  // The Keys are the first template's; clitable takes a later one's only while it has none.
  let keys = first.keys;
  for (const other of rest) {
    if (keys.length === 0) keys = other.keys;
    const unknown = keys.find((key) => !header.includes(key));
    if (unknown !== undefined) throw new JoinError(`the Key ${unknown} of ${other.fileName} is not a column of the templates before it`);
    const added = other.table.header.filter((column) => !header.includes(column));
    if (added.length === 0) continue;
    const from = added.map((column) => other.table.header.indexOf(column));
    header.push(...added);
    for (const row of rows) row.push(...added.map((): Cell => ''));
    if (keys.length === 0) {
      rows.forEach((row, r) => {
        const source = other.table.rows[r];
        if (source) from.forEach((column, i) => (row[header.length - added.length + i] = source[column]));
      });
      continue;
    }
    if (rows.length === 0 || other.table.rows.length === 0) continue;
    const keyColumns = keys.map((key) => {
      const column = other.table.header.indexOf(key);
      if (column < 0) throw new JoinError(`${other.fileName} has no Value ${key}, a Key of the template before it`);
      return { mine: header.indexOf(key), theirs: column };
    });
    for (const row of rows) {
      const source = other.table.rows.find((candidate) => keyColumns.every(({ mine, theirs }) => sameCell(row[mine], candidate[theirs])));
      if (source) from.forEach((column, i) => (row[header.length - added.length + i] = source[column]));
    }
  }
  return { header, rows };
}

function sameCell(a: Cell, b: Cell): boolean {
  return typeof a === 'string' || typeof b === 'string' ? a === b : JSON.stringify(a) === JSON.stringify(b);
}
