// `npm run bench`: runs every scenario on the device lab, prints a table per scenario and the
// targets, and writes bench/RESULTS.md. `npm run bench -- --quick` runs a small subset as a
// smoke check and writes nothing.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cpuTicks, stealShare } from './measure';
import { outputScaling } from './outputScaling';
import { parseSpeed } from './parseSpeed';
import { machine, parseTable, resultsMarkdown, scalingTable, scenarioTable, targetsTable } from './report';
import { runScenario, ScenarioResult, scenarios } from './scenarios';
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

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = new Date();
  const startTicks = await cpuTicks();
  const measured = revision();
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios(quick)) {
    const result = await runScenario(scenario, log);
    results.push(result);
    process.stdout.write(`\n## ${scenario.name}\n\n${scenarioTable(result)}\n`);
  }
  log('one device, show running-config of growing length...');
  const scaling = await outputScaling();
  process.stdout.write(`\n## One device, one long output\n\n${scalingTable(scaling)}\n`);
  log('TextFSM parsing of show running-config of growing length...');
  const parsing = parseSpeed();
  process.stdout.write(`\n## TextFSM parsing\n\n${parseTable(parsing)}\n`);
  const targets = checkTargets(results);
  process.stdout.write(`\n## Targets${quick ? ' (quick run: a subset, smaller scale)' : ''}\n\n${targetsTable(targets)}\n`);
  const durationS = (Date.now() - started.getTime()) / 1000;
  log(`done in ${(durationS / 60).toFixed(1)} min`);
  if (quick) return;
  const netmikoVersion = execFileSync(PYTHON, ['-c', 'import netmiko; print(netmiko.__version__)']).toString().trim();
  const file = path.join(BENCH_SOURCE_DIR, 'RESULTS.md');
  await writeFile(file, resultsMarkdown({ started, durationS, machine: machine(netmikoVersion), revision: measured, steal: stealShare(startTicks, await cpuTicks()), scenarios: results, scaling, parsing, targets }));
  log(`wrote ${file}`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
