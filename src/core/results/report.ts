// A poll's results in the one shape shared by the command line, the results document and saved files.
import { DevicePoll, PollFailure, PollTimings } from '../poll/devicePoll';

export type ResultsOrder = 'completion' | 'inventory';
export type DeviceStatus = 'finished' | 'failed' | 'cancelled' | 'skipped';

export interface CommandReport {
  command: string;
  output: string;
  failed: boolean;
  elapsedMs: number;
}

export interface DeviceReport {
  name: string;
  group: string | null;
  host: string;
  port: number;
  deviceType: string;
  status: DeviceStatus;
  elapsedMs: number | null;
  timings: PollTimings;
  commands: CommandReport[];
  error: PollFailure | null;
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

/** The report of every device that is final, in the order they were given. */
export function buildReport(context: ReportContext, polls: readonly DevicePoll[]): PollReport {
  const devices = polls.filter((p) => p.isFinal).map(deviceReport);
  const count = (status: DeviceStatus) => devices.filter((d) => d.status === status).length;
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
    devices,
  };
}

/** One final device's part of a report. */
export function deviceReport(poll: DevicePoll): DeviceReport {
  const d = poll.device;
  return {
    name: d.name,
    group: d.group ?? null,
    host: d.host,
    port: d.port,
    deviceType: d.deviceType,
    status: poll.state as DeviceStatus,
    elapsedMs: roundMs(poll.elapsedMs),
    timings: Object.fromEntries(Object.entries(poll.timings).map(([phase, ms]) => [phase, roundMs(ms)])),
    commands: poll.commands.map((c) => ({ command: c.command, output: c.output, failed: c.failed, elapsedMs: roundMs(c.elapsedMs) ?? 0 })),
    error: poll.error ?? null,
  };
}

function roundMs(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms);
}
