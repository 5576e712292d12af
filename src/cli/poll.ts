// The `poll` command: read the inventory, poll it, log as devices move, write results.
import { readFile, writeFile } from 'node:fs/promises';
import { parseInventory } from '../core/inventory/inventory';
import { PollRun } from '../core/poll/pollRun';
import { describeState } from '../core/poll/progressLog';
import { renderReport, summaryLine } from '../core/results/render';
import { PollArgs } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Registers what to do on Ctrl-C; returns how to unregister. */
  onInterrupt: (cancel: () => void) => () => void;
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
  const inventory = parseInventory(text);
  for (const d of inventory.diagnostics) io.stderr(`${args.inventory}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  const skipped = inventory.diagnostics.filter((d) => d.severity === 'error').length;
  if (inventory.devices.length === 0) {
    io.stderr(`netpoll: no device in ${args.inventory} can be polled\n`);
    return EXIT_UNUSABLE;
  }

  const run = new PollRun({ inventory: args.inventory, devices: inventory.devices, skipped, commands: args.commands, maxWorkers: args.workers, order: args.order });
  run.executor.on('state', (poll) => {
    const entry = describeState(poll);
    if (entry) io.stderr(`${entry.marker} ${clock()} ${entry.text}\n`);
  });
  const stopListening = io.onInterrupt(() => {
    io.stderr('netpoll: cancelling; results so far will still be written\n');
    run.cancel();
  });
  run.start();
  const report = await run.finish();
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
