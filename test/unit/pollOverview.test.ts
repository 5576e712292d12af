// The results view's data: answers grouped across devices as Compare would see them, parsed
// fields counted, the filter and sort, and the timeline with the sessions open over time.
import { strict as assert } from 'node:assert';
import { filterDevices, sortDevices } from '../../src/core/results/overviewQuery';
import { PollOverview } from '../../src/core/results/pollOverview';
import { pollTimeline } from '../../src/core/results/pollTimeline';
import { device } from './sampleReports';

const version = (image: string, name: string) => `Cisco IOS Software, Version ${image}\n${name} uptime is ${name.length} weeks\nhostname ${name}\n`;

function overviewOf(devices: ReturnType<typeof device>[]) {
  const overview = new PollOverview([{ pattern: '^Load for ', command: 'show 0' }]);
  devices.forEach((d, i) => overview.add(i, d));
  return overview;
}

describe('the results view: answers across devices', () => {
  it('groups devices whose answers differ only in volatile lines, user rules and their own name', () => {
    const overview = overviewOf([
      device('R1', [version('15.2(4)M7', 'R1')]),
      device('R2', [`${version('15.2(4)M7', 'R2')}Load for five secs: 3%\n`]),
      device('SW10', [version('15.2(4)M7', 'SW10')]),
      device('R3', [version('12.4(24)T', 'R3')]),
    ]);
    const [answers] = overview.allAnswers();
    assert.equal(answers.command, 'show 0');
    assert.deepEqual(
      answers.groups.map((g) => [g.count, g.sample, g.example]),
      [
        [3, 'Cisco IOS Software, Version 15.2(4)M7', 'R1'],
        [1, 'Cisco IOS Software, Version 12.4(24)T', 'R3'],
      ],
    );
    assert.equal(answers.answered, 4);
    const rows = overview.allDevices();
    assert.deepEqual(rows.map((r) => r.commands[0].answer), [0, 0, 0, 1]);
    assert.equal(rows[0].commands[0].firstLine, 'Cisco IOS Software, Version 15.2(4)M7');
  });

  it('a name is made neutral only as a whole word: R1 does not hide R10', () => {
    const overview = overviewOf([device('R1', ['peer R1\n']), device('R10', ['peer R1\n'])]);
    assert.equal(overview.allAnswers()[0].groups.length, 2);
  });

  it('counts each parsed field across every record, most common first', () => {
    const parsed = (versions: string[]) => ({ parse: { status: 'parsed' as const, template: 't', message: null }, parsed: versions.map((v) => ({ version: v, serial: ['1', '2'] })) });
    const overview = overviewOf([
      device('R1', [], { commands: [{ command: 'show version', output: 'x', failed: false, elapsedMs: 1, ...parsed(['15.2']) }] }),
      device('R2', [], { commands: [{ command: 'show version', output: 'y', failed: false, elapsedMs: 1, ...parsed(['12.4']) }] }),
      device('R3', [], { commands: [{ command: 'show version', output: 'z', failed: false, elapsedMs: 1, ...parsed(['15.2']) }] }),
    ]);
    const [answers] = overview.allAnswers();
    assert.deepEqual(answers.fields, [
      { field: 'version', distinct: 2, values: [{ value: '15.2', count: 2 }, { value: '12.4', count: 1 }] },
      { field: 'serial', distinct: 1, values: [{ value: '1, 2', count: 3 }] },
    ]);
    assert.deepEqual(overview.device(1)!.commands[0].parse, { status: 'parsed', records: 1, message: null });
  });
});

describe('the results view: filter and sort', () => {
  const overview = overviewOf([
    device('core-1', ['a\n'], { group: 'core' }),
    device('edge-1', ['b\n'], { group: 'edge', status: 'failed', error: { kind: 'auth', message: 'authentication failed' }, commands: [] }),
    device('core-2', ['b\n'], { group: 'core', elapsedMs: 900 }),
  ]);
  const all = overview.allDevices();
  const commands = ['show 0'];
  const names = (list: typeof all) => list.map((d) => d.name);

  it('narrows by field words and by text, every word applying', () => {
    assert.deepEqual(names(filterDevices(all, 'status:failed', commands)), ['edge-1']);
    assert.deepEqual(names(filterDevices(all, 'group:core', commands)), ['core-1', 'core-2']);
    assert.deepEqual(names(filterDevices(all, 'kind:auth', commands)), ['edge-1']);
    assert.deepEqual(names(filterDevices(all, 'group:core -2', commands)), ['core-2']);
    assert.deepEqual(names(filterDevices(all, '"authentication failed"', commands)), ['edge-1']);
    assert.deepEqual(names(filterDevices(all, '', commands)), ['core-1', 'edge-1', 'core-2']);
  });

  it('answer:N:G keeps the devices that gave that answer', () => {
    const b = overview.allAnswers()[0].groups.find((g) => g.sample === 'b')!;
    assert.deepEqual(names(filterDevices(all, `answer:0:${b.id}`, commands)), ['core-2']);
  });

  it('sorts by a column, then by name; failures first by status', () => {
    assert.deepEqual(names(sortDevices([...all], { key: 'status', descending: false }, commands)), ['edge-1', 'core-1', 'core-2']);
    assert.deepEqual(names(sortDevices([...all], { key: 'elapsed', descending: true }, commands)), ['core-2', 'core-1', 'edge-1']);
    assert.deepEqual(names(sortDevices([...all], { key: 'command:0', descending: false }, commands)), ['edge-1', 'core-1', 'core-2']);
  });
});

describe('the results view: timeline', () => {
  it('lays each device out from its timings, and counts the sessions open over time', () => {
    const overview = overviewOf([
      device('R1', ['a'], { timings: { queued: 0, connect: 10, auth: 20, prepare: 5, total: 45 } }),
      device('R2', ['a'], { timings: { queued: 45, connect: 10, auth: 20, prepare: 5, total: 40 } }),
      device('R3', [], { status: 'failed', error: { kind: 'auth', message: 'no' }, timings: { queued: 0, connect: 10, total: 30 }, commands: [] }),
    ]);
    const timeline = pollTimeline(overview.allDevices());
    assert.deepEqual(
      timeline.bars[0].segments.map((s) => [s.kind, s.label, s.start, s.end]),
      [
        ['queued', 'queued', 0, 0],
        ['connect', 'connect', 0, 10],
        ['auth', 'auth', 10, 30],
        ['prepare', 'prepare', 30, 35],
        ['command', 'show 0', 35, 40],
        ['close', 'closing', 40, 45],
      ],
    );
    assert.deepEqual(timeline.bars[2].segments.at(-1), { kind: 'failed', label: 'failed (auth)', start: 10, end: 30 });
    // R1 and R3 at once; R2 takes R1's worker the moment it is free.
    assert.deepEqual(timeline.sessions, [
      { at: 0, open: 2 },
      { at: 30, open: 1 },
      { at: 45, open: 1 },
      { at: 85, open: 0 },
    ]);
    assert.equal(timeline.peak, 2);
    assert.equal(timeline.end, 85);
  });
});
