// The benchmark's scenarios (issue 5): the seed's 40 devices at 1..40 workers on a zero-latency
// and a latency lab, and 1000 devices at scale. Each scenario gets a lab process of its own;
// every cell (tool x workers) is one poll in a fresh process (tools.ts).
import { autoThreads } from '../src/core/poll/workerPool';
import { LabDeviceSpec } from '../test/lab/lab';
import { cpuTicks, idealSeconds, Latency, stealShare, waitForQuiet } from './measure';
import { startLabProcess } from './labProcess';
import { runTool, ToolName, ToolResult } from './tools';

export interface Client {
  tool: ToolName;
  label: string;
  threads?: number;
}

export const NETPOLL: Client = { tool: 'netpoll', label: 'NetPoll', threads: 0 };
export const NETPOLL_THREADS: Client = { tool: 'netpoll', label: `NetPoll threads=auto (${autoThreads()})`, threads: autoThreads() };
export const MINIMAL: Client = { tool: 'minimal', label: 'minimal ssh2' };
export const NETMIKO: Client = { tool: 'netmiko', label: 'netmiko' };

export interface Scenario {
  /** The seed's 40-device grid, or the 1000-device run. */
  kind: 'seed' | 'scale';
  name: string;
  devices: number;
  commands: string[];
  /** Absent: the lab answers at once. */
  latency?: Latency;
  workers: number[];
  clients: Client[];
  /** Baseline cells the targets need: they run however long they take. */
  required?: Partial<Record<ToolName, number[]>>;
  /**
   * netmiko's global_delay_factor. Its prompt checks wait 0.1 s x this; on the latency lab,
   * where every line takes 0.3 s, the default (1) loses answers, so it gets the least that works.
   */
  netmikoDelayFactor?: number;
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

export const LATENCY_LAB: Latency = { loginMs: 1000, perLineMs: 300 };
export const ONE_COMMAND = ['show version'];
// The lab's IOS knows four show commands; the clock is read again at the end, as a poll that
// brackets its snapshot would. The 6,000-line configuration is the long one.
export const FIVE_COMMANDS = ['show clock', 'show version', 'show ip interface brief', 'show running-config', 'show clock'];

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
    netmikoDelayFactor: latency ? 2 : undefined,
  });
  const scaleDevices = quick ? 200 : 1000;
  return [
    seed(ONE_COMMAND),
    ...(quick ? [] : [seed(FIVE_COMMANDS)]),
    seed(ONE_COMMAND, LATENCY_LAB),
    ...(quick ? [] : [seed(FIVE_COMMANDS, LATENCY_LAB)]),
    {
      kind: 'scale',
      name: `${scaleDevices} devices × 5 commands, zero-latency lab`,
      devices: scaleDevices,
      commands: FIVE_COMMANDS,
      workers: quick ? [100] : [100, 1000],
      clients: [NETPOLL, NETPOLL_THREADS, MINIMAL, NETMIKO],
      required: { minimal: quick ? [100] : [100, 1000] },
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

const rateKey = (c: Client, s: Scenario) => `${c.label}/${s.commands.join('|')}/${s.latency ? 'latency' : 'zero'}`;

const rates = new Rates();

/** Short cells are noisy (process start, JIT, the lab's own pace): they take the median of 3 runs. */
export const SHORT_CELL_S = 5;

async function medianRun(run: () => Promise<ToolResult>): Promise<ToolResult> {
  const first = await run();
  if (first.wallS >= SHORT_CELL_S) return first;
  const runs = [first, await run(), await run()].sort((a, b) => a.wallS - b.wallS);
  return runs[1];
}

export async function runScenario(scenario: Scenario, log: (line: string) => void): Promise<ScenarioResult> {
  const specs: LabDeviceSpec[] = Array.from({ length: scenario.devices }, (_, i) => ({
    name: `r${i + 1}`,
    secret: 'cisco',
    loginDelayMs: scenario.latency?.loginMs,
    commandDelayMs: scenario.latency?.perLineMs,
  }));
  const lab = await startLabProcess(specs);
  const cells: Cell[] = [];
  try {
    // Most workers first: a baseline's quick cells give the rate its slow ones are estimated from.
    for (const workers of [...scenario.workers].sort((a, b) => b - a)) {
      const idealS = idealSeconds(scenario.devices, workers, scenario.commands.length, scenario.latency);
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
        cell.busyBefore = await waitForQuiet(QUIET_WAIT_S, log);
        log(`${scenario.name}: ${client.label} at ${workers} workers...`);
        try {
          const { commands, netmikoDelayFactor } = scenario;
          const job = { tool: client.tool, devices: lab.devices, inventoryYaml: lab.inventoryYaml, commands, workers, threads: client.threads, netmikoDelayFactor };
          const limitS = estimateS === undefined ? CELL_LIMIT_S : Math.max(60, OVER_ESTIMATE * estimateS);
          const ticks = await cpuTicks();
          cell.result = await medianRun(() => runTool(job, limitS));
          cell.steal = stealShare(ticks, await cpuTicks());
        } catch (err) {
          cell.notRun = `no result: ${err instanceof Error ? err.message : String(err)}`;
          log(`  ${cell.notRun}`);
          continue;
        }
        rates.record(client, scenario, workers, cell.result);
        log(`  ${cell.result.wallS.toFixed(2)} s, ${cell.result.finished}/${cell.result.total} complete${cell.result.errors.length ? `; ${cell.result.errors[0]}` : ''}`);
      }
    }
  } finally {
    await lab.stop();
  }
  cells.sort((a, b) => a.workers - b.workers);
  return { scenario, cells };
}
