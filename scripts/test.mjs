// `npm test`: every suite in turn — lint, unit, integration (real SSH to the lab), the
// e2e suite inside a real VS Code (code-server) against the packaged VSIX, and the
// browser UI tests — then one closing line with the totals.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const stages = [
  { name: 'compile', command: 'npm', args: ['run', '--silent', 'compile'] },
  { name: 'lint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
  { name: 'unit', command: 'npx', args: ['mocha', 'out/test/unit/**/*.test.js'] },
  { name: 'integration', command: 'npx', args: ['mocha', '--timeout', '30000', 'out/test/integration/**/*.test.js'] },
  { name: 'package', command: 'npm', args: ['run', '--silent', 'package'] },
  { name: 'e2e', command: 'node', args: ['test/e2e/runInCodeServer.mjs', '--vsix', 'netpoll.vsix'] },
  { name: 'ui', command: 'npx', args: ['mocha', '--timeout', '180000', 'test/e2e/ui/**/*.test.mjs'], fresh: 'test-results' },
];

/** Runs a stage with its output shown as it comes; returns its exit code and mocha's counts. */
function runStage({ command, args }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const relay = (stream) => (chunk) => {
      text += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code, signal) => {
      // mocha's reporter ends with "N passing", "N failing", "N pending"; take the last of each.
      const count = (word) => Number([...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].at(-1)?.[1] ?? 0);
      resolve({ code: code ?? (signal ? 1 : 0), passed: count('passing'), failed: count('failing'), pending: count('pending') });
    });
  });
}

const totals = { passed: 0, failed: 0, pending: 0 };
const broken = [];
for (const stage of stages) {
  process.stdout.write(`\n=== ${stage.name} ===\n`);
  // Screenshots are this run's only, so a stale picture cannot pass for a new one.
  if (stage.fresh) rmSync(stage.fresh, { recursive: true, force: true });
  const result = await runStage(stage);
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.pending += result.pending;
  if (result.code !== 0) {
    broken.push(stage.name);
    // Later stages build on earlier ones (compiled code, the VSIX); a failure here ends the run.
    if (result.failed === 0) break;
  }
}

process.stdout.write('\n');
if (broken.length > 0) process.stdout.write(`failed stages: ${broken.join(', ')}\n`);
const skipped = totals.pending > 0 ? `, ${totals.pending} skipped` : '';
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exitCode = broken.length > 0 || totals.failed > 0 ? 1 : 0;
