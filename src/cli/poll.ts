// The `poll` command: read the inventory, poll it, log as devices move, write results.
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createResolver, ValueSource } from '../core/inventory/references';
import { PollRun } from '../core/poll/pollRun';
import { preparePoll } from '../core/poll/pollSetup';
import { describeState } from '../core/poll/progressLog';
import { renderReport, summaryLine } from '../core/results/render';
import { PollArgs } from './args';
import { ProgressLine } from './progressLine';

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
    io.stderr(`netpoll: cannot read ${args.inventory}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const setup = await preparePoll(text, args.inventory, path.dirname(path.resolve(args.inventory)));
  for (const d of setup.inventory.diagnostics) io.stderr(`${args.inventory}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  for (const problem of setup.problems) io.stderr(`${problem}\n`);
  if (setup.devices.length === 0) {
    io.stderr(`netpoll: no device in ${args.inventory} can be polled\n`);
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
      onNewHostKey: (device, key) => progress.log(`netpoll: recorded ${device.name}'s host key ${key.type} ${key.fingerprint}\n`),
      resolve: createResolver(io.values),
    },
  });
  run.executor.on('state', (poll) => {
    const entry = describeState(poll);
    if (entry) progress.log(`${entry.marker} ${clock()} ${entry.text}\n`);
    progress.update(run.executor.polls);
  });
  const stopListening = io.onInterrupt(() => {
    io.stderr('netpoll: cancelling; results so far will still be written\n');
    run.cancel();
  });
  run.start();
  const report = await run.finish();
  progress.clear();
  stopListening();

  const rendered = renderReport(report, args.format);
  if (args.output) {
    await writeFile(args.output, rendered);
    io.stderr(`netpoll: results written to ${args.output}\n`);
  } else {
    io.stdout(rendered);
  }
  io.stderr(`netpoll: ${summaryLine(report)}\n`);
  return report.summary.finished === report.summary.total ? EXIT_OK : EXIT_SOME_FAILED;
}

function clock(): string {
  const now = new Date();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
}
