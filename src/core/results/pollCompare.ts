// What changed between two polls of an inventory, per device and per command. Outputs are
// compared line by line without the lines that change on every poll (volatileLines); a device
// that now fails, or answers again, is changed too. The lines a device sent on its own (messages)
// are not outputs and are never compared: a link flap logged during one poll changes no answer.
// Devices are read one pair at a time, so two polls of any size can be compared.
import { createTwoFilesPatch } from 'diff';
import { CommandReport, DeviceReport, DeviceStatus } from './report';
import { ignoredLines, IgnoreRule } from './volatileLines';

export type CommandChange = 'changed' | 'unchanged' | 'new' | 'gone';
export type DeviceChange = 'changed' | 'unchanged' | 'new' | 'gone' | 'now-failing' | 'now-answering' | 'not-compared';

export interface CommandComparison {
  command: string;
  status: CommandChange;
  /** The unified diff of the output without its ignored lines; only when changed. */
  diff?: string;
}

export interface DeviceComparison {
  name: string;
  status: DeviceChange;
  /** The device's status in each poll (absent where the poll does not have it). */
  before?: DeviceStatus;
  after?: DeviceStatus;
  /** Why it fails now (now-failing), or why it was not compared. */
  reason?: string;
  commands: CommandComparison[];
}

export interface ComparisonSummary {
  /** Devices whose answers changed, including those now failing or answering again. */
  changed: number;
  unchanged: number;
  new: number;
  gone: number;
  nowFailing: number;
  nowAnswering: number;
  /** Cancelled or never recorded in one of the polls: nothing to compare. */
  notCompared: number;
}

/** One side of a comparison: a stored poll, or a results file. */
export interface PollSide {
  label: string;
  /** Every device of the poll, by name, in its order. */
  names(): readonly string[];
  device(name: string): Promise<DeviceReport | undefined>;
}

export interface CompareOptions {
  rules?: readonly IgnoreRule[];
  /** The platforms' default volatile lines (on unless asked otherwise). */
  defaults?: boolean;
}

/** Compares every device of `after` with the same device in `before`, then lists those gone. */
export async function* comparePolls(before: PollSide, after: PollSide, options: CompareOptions = {}): AsyncGenerator<DeviceComparison> {
  const afterNames = new Set(after.names());
  for (const name of after.names()) yield compareDevice(await before.device(name), await after.device(name), options, name);
  for (const name of before.names()) if (!afterNames.has(name)) yield compareDevice(await before.device(name), undefined, options, name);
}

/** One device in two polls; either may be missing. */
export function compareDevice(before: DeviceReport | undefined, after: DeviceReport | undefined, options: CompareOptions = {}, name = (after ?? before)!.name): DeviceComparison {
  const base = { name, before: before?.status, after: after?.status };
  if (!before && !after) return { ...base, status: 'not-compared', reason: 'not recorded in either poll', commands: [] };
  if (!before) return { ...base, status: 'new', commands: [] };
  if (!after) return { ...base, status: 'gone', commands: [] };
  if (before.status === 'cancelled' || after.status === 'cancelled' || before.status === 'skipped' || after.status === 'skipped') {
    return { ...base, status: 'not-compared', reason: `${before.status} before, ${after.status} now`, commands: [] };
  }
  if (before.status === 'finished' && after.status === 'failed') return { ...base, status: 'now-failing', reason: failure(after), commands: [] };
  if (before.status === 'failed' && after.status === 'finished') return { ...base, status: 'now-answering', commands: [] };
  if (before.status === 'failed' && after.status === 'failed') {
    const same = before.error?.kind === after.error?.kind;
    return { ...base, status: same ? 'unchanged' : 'changed', reason: same ? undefined : `${failure(before)} before; ${failure(after)} now`, commands: [] };
  }
  const commands = compareCommands(before, after, options);
  return { ...base, status: commands.some((c) => c.status !== 'unchanged') ? 'changed' : 'unchanged', commands };
}

function compareCommands(before: DeviceReport, after: DeviceReport, options: CompareOptions): CommandComparison[] {
  const earlier = new Map(before.commands.map((c) => [c.command, c]));
  const later = new Set(after.commands.map((c) => c.command));
  const compared: CommandComparison[] = after.commands.map((now) => {
    const then = earlier.get(now.command);
    if (!then) return { command: now.command, status: 'new' };
    const skip = ignoredLines(options.rules ?? [], { device: after.name, deviceType: after.deviceType, command: now.command }, options.defaults ?? true);
    const [a, b] = [kept(then, skip), kept(now, skip)];
    if (a === b && then.failed === now.failed) return { command: now.command, status: 'unchanged' };
    return { command: now.command, status: 'changed', diff: unifiedDiff(`${before.name}> ${now.command}`, a, b) };
  });
  for (const then of before.commands) if (!later.has(then.command)) compared.push({ command: then.command, status: 'gone' });
  return compared;
}

/** The output's lines that are compared, one per line. */
function kept(command: CommandReport, skip: (line: string) => boolean): string {
  const lines = command.output.split('\n').filter((line) => !skip(line));
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

function unifiedDiff(title: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`${title} (before)`, `${title} (now)`, before, after, undefined, undefined, { context: 3 });
  // The first line is a row of `=` that says nothing.
  return patch.replace(/^=+\n/, '');
}

function failure(device: DeviceReport): string {
  return device.error ? `${device.error.kind}: ${device.error.message}` : device.status;
}

/** Adds one device's comparison to the counts. */
export function count(summary: ComparisonSummary, device: DeviceComparison): void {
  switch (device.status) {
    case 'now-failing':
      summary.nowFailing++;
      summary.changed++;
      break;
    case 'now-answering':
      summary.nowAnswering++;
      summary.changed++;
      break;
    case 'not-compared':
      summary.notCompared++;
      break;
    default:
      summary[device.status]++;
  }
}

export function emptySummary(): ComparisonSummary {
  return { changed: 0, unchanged: 0, new: 0, gone: 0, nowFailing: 0, nowAnswering: 0, notCompared: 0 };
}

/** The counts of the given comparisons. */
export function summarise(devices: Iterable<DeviceComparison>): ComparisonSummary {
  const summary = emptySummary();
  for (const device of devices) count(summary, device);
  return summary;
}

/** `3 devices changed, 36 unchanged, 1 now failing`: what a person reads first. */
export function comparisonLine(s: ComparisonSummary): string {
  const outputChanged = s.changed - s.nowFailing - s.nowAnswering;
  const parts = [`${outputChanged} ${outputChanged === 1 ? 'device' : 'devices'} changed`, `${s.unchanged} unchanged`];
  if (s.nowFailing > 0) parts.push(`${s.nowFailing} now failing`);
  if (s.nowAnswering > 0) parts.push(`${s.nowAnswering} now answering`);
  if (s.new > 0) parts.push(`${s.new} new`);
  if (s.gone > 0) parts.push(`${s.gone} gone`);
  if (s.notCompared > 0) parts.push(`${s.notCompared} not compared`);
  return parts.join(', ');
}
