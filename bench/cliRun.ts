// NetPoll as it ships, measured as a whole process: the bundled command line (dist/cli.js)
// polls the lab's devices.yaml and writes JSON results to a file, as a person would run it.
// Wall time is the process's, from spawn to exit; CPU, peak RSS and event-loop delay come from
// a preload that reports them as the process exits (processUsage.ts). The results file is then
// checked device by device, one line at a time, so a fast run that lost output cannot pass, and
// each command's elapsed time and each session's set-up time are taken from it.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Measurement } from './measure';
import { expectedLines, PollJob, SessionTimes, TimeLimitError, ToolResult } from './tools';

// This file runs from out/bench/; the bundle is dist/ at the root.
export const CLI_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const USAGE_PRELOAD = path.join(__dirname, 'processUsage.js');

export async function runCli(job: PollJob, limitS: number): Promise<ToolResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'netpoll-bench-'));
  try {
    const inventory = path.join(dir, 'devices.yaml');
    const results = path.join(dir, 'results.json');
    const usageFile = path.join(dir, 'usage.json');
    await writeFile(inventory, job.inventoryYaml);
    const args = ['poll', inventory, ...job.commands.flatMap((c) => ['-c', c]), '-w', String(job.workers), '--threads', String(job.threads ?? 'auto'), ...(job.pipeline ? ['--pipeline'] : []), '--host-keys', 'off', '--format', 'json', '-o', results];
    const wallS = await runTimed([...process.execArgv.filter((a) => !a.startsWith('--inspect')), '--require', USAGE_PRELOAD, CLI_BUNDLE, ...args], { ...process.env, NETPOLL_BENCH_USAGE: usageFile }, limitS);
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as Omit<Measurement, 'wallS'>;
    return { wallS, ...usage, ...(await checkResults(results, job)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Seconds from spawn to exit; rejects on a failure to run or a run past `limitS`. Exit 1 (some device failed) is a result. */
function runTimed(args: string[], env: NodeJS.ProcessEnv, limitS: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The per-device log goes nowhere: a terminal or a pipe to read would be work the bench adds.
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitS * 1000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const wallS = (performance.now() - started) / 1000;
      if (signal === 'SIGKILL') reject(new TimeLimitError(`stopped after ${limitS.toFixed(0)} s`));
      else if (code === 0 || code === 1) resolve(wallS);
      else reject(new Error(`netpoll exited with status ${code ?? signal}`));
    });
  });
}

/**
 * Reads the JSON results a line at a time (a 10,000-device file is larger than one string can
 * be): the renderer puts each device's name, status, set-up phase timings, and each command's
 * output and elapsed time on lines of their own. A device counts as finished when it finished
 * with every command's full output; the times are those of the finished devices.
 */
async function checkResults(file: string, job: PollJob): Promise<Pick<ToolResult, 'finished' | 'total' | 'errors' | 'times'>> {
  const expected = expectedLines(job);
  const errors: string[] = [];
  let finished = 0;
  const commandMs: number[][] = job.commands.map(() => []);
  const setUpMs: number[] = [];
  const allCommandsMs: number[] = [];
  let device: { name: string; status: string; counts: number[]; elapsed: number[]; setUp: number } | undefined;
  const settle = () => {
    if (!device) return;
    const wrong = expected.findIndex((lines, i) => device!.counts[i] !== lines);
    if (device.status !== 'finished') errors.push(`${device.name}: ${device.status}`);
    else if (wrong >= 0) errors.push(`${device.name}: \`${job.commands[wrong]}\` gave ${device.counts[wrong] ?? 'no'} lines, the lab printed ${expected[wrong]}`);
    else {
      finished++;
      device.elapsed.forEach((ms, i) => commandMs[i]?.push(ms));
      setUpMs.push(device.setUp);
      allCommandsMs.push(device.elapsed.reduce((a, b) => a + b, 0));
    }
  };
  const member = /^ {6}"(name|status)": (".*"),?$|^ {8}"(connect|auth|prepare)": ([\d.]+),?$|^ {10}(?:"(output)": (".*")|"(elapsedMs)": ([\d.]+)),?$/;
  for await (const line of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const m = member.exec(line);
    if (!m) continue;
    if (m[1] === 'name') {
      settle();
      device = { name: JSON.parse(m[2]) as string, status: '', counts: [], elapsed: [], setUp: 0 };
    } else if (m[1] === 'status') device!.status = JSON.parse(m[2]) as string;
    else if (m[3]) device!.setUp += Number(m[4]);
    else if (m[5]) device!.counts.push((JSON.parse(m[6]) as string).split('\n').length);
    else device!.elapsed.push(Number(m[8]));
  }
  settle();
  const times: SessionTimes | undefined =
    finished === 0 ? undefined : { commandMs: commandMs.map(median), anyCommandMs: median(commandMs.flat()), allCommandsMs: median(allCommandsMs), setUpMs: median(setUpMs) };
  return { finished, total: job.devices.length, errors: errors.slice(0, 3), times };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
