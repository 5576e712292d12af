// `netpoll diff OLD NEW`: what changed between two polls, each a stored poll (a folder of a poll
// store, or its poll.json) or a results file of `netpoll poll -o` (JSON or YAML).
import { CompareOptions, comparePolls, comparisonLine, count, DeviceComparison, emptySummary } from '../core/results/pollCompare';
import { openPollSide } from '../core/results/pollSides';
import { StoreError } from '../core/results/pollStoreWriter';
import { printable } from '../core/results/printable';
import { backticks } from '../core/results/render';
import { InvalidIgnoreRule } from '../core/results/volatileLines';
import { oneOf, readArgs, UsageError } from './args';
import { CliIo, EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE } from './poll';

export const DIFF_USAGE = `Usage: netpoll diff OLD NEW [options]

Compares two polls device by device and command by command. OLD and NEW are each a stored
poll (a folder of a poll store, as netpoll poll --store keeps them, or its poll.json) or a
results file of netpoll poll -o (JSON or YAML). Lines that change on every poll (the clock,
uptime, counters) are not compared.

Options:
      --format FORMAT    text, json or markdown (default: text)
  -i, --ignore REGEX     also skip lines matching REGEX (repeat for several)
      --no-defaults      compare the lines the platforms' defaults would skip, too
  -h, --help             show this help

Exit status: 0 nothing changed, 1 something changed, 2 usage error or unreadable poll.
`;

type DiffFormat = 'text' | 'json' | 'markdown';
const FORMATS: readonly DiffFormat[] = ['text', 'json', 'markdown'];

interface DiffArgs {
  before: string;
  after: string;
  format: DiffFormat;
  options: CompareOptions;
}

function parseDiffArgs(argv: string[]): DiffArgs | undefined {
  const { values, positionals } = readArgs(argv, {
    format: { type: 'string' },
    ignore: { type: 'string', short: 'i', multiple: true },
    'no-defaults': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return undefined;
  if (positionals.length !== 2) throw new UsageError(positionals.length < 2 ? 'netpoll diff needs two polls: OLD and NEW' : `unexpected argument "${printable(positionals[2])}"`);
  return {
    before: positionals[0],
    after: positionals[1],
    format: oneOf(values.format ?? 'text', FORMATS, '--format'),
    options: { rules: (values.ignore ?? []).map((pattern) => ({ pattern })), defaults: values['no-defaults'] !== true },
  };
}

/** `argv` without the `diff` verb. */
export async function diffVerb(argv: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let args: DiffArgs | undefined;
  try {
    args = parseDiffArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`netpoll: ${err.message}\n\n${DIFF_USAGE}`);
    return EXIT_UNUSABLE;
  }
  if (!args) {
    io.stdout(DIFF_USAGE);
    return EXIT_OK;
  }
  const summary = emptySummary();
  const devices: DeviceComparison[] = [];
  try {
    const [before, after] = [await openPollSide(args.before), await openPollSide(args.after)];
    for await (const device of comparePolls(before, after, args.options)) {
      count(summary, device);
      if (device.status === 'unchanged') continue;
      // JSON keeps every device that is not unchanged; text and Markdown print as they go.
      if (args.format === 'json') devices.push(device);
      else io.stdout(args.format === 'text' ? textDevice(device) : markdownDevice(device));
    }
  } catch (err) {
    if (!(err instanceof StoreError || err instanceof InvalidIgnoreRule)) throw err;
    io.stderr(`netpoll: ${printable(err.message)}\n`);
    return EXIT_UNUSABLE;
  }
  if (args.format === 'json') io.stdout(JSON.stringify({ summary, devices }, null, 2) + '\n');
  else io.stdout(args.format === 'text' ? `${comparisonLine(summary)}\n` : `---\n\n${comparisonLine(summary)}.\n`);
  return summary.changed + summary.new + summary.gone === 0 ? EXIT_OK : EXIT_SOME_FAILED;
}

function headline(device: DeviceComparison): string {
  return `${printable(device.name)}: ${device.status.replace('-', ' ')}${device.reason ? ` (${printable(device.reason)})` : ''}`;
}

function textDevice(device: DeviceComparison): string {
  const lines = [headline(device)];
  for (const command of device.commands.filter((c) => c.status !== 'unchanged')) {
    lines.push(`  ${printable(command.command)}: ${command.status}`);
    if (command.diff) lines.push(command.diff.trimEnd().replace(/^/gm, '    '));
  }
  return lines.join('\n') + '\n\n';
}

function markdownDevice(device: DeviceComparison): string {
  const lines = [`## ${headline(device)}`, ''];
  for (const command of device.commands.filter((c) => c.status !== 'unchanged')) {
    lines.push(`### ${printable(command.command)}: ${command.status}`, '');
    if (command.diff) {
      const fence = backticks(command.diff, 3);
      lines.push(`${fence}diff`, command.diff.trimEnd(), fence, '');
    }
  }
  return lines.join('\n') + '\n';
}
