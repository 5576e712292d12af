// A PollReport as text: YAML (readable, outputs as block literals), JSON, or Markdown.
// Each format is a header, one block per device and a footer, so a poll can be written as it
// goes: what is known at the start first, each device as it becomes final, the totals last.
import { stringify } from 'yaml';
import { printable } from './printable';
import { markdownTable, markdownText, parseSummary } from './recordTables';
import { DeviceReport, MessageReport, ParsedRecord, ParseReport, PollReport } from './report';
import { messagesSummary, messageWhen, UNCERTAIN_END } from './sessionNotes';

export type ResultsFormat = 'yaml' | 'json' | 'markdown';

/** What a report starts with: known when the poll starts. */
export type ReportHeader = Pick<PollReport, 'inventory' | 'startedAt' | 'workers' | 'order' | 'commands'>;
/** What a report ends with: known when the poll is over. */
export type ReportFooter = Pick<PollReport, 'summary' | 'finishedAt' | 'elapsedMs'>;

export interface ReportRenderer {
  header(header: ReportHeader): string;
  /** `index`: how many device blocks come before this one. */
  device(device: DeviceReport, index: number): string;
  /** `devices`: how many device blocks were written. */
  footer(footer: ReportFooter, devices: number): string;
}

export function reportRenderer(format: ResultsFormat): ReportRenderer {
  switch (format) {
    case 'json':
      return JSON_RENDERER;
    case 'yaml':
      return YAML_RENDERER;
    case 'markdown':
      return MARKDOWN_RENDERER;
  }
}

/** The whole document, from the same pieces a streamed one is written with. */
export function renderReport(report: PollReport, format: ResultsFormat): string {
  const renderer = reportRenderer(format);
  return renderer.header(report) + report.devices.map((device, index) => renderer.device(device, index)).join('') + renderer.footer(report, report.devices.length);
}

/** One line a person reads first: `40 devices: 38 finished, 1 failed, 1 cancelled in 2.4 s`. */
export function summaryLine(report: Pick<PollReport, 'summary' | 'elapsedMs'>): string {
  const s = report.summary;
  const parts = [`${s.finished} finished`, `${s.failed} failed`];
  if (s.cancelled > 0) parts.push(`${s.cancelled} cancelled`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  return `${s.total} devices: ${parts.join(', ')} in ${(report.elapsedMs / 1000).toFixed(1)} s`;
}

function headerFields(h: ReportHeader): ReportHeader {
  return { inventory: h.inventory, startedAt: h.startedAt, workers: h.workers, order: h.order, commands: h.commands };
}

function footerFields(f: ReportFooter): ReportFooter {
  return { summary: f.summary, finishedAt: f.finishedAt, elapsedMs: f.elapsedMs };
}

// JSON as JSON.stringify(report, null, 2) lays it out; a file cut short lacks only the closing `]}`.
const JSON_RENDERER: ReportRenderer = {
  header: (h) => `{\n${jsonMembers(headerFields(h))},\n  "devices": [`,
  device: (d, index) => `${index === 0 ? '' : ','}\n    ${nestedJson(d)}`,
  footer: (f, devices) => `${devices === 0 ? '' : '\n  '}],\n${jsonMembers(footerFields(f))}\n}\n`,
};

function jsonMembers(fields: object): string {
  return Object.entries(fields)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${indentJson(JSON.stringify(value, null, 2), '  ')}`)
    .join(',\n');
}

/**
 * A device as it stands two levels deep (in `devices`): stringified there, so that JSON lays out
 * the indentation itself and long outputs are not scanned again to indent them.
 */
function nestedJson(device: DeviceReport): string {
  const nested = JSON.stringify([[device]], null, 2);
  return nested.slice('[\n  [\n    '.length, -'\n  ]\n]'.length);
}

/** JSON escapes newlines inside strings, so every raw newline is layout and can be indented. */
function indentJson(json: string, indent: string): string {
  return json.replace(/\n/g, `\n${indent}`);
}

// YAML with each sequence at its key's indentation, so a device block is a top-level `- ` item
// and a file cut after any block is still a valid document.
const YAML_OPTIONS = { lineWidth: 0, blockQuote: 'literal', indentSeq: false } as const;

const YAML_RENDERER: ReportRenderer = {
  header: (h) => `${stringify(headerFields(h), YAML_OPTIONS)}devices:\n`,
  device: (d) => stringify([d], YAML_OPTIONS),
  // An empty list has to be said, or `devices:` would read as null.
  footer: (f, devices) => `${devices === 0 ? '  []\n' : ''}${stringify(footerFields(f), YAML_OPTIONS)}`,
};

const MARKDOWN_RENDERER: ReportRenderer = {
  header: (h) => `# NetPoll results: ${printable(h.inventory)}\n\nStarted ${h.startedAt}, ${h.workers} workers.\n\n`,
  device: markdownDevice,
  footer: (f) => `---\n\n${summaryLine(f)}. ${f.finishedAt === null ? 'Still running.' : `Finished ${f.finishedAt}.`}\n`,
};

function markdownDevice(device: DeviceReport): string {
  const elapsed = device.elapsedMs === null ? '' : ` in ${(device.elapsedMs / 1000).toFixed(2)} s`;
  const out = [`## ${printable(device.name)} — ${device.status}${elapsed}`, '', `${printable(device.host)}:${device.port}, ${device.deviceType}${device.group ? `, group ${printable(device.group)}` : ''}`, ''];
  if (device.error) out.push(`**${device.error.kind}**: ${device.error.message}${device.error.hint ? `  \n${device.error.hint}` : ''}`, '');
  for (const command of device.commands) {
    const fence = backticks(command.output, 3);
    out.push(`### ${inlineCode(printable(command.command))}${command.failed ? ' (failed)' : ''}${command.uncertainEnd ? ` (${UNCERTAIN_END})` : ''}`, '');
    if (command.parse) out.push(...markdownParse(command.parse, command.parsed ?? null));
    out.push(`${fence}text`, command.output, fence, '');
  }
  out.push(...markdownMessages(device.messages, device.messagesDropped ?? 0));
  return out.join('\n') + '\n';
}

/** The lines the device sent on its own, in a section of their own after the outputs; none, no section. */
function markdownMessages(messages: readonly MessageReport[], dropped: number): string[] {
  if (messages.length === 0 && dropped === 0) return [];
  const out = ['### Messages from the device', '', `${messagesSummary(messages.length + dropped, dropped)}, sent on its own (syslog from \`terminal monitor\`) and kept out of the outputs:`, ''];
  // Each is one line: control characters escaped, inside code so Markdown leaves the text alone.
  for (const m of messages) out.push(`- ${messageWhen(m.command, (c) => inlineCode(printable(c)))}: ${inlineCode(printable(m.text))}`);
  if (dropped > 0) out.push(`- … ${dropped} more, not kept`);
  out.push('');
  return out;
}

/** A parsed command's table (or why there is none), above its output. */
function markdownParse(parse: ParseReport, records: ParsedRecord[] | null): string[] {
  const summary = `Parsed: ${markdownText(parseSummary(parse, records?.length ?? 0))}`;
  const table = records ? markdownTable(records) : '';
  return table === '' ? [summary, ''] : [summary, '', table];
}

/** A run of backticks longer than any in the text (and at least `min`), so the text cannot close it. */
export function backticks(text: string, min: number): string {
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  return '`'.repeat(Math.max(min, longest + 1));
}

function inlineCode(text: string): string {
  const fence = backticks(text, 1);
  // A space keeps a backtick at either end from joining the fence.
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
