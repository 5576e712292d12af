// How a poll's time went, from what each device recorded: every device is submitted when the
// poll starts, waits in the queue for a worker (`queued`), then connects, logs in, prepares the
// session and runs its commands one after another. From the same spans, how many sessions were
// open at each moment: what max_workers did to the poll.
import type { OverviewDevice } from './overview';

export type SegmentKind = 'queued' | 'connect' | 'auth' | 'prepare' | 'command' | 'failed' | 'close';

export interface Segment {
  kind: SegmentKind;
  /** The phase, or the command. */
  label: string;
  /** Milliseconds from the poll's start. */
  start: number;
  end: number;
}

export interface TimelineBar {
  id: number;
  name: string;
  status: OverviewDevice['status'];
  segments: Segment[];
}

export interface Timeline {
  bars: TimelineBar[];
  /** Sessions open from each `at` (ms) until the next point. */
  sessions: { at: number; open: number }[];
  /** The end of the last bar, ms. */
  end: number;
  /** The most sessions open at once. */
  peak: number;
}

export function pollTimeline(devices: readonly OverviewDevice[]): Timeline {
  const bars = devices.filter((d) => d.timings.queued !== undefined).map(barOf);
  const edges: { at: number; change: number }[] = [];
  for (const bar of bars) {
    const session = bar.segments.filter((s) => s.kind !== 'queued');
    if (session.length === 0) continue;
    edges.push({ at: session[0].start, change: 1 }, { at: session.at(-1)!.end, change: -1 });
  }
  // At one instant, a session that ends frees its worker before the next one opens.
  edges.sort((a, b) => a.at - b.at || a.change - b.change);
  const sessions: Timeline['sessions'] = [{ at: 0, open: 0 }];
  let open = 0;
  let peak = 0;
  for (const edge of edges) {
    open += edge.change;
    peak = Math.max(peak, open);
    if (sessions.at(-1)!.at === edge.at) sessions.at(-1)!.open = open;
    else sessions.push({ at: edge.at, open });
  }
  const end = Math.max(0, ...bars.map((b) => b.segments.at(-1)?.end ?? 0));
  return { bars, sessions, end, peak };
}

function barOf(device: OverviewDevice): TimelineBar {
  const { timings } = device;
  const segments: Segment[] = [];
  let at = 0;
  const add = (kind: SegmentKind, label: string, ms: number | undefined) => {
    if (ms === undefined) return;
    segments.push({ kind, label, start: at, end: at + ms });
    at += ms;
  };
  add('queued', 'queued', timings.queued);
  add('connect', 'connect', timings.connect);
  add('auth', 'auth', timings.auth);
  add('prepare', 'prepare', timings.prepare);
  for (const command of device.commands) add('command', command.command, command.elapsedMs);
  // What the phases do not account for ends the bar: the step that failed, or closing the session.
  const end = timings.queued !== undefined && timings.total !== undefined ? timings.queued + timings.total : at;
  if (end > at) add(device.error ? 'failed' : 'close', device.error ? `failed (${device.error.kind})` : 'closing', end - at);
  return { id: device.id, name: device.name, status: device.status, segments };
}
