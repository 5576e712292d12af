import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { renderReport, ResultsFormat } from '../../src/core/results/render';
import { ReportStream } from '../../src/core/results/renderStream';
import { DeviceReport, PollReport } from '../../src/core/results/report';
import { device, report } from './sampleReports';

// Outputs that trip naive layouts: trailing blank lines, leading spaces, document markers, fences.
const devices: DeviceReport[] = [
  device('R1', ['a\n  b\n\n', '  lead\n---\n...\nend', '']),
  device('R2', ['# heading\n```\n[link](http://example.com)\n````', 'plain'], { group: 'core' }),
  device('R3', [], { status: 'failed', elapsedMs: null, timings: {}, error: { kind: 'auth', message: 'authentication failed', hint: 'Check the password.' } }),
  chatty(),
];

/**
 * A device that logged while it was polled, more than was kept, and whose first output's end was
 * uncertain. The messages hold what Markdown and a line-based document must not take literally.
 */
function chatty(): DeviceReport {
  const d = device('R4', ['Building configuration...\nhostname R4#\n', 'plain']);
  return {
    ...d,
    commands: [{ ...d.commands[0], uncertainEnd: true }, d.commands[1]],
    messages: [
      { text: '*Mar  1 00:00:01.001: %SYS-5-CONFIG_I: Configured from console by vty0', command: null },
      { text: '*Mar  1 00:00:02.002: %LINK-3-UPDOWN: Interface Gi0/1, changed state to `down`', command: 'show 0' },
      { text: '# not a heading\r\nforged line', command: 'show 0' },
    ],
    messagesDropped: 7,
  };
}

/** What a stream has written after the header and each device, and at the end. */
function streamed(whole: PollReport, format: ResultsFormat): { prefixes: string[]; text: string } {
  let text = '';
  const stream = new ReportStream((piece) => (text += piece), format);
  stream.header(whole);
  const prefixes = [text];
  for (const d of whole.devices) {
    stream.device(d);
    prefixes.push(text);
  }
  stream.footer(whole);
  return { prefixes, text };
}

describe('results rendering', () => {
  it('lays JSON out as JSON.stringify does, the totals after the devices', () => {
    const whole = report(devices);
    const { devices: list, summary, finishedAt, elapsedMs, ...header } = whole;
    assert.equal(renderReport(whole, 'json'), JSON.stringify({ ...header, devices: list, summary, finishedAt, elapsedMs }, null, 2) + '\n');
    assert.equal(renderReport(report([]), 'json').includes('"devices": [],'), true);
  });

  for (const format of ['yaml', 'json', 'markdown'] as const) {
    for (const list of [devices, []]) {
      it(`streams ${format} with ${list.length} devices as the same document renderReport writes`, () => {
        const whole = report(list);
        const text = streamed(whole, format).text;
        assert.equal(text, renderReport(whole, format));
        if (format === 'yaml') assert.deepEqual(parse(text), whole);
        if (format === 'json') assert.deepEqual(JSON.parse(text), whole);
      });
    }
  }

  it('YAML cut after any device is a valid document holding the devices so far', () => {
    const { prefixes } = streamed(report(devices), 'yaml');
    assert.equal(parse(prefixes[0]).devices, null);
    for (let k = 1; k < prefixes.length; k++) assert.deepEqual(parse(prefixes[k]).devices, devices.slice(0, k));
  });

  it('JSON cut after any device lacks only its closing brackets', () => {
    const { prefixes } = streamed(report(devices), 'json');
    for (let k = 0; k < prefixes.length; k++) assert.deepEqual(JSON.parse(prefixes[k] + ']}').devices, devices.slice(0, k));
  });

  it('Markdown cut after any device holds every output so far, each in its own fence', () => {
    const { prefixes } = streamed(report(devices), 'markdown');
    for (let k = 1; k < prefixes.length; k++) {
      for (const command of devices[k - 1].commands) assert.ok(prefixes[k].includes(`text\n${command.output}\n`), `${devices[k - 1].name} ${command.command}`);
    }
  });

  it('fences each Markdown output with more backticks than any run in it', () => {
    const markdown = renderReport(report(devices), 'markdown');
    const output = devices[1].commands[0].output; // holds ``` and ````
    assert.ok(markdown.includes(`\n\`\`\`\`\`text\n${output}\n\`\`\`\`\`\n`), markdown);
    assert.ok(markdown.includes('\n```text\nplain\n```\n'), 'plain output keeps a three-backtick fence');
  });

  it('writes messages and the uncertain end as fields of their own in YAML and JSON, never inside an output', () => {
    const r4 = chatty();
    for (const format of ['yaml', 'json'] as const) {
      const text = renderReport(report([r4]), format);
      const read = (format === 'yaml' ? parse(text) : JSON.parse(text)) as PollReport;
      const [d] = read.devices;
      assert.deepEqual(d.messages, r4.messages, format);
      assert.equal(d.messagesDropped, 7, format);
      assert.equal(d.commands[0].uncertainEnd, true, format);
      assert.ok(!('uncertainEnd' in d.commands[1]), `${format}: a certain end writes no uncertainEnd`);
      for (const c of d.commands) assert.ok(!c.output.includes('%LINK-3-UPDOWN'), format);
    }
    const plain = parse(renderReport(report([devices[0]]), 'yaml')) as PollReport;
    assert.deepEqual(plain.devices[0].messages, [], 'a device that sent none says so with an empty list');
    assert.ok(!('messagesDropped' in plain.devices[0]), 'nothing dropped, no count');
  });

  it('gives Markdown messages a section of their own after the outputs, and marks an uncertain end in the heading', () => {
    const markdown = renderReport(report([chatty()]), 'markdown');
    assert.ok(markdown.includes('### `show 0` (end uncertain: the output may be cut short)\n'), markdown);
    assert.ok(markdown.includes('### `show 1`\n'), 'a certain end is not marked');
    const section = markdown.indexOf('### Messages from the device\n');
    assert.ok(section > markdown.lastIndexOf('```text'), 'the messages come after every output');
    assert.ok(markdown.includes('10 messages from the device (only the first 3 kept), sent on its own'), markdown);
    assert.ok(markdown.includes('- while the session was set up: `*Mar  1 00:00:01.001: %SYS-5-CONFIG_I: Configured from console by vty0`\n'), markdown);
    assert.ok(markdown.includes('- during `show 0`: `` *Mar  1 00:00:02.002: %LINK-3-UPDOWN: Interface Gi0/1, changed state to `down` ``\n'), markdown);
    assert.ok(markdown.includes('- during `show 0`: `# not a heading\\r\\nforged line`\n'), 'a message stays on its line');
    assert.ok(markdown.includes('- … 7 more, not kept\n'), markdown);
    assert.ok(!renderReport(report([devices[0]]), 'markdown').includes('Messages from the device'), 'no messages, no section');
  });

  it('keeps a command with backticks inside its inline code in the Markdown heading', () => {
    const markdown = renderReport(report([device('R9', ['x'], { commands: [{ command: 'show `x`', output: 'x', failed: false, elapsedMs: 1 }] })]), 'markdown');
    assert.ok(markdown.includes('### `` show `x` ``\n'), markdown);
  });
});
