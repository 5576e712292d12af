// Results from the netpoll command line survive what can happen to it: a crash mid-poll keeps
// every finished device, and a path that cannot be written is refused before anyone is polled.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { PollReport } from '../../src/core/results/report';
import { expectedOutput } from '../lab/expected';
import { DeviceLab } from '../lab/lab';
import { netpoll, received } from './netpollProcess';
import { assertValidReport } from './resultsSchema';

const showVersion = (name: string) => expectedOutput('cisco_ios', name, 'show version').join('\n');

/** The inventory entries of the named lab devices, in the order given. */
function inventoryOf(lab: DeviceLab, names: string[]): string {
  const entries = lab.inventoryYaml().split(/(?=^- name: )/m);
  return names.map((name) => entries.find((e) => e.startsWith(`- name: ${name}\n`))!).join('');
}

describe('netpoll results on disk (a real process)', function () {
  let lab: DeviceLab;
  let dir: string;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'FAST1', secret: 'en' },
      { name: 'FAST2', secret: 'en' },
      // Held back for the length of any test: they are still running when it ends.
      { name: 'HELD1', secret: 'en', showDelayMs: 120_000 },
      { name: 'HELD2', secret: 'en', showDelayMs: 120_000 },
      { name: 'SLOW', secret: 'en', showDelayMs: 1_500 },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-cli-results-'));
    await writeFile(path.join(dir, 'crash.devices.yaml'), inventoryOf(lab, ['HELD1', 'FAST1', 'HELD2', 'FAST2']));
    await writeFile(path.join(dir, 'ordered.devices.yaml'), inventoryOf(lab, ['SLOW', 'FAST1']));
  });
  after(() => lab?.stop());

  /** Polls crash.devices.yaml into `output` and kills netpoll (SIGKILL) once both FAST devices answered. */
  async function killedAfterFast(output: string, format: string): Promise<string> {
    let killed = false;
    const exit = await netpoll(['poll', path.join(dir, 'crash.devices.yaml'), '-c', 'show version', '-w', '4', '--host-keys', 'off', '--format', format, '-o', output], (seen, child) => {
      if (!killed && received(seen.stderr, 'FAST1') && received(seen.stderr, 'FAST2')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    assert.equal(exit.signal, 'SIGKILL', exit.stderr);
    return readFile(output, 'utf8');
  }

  it('YAML killed mid-poll is a valid document holding every finished device exactly', async () => {
    const report = parse(await killedAfterFast(path.join(dir, 'killed.yaml'), 'yaml')) as PollReport;
    assert.deepEqual(report.devices.map((d) => d.name).sort(), ['FAST1', 'FAST2']);
    for (const d of report.devices) assert.deepEqual(d.commands.map((c) => c.output), [showVersion(d.name)]);
    assert.deepEqual(report.commands, ['show version']);
  });

  it('JSON killed mid-poll holds every finished device exactly, short of its closing brackets', async () => {
    const text = await killedAfterFast(path.join(dir, 'killed.json'), 'json');
    const report = JSON.parse(text + ']}') as PollReport;
    assert.deepEqual(report.devices.map((d) => d.name).sort(), ['FAST1', 'FAST2']);
    for (const d of report.devices) assert.deepEqual(d.commands.map((c) => c.output), [showVersion(d.name)]);
  });

  it('Markdown killed mid-poll holds every finished device output in its fence', async () => {
    const text = await killedAfterFast(path.join(dir, 'killed.md'), 'markdown');
    for (const name of ['FAST1', 'FAST2']) {
      assert.match(text, new RegExp(`^## ${name} — finished`, 'm'));
      assert.ok(text.includes('```text\n' + showVersion(name) + '\n```\n'), `${name}'s output`);
    }
    assert.doesNotMatch(text, /HELD/);
  });

  it('--order inventory: a device is on disk as it finishes; at the end the file is whole and in order', async () => {
    const output = path.join(dir, 'ordered.json');
    let duringPoll: string | undefined;
    const { code, stderr } = await netpoll(['poll', path.join(dir, 'ordered.devices.yaml'), '-c', 'show version', '--order', 'inventory', '--host-keys', 'off', '--format', 'json', '-o', output], (seen) => {
      // Read at once, while SLOW still takes its time.
      if (duringPoll === undefined && received(seen.stderr, 'FAST1')) duringPoll = readFileSync(output, 'utf8');
    });
    assert.equal(code, 0, stderr);
    assert.ok(duringPoll?.includes(JSON.stringify(showVersion('FAST1'))), 'FAST1 was in the file while SLOW was running');
    assert.doesNotMatch(duringPoll ?? '', /"SLOW"/);
    const report = JSON.parse(await readFile(output, 'utf8')) as PollReport;
    assertValidReport(report);
    assert.deepEqual(report.devices.map((d) => d.name), ['SLOW', 'FAST1']);
    assert.deepEqual(report.devices.map((d) => d.commands[0].output), [showVersion('SLOW'), showVersion('FAST1')]);
    assert.deepEqual((await readdir(dir)).filter((name) => name.startsWith('.ordered')), [], 'no temporary file is left');
  });

  for (const order of ['completion', 'inventory']) {
    it(`streams YAML to stdout in ${order} order`, async () => {
      // What stdout had shown by the time SLOW answered, after its 1.5 s.
      const shownBeforeSlow = { header: false, fast: false };
      const { code, stdout, stderr } = await netpoll(['poll', path.join(dir, 'ordered.devices.yaml'), '-c', 'show version', '--order', order, '--host-keys', 'off'], (seen) => {
        if (received(seen.stderr, 'SLOW')) return;
        shownBeforeSlow.header ||= seen.stdout.startsWith('inventory: ');
        shownBeforeSlow.fast ||= seen.stdout.includes('- name: FAST1\n');
      });
      assert.equal(code, 0, stderr);
      const report = parse(stdout) as PollReport;
      assertValidReport(report);
      assert.deepEqual(report.devices.map((d) => d.name), order === 'completion' ? ['FAST1', 'SLOW'] : ['SLOW', 'FAST1']);
      // The header goes out at the start; FAST1 as it finishes, unless inventory order puts SLOW first.
      assert.deepEqual(shownBeforeSlow, { header: true, fast: order === 'completion' });
    });
  }
});

describe('netpoll refuses a results path it cannot write (a real process)', function () {
  let lab: DeviceLab;
  let dir: string;
  let inventory: string;
  before(async () => {
    lab = await DeviceLab.start([{ name: 'R1', secret: 'en' }]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-cli-unwritable-'));
    inventory = path.join(dir, 'devices.yaml');
    await writeFile(inventory, lab.inventoryYaml());
    await mkdir(path.join(dir, 'a-directory'));
  });
  after(() => lab?.stop());

  for (const [what, output, reason] of [
    ['a path in a missing folder', 'missing/dir/x.json', 'its folder does not exist (ENOENT)'],
    ['an existing directory', 'a-directory', 'it is a directory, not a file (EISDIR)'],
  ]) {
    it(`-o ${what}: exit 2 before any device is polled`, async () => {
      const target = path.join(dir, output);
      const { code, stderr } = await netpoll(['poll', inventory, '--host-keys', 'off', '-o', target]);
      assert.equal(code, 2);
      assert.ok(stderr.endsWith(`\nnetpoll: cannot write results to ${target}: ${reason}\n`), stderr);
      assert.equal(lab.stats.totalConnections, 0, 'no device was polled');
    });
  }
});
