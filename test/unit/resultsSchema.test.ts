// The results schema and what NetPoll writes agree on messages and uncertain ends: every format
// of a report that has them validates, and the shapes the schema promises are enforced.
import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { renderReport } from '../../src/core/results/render';
import { DeviceReport } from '../../src/core/results/report';
import { assertValidReport, assertValidStoredPoll } from '../integration/resultsSchema';
import { device, report } from './sampleReports';

function chatty(): DeviceReport {
  const d = device('R1', ['hostname R1#\n', 'plain']);
  return {
    ...d,
    commands: [{ ...d.commands[0], uncertainEnd: true }, d.commands[1]],
    messages: [
      { text: '%SYS-5-CONFIG_I: Configured from console', command: null },
      { text: '%LINK-3-UPDOWN: Gi0/1 down', command: 'show 0' },
    ],
    messagesDropped: 3,
  };
}

/** Whether the schema takes a report holding this one device. */
function accepts(d: unknown): boolean {
  try {
    assertValidReport(report([d as DeviceReport]));
    return true;
  } catch {
    return false;
  }
}

describe('results schema: messages and uncertain ends', () => {
  it('takes a report with them as JSON and YAML write it, and a device file as the store writes it', () => {
    const whole = report([chatty(), device('R2', ['x'])]);
    assertValidReport(JSON.parse(renderReport(whole, 'json')));
    assertValidReport(parse(renderReport(whole, 'yaml')));
    assertValidStoredPoll(
      { netpollStore: 1, id: '20260102-030405-678', inventory: 'devices.yaml', startedAt: whole.startedAt, finishedAt: null, elapsedMs: null, complete: false, workers: 10, order: 'completion', commands: whole.commands, secretsRemoved: true, skipped: 0, summary: null, devices: [{ name: 'R1', file: 'devices/00000.json', status: 'pending' }] },
      [JSON.parse(JSON.stringify(chatty()))],
    );
  });

  it('requires messages, each with its text and its command or null', () => {
    const { messages: _none, ...withoutMessages } = chatty();
    assert.equal(accepts(withoutMessages), false, 'messages is required');
    assert.equal(accepts({ ...chatty(), messages: [{ text: 'x' }] }), false, 'command is required, null when there was none');
    assert.equal(accepts({ ...chatty(), messages: [{ text: 'x', command: undefined }] }), false);
    assert.equal(accepts({ ...chatty(), messages: [{ text: 1, command: null }] }), false);
    assert.equal(accepts({ ...chatty(), messages: [{ text: 'x', command: null, when: 'now' }] }), false, 'nothing else');
    assert.equal(accepts({ ...chatty(), messages: [] }), true);
  });

  it('takes messagesDropped only as a count of at least one, and uncertainEnd only as true', () => {
    assert.equal(accepts({ ...chatty(), messagesDropped: 0 }), false, 'none dropped: no count at all');
    assert.equal(accepts({ ...chatty(), messagesDropped: 1.5 }), false);
    const { messagesDropped: _dropped, ...noneDropped } = chatty();
    assert.equal(accepts(noneDropped), true);
    const d = chatty();
    assert.equal(accepts({ ...d, commands: [{ ...d.commands[0], uncertainEnd: false }] }), false, 'a certain end writes no uncertainEnd');
    assert.equal(accepts({ ...d, commands: [{ ...d.commands[0], uncertainEnd: 'yes' }] }), false);
  });
});
