// The poll store: each device on disk as it is written, an index that says how the poll ended,
// the same documents from the store as from memory, and the newest N polls kept.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PollStoreWriter, StoreError } from '../../src/core/results/pollStoreWriter';
import { renderReport } from '../../src/core/results/render';
import { PollReport } from '../../src/core/results/report';
import { findStoredDevice, listPolls, openPoll, prunePolls, storedDevices } from '../../src/core/results/storedPolls';
import { storedPollText } from '../../src/core/results/storedRender';
import { pollEnd } from '../../src/core/results/storeIndex';
import { inventoryKey, legacyInventoryKey } from '../../src/core/results/storeKey';
import { device, report } from './sampleReports';

describe('poll store', () => {
  let store: string;
  beforeEach(async () => (store = await mkdtemp(path.join(tmpdir(), 'netpoll-store-'))));
  afterEach(() => rm(store, { recursive: true, force: true }));

  // R2 logged while it was polled, and the end of its first output was uncertain.
  const r2 = device('R2', ['# not a heading', ''], { group: 'core', messages: [{ text: '%LINK-3-UPDOWN: Gi0/1 down', command: null }, { text: '%LINK-3-UPDOWN: Gi0/1 up', command: 'show 0' }], messagesDropped: 4 });
  r2.commands[0].uncertainEnd = true;
  const whole = report([device('R1', ['a\n  b\n\n', 'x']), r2, device('R3', [], { status: 'failed', elapsedMs: null, timings: {}, error: { kind: 'auth', message: 'authentication failed' } })]);

  /** Opens a poll of `whole`, in submission order R1, R2, R3. */
  function opened(at = whole.startedAt, inventory = whole.inventory): PollStoreWriter {
    return PollStoreWriter.open(store, { ...whole, inventory, startedAt: at, secretsRemoved: true, skipped: 0 }, whole.devices.map((d) => d.name));
  }

  /** Stores every device of `whole` in the order given (submission positions), then the end. */
  async function storeAll(writer: PollStoreWriter, order: number[]): Promise<void> {
    for (const position of order) await writer.writeDevice(position, whole.devices[position]);
    await writer.finish(whole, order.map((position) => ({ position, status: whole.devices[position].status })));
  }

  it('has each device on disk once writeDevice resolves, and the index says the poll has not ended', async () => {
    const writer = opened();
    await writer.writeDevice(1, whole.devices[1]);
    const poll = await openPoll(writer.dir);
    assert.equal(pollEnd(poll.index), 'interrupted');
    assert.deepEqual(poll.index.devices.map((d) => `${d.name}:${d.status}`), ['R1:pending', 'R2:pending', 'R3:pending']);
    const stored = [];
    for await (const d of storedDevices(poll)) stored.push(d);
    assert.deepEqual(stored, [whole.devices[1]]);
    assert.deepEqual(await readdir(path.join(writer.dir, 'devices')), ['00001.json'], 'no temporary file is left');
  });

  it('gives from the store exactly the document renderReport gives from memory, in the order of the end', async () => {
    const writer = opened();
    // Finished in the order R3, R1, R2: the index lists them so, and the document follows it.
    await storeAll(writer, [2, 0, 1]);
    const poll = await openPoll(writer.dir);
    assert.equal(pollEnd(poll.index), 'complete');
    const inOrderOfEnd: PollReport = { ...whole, devices: [whole.devices[2], whole.devices[0], whole.devices[1]] };
    for (const format of ['yaml', 'json', 'markdown'] as const) assert.equal(await storedPollText(poll, format), renderReport(inOrderOfEnd, format), format);
  });

  it('keeps messages and an uncertain end as they were written, and reads a device file from before messages as having none', async () => {
    const writer = opened();
    await storeAll(writer, [0, 1, 2]);
    const poll = await openPoll(writer.dir);
    const read = (await findStoredDevice(poll, 'R2'))!;
    assert.deepEqual(read.messages, r2.messages);
    assert.equal(read.messagesDropped, 4);
    assert.equal(read.commands[0].uncertainEnd, true);
    assert.equal(read.commands[1].uncertainEnd, undefined);
    // A file an earlier version wrote: no messages member at all.
    const { messages: _none, ...older } = whole.devices[0];
    await writeFile(path.join(writer.dir, poll.index.devices[0].file), JSON.stringify(older));
    const old = (await findStoredDevice(poll, 'R1'))!;
    assert.deepEqual(old.messages, []);
    assert.deepEqual(Object.keys(old), Object.keys(whole.devices[0]), 'in the place a new file has it');
    assert.ok((await storedPollText(poll, 'markdown')).includes('# NetPoll results'), 'the poll still renders');
  });

  it('reads a poll cut short by a crash: the devices stored so far, and totals counted from them', async () => {
    const writer = opened();
    await writer.writeDevice(2, whole.devices[2]);
    await writer.writeDevice(0, whole.devices[0]);
    const text = await storedPollText(await openPoll(writer.dir), 'json');
    const read = JSON.parse(text) as PollReport;
    assert.equal(read.finishedAt, null);
    assert.deepEqual(read.devices.map((d) => d.name), ['R1', 'R3']);
    assert.deepEqual(read.summary, { total: 3, finished: 1, failed: 1, cancelled: 0, skipped: 0 });
  });

  it('marks a poll with cancelled devices as ended but incomplete', async () => {
    const writer = opened();
    await writer.writeDevice(0, whole.devices[0]);
    await writer.finish({ ...whole, summary: { total: 3, finished: 1, failed: 0, cancelled: 2, skipped: 0 } }, [
      { position: 0, status: 'finished' },
      { position: 1, status: 'cancelled' },
      { position: 2, status: 'cancelled' },
    ]);
    assert.equal(pollEnd((await openPoll(writer.dir)).index), 'cancelled');
  });

  it('lists polls newest first, two in one millisecond apart, and keeps only the newest N', async () => {
    const times = ['2026-01-02T03:04:05.678Z', '2026-01-02T03:04:05.678Z', '2026-01-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z'];
    const dirs = [];
    for (const at of times) {
      const writer = opened(at);
      await storeAll(writer, [0, 1, 2]);
      dirs.push(path.basename(writer.dir));
    }
    assert.deepEqual(dirs, ['20260102-030405-678', '20260102-030405-678-2', '20260103-000000-000', '20260101-000000-000']);
    const listed = (await listPolls(store, whole.inventory)).map((p) => path.basename(p.dir));
    assert.deepEqual(listed, ['20260103-000000-000', '20260102-030405-678-2', '20260102-030405-678', '20260101-000000-000']);
    assert.equal(await prunePolls(store, whole.inventory, 2), 2);
    assert.deepEqual((await listPolls(store, whole.inventory)).map((p) => path.basename(p.dir)), listed.slice(0, 2));
  });

  it("names each inventory's folder readably, as one safe path part, and never two inventories alike", () => {
    assert.equal(inventoryKey('devices.yaml'), 'devices.yaml');
    assert.equal(inventoryKey('lab/core.devices.yaml'), 'lab__core.devices.yaml');
    assert.equal(inventoryKey('./lab//core.devices.yaml'), 'lab__core.devices.yaml', 'the same file, the same folder');
    assert.equal(inventoryKey('site_a.yaml'), 'site_-a.yaml');
    assert.equal(inventoryKey('../../etc/x y.yaml'), '..__..__etc__x_20y.yaml');
    assert.equal(inventoryKey('C:\\net\\devices.yaml', true), 'C_3A__net__devices.yaml');
    const names = ['a/b.yaml', 'a__b.yaml', 'a_/b.yaml', 'a/_b.yaml', 'a_b.yaml', 'a b.yaml', 'a\\b.yaml', 'a-b.yaml', 'a_-b.yaml', 'a_20b.yaml', '../a/b.yaml', '/a/b.yaml', 'a/b.yaml/', '.', '..', '', '_', 'é.yaml', 'e\u0301.yaml', 'x'.repeat(300), `${'x'.repeat(299)}y`];
    const keys = names.map((name) => inventoryKey(name, false));
    assert.equal(new Set(keys).size, names.length - 1, keys.join('\n')); // 'a/b.yaml' and 'a/b.yaml/' name one file
    assert.equal(inventoryKey('a/b.yaml/', false), inventoryKey('a/b.yaml', false));
    for (const key of keys) {
      assert.match(key, /^[A-Za-z0-9._-]+$/, key);
      assert.ok(key !== '.' && key !== '..' && key.length <= 130, key);
    }
    // On Windows `\\` separates folders, so both spellings are one file and one folder.
    assert.equal(inventoryKey('lab\\devices.yaml', true), inventoryKey('lab/devices.yaml', true));
    assert.notEqual(inventoryKey('lab\\devices.yaml', false), inventoryKey('lab/devices.yaml', false));
  });

  it("prunes one inventory's polls without touching another's whose old folder name was the same", async () => {
    assert.equal(legacyInventoryKey('a/b.yaml'), legacyInventoryKey('a__b.yaml'), 'the collision this guards against');
    for (const at of ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']) {
      await storeAll(opened(at, 'a/b.yaml'), [0, 1, 2]);
      await storeAll(opened(at, 'a__b.yaml'), [0, 1, 2]);
    }
    assert.equal(await prunePolls(store, 'a/b.yaml', 0), 2);
    assert.equal((await listPolls(store, 'a/b.yaml')).length, 0);
    assert.deepEqual((await listPolls(store, 'a__b.yaml')).map((p) => p.index.inventory), ['a__b.yaml', 'a__b.yaml']);
  });

  it('still finds polls stored under the old folder name, and only those of the inventory asked for', async () => {
    // Two inventories whose polls earlier builds kept in one folder, `site_a.yaml`.
    const mine = opened('2026-01-01T00:00:00.000Z', 'site_a.yaml');
    const theirs = opened('2026-01-01T00:00:01.000Z', 'site a.yaml');
    await storeAll(mine, [0, 1, 2]);
    await storeAll(theirs, [0, 1, 2]);
    const old = path.join(store, legacyInventoryKey('site_a.yaml'));
    await mkdir(old);
    for (const writer of [mine, theirs]) await rename(writer.dir, path.join(old, path.basename(writer.dir)));
    const newer = opened('2026-01-02T00:00:00.000Z', 'site_a.yaml');
    await storeAll(newer, [0, 1, 2]);
    assert.notEqual(path.dirname(newer.dir), old, 'new polls go to the new folder');
    const listed = await listPolls(store, 'site_a.yaml');
    assert.deepEqual(listed.map((p) => [p.index.inventory, p.index.startedAt]), [['site_a.yaml', '2026-01-02T00:00:00.000Z'], ['site_a.yaml', '2026-01-01T00:00:00.000Z']]);
    assert.equal(await prunePolls(store, 'site_a.yaml', 1), 1);
    assert.deepEqual(await readdir(old), [path.basename(theirs.dir)], "the other inventory's poll stays");
    assert.equal((await listPolls(store, 'site a.yaml')).length, 1);
  });

  it("refuses an index whose device file would be read from elsewhere", async () => {
    const writer = opened();
    await storeAll(writer, [0, 1, 2]);
    const index = JSON.parse(await readFile(path.join(writer.dir, 'poll.json'), 'utf8'));
    index.devices[1].file = '../../../../etc/passwd';
    await writeFile(path.join(writer.dir, 'poll.json'), JSON.stringify(index));
    await assert.rejects(openPoll(writer.dir), /is not a NetPoll poll index: a device's file is "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd", not devices\/NNNNN\.json/);
  });

  it('refuses a store it cannot write before any device, saying why', async () => {
    const blocker = path.join(store, 'file');
    await writeFile(blocker, 'not a folder');
    assert.throws(() => PollStoreWriter.open(blocker, { ...whole, secretsRemoved: true, skipped: 0 }, ['R1']), (err: Error) => err instanceof StoreError && /cannot keep polls in .*file: a file stands where one of its folders should be \(ENOTDIR\)/.test(err.message));
  });

  it('says what a folder is not, when it is not a stored poll', async () => {
    await assert.rejects(openPoll(store), /is not a stored poll: it has no poll\.json$/);
    await writeFile(path.join(store, 'poll.json'), '{"devices": [');
    await assert.rejects(openPoll(store), /poll\.json is not valid JSON: /);
    await writeFile(path.join(store, 'poll.json'), '{"devices": []}');
    await assert.rejects(openPoll(store), /poll\.json is not a NetPoll poll index \(format 1\)$/);
  });
});
