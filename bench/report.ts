// The bench's tables and bench/RESULTS.md: one table per scenario (one for all the link RTT
// cells), the long-output table, and the targets with what was measured.
import * as os from 'node:os';
import { AUTO_THREADS_FROM_DEVICES, AUTO_THREADS_FROM_SESSIONS, threadsFor } from '../src/core/poll/workerPool';
import { QUIET_SHARE } from './measure';
import { ScalingRow } from './outputScaling';
import { PARSE_RUNS, ParseSpeed } from './parseSpeed';
import { BASELINE_CELL_LIMIT_S, Cell, MINIMAL, NETMIKO, ScenarioResult, SHORT_CELL_S } from './scenarios';
import { COMMAND_RTT_BOUND, TargetCheck } from './targets';
import { ToolResult } from './tools';

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
    return [...head, `${r.finished}/${r.total}`, wall(r), ...ideal, s(r.cpuS), r.peakRssMb.toFixed(0), r.eldP99Ms === undefined ? '—' : r.eldP99Ms.toFixed(1), ...compare];
  });
  return [table(header, rows), ...notesOn(cells, (c) => `${c.client.label} at ${c.workers} workers`)].join('\n');
}

/** A cell's wall time; the minimal client's poll alone beside it. */
function wall(r: ToolResult): string {
  return r.pollS === undefined ? s(r.wallS) : `${s(r.wallS)} (poll ${s(r.pollS)})`;
}

/** Lines under a table about cells that lost devices or ran on a busy or robbed machine. */
function notesOn(cells: Cell[], name: (cell: Cell) => string): string[] {
  const notes = [
    ...cells.filter((c) => c.result?.errors.length).map((c) => `- ${name(c)}, ${c.result!.total - c.result!.finished} not complete, e.g. ${c.result!.errors.join('; ')}`),
    ...cells.filter((c) => (c.busyBefore ?? 0) > QUIET_SHARE).map((c) => `- ${name(c)} started while other work kept ${((c.busyBefore ?? 0) * 100).toFixed(0)}% of the CPU busy`),
    ...cells.filter((c) => (c.steal ?? 0) > STEAL_NOTE).map((c) => `- ${name(c)} ran with ${((c.steal ?? 0) * 100).toFixed(0)}% of the CPU time stolen by the hypervisor`),
  ];
  return notes.length ? ['', ...notes] : [];
}

/**
 * The link RTT cells, one row per RTT and client: wall and CPU time, wall time against the
 * minimal client's, and, from NetPoll's results, its median session's set-up and commands in
 * round trips (in ms on a lab without added RTT); a pipelined poll's commands only together.
 */
export function rttTable(results: ScenarioResult[]): string {
  const header = ['RTT ms', 'tool', 'complete', 'wall s', 'wall RTTs', 'CPU s', 'peak RSS MB', 'ratio to minimal', 'median set-up', 'median all commands', 'median command', 'median by command'];
  const sorted = [...results].sort((a, b) => (a.scenario.rttMs ?? 0) - (b.scenario.rttMs ?? 0));
  const rows = sorted.flatMap(({ scenario, cells }) => {
    const rttMs = scenario.rttMs ?? 0;
    const inTrips = (millis: number) => (rttMs > 0 ? `${(millis / rttMs).toFixed(2)} RTT` : `${millis.toFixed(0)} ms`);
    const minimal = cells.find((c) => c.client.label === MINIMAL.label)?.result;
    return cells.map((cell) => {
      const head = [rttMs, cell.client.label];
      const r = cell.result;
      if (!r) return [...head, '—', cell.notRun ?? 'no result', ...Array(header.length - head.length - 2).fill('—')];
      const t = r.times;
      return [
        ...head,
        `${r.finished}/${r.total}`,
        wall(r),
        rttMs > 0 ? ((r.wallS * 1000) / rttMs).toFixed(1) : '—',
        s(r.cpuS),
        r.peakRssMb.toFixed(0),
        minimal && cell.client.label !== MINIMAL.label ? x(r.wallS / minimal.wallS) : '',
        t ? inTrips(t.setUpMs) : '',
        t ? inTrips(t.allCommandsMs) : '',
        // Pipelined commands share their round trip: one command's time says little.
        t && !cell.client.pipeline ? inTrips(t.anyCommandMs) : '—',
        t && !cell.client.pipeline ? t.commandMs.map((c) => (rttMs > 0 ? (c / rttMs).toFixed(2) : c.toFixed(0))).join(' / ') : '—',
      ];
    });
  });
  const notes = notesOn(
    sorted.flatMap((r) => r.cells.map((c) => ({ ...c, client: { ...c.client, label: `${c.client.label} at ${r.scenario.rttMs ?? 0} ms RTT` } }))),
    (c) => c.client.label,
  );
  return [table(header, rows), ...notes].join('\n');
}

export function scalingTable(rows: ScalingRow[]): string {
  // The cost of each added line: between consecutive sizes, so the fixed cost of a command
  // (its round trips and the like) cancels out. Flat means linear.
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

function rttNotes(scenarios: ScenarioResult[]): string[] {
  const rtts = scenarios.filter((r) => r.scenario.kind === 'rtt');
  if (rtts.length === 0) return [];
  return [
    `- The RTT lab holds every byte for half the round-trip time (${rtts.map((r) => r.scenario.rttMs).join(', ')} ms) on its way each way between`,
    '  client and device, and adds no login or command time of its own. "wall RTTs" is the wall time in round trips;',
    '  NetPoll\'s "median set-up" (connect, auth and session preparation), "median all commands" (a device\'s commands',
    '  together) and "median command" come from the `timings` and `elapsedMs` of its JSON results, medians over the',
    '  finished devices ("by command": in the order sent), in round trips; with `--pipeline` only all commands together count;',
    `  the target for a command is about one round trip (≤ ${COMMAND_RTT_BOUND} RTT) when the device answers at once.`,
    '  **NetPoll --pipeline** is `netpoll poll --pipeline`: all of a device\'s commands sent at once after set-up.',
  ];
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
    '  client doing only login, `enable`, `terminal length 0` and the commands (bench/minimalClient.ts), in a',
    '  process of its own; like NetPoll\'s, its wall time counts from the process\'s start (loading Node and ssh2)',
    '  to the answers in hand; its poll alone is given beside it where the tables have room.',
    '  **netmiko**: `ThreadPoolExecutor` + `submit` + `as_completed` over `ConnectHandler`, `enable()`,',
    '  `send_command` (bench/netmiko_poll.py). "complete" counts devices whose every command brought back as',
    '  many lines as the lab printed; a netmiko run that is not complete gets no netmiko/NetPoll ratio.',
    '- ELD p99 is shown for both Node clients: the minimal client\'s is what SSH alone costs the main thread.',
    '- The latency lab takes 1 s to log a client in (from its SSH hello to the answer to its password, so the',
    '  handshake is part of it) and answers each `show` command after 0.3 s; session setup lines (`enable`,',
    '  its secret, `terminal` settings) are answered at once. Ideal = ceil(N/W) × (1 s + commands × 0.3 s).',
    '- The lab echoes what each read brings as one write, as a device does.',
    ...rttNotes(results.scenarios),
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
    ...results.scenarios.flatMap((r, i, all) => {
      if (r.scenario.kind !== 'rtt') return [`## ${r.scenario.name}`, '', scenarioTable(r), ''];
      // All the RTT cells in one table, where the first of them stands.
      if (all.findIndex((o) => o.scenario.kind === 'rtt') !== i) return [];
      const rtts = all.filter((o) => o.scenario.kind === 'rtt');
      const { devices, commands, workers } = r.scenario;
      return [`## ${devices} devices × ${commands.length} commands at ${workers.join(', ')} workers, link RTT ${rtts.map((o) => o.scenario.rttMs).join(', ')} ms`, '', rttTable(rtts), ''];
    }),
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
