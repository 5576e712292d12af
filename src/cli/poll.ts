// The `poll` command: read the inventory, poll it, log as devices move, write results.
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createResolver, ValueSource } from '../core/inventory/references';
import { PollParsing, templatesFolder } from '../core/poll/pollParsing';
import { PollRun } from '../core/poll/pollRun';
import { PollStorage } from '../core/poll/pollStorage';
import { preparePoll } from '../core/poll/pollSetup';
import { describeCommand, describeLimit, describeNewHostKey, describeNotice, describeState } from '../core/poll/progressLog';
import { printable } from '../core/results/printable';
import { StoreError } from '../core/results/pollStoreWriter';
import { ReportRenderer, ResultsFormat, summaryLine } from '../core/results/render';
import { ReportStream } from '../core/results/renderStream';
import { openPoll, prunePolls } from '../core/results/storedPolls';
import { renderStoredPoll } from '../core/results/storedRender';
import { PollArgs } from './args';
import { ProgressLine } from './progressLine';
import { recordsCsvRenderer } from './recordsCsv';
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

  const inventoryDir = path.dirname(path.resolve(args.inventory));
  // Every template the poll can need is read and compiled once, now; one that cannot be used is said now too.
  const parsing = await PollParsing.prepare(setup.devices, {
    enabled: args.parse,
    templatesDir: templatesFolder(args.templatesDir, process.env, inventoryDir),
    inventoryDir,
    commands: args.commands,
    platforms: setup.platforms.platforms,
  });
  for (const problem of parsing?.problems ?? []) io.stderr(`netpoll: cannot parse with TextFSM: ${printable(problem)}\n`);
  if (args.format === 'csv' && !parsing) {
    io.stderr('netpoll: --format csv writes parsed records, and nothing here is parsed: add --parse (or parse: to devices in the inventory)\n');
    return EXIT_UNUSABLE;
  }
  const format = args.format === 'csv' ? recordsCsvRenderer(parsing!.columns) : args.format;

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
      pipeline: args.pipeline,
      onNewHostKey: (device, key, notRecorded) => progress.log(`netpoll: ${describeNewHostKey(device.name, key, notRecorded).text}\n`),
      resolve: createResolver(io.values),
    },
  });
  const results = new ReportStream(file ? (text) => file.append(text) : wholeLines((lines) => progress.log(lines, io.stdout)), format);
  // Results are written in completion order as devices are stored; in inventory order a regular
  // file is put in order at the end, and stdout takes each device when its turn comes.
  const asStored = args.order === 'completion' || file?.replaceable === true;
  let storage: PollStorage;
  // What must be read back (devices to put in inventory order) needs a store: without --store,
  // a temporary one, and only the results remain.
  const store = args.store ?? (args.order === 'inventory' ? mkdtempSync(path.join(os.tmpdir(), 'netpoll-')) : undefined);
  try {
    // Every device goes to the store, if any, as it ends, and its outputs leave memory.
    storage = PollStorage.attach(run, store, { removeSecrets: !args.keepSecrets, parsing, onStored: asStored ? (report) => results.device(report) : undefined });
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    io.stderr(`netpoll: ${printable(err.message)}\n`);
    file?.discard();
    return EXIT_UNUSABLE;
  }
  results.header(run.totals());
  run.executor.on('limited', (sessions, why) => progress.log(`netpoll: ${describeLimit(sessions, why).text}\n`));
  run.executor.on('state', (poll) => {
    const entry = describeState(poll);
    if (entry) progress.log(`${entry.marker} ${clock()} ${entry.text}\n`);
    progress.track(poll);
  });
  run.executor.on('command', (poll, result) => {
    const entry = describeCommand(poll, result);
    if (entry) progress.log(`${entry.marker} ${clock()} ${entry.text}\n`);
  });
  run.executor.on('notice', (poll, text) => {
    const entry = describeNotice(poll, text);
    progress.log(`${entry.marker} ${clock()} ${entry.text}\n`);
  });
  const stopListening = io.onInterrupt(() => {
    io.stderr('netpoll: cancelling; results so far will still be written\n');
    run.cancel();
  });
  run.start();
  const streaming = asStored ? Promise.resolve() : streamInInventoryOrder(run, storage, results);
  const totals = await run.finish();
  await streaming;
  progress.clear();
  stopListening();
  await storage.finish(run, totals);

  results.footer(totals);
  // In inventory order, a file written as devices were stored is put in order now.
  let written = file ? await finishFile(file, asStored && args.order === 'inventory' ? storage.dir : undefined, format, io) : true;
  if (storage.problem) {
    io.stderr(`netpoll: ${printable(storage.problem.message)}\n`);
    written = false;
  }
  if (args.store !== undefined) {
    await prunePolls(args.store, args.inventory, args.keep);
    if (!storage.problem) io.stderr(`netpoll: poll kept in ${printable(storage.dir)}\n`);
  } else if (store !== undefined) await rm(store, { recursive: true, force: true });
  io.stderr(`netpoll: ${summaryLine(totals)}\n`);
  if (!written) return EXIT_UNUSABLE;
  return totals.summary.finished === totals.summary.total ? EXIT_OK : EXIT_SOME_FAILED;
}

/** Closes the results file, first putting it in the order of the poll stored in `ordered`; says whether all went well. */
async function finishFile(file: ResultsFile, ordered: string | undefined, format: ResultsFormat | ReportRenderer, io: CliIo): Promise<boolean> {
  try {
    await file.finish(ordered === undefined ? undefined : async (write) => renderStoredPoll(await openPoll(ordered), format, write));
  } catch (err) {
    if (!(err instanceof ResultsFileError || err instanceof StoreError)) throw err;
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

/** Each device as its turn in the inventory comes, read back from the store. */
async function streamInInventoryOrder(run: PollRun, storage: PollStorage, results: ReportStream): Promise<void> {
  for await (const poll of run.results()) results.device(await storage.read(poll));
}

function clock(): string {
  const now = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
}
