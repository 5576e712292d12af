// The targets, checked against the measured cells: each with its value, met or not, and, when
// not met, the gap and what the measurements say about why. NetPoll is the bundled command
// line run as a whole process (cliRun.ts); the minimal client runs in the same run, on the same lab.
import { BUILTIN_PLATFORMS } from '../src/core/platforms/builtins';
import { threadsFor } from '../src/core/poll/workerPool';
import { Cell, Client, MINIMAL, NETMIKO, NETPOLL, NETPOLL_PIPELINE, ScenarioResult } from './scenarios';
import { ToolResult } from './tools';

export interface TargetCheck {
  target: string;
  measured: string;
  /** Undefined: a cell it needs has no result. */
  met: boolean | undefined;
  /** When not met: the gap and its likely reason. */
  why?: string;
}

const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const ms = (millis: number) => `${millis.toFixed(0)} ms`;
const IOS = BUILTIN_PLATFORMS.get('cisco_ios')!;

function cell(result: ScenarioResult | undefined, client: Client, workers: number): Cell | undefined {
  return result?.cells.find((c) => c.client.label === client.label && c.workers === workers && c.result);
}

function missing(target: string): TargetCheck {
  return { target, measured: 'not measured (a cell it needs has no result)', met: undefined };
}

/** The targets of the scenarios measured (a run of some parts only checks theirs). */
export function checkTargets(results: ScenarioResult[]): TargetCheck[] {
  const seeds = results.filter((r) => r.scenario.kind === 'seed');
  const seedZero = seeds.find((r) => !r.scenario.latency && r.scenario.commands.length === 1);
  const seedLatency = seeds.filter((r) => r.scenario.latency);
  const rtts = results.filter((r) => r.scenario.kind === 'rtt');
  const scale = results.find((r) => r.scenario.kind === 'scale');
  const configs = results.find((r) => r.scenario.kind === 'configs');
  return [
    ...(seeds.length ? [...speed(seedZero), latency(seedLatency)] : []),
    ...(rtts.length ? roundTrips(rtts) : []),
    ...(scale ? atScale(scale) : []),
    ...(configs ? manyConfigs(configs) : []),
  ];
}

function speed(seed: ScenarioResult | undefined): TargetCheck[] {
  const netpoll = cell(seed, NETPOLL, 40)?.result;
  const netmiko = cell(seed, NETMIKO, 40)?.result;
  const minimal = cell(seed, MINIMAL, 40)?.result;
  const vsNetmiko = '≥ 15× faster than netmiko (zero-latency lab, 40 × 1 at 40 workers)';
  const vsMinimal = '≤ 1.3× the minimal ssh2 client (zero-latency lab, 40 × 1 at 40 workers)';
  if (!netpoll || !minimal) return [missing(vsNetmiko), missing(vsMinimal)];
  const ratio = netpoll.wallS / minimal.wallS;
  const checks: TargetCheck[] = [];
  if (netmiko) {
    const speedup = netmiko.wallS / netpoll.wallS;
    const bound = netmiko.wallS / minimal.wallS;
    checks.push({
      target: vsNetmiko,
      measured: `${x(speedup)} (netmiko ${s(netmiko.wallS)}, NetPoll ${s(netpoll.wallS)})`,
      met: speedup >= 15,
      why:
        `${x(15 / speedup)} short. The minimal client is ${x(bound)} faster than netmiko here (${s(minimal.wallS)}; the lab's own work for ` +
        `40 simultaneous logins bounds every client), so ` +
        (bound < 15 ? 'no client doing the same SSH work reaches 15× on this lab' : `15× needs NetPoll within ${x(bound / 15)} of the minimal client`) +
        `; NetPoll is at ${x(ratio)} the minimal client (next target)`,
    });
  } else checks.push(missing(vsNetmiko));
  // One worker shows a session's own cost, without the lab's crowd.
  const one = [cell(seed, NETPOLL, 1)?.result, cell(seed, MINIMAL, 1)?.result];
  const perDevice = one.every(Boolean) ? one.map((r) => ((r!.wallS / r!.total) * 1000).toFixed(0)) : undefined;
  const times = netpoll.times;
  checks.push({
    target: vsMinimal,
    measured: `${x(ratio)} (NetPoll ${s(netpoll.wallS)}, minimal ${s(minimal.wallS)}; CPU ${s(netpoll.cpuS)} vs ${s(minimal.cpuS)})`,
    met: ratio <= 1.3,
    why:
      `${s(netpoll.wallS - minimal.wallS)} slower. ` +
      (perDevice ? `At 1 worker a NetPoll session takes ${perDevice[0]} ms, the minimal client's ${perDevice[1]} ms. ` : '') +
      (times ? `At 40 workers NetPoll's median session spent ${ms(times.setUpMs)} connecting, logging in and preparing the session, and its median command ${ms(times.anyCommandMs)}. ` : '') +
      `NetPoll sends \`${IOS.onOpen.join('`, `')}\` on open where the minimal client sends only \`terminal length 0\`. Both figures count from the process's start (loading the bundle ` +
      `takes NetPoll about 0.2 s here; the minimal client's own poll took ${s(minimal.pollS ?? minimal.wallS)}); and NetPoll used ${x(netpoll.cpuS / minimal.cpuS)} the minimal client's CPU (see the scale targets)`,
  });
  return checks;
}

function latency(seeds: ScenarioResult[]): TargetCheck {
  const target = '≤ 1.10× the ideal critical path on the latency lab (every seed cell)';
  const cells = seeds.flatMap((r) => r.cells.filter((c) => c.client.label === NETPOLL.label && c.result).map((c) => ({ r, c, ratio: c.result!.wallS / c.idealS })));
  if (cells.length === 0) return missing(target);
  const worst = cells.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const best = cells.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  const where = ({ r, c }: (typeof cells)[number]) => `${r.scenario.commands.length} command${r.scenario.commands.length > 1 ? 's' : ''} at ${c.workers} worker${c.workers > 1 ? 's' : ''}`;
  const minimal = cell(worst.r, MINIMAL, worst.c.workers)?.result;
  const times = worst.c.result!.times;
  const lab = worst.r.scenario.latency!;
  return {
    target,
    measured: `worst ${x(worst.ratio)} (${where(worst)}: ${s(worst.c.result!.wallS)} vs ideal ${s(worst.c.idealS)}); best ${x(best.ratio)} (${where(best)})`,
    met: worst.ratio <= 1.1,
    why:
      `${x(worst.ratio / 1.1)} over at worst, ${s(worst.c.result!.wallS - worst.c.idealS)} above the ideal. ` +
      (times
        ? `NetPoll's median session there spent ${ms(times.setUpMs)} connecting, logging in and preparing (the lab's login takes ${ms(lab.loginMs)}), ` +
          `and its median command took ${ms(times.anyCommandMs)} (the lab answers in ${ms(lab.showMs)}); the process adds its start-up and exit. `
        : 'The process adds its start-up and exit. ') +
      `The rest comes from ${worst.c.workers} sessions moving in step on 2 cores shared with the lab process: their logins, and then their outputs, all come due together. ` +
      (minimal ? `The minimal client took ${x(minimal.wallS / worst.c.idealS)} the ideal in the same cell, using ${s(minimal.cpuS)} of CPU against NetPoll's ${s(worst.c.result!.cpuS)}.` : ''),
  };
}

/** Wall-time bounds against the minimal client on a lab with a link RTT: NetPoll as it ships, and with `--pipeline`. */
export const RTT_BOUNDS: { client: Client; rttMs: number; bound: number }[] = [
  { client: NETPOLL, rttMs: 50, bound: 1.1 },
  { client: NETPOLL, rttMs: 200, bound: 1.1 },
  { client: NETPOLL_PIPELINE, rttMs: 50, bound: 0.85 },
  { client: NETPOLL_PIPELINE, rttMs: 200, bound: 0.8 },
];
/** "About one round trip": NetPoll's median command, in RTTs, on a lab whose devices answer at once. */
export const COMMAND_RTT_BOUND = 1.25;
const RTT_WORKERS = 40;

/** `millis` in round trips of `rttMs`. */
const trips = (millis: number, rttMs: number) => `${(millis / rttMs).toFixed(2)} RTT`;

function roundTrips(rtts: ScenarioResult[]): TargetCheck[] {
  const at = (rttMs: number) => rtts.find((r) => (r.scenario.rttMs ?? 0) === rttMs);
  // The same poll without added RTT: what does not grow with distance.
  const zero = at(0);
  const walls = RTT_BOUNDS.map(({ client, rttMs, bound }): TargetCheck => {
    const r = at(rttMs);
    const how = client.pipeline ? 'NetPoll with `--pipeline`' : 'NetPoll with default settings';
    const target = `≤ ${x(bound)} the minimal ssh2 client's wall time, ${how} (${rttMs} ms RTT lab, 40 × 5 at ${RTT_WORKERS} workers)`;
    const netpoll = cell(r, client, RTT_WORKERS)?.result;
    const minimal = cell(r, MINIMAL, RTT_WORKERS)?.result;
    if (!netpoll || !minimal) return missing(target);
    const ratio = netpoll.wallS / minimal.wallS;
    const inTrips = (seconds: number) => `${((seconds * 1000) / rttMs).toFixed(1)} RTT`;
    const t = netpoll.times;
    const commandsMs = t?.allCommandsMs ?? 0;
    const over = netpoll.wallS - bound * minimal.wallS;
    return {
      target,
      measured:
        `${x(ratio)} (NetPoll ${s(netpoll.wallS)} = ${inTrips(netpoll.wallS)}, minimal ${s(minimal.wallS)} = ${inTrips(minimal.wallS)}; ` +
        `CPU ${s(netpoll.cpuS)} vs ${s(minimal.cpuS)}${t ? `; NetPoll's median session: set-up ${trips(t.setUpMs, rttMs)}, commands ${trips(commandsMs, rttMs)}` : ''}` +
        `${netpoll.finished < netpoll.total ? `; ${netpoll.finished}/${netpoll.total} complete` : ''})`,
      met: ratio <= bound && netpoll.finished === netpoll.total,
      why:
        (ratio <= bound ? `${netpoll.total - netpoll.finished} devices did not finish with full output. ` : '') +
        (over > 0 ? `${s(over)} (${inTrips(over)}) over the bound of ${s(bound * minimal.wallS)}. ` : '') +
        (t
          ? `NetPoll's median session spent ${ms(t.setUpMs)} (${trips(t.setUpMs, rttMs)}) connecting, logging in and preparing, then ${ms(commandsMs)} (${trips(commandsMs, rttMs)}) ` +
            `on its ${t.commandMs.length} commands${client.pipeline ? '' : ` (medians ${t.commandMs.map((c) => (c / rttMs).toFixed(2)).join(', ')} RTT)`}; the other ` +
            `${ms(Math.max(0, netpoll.wallS * 1000 - t.setUpMs - commandsMs))} of its wall time is outside the median session: the process's start-up and exit, and the slower sessions. `
          : '') +
        `The minimal client took ${inTrips(minimal.wallS)} from its process's start, its poll alone ${inTrips(minimal.pollS ?? minimal.wallS)}.` +
        atZero(cell(zero, client, RTT_WORKERS)?.result, cell(zero, MINIMAL, RTT_WORKERS)?.result) +
        (netpoll.errors.length ? ` First failure: ${netpoll.errors[0]}` : ''),
    };
  });
  const perCommand = rtts
    .filter((r) => (r.scenario.rttMs ?? 0) > 0)
    .sort((a, b) => a.scenario.rttMs! - b.scenario.rttMs!)
    .map((r) => ({ rttMs: r.scenario.rttMs!, commands: r.scenario.commands, times: cell(r, NETPOLL, RTT_WORKERS)?.result?.times }));
  const target = `Each command about one round trip plus the device's own time: NetPoll's median command ≤ ${COMMAND_RTT_BOUND} RTT (default settings, 40 × 5 at ${RTT_WORKERS} workers, lab devices that answer at once; at ${perCommand.map((p) => `${p.rttMs}`).join(', ') || 'every'} ms RTT)`;
  if (perCommand.length === 0 || perCommand.some((p) => !p.times)) return [...walls, missing(target)];
  const measuredAt = perCommand.map(({ rttMs, commands, times }) => {
    const slowest = times!.commandMs.reduce((worst, c, i) => (c > times!.commandMs[worst] ? i : worst), 0);
    return `median command ${trips(times!.anyCommandMs, rttMs)} at ${rttMs} ms (${ms(times!.anyCommandMs)}; slowest by median \`${commands[slowest]}\` ${trips(times!.commandMs[slowest], rttMs)})`;
  });
  const over = perCommand.filter((p) => p.times!.anyCommandMs / p.rttMs > COMMAND_RTT_BOUND);
  const zeroTimes = cell(zero, NETPOLL, RTT_WORKERS)?.result?.times;
  return [
    ...walls,
    {
      target,
      measured: measuredAt.join('; '),
      met: over.length === 0,
      why: over
        .map(({ rttMs, commands, times }) => `At ${rttMs} ms the median command took ${ms(times!.anyCommandMs)}, ${ms(times!.anyCommandMs - rttMs)} more than one round trip; by command: ${commands.map((c, i) => `\`${c}\` ${trips(times!.commandMs[i], rttMs)}`).join(', ')}.`)
        .join(' ') + (zeroTimes ? ` Without added RTT the same commands took ${zeroTimes.commandMs.map((c) => c.toFixed(0)).join(' / ')} ms (median ${ms(zeroTimes.anyCommandMs)}).` : ''),
    },
  ];
}

/** The same poll without added RTT, when measured: the time that does not come from round trips. */
function atZero(netpoll: ToolResult | undefined, minimal: ToolResult | undefined): string {
  if (!netpoll || !minimal) return '';
  const t = netpoll.times;
  return (
    ` Without added RTT the same poll took NetPoll ${s(netpoll.wallS)} and the minimal client ${s(minimal.wallS)}` +
    (t ? ` (NetPoll's median session: set-up ${ms(t.setUpMs)}, commands ${ms(t.allCommandsMs)})` : '') +
    '.'
  );
}

function atScale(scale: ScenarioResult): TargetCheck[] {
  const { scenario } = scale;
  return scenario.workers.flatMap((workers) => {
    const minimal = cell(scale, MINIMAL, workers)?.result;
    return scenario.clients
      .filter((c) => c.tool === 'netpoll')
      .map((client): TargetCheck => {
        const threads = threadsFor(client.threads ?? 'auto', { sessionsAtOnce: Math.min(scenario.devices, workers), devices: scenario.devices, servesEditor: false });
        const target = `${scenario.devices} × ${scenario.commands.length} at ${workers} workers, ${client.label} (${where(threads)}): all finished, peak RSS ≤ the minimal client's, wall ≤ 1.3× the minimal client's`;
        const r = cell(scale, client, workers)?.result;
        if (!r || !minimal) return missing(target);
        return verdict(target, r, [
          finishedCheck(r),
          {
            ok: r.peakRssMb <= minimal.peakRssMb,
            text: `peak RSS ${r.peakRssMb.toFixed(0)} MB vs minimal ${minimal.peakRssMb.toFixed(0)} MB`,
            why: `Peak RSS ${x(r.peakRssMb / minimal.peakRssMb)} the minimal client's, although NetPoll keeps no output once it is stored and the minimal client keeps them all: what the sessions open at once hold (received chunks, each reply, its cleaned text, until a collection)${threads > 0 ? ' and the worker thread with its copies' : ''} weighs more than the outputs themselves.`,
          },
          {
            ok: r.wallS <= 1.3 * minimal.wallS,
            text: `wall ${s(r.wallS)} vs minimal ${s(minimal.wallS)} (${x(r.wallS / minimal.wallS)})`,
            why: `Wall ${x(r.wallS / minimal.wallS)} the minimal client's; NetPoll used ${x(r.cpuS / minimal.cpuS)} its CPU (${s(r.cpuS)} vs ${s(minimal.cpuS)}), and with 2 cores, one of them taken by the lab process, CPU time is wall time. Per command NetPoll also cleans the output, checks it for failure indicators and removes secrets from it, and it writes every device to the results file as it ends${r.times ? `; its median command took ${ms(r.times.anyCommandMs)}, its median set-up ${ms(r.times.setUpMs)}` : ''}.`,
          },
        ]);
      });
  });
}

function manyConfigs(configs: ScenarioResult): TargetCheck[] {
  const { scenario } = configs;
  return scenario.workers.map((workers): TargetCheck => {
    const threads = threadsFor(NETPOLL.threads ?? 'auto', { sessionsAtOnce: Math.min(scenario.devices, workers), devices: scenario.devices, servesEditor: false });
    const target = `${scenario.devices} × \`${scenario.commands.join('`, `')}\` at ${workers} workers, ${NETPOLL.label} (${where(threads)}): all finished, peak RSS < 400 MB`;
    const r = cell(configs, NETPOLL, workers)?.result;
    if (!r) return missing(target);
    return verdict(target, r, [
      finishedCheck(r),
      {
        ok: r.peakRssMb < 400,
        text: `peak RSS ${r.peakRssMb.toFixed(0)} MB (wall ${s(r.wallS)}, CPU ${s(r.cpuS)})`,
        why: `Peak RSS ${r.peakRssMb.toFixed(0)} MB: what ${workers} sessions at once hold with their replies in flight, until a collection${threads > 0 ? ', and the worker thread: a second JavaScript heap, and a copy of every output as it passes to the main thread' : ''}.`,
      },
    ]);
  });
}

interface Check {
  ok: boolean;
  text: string;
  why: string;
}

const where = (threads: number) => (threads > 0 ? `${threads} worker thread${threads > 1 ? 's' : ''}` : 'main thread');

function finishedCheck(r: ToolResult): Check {
  return { ok: r.finished === r.total, text: `${r.finished}/${r.total} finished`, why: `${r.total - r.finished} devices did not finish with full output.` };
}

function verdict(target: string, r: ToolResult, checks: Check[]): TargetCheck {
  const failed = checks.filter((c) => !c.ok);
  return {
    target,
    measured: checks.map((c) => `${c.text} ${c.ok ? '✓' : '✗'}`).join('; '),
    met: failed.length === 0,
    why: failed.map((c) => c.why).join(' ') + (r.errors.length ? ` First failure: ${r.errors[0]}` : ''),
  };
}
