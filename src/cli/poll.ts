// The `poll` command: read the inventory, poll it, log as devices move, write results.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createResolver, ValueSource } from '../core/inventory/references';
import { deviceOutcome, PollRun } from '../core/poll/pollRun';
import { preparePoll } from '../core/poll/pollSetup';
import { describeLimit, describeNewHostKey, describeState } from '../core/poll/progressLog';
import { printable } from '../core/results/printable';
import { renderReport, summaryLine } from '../core/results/render';
import { ReportStream } from '../core/results/renderStream';
import { deviceReport } from '../core/results/report';
import { PollArgs } from './args';
import { ProgressLine } from './progressLine';
import { ResultsFile, ResultsFileError } from './resultsFile';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Registers what to do on Ctrl-C; returns how to unregister. */
  onInterrupt: (cancel: () => void) => () => void;
  /** Values kept out of the inventory: ${env:...}, ${secret:...}, ${prompt:...}. */
  values: ValueSource;
  /** stderr is a terminal: show a live progress line. */
  interactive: boolean;
}

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_UNUSABLE = 2;

export async function pollCommand(args: PollArgs, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(args.inventory, 'utf8');
  } catch (err) {
    io.stderr(`netpoll: cannot read ${printable(args.inventory)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const setup = await preparePoll(text, args.inventory, path.dirname(path.resolve(args.inventory)));
  // Messages quote names and values from the inventory: one line each, whatever they hold.
  for (const d of setup.inventory.diagnostics) io.stderr(`${printable(args.inventory)}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)}\n`);
  for (const problem of setup.problems) io.stderr(`${printable(problem)}\n`);
  if (setup.devices.length === 0) {
    io.stderr(`netpoll: no device in ${printable(args.inventory)} can be polled\n`);
    return EXIT_UNUSABLE;
  }

  let file: ResultsFile | undefined;
  try {
    // Before any device is polled: a results path that cannot be written must not cost a poll.
    file = args.output === undefined ? undefined : ResultsFile.open(args.output);
  } catch (err) {
    if (!(err instanceof ResultsFileError)) throw err;
    io.stderr(`netpoll: ${printable(err.message)}\n`);
    return EXIT_UNUSABLE;
  }

  const progress = new ProgressLine(io.stderr, io.interactive);
  const run = new PollRun({
    inventory: args.inventory,
    devices: setup.devices,
    skipped: setup.skipped,
    commands: args.commands,
    maxWorkers: args.workers,
    order: args.order,
    deadlineMs: args.timeoutSeconds * 1000,
    ssh: {
      threads: args.threads,
      platforms: setup.platforms.platforms,
      platformErrors: setup.platforms.errors,
      hostKeyPolicy: args.hostKeyPolicy,
      knownHostsFile: args.knownHostsFile,
      onNewHostKey: (device, key, notRecorded) => progress.log(`netpoll: ${describeNewHostKey(device.name, key, notRecorded).text}\n`),
      resolve: createResolver(io.values),
    },
  });
  const results = new ReportStream(file ? (text) => file.append(text) : wholeLines((lines) => progress.log(lines, io.stdout)), args.format);
  results.header(run.report());
  // A regular file takes each device the moment it is final, before its log line: whoever sees
  // `Received: R1` can count on R1 being in the file. Stdout and pipes take the run's order.
  const live = file?.replaceable === true;
  if (live) {
    run.executor.on('state', (poll) => {
      if (poll.isFinal) results.device(deviceReport(deviceOutcome(poll)));
    });
  }
  run.executor.on('limited', (sessions, why) => progress.log(`netpoll: ${describeLimit(sessions, why).text}\n`));
  run.executor.on('state', (poll) => {
    const entry = describeState(poll);
    if (entry) progress.log(`${entry.marker} ${clock()} ${entry.text}\n`);
    progress.track(poll);
  });
  const stopListening = io.onInterrupt(() => {
    io.stderr('netpoll: cancelling; results so far will still be written\n');
    run.cancel();
  });
  run.start();
  const streaming = live ? Promise.resolve() : streamInRunOrder(run, results);
  const report = await run.finish();
  await streaming;
  progress.clear();
  stopListening();

  results.footer(report);
  const written = file ? await finishFile(file, live && run.order === 'inventory' ? renderReport(report, args.format) : undefined, io) : true;
  io.stderr(`netpoll: ${summaryLine(report)}\n`);
  if (!written) return EXIT_UNUSABLE;
  return report.summary.finished === report.summary.total ? EXIT_OK : EXIT_SOME_FAILED;
}

/** Closes the results file, first swapping in `ordered` if given; says whether all went well. */
async function finishFile(file: ResultsFile, ordered: string | undefined, io: CliIo): Promise<boolean> {
  try {
    await file.finish(ordered);
  } catch (err) {
    if (!(err instanceof ResultsFileError)) throw err;
    io.stderr(`netpoll: ${printable(err.message)}\n`);
    return false;
  }
  io.stderr(`netpoll: results written to ${printable(file.file)}\n`);
  return true;
}

/**
 * Passes text on in whole lines, keeping a partial last line back for the next call: results on
 * stdout then never share a terminal line with the status line drawn after them.
 */
function wholeLines(write: (lines: string) => void): (text: string) => void {
  let partial = '';
  return (text) => {
    const all = partial + text;
    const end = all.lastIndexOf('\n') + 1;
    partial = all.slice(end);
    if (end > 0) write(all.slice(0, end));
  };
}

async function streamInRunOrder(run: PollRun, results: ReportStream): Promise<void> {
  for await (const poll of run.results()) results.device(deviceReport(deviceOutcome(poll)));
}

function clock(): string {
  const now = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
}
