// `netpoll poll <inventory> [options]` -> validated options, or a usage error.
import { parseArgs } from 'node:util';
import { ResultsFormat } from '../core/results/render';
import { ResultsOrder } from '../core/results/report';
import { HOST_KEY_POLICIES, HostKeyPolicy } from '../core/session/knownHosts';

export interface PollArgs {
  inventory: string;
  commands: string[];
  workers: number;
  order: ResultsOrder;
  format: ResultsFormat;
  output?: string;
  hostKeyPolicy: HostKeyPolicy;
  knownHostsFile?: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: netpoll poll <inventory> [options]

Polls every device in a devices.yaml over SSH, a bounded number at once, and prints
each device's answers as results once all are done. Progress goes to stderr.

Options:
  -c, --command CMD      command to send (repeat for several; default: "show clock")
  -w, --workers N        SSH sessions open at once (default: 10)
      --order ORDER      completion (as devices finish, default) or inventory
      --format FORMAT    yaml (default), json or markdown
  -o, --output FILE      write results to FILE instead of stdout
      --host-keys POLICY accept-new (record unknown keys, refuse changed ones;
                         default), strict (refuse unknown keys) or off
      --known-hosts FILE known_hosts file to check and record keys in
                         (default: ~/.ssh/known_hosts)
  -h, --help             show this help

Exit status: 0 all devices finished, 1 some failed or were skipped, 2 usage error or
nothing could be polled.
`;

const FORMATS: readonly ResultsFormat[] = ['yaml', 'json', 'markdown'];
const ORDERS: readonly ResultsOrder[] = ['completion', 'inventory'];

/** Returns undefined when help was asked for. */
export function parsePollArgs(argv: string[]): PollArgs | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        command: { type: 'string', short: 'c', multiple: true },
        workers: { type: 'string', short: 'w' },
        order: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'host-keys': { type: 'string' },
        'known-hosts': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const [verb, inventory, ...extra] = positionals;
  if (verb !== 'poll') throw new UsageError(verb === undefined ? 'missing command: poll' : `unknown command "${verb}"; the command is: poll`);
  if (inventory === undefined) throw new UsageError('missing the inventory file, e.g. netpoll poll devices.yaml');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const workers = values.workers === undefined ? 10 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number of at least 1, not "${values.workers}"`);
  const order = oneOf(values.order ?? 'completion', ORDERS, '--order');
  const format = oneOf(values.format ?? 'yaml', FORMATS, '--format');
  const hostKeyPolicy = oneOf(values['host-keys'] ?? 'accept-new', HOST_KEY_POLICIES, '--host-keys');
  return { inventory, commands: values.command ?? ['show clock'], workers, order, format, output: values.output, hostKeyPolicy, knownHostsFile: values['known-hosts'] };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}
