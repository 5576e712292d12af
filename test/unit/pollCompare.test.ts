// Comparing two polls: per device and per command, lines that change on every poll skipped by
// the platforms' defaults and by a person's rules, and a device that fails or answers again.
import { strict as assert } from 'node:assert';
import { compareDevice, comparePolls, comparisonLine, count, DeviceComparison, emptySummary } from '../../src/core/results/pollCompare';
import { reportSide } from '../../src/core/results/pollSides';
import { DeviceReport } from '../../src/core/results/report';
import { defaultVolatileLines, ignoredLines, InvalidIgnoreRule } from '../../src/core/results/volatileLines';
import { device, report } from './sampleReports';

/** A device answering `show clock` and `show version` with the given texts. */
function answering(name: string, clock: string, version: string, extra: Partial<DeviceReport> = {}): DeviceReport {
  const d = device(name, [clock, version], extra);
  return { ...d, commands: [{ ...d.commands[0], command: 'show clock' }, { ...d.commands[1], command: 'show version' }] };
}

const VERSION = 'Cisco IOS Software, Version 15.2(4)M7\nR1 uptime is 1 week, 2 days, 3 minutes\nSystem image file is "flash:c2900.bin"\n';

describe('comparing polls', () => {
  it('finds nothing changed between two polls of an unchanged device: its clock and uptime differ on every poll', () => {
    const before = answering('R1', '*10:21:03.123 UTC Tue Dec 1 2026', VERSION);
    const after = answering('R1', '*10:26:44.901 UTC Tue Dec 1 2026', VERSION.replace('3 minutes', '9 minutes'));
    const compared = compareDevice(before, after);
    assert.equal(compared.status, 'unchanged');
    assert.deepEqual(compared.commands.map((c) => `${c.command}:${c.status}`), ['show clock:unchanged', 'show version:unchanged']);
  });

  it('ignores the messages a device sent on its own: they are not outputs', () => {
    const before = answering('R1', 'x', VERSION);
    const logged = { messages: [{ text: '%LINK-3-UPDOWN: Interface Gi0/1, changed state to down', command: 'show version' }], messagesDropped: 12 };
    assert.equal(compareDevice(before, answering('R1', 'x', VERSION, logged)).status, 'unchanged');
    const changed = compareDevice(before, answering('R1', 'x', VERSION.replace('15.2(4)M7', '15.9(3)M4'), logged));
    assert.equal(changed.status, 'changed');
    for (const c of changed.commands) assert.doesNotMatch(c.diff ?? '', /UPDOWN/);
  });

  it('marks the one command whose answer changed, with a unified diff of its lines', () => {
    const before = answering('R1', '*10:21:03.123 UTC Tue Dec 1 2026', VERSION);
    const after = answering('R1', '*10:26:44.901 UTC Tue Dec 1 2026', VERSION.replace('15.2(4)M7', '15.9(3)M4'));
    const compared = compareDevice(before, after);
    assert.equal(compared.status, 'changed');
    const version = compared.commands.find((c) => c.command === 'show version')!;
    assert.equal(version.status, 'changed');
    assert.match(version.diff!, /^--- R1> show version \(before\)\n\+\+\+ R1> show version \(now\)\n@@ /m);
    assert.match(version.diff!, /^-Cisco IOS Software, Version 15\.2\(4\)M7$/m);
    assert.match(version.diff!, /^\+Cisco IOS Software, Version 15\.9\(3\)M4$/m);
    assert.doesNotMatch(version.diff!, /uptime/, 'ignored lines are not in the diff');
    assert.equal(compared.commands.find((c) => c.command === 'show clock')!.status, 'unchanged');
  });

  it("applies a person's rules: for every command, for one command, for one device or platform", () => {
    const before = answering('R1', 'x', 'Load: 3%\nserial ABC\n');
    const after = answering('R1', 'x', 'Load: 9%\nserial ABC\n');
    assert.equal(compareDevice(before, after).status, 'changed');
    assert.equal(compareDevice(before, after, { rules: [{ pattern: '^Load: ' }] }).status, 'unchanged');
    assert.equal(compareDevice(before, after, { rules: [{ pattern: '^Load: ', command: '  SHOW   version ' }] }).status, 'unchanged');
    assert.equal(compareDevice(before, after, { rules: [{ pattern: '^Load: ', command: 'show clock' }] }).status, 'changed');
    assert.equal(compareDevice(before, after, { rules: [{ pattern: '^Load: ', device: 'R2' }] }).status, 'changed');
    assert.equal(compareDevice(before, after, { rules: [{ pattern: '^Load: ', deviceType: 'cisco_ios' }] }).status, 'unchanged');
    assert.throws(() => compareDevice(before, after, { rules: [{ pattern: '([' }] }), InvalidIgnoreRule);
  });

  it('compares every line when the platform defaults are turned off', () => {
    const before = answering('R1', '*10:21:03.123 UTC Tue Dec 1 2026', VERSION);
    const after = answering('R1', '*10:26:44.901 UTC Tue Dec 1 2026', VERSION);
    assert.equal(compareDevice(before, after, { defaults: false }).status, 'changed');
  });

  it('tells a device that now fails, answers again, is new, is gone, or was not polled', () => {
    const ok = answering('R1', 'x', 'y');
    const failed = answering('R1', '', '', { status: 'failed', commands: [], error: { kind: 'auth', message: 'authentication failed' } });
    const cancelled = answering('R1', '', '', { status: 'cancelled', commands: [], error: { kind: 'cancelled', message: 'cancelled before it started' } });
    assert.equal(compareDevice(ok, failed).status, 'now-failing');
    assert.equal(compareDevice(ok, failed).reason, 'auth: authentication failed');
    assert.equal(compareDevice(failed, ok).status, 'now-answering');
    assert.equal(compareDevice(failed, failed).status, 'unchanged');
    assert.equal(compareDevice(failed, { ...failed, error: { kind: 'connect', message: 'refused' } }).status, 'changed');
    assert.equal(compareDevice(undefined, ok).status, 'new');
    assert.equal(compareDevice(ok, undefined).status, 'gone');
    assert.equal(compareDevice(ok, cancelled).status, 'not-compared');
  });

  it('marks commands new and gone when the commands asked differ', () => {
    const before = answering('R1', 'x', 'y');
    const after = { ...before, commands: [before.commands[1], { command: 'show inventory', output: 'z', failed: false, elapsedMs: 1 }] };
    assert.deepEqual(compareDevice(before, after).commands.map((c) => `${c.command}:${c.status}`), ['show version:unchanged', 'show inventory:new', 'show clock:gone']);
  });

  it('compares two whole polls and sums them up as a person reads it', async () => {
    const before = report([answering('R1', 'x', 'v1'), answering('R2', 'x', 'v'), answering('R3', 'x', 'v'), answering('R4', 'x', 'v')]);
    const after = report([answering('R1', 'x', 'v2'), answering('R2', 'x', 'v'), answering('R3', '', '', { status: 'failed', commands: [], error: { kind: 'auth', message: 'authentication failed' } }), answering('R5', 'x', 'v')]);
    const devices: DeviceComparison[] = [];
    for await (const d of comparePolls(reportSide(before, 'before'), reportSide(after, 'now'))) devices.push(d);
    assert.deepEqual(devices.map((d) => `${d.name}:${d.status}`), ['R1:changed', 'R2:unchanged', 'R3:now-failing', 'R5:new', 'R4:gone']);
    const summary = emptySummary();
    for (const d of devices) count(summary, d);
    assert.deepEqual(summary, { changed: 2, unchanged: 1, new: 1, gone: 1, nowFailing: 1, nowAnswering: 0, notCompared: 0 });
    assert.equal(comparisonLine(summary), '1 device changed, 1 unchanged, 1 now failing, 1 new, 1 gone');
  });

  it('has default volatile lines for every built-in platform that a poll of it prints', () => {
    const skip = (deviceType: string, command: string) => ignoredLines([], { device: 'd', deviceType, command });
    assert.ok(skip('cisco_ios', 'show clock')('*10:21:03.123 UTC Tue Dec 1 2026'));
    assert.ok(skip('cisco_nxos', 'show running-config')('!Time: Tue Dec  1 10:21:03 2026'));
    assert.ok(skip('cisco_xr', 'show running-config')('!! Last configuration change at Sat Nov 21 20:00:00 2020 by cisco'));
    assert.ok(skip('arista_eos', 'show version')('Uptime: 1 week, 2 days, 3 hours and 4 minutes'));
    assert.ok(skip('juniper_junos', 'show system uptime')('Current time: 2026-12-01 10:21:03 UTC'));
    assert.ok(skip('linux', 'uptime')(' 10:21:03 up 3 days,  2:04,  1 user,  load average: 0.00, 0.01, 0.05'));
    assert.ok(!skip('cisco_ios', 'show version')('Cisco IOS Software, Version 15.2(4)M7'));
    assert.ok(defaultVolatileLines('vendor_x').length > 0, 'a platform without rules of its own gets the common ones');
  });
});
