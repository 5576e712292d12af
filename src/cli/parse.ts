// `netpoll parse`: one command output -> records, with a template file or the templates index.
import { readFile } from 'node:fs/promises';
import { recordsToCsv } from '../core/parse/csvTable';
import { parseCommandOutput, ParseResult, parseWithTemplateFile } from '../core/parse/templateLibrary';
import { printable } from '../core/results/printable';
import { UsageError } from './args';
import { PARSE_USAGE, ParseArgs, parseParseArgs } from './parseArgs';
import { CliIo, EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE } from './poll';

export interface ParseInput {
  env: Readonly<Record<string, string | undefined>>;
  readStdin: () => Promise<string>;
  /** Standard input is a terminal: reading it would wait for typing. */
  stdinIsTerminal: boolean;
}

const processInput: ParseInput = {
  env: process.env,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdinIsTerminal: process.stdin.isTTY === true,
};

/** `argv` without the `parse` verb. */
export async function parseVerb(argv: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, input: ParseInput = processInput): Promise<number> {
  let args: ParseArgs | undefined;
  try {
    args = parseParseArgs(argv, input.env);
    if (args && (args.input === undefined || args.input === '-') && input.stdinIsTerminal) throw new UsageError('no INPUT file given, and standard input is a terminal');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`netpoll: ${err.message}\n\n${PARSE_USAGE}`);
    return EXIT_UNUSABLE;
  }
  if (!args) {
    io.stdout(PARSE_USAGE);
    return EXIT_OK;
  }
  let text: string;
  try {
    text = args.input === undefined || args.input === '-' ? await input.readStdin() : await readFile(args.input, 'utf8');
  } catch (err) {
    io.stderr(`netpoll: cannot read ${printable(args.input ?? 'standard input')}: ${printable((err as Error).message)}\n`);
    return EXIT_UNUSABLE;
  }
  const result = await parseText(args, text);
  if (result.status !== 'parsed') {
    // Messages quote template and input lines: one line each, whatever they hold.
    io.stderr(`netpoll: ${printable(result.message)}\n`);
    return EXIT_SOME_FAILED;
  }
  io.stdout(args.format === 'csv' ? recordsToCsv(result.columns, result.records) : `${JSON.stringify(result.records, null, 2)}\n`);
  return EXIT_OK;
}

function parseText(args: ParseArgs, text: string): Promise<ParseResult> {
  if (args.kind === 'template') return parseWithTemplateFile(args.template, text);
  return parseCommandOutput(args.templatesDir, { platform: args.platform, command: args.command }, text);
}
