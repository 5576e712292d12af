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
];

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

  it('keeps a command with backticks inside its inline code in the Markdown heading', () => {
    const markdown = renderReport(report([device('R9', ['x'], { commands: [{ command: 'show `x`', output: 'x', failed: false, elapsedMs: 1 }] })]), 'markdown');
    assert.ok(markdown.includes('### `` show `x` ``\n'), markdown);
  });
});
