// The poll store from the command line (a real process on the lab): each device on disk while
// the poll still runs, a killed poll that stays readable, secrets that never reach disk, and
// `netpoll diff` telling exactly which devices and commands changed.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listPolls, storedDevices } from '../../src/core/results/storedPolls';
import { pollEnd } from '../../src/core/results/storeIndex';
import { expectedOutput } from '../lab/expected';
import { DeviceLab } from '../lab/lab';
import { netpoll, received } from './netpollProcess';
import { assertValidStoredPoll } from './resultsSchema';

/** Every file under `dir`, read whole, joined: what is on disk. */
async function everythingIn(dir: string): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) texts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts.join('\n');
}

describe('netpoll poll --store and netpoll diff (a real process)', function () {
  let lab: DeviceLab;
  let dir: string;
  /** An inventory of lab devices: `entries` maps the name to give to the lab device to reach, and its password. */
  async function inventory(file: string, entries: [name: string, labDevice: string, password?: string][]): Promise<string> {
    const yaml = entries
      .map(([name, labName, password]) => {
        const d = lab.devices.find((x) => x.name === labName)!;
        return `- {name: ${name}, device_type: ${d.platform}, host: ${d.host}, port: ${d.port}, username: ${d.username}, password: ${password ?? d.password}, secret: en}\n`;
      })
      .join('');
    const target = path.join(dir, file);
    await writeFile(target, yaml);
    return target;
  }

  before(async () => {
    lab = await DeviceLab.start([
      { name: 'R1', secret: 'en' },
      { name: 'R2', secret: 'en' },
      { name: 'R3', secret: 'en' },
      { name: 'EOS1', platform: 'arista_eos', secret: 'en' },
      { name: 'HELD', secret: 'en', showDelayMs: 120_000 },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-cli-store-'));
  });
  after(() => lab?.stop());

  it('has each device in the store while the poll still runs; killed, the store is readable and says it is incomplete', async () => {
    const store = path.join(dir, 'killed-store');
    const file = await inventory('killed.devices.yaml', [['HELD', 'HELD'], ['R1', 'R1']]);
    let storedWhileRunning: string[] | undefined;
    const exit = await netpoll(['poll', file, '-c', 'show version', '--host-keys', 'off', '--store', store], (seen, child) => {
      if (storedWhileRunning === undefined && received(seen.stderr, 'R1')) {
        // R1's log line comes after R1 is on disk; HELD is still running.
        storedWhileRunning = readdirSync(store, { recursive: true }).map(String);
        child.kill('SIGKILL');
      }
    });
    assert.equal(exit.signal, 'SIGKILL', exit.stderr);
    const [poll, ...others] = await listPolls(store, file);
    assert.equal(others.length, 0);
    assert.equal(pollEnd(poll.index), 'interrupted');
    assert.deepEqual(poll.index.devices.map((d) => `${d.name}:${d.status}`), ['HELD:pending', 'R1:pending']);
    const stored = [];
    for await (const d of storedDevices(poll)) stored.push(d);
    assert.deepEqual(stored.map((d) => `${d.name}:${d.status}`), ['R1:finished']);
    assertValidStoredPoll(poll.index, stored);
    assert.equal(stored[0].commands[0].output, expectedOutput('cisco_ios', 'R1', 'show version').join('\n'));
    assert.ok(storedWhileRunning?.some((f) => f.endsWith(path.join('devices', '00001.json'))), `R1's file was there while HELD ran: ${storedWhileRunning}`);
    assert.ok(!storedWhileRunning?.some((f) => f.endsWith(path.join('devices', '00000.json'))), 'HELD, still running, was not');
  });

  it('removes secrets before anything is written, and keeps them only when asked to', async () => {
    const file = await inventory('secrets.devices.yaml', [['EOS1', 'EOS1']]);
    const secretLine = expectedOutput('arista_eos', 'EOS1', 'show running-config').find((line) => line.includes(' secret sha512 '))!;
    const secret = secretLine.split(' ').at(-1)!;
    for (const keep of [false, true]) {
      const store = path.join(dir, `secrets-store-${keep}`);
      const output = path.join(dir, `secrets-${keep}.json`);
      const { code, stderr } = await netpoll(['poll', file, '-c', 'show running-config', '--host-keys', 'off', '--store', store, '-o', output, '--format', 'json', ...(keep ? ['--keep-secrets'] : [])]);
      assert.equal(code, 0, stderr);
      const onDisk = (await everythingIn(store)) + (await readFile(output, 'utf8'));
      assert.equal(onDisk.includes(secret), keep, `the secret ${keep ? 'is kept' : 'never reaches disk'}`);
      assert.equal(onDisk.includes(secretLine.replace(secret, '<removed>')), !keep);
      assert.ok(!stderr.includes(secret));
    }
  });

  it('netpoll diff: nothing changed between two polls of an unchanged lab, though the clock moved', async () => {
    const store = path.join(dir, 'same-store');
    const file = await inventory('same.devices.yaml', [['R1', 'R1'], ['R2', 'R2'], ['EOS1', 'EOS1']]);
    for (let i = 0; i < 2; i++) {
      const { code, stderr } = await netpoll(['poll', file, '-c', 'show clock', '-c', 'show version', '--host-keys', 'off', '--store', store]);
      assert.equal(code, 0, stderr);
    }
    const [after, before] = await listPolls(store, file);
    assert.equal(pollEnd(after.index), 'complete');
    const devices = [];
    for await (const d of storedDevices(after)) devices.push(d);
    assertValidStoredPoll(after.index, devices);
    const clocks = async (p: typeof after) => {
      const out = [];
      for await (const d of storedDevices(p)) out.push(d.commands[0].output);
      return out.join();
    };
    assert.notEqual(await clocks(before), await clocks(after), 'the clocks differ between the polls');
    const { code, stdout, stderr } = await netpoll(['diff', before.dir, after.dir, '--format', 'json']);
    assert.equal(code, 0, stderr + stdout);
    assert.deepEqual(JSON.parse(stdout), { summary: { changed: 0, unchanged: 3, new: 0, gone: 0, nowFailing: 0, nowAnswering: 0, notCompared: 0 }, devices: [] });
    // With the platforms' defaults off, the clocks that moved are changes, and nothing else is.
    const strict = await netpoll(['diff', before.dir, after.dir, '--no-defaults', '--format', 'json']);
    assert.equal(strict.code, 1);
    const changed = JSON.parse(strict.stdout).devices as { commands: { command: string; status: string }[] }[];
    assert.ok(changed.length > 0);
    for (const d of changed) assert.deepEqual(d.commands.filter((c) => c.status !== 'unchanged').map((c) => c.command), ['show clock']);
  });

  it('netpoll diff: names exactly the devices and commands that changed, in JSON, text and Markdown; exit 1', async () => {
    const before = path.join(dir, 'before.json');
    const after = path.join(dir, 'after.json');
    const poll = async (file: string, output: string) => {
      const { code, stderr } = await netpoll(['poll', file, '-c', 'show clock', '-c', 'show running-config', '--host-keys', 'off', '--format', 'json', '-o', output]);
      assert.ok(code === 0 || code === 1, stderr);
    };
    await poll(await inventory('before.devices.yaml', [['R1', 'R1'], ['R2', 'R2'], ['R3', 'R3'], ['R4', 'R2']]), before);
    // Now "R1" is another device (its configuration names R3), R2 has a wrong password, R4 is gone and R5 new.
    await poll(await inventory('after.devices.yaml', [['R1', 'R3'], ['R2', 'R2', 'not-the-password'], ['R3', 'R3'], ['R5', 'R1']]), after);
    const json = await netpoll(['diff', before, after, '--format', 'json']);
    assert.equal(json.code, 1, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.deepEqual(result.summary, { changed: 2, unchanged: 1, new: 1, gone: 1, nowFailing: 1, nowAnswering: 0, notCompared: 0 });
    // In the order of the newer poll (as its devices finished), then those gone.
    const listed = result.devices.map((d: { name: string; status: string }) => `${d.name}:${d.status}`);
    assert.deepEqual(listed.slice(0, 3).sort(), ['R1:changed', 'R2:now-failing', 'R5:new']);
    assert.equal(listed[3], 'R4:gone');
    const byName = (name: string) => result.devices.find((d: { name: string }) => d.name === name);
    const r1 = byName('R1');
    assert.deepEqual(r1.commands.map((c: { command: string; status: string }) => `${c.command}:${c.status}`), ['show clock:unchanged', 'show running-config:changed']);
    assert.match(r1.commands[1].diff, /^-hostname R1$/m);
    assert.match(r1.commands[1].diff, /^\+hostname R3$/m);
    assert.match(byName('R2').reason, /^auth: /);

    const text = await netpoll(['diff', before, after]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^R1: changed\n {2}show running-config: changed\n/m);
    assert.match(text.stdout, /^R2: now failing \(auth: /m);
    assert.ok(text.stdout.endsWith('\n1 device changed, 1 unchanged, 1 now failing, 1 new, 1 gone\n'), text.stdout);
    const markdown = await netpoll(['diff', before, after, '--format', 'markdown']);
    assert.match(markdown.stdout, /^## R1: changed\n\n### show running-config: changed\n\n```diff\n/m);
  });

  it('netpoll diff: exit 2 with the reason for a path that is no poll', async () => {
    const notResults = path.join(dir, 'not-results.json');
    await writeFile(notResults, '{"hello": 1}');
    for (const [args, reason] of [
      [[path.join(dir, 'missing'), notResults], /cannot read .*missing: /],
      [[notResults, notResults], /is not NetPoll results: it has no list of devices/],
      [[dir, notResults], /is not a stored poll: it has no poll\.json/],
      [[notResults], /needs two polls: OLD and NEW/],
    ] as const) {
      const { code, stderr } = await netpoll(['diff', ...args]);
      assert.equal(code, 2, stderr);
      assert.match(stderr, reason);
    }
  });
});
