// The benchmark's scenarios: the seed's 40 devices at 1..40 workers on a zero-latency and a
// latency lab, 40 devices × 5 commands over links of 0 to 600 ms round-trip time, 1000 devices
// × 5 commands at scale, and 10,000 running configurations. Each
// scenario gets a lab process of its own; every cell (tool x workers) is one poll in a fresh
// process (tools.ts).
import { ThreadsSetting } from '../src/core/poll/workerPool';
import { LabDeviceSpec } from '../test/lab/lab';
import { cpuTicks, idealSeconds, Latency, waitForQuiet } from './measure';
import { firstByteMs, startLabProcess } from './labProcess';
import { PollJob, runTool, TimeLimitError, ToolName, ToolResult } from './tools';

export interface Client {
  tool: ToolName;
  label: string;
  threads?: ThreadsSetting;
  /** `netpoll poll --pipeline`: all of a device's commands in one write after set-up. */
  pipeline?: boolean;
}

/** NetPoll as it ships (the bundled command line): threads=auto. */
export const NETPOLL: Client = { tool: 'netpoll', label: 'NetPoll', threads: 'auto' };
export const NETPOLL_MAIN_THREAD: Client = { tool: 'netpoll', label: 'NetPoll threads=0', threads: 0 };
/** NetPoll as it ships, with `--pipeline`. */
export const NETPOLL_PIPELINE: Client = { tool: 'netpoll', label: 'NetPoll --pipeline', threads: 'auto', pipeline: true };
export const MINIMAL: Client = { tool: 'minimal', label: 'minimal ssh2' };
export const NETMIKO: Client = { tool: 'netmiko', label: 'netmiko' };

export const SCENARIO_KINDS = ['seed', 'rtt', 'scale', 'configs'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export interface Scenario {
  /** The seed's 40-device grid, a link RTT cell, the 1000-device run, or the 10,000 running configurations. */
  kind: ScenarioKind;
  name: string;
  devices: number;
  commands: string[];
  /** Absent: the lab answers at once. */
  latency?: Latency;
  /** The lab's emulated link round-trip time (each byte held half of it each way); absent: none. */
  rttMs?: number;
  workers: number[];
  clients: Client[];
  /** Baseline cells the targets need: they run however long they take. */
  required?: Partial<Record<ToolName, number[]>>;
}

export interface Cell {
  client: Client;
  workers: number;
  /** The critical path, seconds (0 on a zero-latency lab). */
  idealS: number;
  result?: ToolResult;
  /** Why there is no result. */
  notRun?: string;
  /** Share of the machine's CPU busy just before the cell started (other work, if high). */
  busyBefore?: number;
  /** Share of the machine's CPU time the hypervisor took away while the cell ran. */
  steal?: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  cells: Cell[];
}

export const LATENCY_LAB: Latency = { loginMs: 1000, showMs: 300 };
export const ONE_COMMAND = ['show version'];
// The lab's IOS knows four show commands; the clock is read again at the end, as a poll that
// brackets its snapshot would. The 6,000-line configuration is the long one.
export const FIVE_COMMANDS = ['show clock', 'show version', 'show ip interface brief', 'show running-config', 'show clock'];

/** The link round-trip times of the RTT cells; a quick run keeps the one its targets start at. */
export const RTTS_MS = [0, 50, 200, 600];
const QUICK_RTTS_MS = [50];

export function scenarios(quick: boolean): Scenario[] {
  const seedWorkers = quick ? [40] : [1, 5, 10, 20, 40];
  const seed = (commands: string[], latency?: Latency): Scenario => ({
    kind: 'seed',
    name: `40 devices × ${commands.length} command${commands.length > 1 ? 's' : ''}, ${latency ? 'latency' : 'zero-latency'} lab`,
    devices: 40,
    commands,
    latency,
    workers: seedWorkers,
    clients: [NETPOLL, MINIMAL, NETMIKO],
    required: latency || commands.length > 1 ? {} : { netmiko: [40], minimal: [40] },
  });
  // No login or show delay: each cell's time is round trips, and the work at both ends.
  const rtt = (rttMs: number): Scenario => ({
    kind: 'rtt',
    name: `40 devices × 5 commands, ${rttMs} ms RTT lab`,
    devices: 40,
    commands: FIVE_COMMANDS,
    rttMs,
    workers: [40],
    clients: [NETPOLL, NETPOLL_PIPELINE, MINIMAL],
    required: { minimal: [40] },
  });
  const scaleDevices = quick ? 200 : 1000;
  const configDevices = quick ? 1000 : 10_000;
  return [
    seed(ONE_COMMAND),
    ...(quick ? [] : [seed(FIVE_COMMANDS)]),
    seed(ONE_COMMAND, LATENCY_LAB),
    ...(quick ? [] : [seed(FIVE_COMMANDS, LATENCY_LAB)]),
    ...(quick ? QUICK_RTTS_MS : RTTS_MS).map(rtt),
    {
      kind: 'scale',
      name: `${scaleDevices} devices × 5 commands, zero-latency lab`,
      devices: scaleDevices,
      commands: FIVE_COMMANDS,
      workers: [100],
      clients: [NETPOLL, NETPOLL_MAIN_THREAD, MINIMAL, NETMIKO],
      // The minimal client for the targets; netmiko, at least where it can finish.
      required: { minimal: [100], netmiko: [100] },
    },
    {
      kind: 'configs',
      name: `${configDevices} devices × show running-config, zero-latency lab`,
      devices: configDevices,
      commands: ['show running-config'],
      workers: [200],
      // Memory is the question here; the minimal client keeps every output, which would not fit.
      clients: [NETPOLL],
    },
  ];
}

/**
 * Baseline cells (netmiko's slow ones, the minimal client's at 1 worker on the latency lab)
 * expected to take longer than this are not run unless a target needs them, to keep the whole
 * bench near 20 minutes. NetPoll's cells always run.
 */
export const BASELINE_CELL_LIMIT_S = 60;
/** A cell with no estimate yet still running after this is stopped and reported as such. */
const CELL_LIMIT_S = 600;
/** A cell with an estimate is stopped after this many times it (at least a minute). */
const OVER_ESTIMATE = 2;
/** How long a cell waits for other work on the machine to end before it runs anyway. */
const QUIET_WAIT_S = 600;

/**
 * What a tool's measured runs say a cell would take: ceil(N/W) rounds of one device's time,
 * but no less than its CPU time for all devices (netmiko: one interpreter, one core at a time).
 * Scenarios with the same work per device share a rate: one device's time as measured with the
 * least contention, and the latest CPU time per device.
 */
class Rates {
  private readonly rates = new Map<string, { deviceS: number; cpuPerDeviceS: number }>();

  record(client: Client, scenario: Scenario, workers: number, result: ToolResult): void {
    const key = rateKey(client, scenario);
    const deviceS = Math.min(result.wallS / Math.ceil(scenario.devices / workers), this.rates.get(key)?.deviceS ?? Infinity);
    this.rates.set(key, { deviceS, cpuPerDeviceS: result.cpuS / scenario.devices });
  }

  estimateS(client: Client, scenario: Scenario, workers: number): number | undefined {
    const rate = this.rates.get(rateKey(client, scenario));
    return rate && Math.max(Math.ceil(scenario.devices / workers) * rate.deviceS, scenario.devices * rate.cpuPerDeviceS);
  }
}

const rateKey = (c: Client, s: Scenario) => `${c.label}/${s.commands.join('|')}/${s.latency ? 'latency' : 'zero'}/${s.rttMs ?? 0}`;

const rates = new Rates();

/**
 * Short cells are noisy (process start, JIT, the lab's pace, a shared VM's stolen time): they are
 * run 3 times, in rounds across the tools of a row so noise falls on each alike, and the run
 * with the median wall time counts.
 */
export const SHORT_CELL_S = 5;
const ROUNDS = 3;

/** A cell being measured: its job and its runs so far. */
interface Pending {
  cell: Cell;
  job: PollJob;
  estimateS?: number;
  limitS: number;
  runs: ToolResult[];
  /** Machine CPU ticks stolen and elapsed during its runs. */
  stolen: number;
  elapsed: number;
}

export async function runScenario(scenario: Scenario, log: (line: string) => void): Promise<ScenarioResult> {
  const specs: LabDeviceSpec[] = Array.from({ length: scenario.devices }, (_, i) => ({
    name: `r${i + 1}`,
    secret: 'netpoll-en',
    loginDelayMs: scenario.latency?.loginMs,
    showDelayMs: scenario.latency?.showMs,
    rttMs: scenario.rttMs,
  }));
  const lab = await startLabProcess(specs);
  const cells: Cell[] = [];
  try {
    if (scenario.rttMs) {
      // A lab that does not hold bytes would make this a zero-RTT cell under another name.
      const bannerMs = await firstByteMs(lab.devices[0]);
      if (bannerMs < scenario.rttMs / 2) throw new Error(`${scenario.name}: the lab's banner came in ${bannerMs.toFixed(1)} ms, under half the RTT: the lab does not emulate rttMs`);
    }
    // Most workers first: a baseline's quick cells give the rate its slow ones are estimated from.
    for (const workers of [...scenario.workers].sort((a, b) => b - a)) {
      const idealS = idealSeconds(scenario.devices, workers, scenario.commands.length, scenario.latency);
      const row: Pending[] = [];
      for (const client of scenario.clients) {
        const cell: Cell = { client, workers, idealS };
        cells.push(cell);
        const estimateS = rates.estimateS(client, scenario, workers);
        const required = client.tool === 'netpoll' || scenario.required?.[client.tool]?.includes(workers);
        if (estimateS !== undefined && estimateS > BASELINE_CELL_LIMIT_S && !required) {
          cell.notRun = `not run (est. ${(estimateS / 60).toFixed(1)} min)`;
          log(`${scenario.name}: ${client.label} at ${workers} workers ${cell.notRun}`);
          continue;
        }
        const job: PollJob = { tool: client.tool, devices: lab.devices, inventoryYaml: lab.inventoryYaml, commands: scenario.commands, workers, threads: client.threads, pipeline: client.pipeline };
        const limitS = estimateS === undefined ? CELL_LIMIT_S : Math.max(60, OVER_ESTIMATE * estimateS);
        row.push({ cell, job, estimateS, limitS, runs: [], stolen: 0, elapsed: 0 });
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const pending of row) {
          if (pending.cell.notRun || (round > 0 && pending.runs[0].wallS >= SHORT_CELL_S)) continue;
          await runOnce(pending, `${scenario.name}: ${pending.cell.client.label} at ${workers} workers, run ${round + 1}`, log);
        }
      }
      for (const { cell, runs, stolen, elapsed } of row) {
        if (runs.length === 0) continue;
        cell.result = [...runs].sort((a, b) => a.wallS - b.wallS)[Math.floor(runs.length / 2)];
        cell.steal = stolen / Math.max(1, elapsed);
        rates.record(cell.client, scenario, workers, cell.result);
      }
    }
  } finally {
    await lab.stop();
  }
  cells.sort((a, b) => a.workers - b.workers);
  return { scenario, cells };
}

async function runOnce(pending: Pending, what: string, log: (line: string) => void): Promise<void> {
  const { cell } = pending;
  const busy = await waitForQuiet(QUIET_WAIT_S, log);
  cell.busyBefore = Math.max(cell.busyBefore ?? 0, busy);
  log(`${what}...`);
  const before = await cpuTicks();
  try {
    const result = await runTool(pending.job, pending.limitS);
    pending.runs.push(result);
    log(`  ${result.wallS.toFixed(2)} s, ${result.finished}/${result.total} complete${result.errors.length ? `; ${result.errors[0]}` : ''}`);
  } catch (err) {
    const over = err instanceof TimeLimitError && pending.estimateS !== undefined;
    const estimate = over ? `, ${OVER_ESTIMATE}× the ${pending.estimateS!.toFixed(0)} s its measured rate predicts` : '';
    cell.notRun = `no result: ${err instanceof Error ? err.message : String(err)}${estimate}`;
    log(`  ${cell.notRun}`);
  }
  const after = await cpuTicks();
  pending.stolen += after.steal - before.steal;
  pending.elapsed += after.total - before.total;
}
