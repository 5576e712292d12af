// `netpoll poll <inventory> [options]` -> validated options, or a usage error.
import { parseArgs, ParseArgsConfig } from 'node:util';
import { MAX_TIMEOUT_SECONDS } from '../core/inventory/keys';
import { printable } from '../core/results/printable';
import { ResultsFormat } from '../core/results/render';
import { ResultsOrder } from '../core/results/report';
import { POLL_DEFAULTS } from '../core/poll/pollDefaults';
import { parseThreads, ThreadsSetting } from '../core/poll/workerPool';
import { HOST_KEY_POLICIES, HostKeyPolicy } from '../core/session/knownHosts';

/** The results formats, and csv: the parsed records as one table. */
export type PollFormat = ResultsFormat | 'csv';

export interface PollArgs {
  inventory: string;
  commands: string[];
  workers: number;
  order: ResultsOrder;
  format: PollFormat;
  output?: string;
  hostKeyPolicy: HostKeyPolicy;
  knownHostsFile?: string;
  /** Overall time one device may take, seconds. */
  timeoutSeconds: number;
  /** Worker threads for the sessions (0: the main thread), or auto. */
  threads: ThreadsSetting;
  /** A poll store to keep this poll in (the extension's is .netpoll/polls in the workspace). */
  store?: string;
  /** Stored polls of the inventory to keep in `store`. */
  keep: number;
  /** Write outputs as the devices said them, secrets included. */
  keepSecrets: boolean;
  /** Parse outputs into records with TextFSM templates. */
  parse: boolean;
  /** The templates folder (else NET_TEXTFSM, else .netpoll/templates beside the inventory). */
  templatesDir?: string;
  /** Send each device's commands in one write (a device's pipeline: key wins). */
  pipeline: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: netpoll poll <inventory> [options]

Polls every device in a devices.yaml over SSH, a bounded number at once, and writes
each device's answers to the results as soon as it is done. Progress goes to stderr.

Options:
  -c, --command CMD      command to send (repeat for several; default: ${POLL_DEFAULTS.commands.map((c) => `"${c}"`).join(', ')})
  -w, --workers N        SSH sessions open at once (default: ${POLL_DEFAULTS.maxWorkers})
      --order ORDER      completion (as devices finish) or inventory (default: ${POLL_DEFAULTS.order})
      --format FORMAT    yaml, json or markdown (default: ${POLL_DEFAULTS.format}); or csv: the
                         parsed records of every device as one table (with --parse)
  -o, --output FILE      write results to FILE instead of stdout
      --store DIR        also keep the poll in the poll store DIR, as the extension
                         does in .netpoll/polls (compare polls with netpoll diff)
      --keep N           polls of the inventory to keep in --store (default: ${POLL_DEFAULTS.keepPolls})
      --keep-secrets     keep passwords, keys and communities in the outputs and messages;
                         by default they are replaced by <removed> before anything is written
      --parse            parse each output into records with TextFSM templates, found
                         in the templates index by device_type and command (a device's
                         parse: key in the inventory wins)
      --templates DIR    the templates folder, with its index (default: NET_TEXTFSM,
                         else .netpoll/templates beside the inventory)
      --pipeline         send each device's commands all at once after login and split
                         the replies by echo and prompt: one round trip instead of one
                         per command, for devices that buffer typed input (a device's
                         pipeline: key in the inventory wins)
      --host-keys POLICY accept-new (record unknown keys, refuse changed ones),
                         strict (refuse unknown keys) or off (default: ${POLL_DEFAULTS.hostKeyPolicy})
      --known-hosts FILE known_hosts file to check and record keys in
                         (default: ~/.ssh/known_hosts)
      --timeout SECONDS  overall time one device may take (default: ${POLL_DEFAULTS.deviceTimeoutSeconds}, at most
                         ${MAX_TIMEOUT_SECONDS})
      --threads N|auto   run the SSH sessions in N worker threads, or 0 on the main
                         thread; auto: one thread per core but one, at most 4, for 100
                         sessions at once or 200 devices, if that makes two or more;
                         else the main thread (default: ${POLL_DEFAULTS.threads})
  -h, --help             show this help

Exit status: 0 all devices finished, 1 some failed or were skipped, 2 usage error or
nothing could be polled.
`;

const FORMATS: readonly PollFormat[] = ['yaml', 'json', 'markdown', 'csv'];
const ORDERS: readonly ResultsOrder[] = ['completion', 'inventory'];

/** Returns undefined when help was asked for. */
export function parsePollArgs(argv: string[]): PollArgs | undefined {
  const { values, positionals } = readArgs(argv, {
    command: { type: 'string', short: 'c', multiple: true },
    workers: { type: 'string', short: 'w' },
    order: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'host-keys': { type: 'string' },
    'known-hosts': { type: 'string' },
    timeout: { type: 'string' },
    threads: { type: 'string' },
    store: { type: 'string' },
    keep: { type: 'string' },
    'keep-secrets': { type: 'boolean' },
    parse: { type: 'boolean' },
    templates: { type: 'string' },
    pipeline: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return undefined;
  const [verb, inventory, ...extra] = positionals;
  if (verb !== 'poll') throw new UsageError(verb === undefined ? 'missing command: poll, diff or parse' : `unknown command "${quoted(verb)}"; the commands are: poll, diff, parse`);
  if (inventory === undefined) throw new UsageError('missing the inventory file, e.g. netpoll poll devices.yaml');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${quoted(extra[0])}"`);
  const workers = values.workers === undefined ? POLL_DEFAULTS.maxWorkers : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number of at least 1, not "${quoted(values.workers)}"`);
  const order = oneOf(values.order ?? POLL_DEFAULTS.order, ORDERS, '--order');
  const format = oneOf(values.format ?? POLL_DEFAULTS.format, FORMATS, '--format');
  const hostKeyPolicy = oneOf(values['host-keys'] ?? POLL_DEFAULTS.hostKeyPolicy, HOST_KEY_POLICIES, '--host-keys');
  const timeoutSeconds = values.timeout === undefined ? POLL_DEFAULTS.deviceTimeoutSeconds : parseTimeout(values.timeout);
  const threads = values.threads === undefined ? POLL_DEFAULTS.threads : parseThreads(values.threads);
  if (threads === undefined) throw new UsageError(`--threads must be a whole number of at least 0, or auto, not "${quoted(values.threads)}"`);
  const keep = values.keep === undefined ? POLL_DEFAULTS.keepPolls : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--keep must be a whole number of at least 1, not "${quoted(values.keep)}"`);
  if (values.keep !== undefined && values.store === undefined) throw new UsageError('--keep applies to --store: name the store too');
  return {
    inventory,
    commands: values.command ?? [...POLL_DEFAULTS.commands],
    workers,
    order,
    format,
    output: values.output,
    hostKeyPolicy,
    knownHostsFile: values['known-hosts'],
    timeoutSeconds,
    threads,
    store: values.store,
    keep,
    keepSecrets: values['keep-secrets'] === true,
    parse: values.parse ?? POLL_DEFAULTS.parse,
    templatesDir: values.templates,
    pipeline: values.pipeline ?? POLL_DEFAULTS.pipeline,
  };
}

/** Command-line options as parseArgs reads them; what it refuses is a usage error. */
export function readArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `value` if it is one of `allowed`; else a usage error naming the flag. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${quoted(value)}"`);
}

/** Seconds for --timeout: Node's timers fire at once for anything past MAX_TIMEOUT_SECONDS. */
function parseTimeout(value: string): number {
  const seconds = Number(value);
  const range = `at most ${MAX_TIMEOUT_SECONDS}, about ${Math.floor(MAX_TIMEOUT_SECONDS / 86_400)} days`;
  if (!(seconds > 0)) throw new UsageError(`--timeout must be a number of seconds greater than 0, not "${quoted(value)}" (${range})`);
  if (!(seconds <= MAX_TIMEOUT_SECONDS)) throw new UsageError(`--timeout must be greater than 0 and ${range}, not "${quoted(value)}"`);
  return seconds;
}

/** A value from the command line, as it can be shown inside one line of a message. */
function quoted(value: string | undefined): string {
  return printable(String(value));
}
