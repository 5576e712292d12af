// One poll by the minimal baseline client, measured, in a process of its own (started by
// tools.ts): reads the job as JSON on stdin, prints a ToolResult as JSON. After the
// measurement, each device's answers are checked against what the lab prints, so a fast
// client that lost output cannot pass.
import { measure } from './measure';
import { minimalPoll, outputLines } from './minimalClient';
import { expectedLines, PollJob, ToolResult } from './tools';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString()) as PollJob;
  const { result: answers, measurement } = await measure(() => minimalPoll(job.devices, job.commands, job.workers));
  // Like NetPoll's, its wall time counts from the process's start (performance.now()'s origin),
  // loading ssh2 included, to the answers in hand; the check below is the bench's own work.
  const wallS = performance.now() / 1000;
  const expected = expectedLines(job);
  const errors: string[] = [];
  let finished = 0;
  for (const answer of answers) {
    const counts = answer.outputs.map(outputLines);
    const wrong = expected.findIndex((lines, i) => counts[i] !== lines);
    if (answer.error) errors.push(`${answer.name}: ${answer.error}`);
    else if (wrong >= 0) errors.push(`${answer.name}: \`${job.commands[wrong]}\` gave ${counts[wrong]} lines, the lab printed ${expected[wrong]}`);
    else finished++;
  }
  const result: ToolResult = { ...measurement, wallS, pollS: measurement.wallS, finished, total: job.devices.length, errors: errors.slice(0, 3) };
  // Exit once written: the numbers are taken, and nothing left open may hold the bench up.
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`client process: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
