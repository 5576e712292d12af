// `netpoll parse ...` -> validated options, or a usage error.
import { printable } from '../core/results/printable';
import { oneOf, readArgs, UsageError } from './args';

export type ParseFormat = 'json' | 'csv';

export type ParseArgs = {
  /** The file to parse; undefined or `-` for standard input. */
  input?: string;
  format: ParseFormat;
} & ({ kind: 'template'; template: string } | { kind: 'index'; platform: string; command: string; templatesDir: string });

export const PARSE_USAGE = `Usage: netpoll parse --template FILE [INPUT]
       netpoll parse --platform PLATFORM --command COMMAND [--templates DIR] [INPUT]

Parses command output (the file INPUT, or standard input) with a TextFSM template and prints
the records as a JSON array of objects with lowercase keys.

Options:
  -t, --template FILE      the template to parse with
  -p, --platform PLATFORM  with --command: find the template in the templates index, as
  -c, --command COMMAND    netmiko does (PLATFORM is a device_type, e.g. cisco_ios)
      --templates DIR      the folder with the index file and the templates
                           (default: the NET_TEXTFSM environment variable)
      --format FORMAT      json or csv (default: json)
  -h, --help               show this help

Exit status: 0 parsed, 1 no template matched or the template failed, 2 usage error or
unreadable input.
`;

const FORMATS: readonly ParseFormat[] = ['json', 'csv'];

/** `argv` without the `parse` verb. Returns undefined when help was asked for. */
export function parseParseArgs(argv: string[], env: Readonly<Record<string, string | undefined>>): ParseArgs | undefined {
  const { values, positionals } = readArgs(argv, {
    template: { type: 'string', short: 't' },
    platform: { type: 'string', short: 'p' },
    command: { type: 'string', short: 'c' },
    templates: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return undefined;
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${printable(positionals[1])}"; parse reads one INPUT file (or standard input)`);
  const common = { input: positionals[0], format: oneOf(values.format ?? 'json', FORMATS, '--format') };

  if (values.template !== undefined) {
    const extra = (['platform', 'command', 'templates'] as const).find((name) => values[name] !== undefined);
    if (extra) throw new UsageError(`--template names the template itself; --${extra} is for finding one in an index`);
    return { ...common, kind: 'template', template: values.template };
  }
  if (values.platform === undefined || values.command === undefined) {
    throw new UsageError(values.platform === undefined && values.command === undefined ? 'give --template FILE, or --platform and --command' : `--${values.platform === undefined ? 'platform' : 'command'} is missing: the index is searched by both`);
  }
  const templatesDir = values.templates ?? (env.NET_TEXTFSM || undefined);
  if (templatesDir === undefined) throw new UsageError('no templates folder: give --templates DIR or set NET_TEXTFSM');
  return { ...common, kind: 'index', platform: values.platform, command: values.command, templatesDir };
}
