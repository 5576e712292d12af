// Parsing in a poll: which commands each device parses (settings, the inventory's parse: key),
// where their templates come from (the index by platform, or a file the inventory names), and
// the status every parsed command gets. The outputs are the lab's; the templates the project's.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseInventory } from '../../src/core/inventory/inventory';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { buildPlatforms } from '../../src/core/platforms/registry';
import { ParsingOptions, PollParsing, templatesFolder } from '../../src/core/poll/pollParsing';
import { cellText, markdownTable, textTable } from '../../src/core/results/recordTables';
import * as ios from '../lab/platforms/ios';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');
const VERSION = ios.showVersion('R1').join('\n');
const BRIEF = ios.showIpInterfaceBrief().join('\n');

function devicesOf(yaml: string) {
  const inventory = parseInventory(yaml, { deviceTypes: [...BUILTIN_PLATFORMS.keys(), 'lab_ios'] });
  assert.deepEqual(inventory.diagnostics, []);
  return { devices: inventory.devices, platforms: buildPlatforms(inventory.platforms.map((p) => ({ name: p.name, spec: p.spec, where: 'inline' }))).platforms };
}

function options(over: Partial<ParsingOptions>): ParsingOptions {
  return { enabled: true, templatesDir: FIXTURES, inventoryDir: FIXTURES, commands: ['show version', 'show clock'], platforms: BUILTIN_PLATFORMS, ...over };
}

describe('parsing in a poll', () => {
  it('parses through the index by device_type and command, and says no-template for a command without one', async () => {
    const { devices } = devicesOf('- {host: 127.0.0.1, device_type: cisco_ios}\n');
    const parsing = (await PollParsing.prepare(devices, options({})))!;
    const version = parsing.parse(devices[0], 'show version', VERSION)!;
    assert.deepEqual(version.parse, { status: 'parsed', template: 'cisco_ios_show_version.textfsm', message: null });
    assert.equal(version.parsed!.length, 1);
    assert.equal(version.parsed![0].version, '15.2(4)S7');
    assert.deepEqual(version.parsed![0].serial, ['4279256517']);
    const clock = parsing.parse(devices[0], 'show clock', '*14:07:09.000 UTC Tue Mar 5 2024')!;
    assert.equal(clock.parse.status, 'no-template');
    assert.equal(clock.parsed, null);
    assert.match(clock.parse.message!, /no template for platform "cisco_ios" and command "show clock" in .*index/);
    assert.deepEqual(parsing.problems, []);
  });

  it('parses nothing unless asked: the setting, or the device saying so', async () => {
    const { devices } = devicesOf('- {host: 127.0.0.1}\n- {host: 127.0.0.2, parse: true}\n- {host: 127.0.0.3, parse: {show version: true}}\n');
    assert.equal(await PollParsing.prepare([devices[0]], options({ enabled: false })), undefined);
    const parsing = (await PollParsing.prepare(devices, options({ enabled: false })))!;
    assert.equal(parsing.parse(devices[0], 'show version', VERSION), undefined);
    assert.equal(parsing.parse(devices[1], 'show clock', 'x')!.parse.status, 'no-template');
    assert.equal(parsing.parse(devices[2], 'show version', VERSION)!.parse.status, 'parsed');
    assert.equal(parsing.parse(devices[2], 'show clock', 'x'), undefined);
  });

  it('a device can turn parsing off, for all its commands or for one', async () => {
    const { devices } = devicesOf('- {host: 127.0.0.1, parse: false}\n- {host: 127.0.0.2, parse: {show clock: false}}\n');
    const parsing = (await PollParsing.prepare(devices, options({})))!;
    assert.equal(parsing.parse(devices[0], 'show version', VERSION), undefined);
    assert.equal(parsing.parse(devices[1], 'show clock', 'x'), undefined);
    assert.equal(parsing.parse(devices[1], 'show version', VERSION)!.parse.status, 'parsed');
  });

  it('a template file the inventory names, relative to its folder, is named as written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netpoll-parse-'));
    writeFileSync(path.join(dir, 'brief.textfsm'), 'Value INTF (\\S+)\nValue STATUS (up|down|administratively down)\n\nStart\n  ^${INTF}\\s+\\S+\\s+\\S+\\s+\\S+\\s+${STATUS}\\s+\\S+\\s*$$ -> Record\n');
    const { devices } = devicesOf('- {host: 127.0.0.1, parse: {show ip interface brief: brief.textfsm}}\n');
    const parsing = (await PollParsing.prepare(devices, options({ enabled: false, inventoryDir: dir, commands: ['show ip interface brief'] })))!;
    const result = parsing.parse(devices[0], 'show ip interface brief', BRIEF)!;
    assert.deepEqual(result.parse, { status: 'parsed', template: 'brief.textfsm', message: null });
    assert.deepEqual(result.parsed!.map((r) => [r.intf, r.status]), [
      ['FastEthernet0/0', 'up'],
      ['FastEthernet0/1', 'up'],
      ['FastEthernet0/2', 'administratively down'],
      ['FastEthernet0/3', 'administratively down'],
    ]);
  });

  it('a template that does not compile is an error on each of its commands, and a problem said once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netpoll-parse-'));
    writeFileSync(path.join(dir, 'bad.textfsm'), 'Value X (\\d+\n\nStart\n  ^${X} -> Record\n');
    const { devices } = devicesOf('- {host: 127.0.0.1, parse: {show version: bad.textfsm}}\n- {host: 127.0.0.2, parse: {show version: bad.textfsm}}\n- {host: 127.0.0.3, parse: {show version: missing.textfsm}}\n');
    const parsing = (await PollParsing.prepare(devices, options({ enabled: false, inventoryDir: dir })))!;
    for (const device of devices.slice(0, 2)) {
      const result = parsing.parse(device, 'show version', VERSION)!;
      assert.equal(result.parse.status, 'error');
      assert.equal(result.parse.template, 'bad.textfsm');
      assert.match(result.parse.message!, /bad\.textfsm:1: the regex of Value X must be one group/);
    }
    assert.match(parsing.parse(devices[2], 'show version', VERSION)!.parse.message!, /missing\.textfsm: no such file/);
    assert.equal(parsing.problems.length, 2);
  });

  it("a platform's textfsm_platform is the name looked up in the index", async () => {
    const { devices, platforms } = devicesOf('platforms:\n  lab_ios: {extends: cisco_ios, textfsm_platform: cisco_ios}\nlab:\n  - {host: 127.0.0.1, device_type: lab_ios}\n  - {host: 127.0.0.2, device_type: cisco_xr}\n');
    const parsing = (await PollParsing.prepare(devices, options({ platforms })))!;
    assert.equal(parsing.parse(devices[0], 'show version', VERSION)!.parse.template, 'cisco_ios_show_version.textfsm');
    // As netmiko: a device_type without textfsm_platform is its own index platform.
    assert.match(parsing.parse(devices[1], 'show clock', 'x')!.parse.message!, /platform "cisco_xr"/);
  });

  it('an index the templates folder lacks is an error that names it', async () => {
    const { devices } = devicesOf('- {host: 127.0.0.1}\n');
    const parsing = (await PollParsing.prepare(devices, options({ templatesDir: path.join(FIXTURES, 'nowhere') })))!;
    const result = parsing.parse(devices[0], 'show version', VERSION)!;
    assert.equal(result.parse.status, 'error');
    assert.ok(result.parse.message!.startsWith(`${path.join(FIXTURES, 'nowhere', 'index')}: no such file`), result.parse.message!);
    assert.deepEqual(parsing.problems, [result.parse.message]);
  });

  it('finds the templates folder as netmiko does: named, else NET_TEXTFSM, else .netpoll/templates', () => {
    assert.equal(templatesFolder('tpl', { NET_TEXTFSM: '/opt/ntc' }, '/work/ws'), path.resolve('/work/ws/tpl'));
    assert.equal(templatesFolder('', { NET_TEXTFSM: '/opt/ntc' }, '/work/ws'), '/opt/ntc');
    assert.equal(templatesFolder(undefined, {}, '/work/ws'), path.join('/work/ws', '.netpoll', 'templates'));
    assert.equal(templatesFolder('~/ntc', {}, '/work/ws'), path.join(os.homedir(), 'ntc'));
  });
});

describe('the parse key in devices.yaml', () => {
  const diagnostics = (yaml: string) => parseInventory(yaml, { deviceTypes: ['cisco_ios'] }).diagnostics.map((d) => [d.line, d.message]);

  it('reads true, false and a mapping of commands', () => {
    const { devices } = parseInventory('- {host: 127.0.0.1, parse: true}\n- host: 127.0.0.2\n  parse:\n    show version: true\n    show clock: false\n    show ip int brief: templates/brief.textfsm\n', {});
    assert.equal(devices[0].parse, true);
    assert.deepEqual([...(devices[1].parse as Map<string, unknown>)], [
      ['show version', true],
      ['show clock', false],
      ['show ip int brief', { template: 'templates/brief.textfsm' }],
    ]);
  });

  it('says where a wrong value is written, and skips only that device', () => {
    const yaml = '- {host: 127.0.0.1, parse: 3}\n- host: 127.0.0.2\n  parse:\n    show version: [a]\n- {host: 127.0.0.3, parse: [show version]}\n- {host: 127.0.0.4}\n';
    assert.deepEqual(diagnostics(yaml), [
      [1, 'parse must be true, false, or a mapping of commands to true, false or a template file'],
      [4, 'parse: "show version" must be true, false or a template file'],
      [5, 'parse must be true, false, or a mapping of commands to true, false or a template file'],
    ]);
    assert.deepEqual(parseInventory(yaml, {}).devices.map((d) => d.host), ['127.0.0.4']);
  });
});

describe('records as tables', () => {
  const records = [
    { interface: 'Gi0/1', status: 'up', vlans: ['10', '20'] },
    { interface: 'Gi0/2|x', status: 'administratively down', vlans: [] },
  ];

  it('Markdown: one column per key, pipes kept inside their cell', () => {
    assert.equal(markdownTable(records), '| interface | status | vlans |\n| --- | --- | --- |\n| Gi0/1 | up | 10, 20 |\n| Gi0/2\\|x | administratively down |  |\n');
    assert.equal(markdownTable([]), '');
  });

  it('plain text: aligned columns', () => {
    assert.equal(textTable(records), 'interface  status                 vlans\n---------  ---------------------  ------\nGi0/1      up                     10, 20\nGi0/2|x    administratively down\n');
  });

  it('a List of named groups shows each item as key=value', () => {
    assert.equal(cellText([{ peer: '127.0.0.2', as: '65001' }, { peer: '127.0.0.3', as: null }]), 'peer=127.0.0.2 as=65001, peer=127.0.0.3 as=');
  });
});
