import { strict as assert } from 'node:assert';
import { DeviceSpec } from '../../src/core/inventory/inventory';
import { DevicePoll } from '../../src/core/poll/devicePoll';
import { describeState } from '../../src/core/poll/progressLog';
import { printable } from '../../src/core/results/printable';

const device = (name: string, host = '127.0.0.1'): DeviceSpec => ({ name, host, port: 2201, deviceType: 'cisco_ios', line: 1, timeouts: {}, jumps: [], tags: [] });

describe('printable', () => {
  it('escapes C0 controls, DEL, C1 controls and the Unicode line breaks', () => {
    assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(printable('\x00\x1b[31m\x7f'), '\\x00\\x1b[31m\\x7f');
    assert.equal(printable('\x85\x9b'), '\\x85\\x9b');
    assert.equal(printable('x\u2028y\u2029z'), 'x\\u2028y\\u2029z');
  });

  it('leaves every other character as it is', () => {
    const text = 'R1-core.lab [127.0.0.1]:22 é ü 中 😀 \\n ~';
    assert.equal(printable(text), text);
  });
});

describe('log lines for devices', () => {
  const forged = 'R1\n!!! 12:00:00.000 Failed: CORE1 auth: authentication failed for CORE1\u2028';

  it('keep a name with a newline on one line, for every state', () => {
    const poll = new DevicePoll(device(forged, '127.0.0.1\r\nX'), 0);
    const lines: string[] = [];
    poll.markRunning();
    lines.push(describeState(poll)!.text);
    poll.settle('failed', { kind: 'auth', message: `authentication failed for ${forged}`, hint: 'Check\nthe password.' });
    lines.push(describeState(poll)!.text);
    const finished = new DevicePoll(device(forged), 1);
    finished.markRunning();
    finished.settle('finished');
    lines.push(describeState(finished)!.text);
    for (const line of lines) assert.doesNotMatch(line, /[\n\r\u2028\u2029]/, line);
    assert.equal(lines[0], 'Connection: R1\\n!!! 12:00:00.000 Failed: CORE1 auth: authentication failed for CORE1\\u2028 (127.0.0.1\\r\\nX:2201)');
    assert.match(lines[1], /^Failed: R1\\n!!! .* \(Check\\nthe password\.\)$/);
  });
});
