// `npm run bench`: runs every scenario on the device lab, prints a table per scenario and the
// targets, and writes bench/RESULTS.md. `npm run bench -- --quick` runs a small subset as a
// smoke check and writes nothing. `--only rtt,scaling` (any of the scenario kinds seed, rtt,
// scale, configs, and the sections scaling and parsing) runs those parts alone, with the targets
// they measure, and writes nothing; it combines with --quick.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cpuTicks, stealShare } from './measure';
import { outputScaling } from './outputScaling';
import { parseSpeed } from './parseSpeed';
import { machine, parseTable, resultsMarkdown, rttTable, scalingTable, scenarioTable, targetsTable } from './report';
import { runScenario, SCENARIO_KINDS, ScenarioResult, scenarios } from './scenarios';
import { checkTargets } from './targets';
import { BENCH_SOURCE_DIR, PYTHON } from './tools';

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** The commit measured, and whether src/ differs from it. */
function revision(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: BENCH_SOURCE_DIR, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  try {
    return `commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', '../src') ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'an unknown commit (not a git checkout)';
  }
}

const SECTIONS = ['scaling', 'parsing'] as const;

/** The parts `--only a,b` (or `--only=a,b`) names; undefined: all of them. */
function onlyParts(argv: string[]): Set<string> | undefined {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return undefined;
  const value = argv[at].startsWith('--only=') ? argv[at].slice('--only='.length) : argv[at + 1];
  const known: string[] = [...SCENARIO_KINDS, ...SECTIONS];
  const parts = (value ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !known.includes(p));
  if (parts.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${known.join(', ')}${unknown.length ? `, not ${unknown.join(', ')}` : ''}`);
  return new Set(parts);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = onlyParts(process.argv);
  const runs = (part: string) => only === undefined || only.has(part);
  const started = new Date();
  const startTicks = await cpuTicks();
  const measured = revision();
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios(quick).filter((s) => runs(s.kind))) {
    const result = await runScenario(scenario, log);
    results.push(result);
    process.stdout.write(`\n## ${scenario.name}\n\n${scenario.kind === 'rtt' ? rttTable([result]) : scenarioTable(result)}\n`);
  }
  let scaling, parsing;
  if (runs('scaling')) {
    log('one device, show running-config of growing length...');
    scaling = await outputScaling();
    process.stdout.write(`\n## One device, one long output\n\n${scalingTable(scaling)}\n`);
  }
  if (runs('parsing')) {
    log('TextFSM parsing of show running-config of growing length...');
    parsing = parseSpeed();
    process.stdout.write(`\n## TextFSM parsing\n\n${parseTable(parsing)}\n`);
  }
  const targets = checkTargets(results);
  const partial = [quick ? 'quick run: a subset, smaller scale' : '', only ? `only ${[...only].join(', ')}` : ''].filter(Boolean).join('; ');
  process.stdout.write(`\n## Targets${partial ? ` (${partial})` : ''}\n\n${targetsTable(targets)}\n`);
  const durationS = (Date.now() - started.getTime()) / 1000;
  log(`done in ${(durationS / 60).toFixed(1)} min`);
  if (quick || only || !scaling || !parsing) return;
  const netmikoVersion = execFileSync(PYTHON, ['-c', 'import netmiko; print(netmiko.__version__)']).toString().trim();
  const file = path.join(BENCH_SOURCE_DIR, 'RESULTS.md');
  await writeFile(file, resultsMarkdown({ started, durationS, machine: machine(netmikoVersion), revision: measured, steal: stealShare(startTicks, await cpuTicks()), scenarios: results, scaling, parsing, targets }));
  log(`wrote ${file}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
