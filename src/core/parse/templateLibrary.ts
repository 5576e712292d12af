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

/** What runs on a command's output: the templates found, or the result every output gets. */
export interface OutputParser {
  parse(output: string): ParseResult;
  /** The keys its records have, in order (none when it cannot parse). */
  columns: string[];
  /** Set when the index or a template cannot be used: every output gets this error. */
  problem?: string;
}

/** Parses a command's output with the templates the index names for it. */
export async function parseCommandOutput(indexDir: string, query: TemplateQuery, output: string): Promise<ParseResult> {
  return (await indexParser(indexDir, query)).parse(output);
}

/** Parses output with one template file (no index). */
export async function parseWithTemplateFile(file: string, output: string): Promise<ParseResult> {
  return (await templateFileParser(file)).parse(output);
}

/**
 * Reads and compiles what the index names for a platform and command, once, for any number of
 * outputs: a poll prepares each pair before it starts and parses every device's output at once.
 */
export async function indexParser(indexDir: string, query: TemplateQuery): Promise<OutputParser> {
  const indexFile = path.join(indexDir, INDEX_FILE);
  let match: TemplateMatch | undefined;
  try {
    match = await lookupTemplates(indexDir, query);
  } catch (err) {
    // A folder without its index is a setup mistake, not a command nobody wrote a template for.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fixed({ status: 'error', message: `${indexFile}: no such file (a templates folder lists its templates in an index file, as ntc-templates' templates folder does)` });
    return fixed({ status: 'error', message: describeFailure(err, indexFile) });
  }
  if (!match) {
    const index = await indexes.get(indexFile);
    const lines = index.skippedLines;
    const skipped = lines.length === 0 ? '' : ` (${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} of the index ${lines.length === 1 ? 'was' : 'were'} skipped: wrong number of columns)`;
    return fixed({ status: 'no-template', message: `no template for platform "${query.platform}" and command "${query.command}" in ${index.fileName}${skipped}` });
  }
  return templatesParser(match.template, match.files);
}

/** One template file; results name it `name` (by default, as given). */
export function templateFileParser(file: string, name = file): Promise<OutputParser> {
  return templatesParser(name, [file]);
}

async function templatesParser(name: string, files: string[]): Promise<OutputParser> {
  const loaded: { template: Template; file: string }[] = [];
  for (const file of files) {
    try {
      loaded.push({ template: await templates.get(file), file });
    } catch (err) {
      return fixed({ status: 'error', template: name, message: describeFailure(err, file) });
    }
  }
  const columns = recordColumns(loaded.flatMap(({ template }) => template.header));
  return { parse: (output) => runTemplates(name, loaded, output), columns };
}

function runTemplates(name: string, loaded: readonly { template: Template; file: string }[], output: string): ParseResult {
  let current = loaded[0].file;
  try {
    const tables = [];
    for (const { template, file } of loaded) {
      current = file;
      tables.push({ table: template.parse(output), keys: template.keys, fileName: file });
    }
    const table = tables.length === 1 ? tables[0].table : joinTables(tables);
    return { status: 'parsed', template: name, columns: recordColumns(table.header), records: toRecords(table) };
  } catch (err) {
    return { status: 'error', template: name, message: describeFailure(err, current) };
  }
}

function fixed(result: ParseResult): OutputParser {
  return { parse: () => result, columns: [], problem: result.status === 'error' ? result.message : undefined };
}

function describeFailure(err: unknown, file: string): string {
  if (err instanceof TemplateError || err instanceof TextFsmError || err instanceof JoinError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a folder, not a file`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return `${file}: ${err instanceof Error ? err.message : String(err)}`;
}
