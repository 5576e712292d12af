// What the bench measures around one poll, the best any client could do on the lab, and
// whether the machine is quiet enough to measure. Each poll runs in a fresh process
// (clientProcess.ts), so the process-wide numbers (CPU, peak RSS) are that poll's alone,
// worker threads included.
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Measurement {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
  /** 99th percentile of the main thread's event-loop delay during the poll, ms. */
  eldP99Ms: number;
}

const ELD_RESOLUTION_MS = 10;

export async function measure<T>(work: () => Promise<T>): Promise<{ result: T; measurement: Measurement }> {
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  eld.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  eld.disable();
  return {
    result,
    measurement: {
      wallS,
      cpuS: (used.user + used.system) / 1e6,
      // The process's high-water mark (KiB); the process is fresh, so it is this poll's.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      // The histogram records the time between ticks; the tick interval itself is no delay.
      eldP99Ms: Math.max(0, eld.percentile(99) / 1e6 - ELD_RESOLUTION_MS),
    },
  };
}

export interface Latency {
  /** From the client's hello to the answer to its password. */
  loginMs: number;
  /** Each show command; the lines that set a session up are answered at once. */
  showMs: number;
}

/** The critical path: ceil(N/W) rounds of login + every command's latency, in seconds; 0 without latency. */
export function idealSeconds(devices: number, workers: number, commands: number, latency: Latency | undefined): number {
  if (!latency) return 0;
  const perDeviceMs = latency.loginMs + commands * latency.showMs;
  return (Math.ceil(devices / workers) * perDeviceMs) / 1000;
}

export interface CpuTicks {
  idle: number;
  /** Time the hypervisor gave this machine's CPUs to someone else. */
  steal: number;
  total: number;
}

/** The machine's CPU time so far, from /proc/stat. */
export async function cpuTicks(): Promise<CpuTicks> {
  // cpu  user nice system idle iowait irq softirq steal (guest time is already in user)
  const ticks = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { idle: ticks[3] + ticks[4], steal: ticks[7], total: ticks.reduce((a, b) => a + b, 0) };
}

/** Share of the CPU time between two samples that was stolen by the hypervisor. */
export function stealShare(before: CpuTicks, after: CpuTicks): number {
  return (after.steal - before.steal) / Math.max(1, after.total - before.total);
}

/** Share of the machine's CPU time spent busy (or stolen) over `ms`. */
async function busyShare(ms: number): Promise<number> {
  const before = await cpuTicks();
  await sleep(ms);
  const after = await cpuTicks();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

export const QUIET_SHARE = 0.15;

/**
 * Waits (up to `maxWaitS`) until other work on the machine leaves it quiet, so a cell does not
 * start while, say, a test suite shares the two cores. Returns the busy share it started at.
 */
export async function waitForQuiet(maxWaitS: number, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  let share = await busyShare(500);
  if (share > QUIET_SHARE) log(`machine busy (${(share * 100).toFixed(0)}% of CPU); waiting up to ${maxWaitS} s for it to quieten...`);
  while (share > QUIET_SHARE && Date.now() - started < maxWaitS * 1000) share = await busyShare(2000);
  return share;
}
