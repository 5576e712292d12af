#!/usr/bin/env node
// Entry point of the `netpoll` command line.
import { parsePollArgs, USAGE, UsageError } from './args';
import { DIFF_USAGE, diffVerb } from './diff';
import { parseVerb } from './parse';
import { PARSE_USAGE } from './parseArgs';
import { CliIo, EXIT_OK, EXIT_UNUSABLE, pollCommand } from './poll';
import { terminalValues } from './terminalValues';

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'parse') return parseVerb(argv.slice(1), io);
  if (argv[0] === 'diff') return diffVerb(argv.slice(1), io);
  let args;
  try {
    args = parsePollArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`netpoll: ${err.message}\n\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  if (!args) {
    io.stdout(`${USAGE}\n${DIFF_USAGE}\n${PARSE_USAGE}`);
    return EXIT_OK;
  }
  return pollCommand(args, io);
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  onInterrupt: (cancel) => {
    process.once('SIGINT', cancel);
    return () => process.off('SIGINT', cancel);
  },
  values: terminalValues(),
  interactive: process.stderr.isTTY === true,
};

if (require.main === module) {
  main(process.argv.slice(2), processIo).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`netpoll: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT_UNUSABLE;
    },
  );
}
