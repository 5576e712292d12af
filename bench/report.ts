// The bench's tables and bench/RESULTS.md: one table per scenario, the long-output table,
// and the targets with what was measured.
import * as os from 'node:os';
import { AUTO_THREADS_FROM_DEVICES, AUTO_THREADS_FROM_SESSIONS, threadsFor } from '../src/core/poll/workerPool';
import { QUIET_SHARE } from './measure';
import { ScalingRow } from './outputScaling';
import { PARSE_RUNS, ParseSpeed } from './parseSpeed';
import { BASELINE_CELL_LIMIT_S, Cell, NETMIKO, ScenarioResult, SHORT_CELL_S } from './scenarios';
import { TargetCheck } from './targets';

export function machine(netmikoVersion: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, netmiko ${netmikoVersion}`;
}

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(String))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const s = (seconds: number) => seconds.toFixed(2);
/** Steal above this is noted under a table: the cell had less CPU than the others. */
const STEAL_NOTE = 0.1;
const x = (ratio: number) => `${ratio.toFixed(2)}×`;

export function scenarioTable({ scenario, cells }: ScenarioResult): string {
  const header = ['scenario', 'tool', 'workers', 'complete', 'wall s', 'ideal s', 'ratio to ideal', 'CPU s', 'peak RSS MB', 'ELD p99 ms', 'netmiko wall s', 'netmiko/NetPoll', 'NetPoll/minimal'];
  const find = (tool: string, workers: number) => cells.find((c) => c.client.tool === tool && c.workers === workers);
  const rows = cells.map((cell: Cell) => {
    const head = [scenario.name, cell.client.label, cell.workers];
    const r = cell.result;
    if (!r) return [...head, '—', cell.notRun ?? 'no result', ...Array(header.length - head.length - 2).fill('—')];
    const ideal = cell.idealS > 0 ? [s(cell.idealS), x(r.wallS / cell.idealS)] : ['0', '—'];
    const compare = ['', '', ''];
    if (cell.client.tool === 'netpoll') {
      const netmiko = find(NETMIKO.tool, cell.workers);
      const minimal = find('minimal', cell.workers)?.result;
      const n = netmiko?.result;
      compare[0] = n ? s(n.wallS) : netmiko?.notRun ?? '—';
      // A netmiko run that lost devices or output is not the same work: no ratio.
      compare[1] = !n ? '—' : n.finished === n.total ? x(n.wallS / r.wallS) : `— (netmiko ${n.finished}/${n.total} complete)`;
      compare[2] = minimal ? x(r.wallS / minimal.wallS) : '—';
    }
    return [...head, `${r.finished}/${r.total}`, s(r.wallS), ...ideal, s(r.cpuS), r.peakRssMb.toFixed(0), r.eldP99Ms === undefined ? '—' : r.eldP99Ms.toFixed(1), ...compare];
  });
  const notes = [
    ...cells.filter((c) => c.result?.errors.length).map((c) => `- ${c.client.label} at ${c.workers} workers, ${c.result!.total - c.result!.finished} not complete, e.g. ${c.result!.errors.join('; ')}`),
    ...cells.filter((c) => (c.busyBefore ?? 0) > QUIET_SHARE).map((c) => `- ${c.client.label} at ${c.workers} workers started while other work kept ${((c.busyBefore ?? 0) * 100).toFixed(0)}% of the CPU busy`),
    ...cells.filter((c) => (c.steal ?? 0) > STEAL_NOTE).map((c) => `- ${c.client.label} at ${c.workers} workers ran with ${((c.steal ?? 0) * 100).toFixed(0)}% of the CPU time stolen by the hypervisor`),
  ];
  return [table(header, rows), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function scalingTable(rows: ScalingRow[]): string {
  // The cost of each added line: between consecutive sizes, so the fixed cost of a command
  // (round trips, the quiet check after the prompt) cancels out. Flat means linear.
  const marginal = rows.map((r, i) => (i === 0 ? '' : (((r.ms - rows[i - 1].ms) / (r.lines - rows[i - 1].lines)) * 1000).toFixed(2)));
  return table(
    ['lines', 'bytes', 'median ms', 'ms per 1000 lines', 'added ms per added 1000 lines'],
    rows.map((r, i) => [r.lines, r.bytes, r.ms.toFixed(1), r.msPerThousandLines.toFixed(2), marginal[i]]),
  );
}

export function parseTable(speed: ParseSpeed): string {
  const marginal = speed.rows.map((r, i) => (i === 0 ? '' : (((r.ms - speed.rows[i - 1].ms) / (r.lines - speed.rows[i - 1].lines)) * 1000).toFixed(3)));
  const rows = table(
    ['lines', 'records', 'median ms', 'records per second', 'ms per 1000 lines', 'added ms per added 1000 lines'],
    speed.rows.map((r, i) => [r.lines, r.records, r.ms.toFixed(2), Math.round(r.recordsPerSecond), r.msPerThousandLines.toFixed(3), marginal[i]]),
  );
  const { cli } = speed;
  return `${rows}\n\n\`netpoll parse --template ${speed.template}\` (dist/cli.js, a whole process, start-up included) on the ${cli.lines}-line output: ${cli.records} records in ${(cli.wallMs / 1000).toFixed(2)} s.`;
}

export function targetsTable(checks: TargetCheck[]): string {
  const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**not met**');
  return table(['target', 'measured', 'verdict', 'gap and likely reason (when not met)'], checks.map((c) => [c.target, c.measured, verdict(c.met), c.met === false ? c.why ?? '' : '']));
}

export interface Results {
  started: Date;
  durationS: number;
  machine: string;
  /** The commit NetPoll was measured at. */
  revision: string;
  /** Share of the run's CPU time the hypervisor took away. */
  steal: number;
  scenarios: ScenarioResult[];
  scaling: ScalingRow[];
  parsing: ParseSpeed;
  targets: TargetCheck[];
}

export function resultsMarkdown(results: Results): string {
  return [
    '# NetPoll benchmark results',
    '',
    `Run ${results.started.toISOString()} on ${results.machine}, NetPoll at ${results.revision}; the whole run took ${(results.durationS / 60).toFixed(1)} min (\`npm run bench\`).`,
    '',
    '## How it is measured',
    '',
    '- The device lab (simulated cisco_ios devices over real SSH on 127.0.0.1) runs in a process of its own,',
    '  so it uses the other core and the numbers below are the client\'s alone. Every cell is one poll',
    '  in a fresh process: wall time of the poll, CPU seconds (user + system, worker threads included),',
    '  peak RSS of the process, and the main thread\'s event-loop delay p99 during the poll.',
    '- **NetPoll**: the bundled command line, `dist/cli.js`, as a whole process (`netpoll poll devices.yaml -c ... -w N',
    '  --host-keys off --format json -o results.json`): its wall time is from spawn to exit, start-up, poll store and',
    '  results file included; CPU, peak RSS and event-loop delay are reported by a preload as it exits (bench/cliRun.ts).',
    '  The results file is then checked device by device. As it ships: `threads=auto`, which keeps fewer than',
    `  ${AUTO_THREADS_FROM_SESSIONS} sessions at once (and fewer than ${AUTO_THREADS_FROM_DEVICES} devices) on the main thread; a larger poll on the command line runs in one worker`,
    `  thread per core but one (at most 4) where that makes two or more, else on the main thread too (here ${threadsFor('auto', { sessionsAtOnce: AUTO_THREADS_FROM_SESSIONS, devices: AUTO_THREADS_FROM_DEVICES, servesEditor: false })}).`,
    '  **NetPoll threads=0** keeps every session on the main thread.',
    '  **minimal ssh2**: a hand-written ssh2',
    '  client doing only login, `enable`, `terminal length 0` and the commands (bench/minimalClient.ts).',
    '  **netmiko**: `ThreadPoolExecutor` + `submit` + `as_completed` over `ConnectHandler`, `enable()`,',
    '  `send_command` (bench/netmiko_poll.py). "complete" counts devices whose every command brought back as',
    '  many lines as the lab printed; a netmiko run that is not complete gets no netmiko/NetPoll ratio.',
    '- ELD p99 is shown for both Node clients: the minimal client\'s is what SSH alone costs the main thread.',
    '- The latency lab takes 1 s to log a client in (from its SSH hello to the answer to its password, so the',
    '  handshake is part of it) and answers each `show` command after 0.3 s; session setup lines (`enable`,',
    '  its secret, `terminal` settings) are answered at once. Ideal = ceil(N/W) × (1 s + commands × 0.3 s).',
    '- The lab echoes what each read brings as one write, as a device does.',
    '- The 5 commands: `' + results.scenarios.find((r) => r.scenario.commands.length === 5)?.scenario.commands.join('`, `') + '`',
    '  (the lab\'s IOS knows four show commands; `show running-config` is 6,000 lines, about 141 kB).',
    `- To keep the whole run near 20 minutes, a baseline cell (netmiko or the minimal client) estimated to take over`,
    `  ${BASELINE_CELL_LIMIT_S} s is not run unless a target needs it; the estimate is max(ceil(N/W) × one device's time, N × CPU`,
    '  per device), from the same tool\'s measured runs of the same work. A run with an estimate is stopped at twice it.',
    `- Cells shorter than ${SHORT_CELL_S} s are run 3 times, in rounds across the tools of a row, and show the run with the`,
    `  median wall time. Each run first waits until other work leaves the machine quiet (under ${QUIET_SHARE * 100}% of its CPU`,
    `  busy). Notes under a table name cells that ran anyway, and cells that ran with over ${STEAL_NOTE * 100}% of the CPU time`,
    `  stolen by the hypervisor. This is a shared VM (over the whole run the hypervisor took ${(results.steal * 100).toFixed(0)}% of the`,
    '  CPU time): expect noise of tens of percent from cell to cell; compare tools within a row.',
    '',
    '## Targets',
    '',
    targetsTable(results.targets),
    '',
    ...results.scenarios.flatMap((r) => [`## ${r.scenario.name}`, '', scenarioTable(r), '']),
    '## One device, one long output',
    '',
    'Median of 5 reads of `show running-config` by one NetPoll session from one lab device (cisco_ios,',
    'no added latency, the lab in its own process), over real SSH on 127.0.0.1. Reading is linear when',
    'the added time per added 1000 lines stays flat as the output grows (a reader that rescans its whole',
    'buffer would see it grow with the size).',
    '',
    scalingTable(results.scaling),
    '',
    '## TextFSM parsing',
    '',
    `Median of ${PARSE_RUNS} runs of the TextFSM engine on the lab's \`show running-config\` of growing length, with the`,
    `project's template \`${results.parsing.template}\` (a record per interface, the hostname filled down),`,
    'in-process after three passes; the engine has no native parts, so the bundle runs the same code. Linear',
    'when the added time per added 1000 lines stays flat.',
    '',
    parseTable(results.parsing),
    '',
  ].join('\n');
}
