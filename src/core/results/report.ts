// A poll's results in the one shape shared by the command line, the results document and saved files.
// Built from plain outcomes (./outcome), so this module stands alone: whoever polls converts.
import { CommandOutcome, DeviceFailure, DeviceOutcome, PhaseTimings } from './outcome';

export type ResultsOrder = 'completion' | 'inventory';
export type DeviceStatus = 'finished' | 'failed' | 'cancelled' | 'skipped';

export interface CommandReport {
  command: string;
  output: string;
  failed: boolean;
  elapsedMs: number;
  /**
   * Present, and true, only when the output's end could not be told apart from a prompt-like
   * line inside it: the output may be cut short. Absent means the end was certain.
   */
  uncertainEnd?: true;
  /** Present when the output was to be parsed into records (TextFSM); says how that went. */
  parse?: ParseReport;
  /** The records (keys lowercased, as netmiko gives them); null unless parse.status is parsed. */
  parsed?: ParsedRecord[] | null;
}

export type ParseStatus = 'parsed' | 'no-template' | 'error';

export interface ParseReport {
  status: ParseStatus;
  /** The template (joined ones as the index writes them, a:b), when one was found. */
  template: string | null;
  /** Why there are no records; null when parsed. */
  message: string | null;
}

/** A TextFSM value: text, or a List value's items (a List with named groups gives objects). */
export type ParsedValue = string | (string | null | Record<string, string | null>)[];
export type ParsedRecord = Record<string, ParsedValue>;

/** A line the device sent on its own (syslog from `terminal monitor`), kept apart from every output. */
export interface MessageReport {
  text: string;
  /** The command being answered when it arrived; null while the session was being set up. */
  command: string | null;
}

export interface DeviceReport {
  name: string;
  group: string | null;
  host: string;
  port: number;
  deviceType: string;
  status: DeviceStatus;
  elapsedMs: number | null;
  timings: PhaseTimings;
  commands: CommandReport[];
  /** In arrival order: the first ones the device sent, when it sent more than are kept. */
  messages: MessageReport[];
  /** Present only when some messages were not kept: how many came after those in `messages`. */
  messagesDropped?: number;
  error: DeviceFailure | null;
}

export interface PollSummary {
  total: number;
  finished: number;
  failed: number;
  cancelled: number;
  skipped: number;
}

export interface PollReport {
  inventory: string;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  workers: number;
  order: ResultsOrder;
  commands: string[];
  summary: PollSummary;
  devices: DeviceReport[];
}

/** A poll's report without its devices: what was asked, and the totals. */
export type PollTotals = Omit<PollReport, 'devices'>;

export interface ReportContext {
  inventory: string;
  startedAt: Date;
  /** Absent while the poll is still running. */
  finishedAt?: Date;
  workers: number;
  order: ResultsOrder;
  commands: string[];
  /** Devices submitted (final or not). */
  submitted: number;
  /** Inventory entries that could not be polled at all. */
  skipped: number;
}

/** The report of the given final devices, in the order they were given. */
export function buildReport(context: ReportContext, outcomes: readonly DeviceOutcome[]): PollReport {
  return { ...buildTotals(context, outcomes.map((o) => o.status)), devices: outcomes.map(deviceReport) };
}

/** The totals of a poll whose final devices have the given statuses. */
export function buildTotals(context: ReportContext, statuses: readonly DeviceStatus[]): PollTotals {
  const count = (status: DeviceStatus) => statuses.filter((s) => s === status).length;
  const end = context.finishedAt ?? new Date();
  return {
    inventory: context.inventory,
    startedAt: context.startedAt.toISOString(),
    finishedAt: context.finishedAt?.toISOString() ?? null,
    elapsedMs: end.getTime() - context.startedAt.getTime(),
    workers: context.workers,
    order: context.order,
    commands: context.commands,
    summary: { total: context.submitted + context.skipped, finished: count('finished'), failed: count('failed'), cancelled: count('cancelled'), skipped: context.skipped },
  };
}

/** One final device's part of a report: absent values become null, milliseconds whole. */
export function deviceReport(outcome: DeviceOutcome): DeviceReport {
  return {
    name: outcome.name,
    group: outcome.group ?? null,
    host: outcome.host,
    port: outcome.port,
    deviceType: outcome.deviceType,
    status: outcome.status,
    elapsedMs: outcome.elapsedMs === undefined ? null : Math.round(outcome.elapsedMs),
    timings: roundTimings(outcome.timings),
    commands: outcome.commands.map(commandReport),
    messages: outcome.messages.map((m) => ({ text: m.text, command: m.command ?? null })),
    ...(outcome.messagesDropped ? { messagesDropped: outcome.messagesDropped } : {}),
    error: outcome.error ? failureReport(outcome.error) : null,
  };
}

function commandReport(c: CommandOutcome): CommandReport {
  const report: CommandReport = { command: c.command, output: c.output, failed: c.failed, elapsedMs: Math.round(c.elapsedMs) };
  if (c.uncertainEnd) report.uncertainEnd = true;
  return report;
}

/** A device read from a file written before messages were kept: with none, in their place. */
export function withMessages(device: DeviceReport): DeviceReport {
  if (device === null || typeof device !== 'object' || Array.isArray(device.messages)) return device;
  const { error, ...rest } = device;
  return { ...rest, messages: [], error };
}

function roundTimings(timings: PhaseTimings): PhaseTimings {
  const rounded: PhaseTimings = {};
  for (const [phase, ms] of Object.entries(timings) as [keyof PhaseTimings, number | undefined][]) {
    if (ms !== undefined) rounded[phase] = Math.round(ms);
  }
  return rounded;
}

/** A copy with exactly the schema's members, whatever else the given object carries. */
function failureReport(error: DeviceFailure): DeviceFailure {
  return error.hint === undefined ? { kind: error.kind, message: error.message } : { kind: error.kind, message: error.message, hint: error.hint };
}
