// A folder of templates with its index, as netmiko and ntc-templates use one: find the
// templates for a platform and command, run them, and say plainly what happened. Every result
// carries a status; nothing falls back to raw text without saying why.
import * as path from 'node:path';
import { CompiledFileCache } from './fileCache';
import { JoinError, joinTables } from './tableJoin';
import { ParsedRecord, parseTemplate, recordColumns, Template, toRecords } from './template';
import { TemplateError, TextFsmError } from './templateErrors';
import { findIndexRow, IndexRow, parseTemplateIndex, TemplateIndex } from './templateIndex';

/** The index file's name in a templates folder. */
export const INDEX_FILE = 'index';

export interface TemplateQuery {
  /** The index's Platform, e.g. cisco_ios (netmiko's device_type). */
  platform: string;
  command: string;
  hostname?: string;
}

export interface TemplateMatch {
  /** The Template column as written, e.g. `cisco_ios_show_version.textfsm`. */
  template: string;
  /** The template files, in join order. */
  files: string[];
  indexLine: number;
}

export type ParseResult =
  /** `columns`: the records' keys in order, also when there are no records. */
  | { status: 'parsed'; template: string; columns: string[]; records: ParsedRecord[] }
  | { status: 'no-template'; message: string }
  | { status: 'error'; message: string; template?: string };

const templates = new CompiledFileCache<Template>((text, file) => parseTemplate(text, file));
const indexes = new CompiledFileCache<TemplateIndex>((text, file) => parseTemplateIndex(text, file));
// A poll asks the same index the same question for every device: answer it once per index.
const answers = new WeakMap<TemplateIndex, Map<string, IndexRow | undefined>>();

function findRow(index: TemplateIndex, attributes: Record<string, string>): IndexRow | undefined {
  let known = answers.get(index);
  if (!known) answers.set(index, (known = new Map()));
  const key = JSON.stringify(attributes);
  if (!known.has(key)) known.set(key, findIndexRow(index, attributes));
  return known.get(key);
}

/** undefined when no row matches; throws for an index that cannot be read or compiled. */
export async function lookupTemplates(indexDir: string, query: TemplateQuery): Promise<TemplateMatch | undefined> {
  const index = await indexes.get(path.join(indexDir, INDEX_FILE));
  const attributes: Record<string, string> = { Platform: query.platform, Command: query.command };
  if (query.hostname !== undefined) attributes.Hostname = query.hostname;
  const row = findRow(index, attributes);
  if (!row) return undefined;
  return { template: row.templates, files: row.templates.split(':').map((name) => path.join(indexDir, name)), indexLine: row.line };
}

/** Parses a command's output with the templates the index names for it. */
export async function parseCommandOutput(indexDir: string, query: TemplateQuery, output: string): Promise<ParseResult> {
  let match: TemplateMatch | undefined;
  try {
    match = await lookupTemplates(indexDir, query);
  } catch (err) {
    return { status: 'error', message: describeFailure(err, path.join(indexDir, INDEX_FILE)) };
  }
  if (!match) {
    const index = await indexes.get(path.join(indexDir, INDEX_FILE));
    const lines = index.skippedLines;
    const skipped = lines.length === 0 ? '' : ` (${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} of the index ${lines.length === 1 ? 'was' : 'were'} skipped: wrong number of columns)`;
    return { status: 'no-template', message: `no template for platform "${query.platform}" and command "${query.command}" in ${index.fileName}${skipped}` };
  }
  return runTemplates(match.template, match.files, output);
}

/** Parses output with one template file (no index). */
export async function parseWithTemplateFile(file: string, output: string): Promise<ParseResult> {
  return runTemplates(file, [file], output);
}

async function runTemplates(name: string, files: string[], output: string): Promise<ParseResult> {
  let current = files[0];
  try {
    const tables = [];
    for (const file of files) {
      current = file;
      const template = await templates.get(file);
      tables.push({ table: template.parse(output), keys: template.keys, fileName: file });
    }
    const table = tables.length === 1 ? tables[0].table : joinTables(tables);
    return { status: 'parsed', template: name, columns: recordColumns(table.header), records: toRecords(table) };
  } catch (err) {
    return { status: 'error', template: name, message: describeFailure(err, current) };
  }
}

function describeFailure(err: unknown, file: string): string {
  if (err instanceof TemplateError || err instanceof TextFsmError || err instanceof JoinError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a folder, not a file`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return `${file}: ${err instanceof Error ? err.message : String(err)}`;
}
