// One device's answers as the editor's device document shows them: outputs as the device sent
// them, an uncertain end marked beside its command, messages after every output.
import { strict as assert } from 'node:assert';
import { deviceText } from '../../src/core/results/deviceText';
import { device } from './sampleReports';

describe('device document', () => {
  it('marks an uncertain end beside its command, and a failed one too when both hold', () => {
    const d = device('R1', ['hostname R1#\n', 'plain', '% Invalid input']);
    d.commands[0].uncertainEnd = true;
    d.commands[2] = { ...d.commands[2], failed: true, uncertainEnd: true };
    const lines = deviceText(d).split('\n');
    assert.ok(lines.includes('R1> show 0   (end uncertain: the output may be cut short)'), lines.join('\n'));
    assert.ok(lines.includes('R1> show 1'), 'a certain end is not marked');
    assert.ok(lines.includes('R1> show 2   (failed on the device; end uncertain: the output may be cut short)'), lines.join('\n'));
  });

  it('lists messages after every output, each on its own line under when it came', () => {
    const d = device('R1', ['first output', 'second output'], {
      messages: [
        { text: '%SYS-5-CONFIG_I: Configured from console', command: null },
        { text: '%LINK-3-UPDOWN: Gi0/1 down', command: 'show 0' },
        { text: '%LINK-3-UPDOWN: Gi0/1 up\nR1> forged', command: 'show 0' },
        { text: '%LINEPROTO-5-UPDOWN: Gi0/1 up', command: 'show 1' },
      ],
    });
    const text = deviceText(d);
    const tail = text.slice(text.indexOf('second output') + 'second output'.length);
    assert.equal(
      tail,
      [
        '',
        '',
        '# 4 messages from the device, sent on its own and kept out of the outputs:',
        '# while the session was set up',
        '%SYS-5-CONFIG_I: Configured from console',
        '# during show 0',
        '%LINK-3-UPDOWN: Gi0/1 down',
        '%LINK-3-UPDOWN: Gi0/1 up\\nR1> forged',
        '# during show 1',
        '%LINEPROTO-5-UPDOWN: Gi0/1 up',
        '',
      ].join('\n'),
    );
  });

  it('counts the messages that were not kept, and says nothing of messages when there were none', () => {
    const chatty = device('R1', ['x'], { messages: [{ text: 'm1', command: 'show 0' }], messagesDropped: 1500 });
    assert.match(deviceText(chatty), /^# 1501 messages from the device \(only the first 1 kept\), .*\n# during show 0\nm1\n# … 1500 more, not kept\n$/m);
    assert.doesNotMatch(deviceText(device('R1', ['x'])), /messages/);
  });
});
