// TextFSM parsing must cost time in proportion to the text: the engine is run on the lab's
// `show running-config` of growing length with the project's interface template (a record per
// interface, a Filldown hostname), and on its largest output by the bundled `netpoll parse` as a
// whole process. The engine has no native parts, so the bundle runs the code measured in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseTemplate } from '../src/core/parse/template';
import { showRunningConfig } from '../test/lab/platforms/ios';
import { CLI_BUNDLE } from './cliRun';
import { BENCH_SOURCE_DIR } from './tools';

export interface ParseRow {
  lines: number;
  records: number;
  /** Median of the runs, milliseconds. */
  ms: number;
  recordsPerSecond: number;
  msPerThousandLines: number;
}

export interface ParseSpeed {
  template: string;
  rows: ParseRow[];
  /** `netpoll parse --template` on the largest output, spawn to exit, start-up included. */
  cli: { lines: number; records: number; wallMs: number };
}

const TEMPLATE = 'cisco_ios_show_running-config.textfsm';
const SIZES = [1_500, 3_000, 6_000, 12_000, 24_000];
export const PARSE_RUNS = 21;

export function parseSpeed(): ParseSpeed {
  const file = path.join(BENCH_SOURCE_DIR, '..', 'test', 'fixtures', 'textfsm', TEMPLATE);
  const template = parseTemplate(readFileSync(file, 'utf8'), file);
  const texts = SIZES.map((lines) => showRunningConfig('R1', lines).join('\n'));
  // First passes, so that every size is measured with the engine compiled and optimised.
  for (let pass = 0; pass < 3; pass++) for (const text of texts) template.parse(text);
  const rows = texts.map((text, i) => {
    const times: number[] = [];
    let records = 0;
    for (let run = 0; run < PARSE_RUNS; run++) {
      const start = performance.now();
      records = template.parse(text).rows.length;
      times.push(performance.now() - start);
    }
    const ms = median(times);
    return { lines: SIZES[i], records, ms, recordsPerSecond: records / (ms / 1000), msPerThousandLines: (ms / SIZES[i]) * 1000 };
  });
  return { template: TEMPLATE, rows, cli: cliParse(file, texts.at(-1)!, SIZES.at(-1)!) };
}

function cliParse(template: string, text: string, lines: number): ParseSpeed['cli'] {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpoll-bench-parse-'));
  try {
    const input = path.join(dir, 'running-config.txt');
    writeFileSync(input, text);
    const start = performance.now();
    const run = spawnSync(process.execPath, [CLI_BUNDLE, 'parse', '--template', template, input], { maxBuffer: 256 * 1024 * 1024 });
    const wallMs = performance.now() - start;
    if (run.status !== 0) throw new Error(`netpoll parse exited ${run.status}: ${run.stderr.toString()}`);
    return { lines, records: (JSON.parse(run.stdout.toString()) as unknown[]).length, wallMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
