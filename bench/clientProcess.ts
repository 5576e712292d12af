// One poll by a Node client (NetPoll or the minimal baseline), measured, in a process of its
// own (started by tools.ts): reads the job as JSON on stdin, prints a ToolResult as JSON.
// After the measurement, each device's answers are checked against what the lab prints,
// so a fast client that lost output cannot pass.
import { parseInventory } from '../src/core/inventory/inventory';
import { PollRun } from '../src/core/poll/pollRun';
import { measure } from './measure';
import { minimalPoll, outputLines } from './minimalClient';
import { expectedLines, PollJob, ToolResult } from './tools';

interface Answer {
  name: string;
  error?: string;
  outputs: string[];
}

interface Client {
  /** The measured part. */
  poll(): Promise<Answer[]>;
  /** Lines of output in one of the client's answers. */
  lines(output: string): number;
}

function netpoll(job: PollJob): Client {
  // The inventory is read before, not during, the measurement.
  const devices = parseInventory(job.inventoryYaml).devices;
  return {
    async poll() {
      const run = new PollRun({ inventory: 'bench', devices, commands: job.commands, maxWorkers: job.workers, ssh: { hostKeyPolicy: 'off', threads: job.threads } });
      run.start();
      await run.finish();
      const report = run.report();
      return report.devices.map((d) => ({ name: d.name, error: d.error ? `${d.error.kind}: ${d.error.message}` : undefined, outputs: d.commands.map((c) => c.output) }));
    },
    lines: (output) => output.split('\n').length,
  };
}

function minimal(job: PollJob): Client {
  return { poll: () => minimalPoll(job.devices, job.commands, job.workers), lines: outputLines };
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString()) as PollJob;
  const client = job.tool === 'netpoll' ? netpoll(job) : minimal(job);
  const { result: answers, measurement } = await measure(() => client.poll());
  const expected = expectedLines(job);
  const errors: string[] = [];
  let finished = 0;
  for (const answer of answers) {
    const counts = answer.outputs.map(client.lines);
    const wrong = expected.findIndex((lines, i) => counts[i] !== lines);
    if (answer.error) errors.push(`${answer.name}: ${answer.error}`);
    else if (wrong >= 0) errors.push(`${answer.name}: \`${job.commands[wrong]}\` gave ${counts[wrong]} lines, the lab printed ${expected[wrong]}`);
    else finished++;
  }
  const result: ToolResult = { ...measurement, finished, total: job.devices.length, errors: errors.slice(0, 3) };
  // Exit once written: the numbers are taken, and nothing left open may hold the bench up.
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`client process: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
