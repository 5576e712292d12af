// `npm run bench`: runs the benchmark scenarios on the device lab, prints a table per
// scenario and writes bench/RESULTS.md with the machine it ran on.
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { outputScaling } from './outputScaling';

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(String))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  process.stderr.write('bench: one device, show running-config of growing length...\n');
  const scaling = await outputScaling();
  // The cost of each added line: between consecutive sizes, so the fixed cost of a command
  // (round trips, the quiet check after the prompt) cancels out. Flat means linear.
  const marginal = scaling.map((r, i) => (i === 0 ? undefined : ((r.ms - scaling[i - 1].ms) / (r.lines - scaling[i - 1].lines)) * 1000));
  const scalingTable = table(
    ['lines', 'bytes', 'median ms', 'ms per 1000 lines', 'added ms per added 1000 lines'],
    scaling.map((r, i) => [r.lines, r.bytes, r.ms.toFixed(1), r.msPerThousandLines.toFixed(2), marginal[i] === undefined ? '' : marginal[i]!.toFixed(2)]),
  );
  const report = [
    '# NetPoll benchmark results',
    '',
    `Run ${started.toISOString()} on ${machine()}.`,
    '',
    '## One device, one long output',
    '',
    'Median of 5 reads of `show running-config` from one lab device (cisco_ios, no added latency),',
    'over real SSH on 127.0.0.1. Reading is linear when the added time per added 1000 lines stays',
    'flat as the output grows (a reader that rescans its whole buffer would see it grow with the size).',
    '',
    scalingTable,
    '',
  ].join('\n');
  process.stdout.write(`\n${scalingTable}\n\n`);
  const file = path.join(__dirname.replace(/[/\\]out[/\\]bench$/, ''), 'bench', 'RESULTS.md');
  await writeFile(file, report);
  process.stderr.write(`bench: wrote ${file}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
