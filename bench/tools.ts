// The clients the bench compares, each run for one poll in a fresh process of its own, so
// its CPU time and peak memory are that poll's alone: NetPoll's bundled command line
// (cliRun.ts), the minimal ssh2 baseline (clientProcess.ts), and the classic netmiko +
// ThreadPoolExecutor script (netmiko_poll.py).
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ThreadsSetting } from '../src/core/poll/workerPool';
import { expectedOutput } from '../test/lab/expected';
import { LabDevice } from '../test/lab/lab';
import { runCli } from './cliRun';
import { Measurement } from './measure';

export type ToolName = 'netpoll' | 'minimal' | 'netmiko';

export interface PollJob {
  tool: ToolName;
  devices: LabDevice[];
  /** The same devices as devices.yaml, for NetPoll. */
  inventoryYaml: string;
  commands: string[];
  workers: number;
  /** NetPoll's worker threads (0: every session on the main thread) or auto; absent: its default. */
  threads?: ThreadsSetting;
  /** NetPoll only: `--pipeline`. */
  pipeline?: boolean;
}

/** What NetPoll's results say its sessions spent their time on, ms (medians over the finished devices). */
export interface SessionTimes {
  /** Each command's `elapsedMs`, by its place in the job's commands. */
  commandMs: number[];
  /** Every command of every finished device. */
  anyCommandMs: number;
  /** A device's commands together, first sent to last answered. */
  allCommandsMs: number;
  /** From the start of the connection to the first command: connect + auth + prepare. */
  setUpMs: number;
}

export interface ToolResult extends Omit<Measurement, 'eldP99Ms'> {
  /** Node clients only. */
  eldP99Ms?: number;
  /** Devices that finished with every command's full output. */
  finished: number;
  total: number;
  /** The first few failures, for the report. */
  errors: string[];
  /** NetPoll only, from its results file. */
  times?: SessionTimes;
  /** The minimal client only: its poll alone, without the process's start (wallS counts from it). */
  pollS?: number;
}

/**
 * Lines of output the lab prints for each of the job's commands: a device whose answers
 * have other counts lost output. Counts do not depend on the hostname, so one device serves.
 */
export function expectedLines(job: PollJob): number[] {
  return job.commands.map((command) => expectedOutput('cisco_ios', job.devices[0].name, command).length);
}

/** What netmiko_poll.py prints. */
interface NetmikoOutput {
  wall_seconds: number;
  cpu_seconds: number;
  peak_rss_mb: number;
  finished: number;
  errors: string[];
}

/** bench/ in the source tree (this file runs from out/bench/). */
export const BENCH_SOURCE_DIR = path.resolve(__dirname, '..', '..', 'bench');
// Debian's Python, where python3-netmiko is installed (not whatever python3 is first on PATH).
export const PYTHON = '/usr/bin/python3';

/** A poll still running at its time limit, and stopped. */
export class TimeLimitError extends Error {}

/** Runs one poll; rejects if it fails, or is still running after `limitS` seconds (it is then killed). */
export async function runTool(job: PollJob, limitS: number): Promise<ToolResult> {
  if (job.tool === 'netpoll') return runCli(job, limitS);
  if (job.tool === 'minimal') return (await runJson(process.execPath, [path.join(__dirname, 'clientProcess.js')], job, limitS)) as ToolResult;
  const request = {
    devices: job.devices.map((d) => ({
      device_type: d.platform,
      host: d.host,
      port: d.port,
      username: d.username,
      password: d.password,
      secret: d.secret,
    })),
    commands: job.commands,
    expected_lines: expectedLines(job),
    workers: job.workers,
  };
  const out = (await runJson(PYTHON, [path.join(BENCH_SOURCE_DIR, 'netmiko_poll.py')], request, limitS)) as NetmikoOutput;
  return { wallS: out.wall_seconds, cpuS: out.cpu_seconds, peakRssMb: out.peak_rss_mb, finished: out.finished, total: job.devices.length, errors: out.errors };
}

/** Runs a program with `input` as JSON on stdin and returns the JSON it prints. */
function runJson(command: string, args: string[], input: unknown, limitS: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, limitS * 1000);
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (killed) return reject(new TimeLimitError(`stopped after ${limitS.toFixed(0)} s`));
      if (code !== 0) return reject(new Error(`${path.basename(args[0])} exited with status ${code}`));
      resolve(JSON.parse(Buffer.concat(out).toString()));
    });
    child.stdin.end(JSON.stringify(input));
  });
}
