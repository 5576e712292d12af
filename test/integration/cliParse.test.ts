// Parsing in a poll from the command line (a real process on the lab, the project's templates):
// every parsed command carries its status and the records Python's textfsm gives for that
// output, Markdown shows them as tables, a broken template is said once and fails no device,
// and records never hold a secret the stored output does not.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseCommandOutput } from '../../src/core/parse/templateLibrary';
import { PollReport } from '../../src/core/results/report';
import { DeviceLab } from '../lab/lab';
import { netpoll } from './netpollProcess';
import { assertValidReport } from './resultsSchema';

const TEMPLATES = path.resolve(__dirname, '../../../test/fixtures/textfsm');

describe('netpoll poll --parse (a real process)', function () {
  let lab: DeviceLab;
  let dir: string;

  async function inventory(file: string, extra: Record<string, string> = {}): Promise<string> {
    const yaml = lab.devices
      .map((d) => `- {name: ${d.name}, device_type: ${d.platform}, host: ${d.host}, port: ${d.port}, username: ${d.username}, password: ${d.password}, secret: en${extra[d.name] ? `, ${extra[d.name]}` : ''}}\n`)
      .join('');
    const target = path.join(dir, file);
    await writeFile(target, yaml);
    return target;
  }

  async function pollJson(file: string, args: string[]): Promise<{ report: PollReport; stderr: string; code: number | null }> {
    const output = path.join(dir, `${path.basename(file)}.json`);
    const { code, stderr } = await netpoll(['poll', file, '--host-keys', 'off', '--format', 'json', '-o', output, ...args]);
    return { report: JSON.parse(await readFile(output, 'utf8')) as PollReport, stderr, code };
  }

  before(async () => {
    lab = await DeviceLab.start([
      { name: 'R1', secret: 'en' },
      { name: 'XE1', platform: 'cisco_xe', secret: 'en' },
      { name: 'EOS1', platform: 'arista_eos', secret: 'en' },
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-cli-parse-'));
  });
  after(() => lab?.stop());

  it('gives each command its parse status and the records textfsm gives for its output', async () => {
    const file = await inventory('parse.devices.yaml');
    const { report, stderr, code } = await pollJson(file, ['--parse', '--templates', TEMPLATES, '-c', 'show version', '-c', 'show ip interface brief', '-c', 'show clock']);
    assert.equal(code, 0, stderr);
    assertValidReport(report);
    assert.equal(report.summary.finished, 3);
    for (const device of report.devices) {
      const [version, brief, clock] = device.commands;
      for (const command of [version, brief]) {
        const expected = await parseCommandOutput(TEMPLATES, { platform: device.deviceType, command: command.command }, command.output);
        assert.equal(expected.status, 'parsed', `${device.name} ${command.command}`);
        assert.deepEqual(command.parse, { status: 'parsed', template: expected.status === 'parsed' ? expected.template : null, message: null });
        assert.deepEqual(command.parsed, expected.status === 'parsed' ? expected.records : null);
        assert.ok(command.parsed!.length > 0, `${device.name} ${command.command} has records`);
      }
      assert.equal(clock.parse?.status, 'no-template');
      assert.equal(clock.parsed, null);
      assert.ok(clock.parse?.message?.includes(`no template for platform "${device.deviceType}" and command "show clock"`), clock.parse?.message ?? '');
    }
    // XE's interface brief comes from two templates joined on their key, as the index says.
    const xeBrief = report.devices.find((d) => d.name === 'XE1')!.commands[1];
    assert.equal(xeBrief.parse?.template, 'cisco_xe_show_ip_interface_brief_addresses.textfsm:cisco_xe_show_ip_interface_brief_status.textfsm');
  });

  it('without --parse nothing is parsed, and a device can ask for it itself', async () => {
    const file = await inventory('own.devices.yaml', { R1: 'parse: {show version: true}' });
    const { report, stderr, code } = await pollJson(file, ['--templates', TEMPLATES, '-c', 'show version']);
    assert.equal(code, 0, stderr);
    assertValidReport(report);
    for (const device of report.devices) {
      const [version] = device.commands;
      assert.equal(version.parse?.status, device.name === 'R1' ? 'parsed' : undefined, device.name);
      assert.equal('parsed' in version, device.name === 'R1');
    }
  });

  it('--format markdown shows each parsed command as a table above its output', async () => {
    const file = await inventory('markdown.devices.yaml');
    const { code, stdout, stderr } = await netpoll(['poll', file, '--host-keys', 'off', '--format', 'markdown', '--parse', '--templates', TEMPLATES, '-c', 'show ip interface brief']);
    assert.equal(code, 0, stderr);
    const r1 = stdout.slice(stdout.indexOf('## R1 '));
    const table = r1.slice(r1.indexOf('Parsed: 4 records (cisco_ios_show_ip_interface_brief.textfsm)'), r1.indexOf('```text'));
    assert.deepEqual(table.trim().split('\n').slice(2, 5), [
      '| interface | ip_address | ok | method | status | proto |',
      '| --- | --- | --- | --- | --- | --- |',
      '| FastEthernet0/0 | 127.0.0.1 | YES | manual | up | up |',
    ]);
  });

  it('--format csv: every device\'s records in one table, device and command first, the same records as the JSON', async () => {
    const file = await inventory('csv.devices.yaml');
    const args = ['--parse', '--templates', TEMPLATES, '-c', 'show ip interface brief', '-c', 'show clock'];
    const { report } = await pollJson(file, args);
    const output = path.join(dir, 'records.csv');
    const { code, stderr } = await netpoll(['poll', file, '--host-keys', 'off', '--format', 'csv', '-o', output, '--order', 'inventory', ...args]);
    assert.equal(code, 0, stderr);
    const [header, ...lines] = (await readFile(output, 'utf8')).trimEnd().split('\n');
    const columns = header.split(',');
    assert.deepEqual(columns.slice(0, 2), ['device', 'command']);
    const expected = report.devices.flatMap((d) => (d.commands[0].parsed ?? []).map((record) => columns.map((c) => (c === 'device' ? d.name : c === 'command' ? d.commands[0].command : String(record[c] ?? ''))).join(',')));
    // In inventory order, as asked; show clock has no template and so no rows.
    assert.deepEqual(lines, [...expected].sort((a, b) => ['R1', 'XE1', 'EOS1'].indexOf(a.split(',')[0]) - ['R1', 'XE1', 'EOS1'].indexOf(b.split(',')[0])));
    assert.ok(lines.length >= 12, `${lines.length} records`);

    const unparsed = await netpoll(['poll', file, '--host-keys', 'off', '--format', 'csv', '-c', 'show clock']);
    assert.equal(unparsed.code, 2);
    assert.match(unparsed.stderr, /--format csv writes parsed records, and nothing here is parsed/);
  });

  it('a template that cannot be used is said once, and every device still finishes with the error on its command', async () => {
    await writeFile(path.join(dir, 'broken.textfsm'), 'Value VERSION (\\S+\n\nStart\n  ^Version ${VERSION} -> Record\n');
    const file = await inventory('broken.devices.yaml', { R1: 'parse: {show version: broken.textfsm}', XE1: 'parse: {show version: broken.textfsm}' });
    const { report, stderr, code } = await pollJson(file, ['-c', 'show version']);
    assert.equal(code, 0, stderr);
    assert.equal(stderr.split('cannot parse with TextFSM').length - 1, 1, stderr);
    assert.match(stderr, /broken\.textfsm:1: the regex of Value VERSION/);
    for (const name of ['R1', 'XE1']) {
      const device = report.devices.find((d) => d.name === name)!;
      assert.equal(device.status, 'finished');
      assert.equal(device.commands[0].parse?.status, 'error');
      assert.equal(device.commands[0].parse?.template, 'broken.textfsm');
      assert.ok(device.commands[0].output.length > 0, 'the output is kept whole');
    }
  });

  it('records hold no secret the stored output does not: they are parsed after secrets are removed', async () => {
    await writeFile(path.join(dir, 'users.textfsm'), 'Value USER (\\S+)\nValue SECRET (\\S+)\n\nStart\n  ^username ${USER} privilege \\d+ secret sha512 ${SECRET} -> Record\n');
    const file = await inventory('users.devices.yaml', { EOS1: 'parse: {show running-config: users.textfsm}' });
    const secretOf = (report: PollReport) => report.devices.find((d) => d.name === 'EOS1')!.commands[0].parsed;
    const removed = await pollJson(file, ['-c', 'show running-config']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(secretOf(removed.report), [{ user: 'cisco', secret: '<removed>' }]);
    const kept = await pollJson(file, ['-c', 'show running-config', '--keep-secrets']);
    assert.deepEqual(secretOf(kept.report), [{ user: 'cisco', secret: '$6$lab' }]);
  });
});
