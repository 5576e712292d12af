// The project's templates (test/fixtures/textfsm) on the lab's outputs, found through the
// index as netmiko finds them; the expected records are Python textfsm's. And the speed: a
// 6,000-line configuration parses in linear time, compiling no regex while it runs.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTemplate } from '../../src/core/parse/template';
import { parseCommandOutput } from '../../src/core/parse/templateLibrary';
import * as eos from '../lab/platforms/eos';
import * as ios from '../lab/platforms/ios';
import * as junos from '../lab/platforms/junos';
import * as nxos from '../lab/platforms/nxos';
import * as xr from '../lab/platforms/xr';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');
const NOW = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));

const CASES: { platform: string; command: string; output: string[]; template: string; records: object[] }[] = [
  {
    platform: 'cisco_ios',
    command: 'show version',
    output: ios.showVersion('R1'),
    template: 'cisco_ios_show_version.textfsm',
    records: [
      { software_image: 'C7200-ADVENTERPRISEK9-M', version: '15.2(4)S7', rommon: 'ROMMON Emulation Microcode', hostname: 'R1', uptime: '3 weeks, 2 days, 4 hours, 11 minutes', running_image: 'tftp://255.255.255.255/unknown', reload_reason: 'Unknown reason', hardware: ['7206VXR'], serial: ['4279256517'], config_register: '0x2102' },
    ],
  },
  {
    platform: 'cisco_ios',
    command: 'show ip interface brief',
    output: ios.showIpInterfaceBrief(),
    template: 'cisco_ios_show_ip_interface_brief.textfsm',
    records: [
      { interface: 'FastEthernet0/0', ip_address: '127.0.0.1', ok: 'YES', method: 'manual', status: 'up', proto: 'up' },
      { interface: 'FastEthernet0/1', ip_address: '127.0.1.1', ok: 'YES', method: 'manual', status: 'up', proto: 'up' },
      { interface: 'FastEthernet0/2', ip_address: 'unassigned', ok: 'YES', method: 'unset', status: 'administratively down', proto: 'down' },
      { interface: 'FastEthernet0/3', ip_address: 'unassigned', ok: 'YES', method: 'unset', status: 'administratively down', proto: 'down' },
    ],
  },
  {
    platform: 'cisco_ios',
    command: 'show running-config',
    output: ios.showRunningConfig('R1', 30),
    template: 'cisco_ios_show_running-config.textfsm',
    records: [
      { hostname: 'R1', interface: 'Loopback0', description: 'lab loopback 0', ip_address: '127.0.0.1', netmask: '255.255.255.255' },
      { hostname: 'R1', interface: 'Loopback1', description: 'lab loopback 1', ip_address: '127.0.1.1', netmask: '255.255.255.255' },
      { hostname: 'R1', interface: 'Loopback2', description: 'lab loopback 2', ip_address: '127.0.2.1', netmask: '255.255.255.255' },
      { hostname: 'R1', interface: 'Loopback3', description: 'lab loopback 3', ip_address: '127.0.3.1', netmask: '255.255.255.255' },
      { hostname: 'R1', interface: 'Loopback4', description: 'lab loopback 4', ip_address: '127.0.4.1', netmask: '255.255.255.255' },
    ],
  },
  {
    platform: 'cisco_xe',
    command: 'show version',
    output: ios.showVersionXe('XE1'),
    template: 'cisco_ios_show_version.textfsm',
    records: [
      { software_image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M', version: '17.3.4a', rommon: 'IOS-XE ROMMON', hostname: 'XE1', uptime: '3 weeks, 2 days, 4 hours, 11 minutes', running_image: 'bootflash:packages.conf', reload_reason: 'reload', hardware: ['C8000V'], serial: ['9NJ4KZ7R2QD'], config_register: '0x2102' },
    ],
  },
  {
    platform: 'cisco_xe',
    command: 'show ip interface brief',
    output: ios.showIpInterfaceBriefXe(),
    template: 'cisco_xe_show_ip_interface_brief_addresses.textfsm:cisco_xe_show_ip_interface_brief_status.textfsm',
    records: [
      { interface: 'GigabitEthernet1', ip_address: '127.0.0.1', method: 'manual', status: 'up', proto: 'up' },
      { interface: 'GigabitEthernet2', ip_address: '127.0.1.1', method: 'manual', status: 'up', proto: 'up' },
      { interface: 'GigabitEthernet3', ip_address: 'unassigned', method: 'unset', status: 'administratively down', proto: 'down' },
      { interface: 'GigabitEthernet4', ip_address: 'unassigned', method: 'unset', status: 'administratively down', proto: 'down' },
    ],
  },
  {
    platform: 'cisco_nxos',
    command: 'show version',
    output: nxos.showVersion('sw1'),
    template: 'cisco_nxos_show_version.textfsm',
    records: [
      { os: '9.3(8)', boot_image: 'bootflash:///nxos.9.3.8.bin', platform: 'Nexus9000 C9300v', serial: '9MZ3RTJ0FQV', hostname: 'sw1', uptime: '23 day(s), 4 hour(s), 11 minute(s), 37 second(s)', last_reboot_reason: 'Unknown' },
    ],
  },
  {
    platform: 'cisco_nxos',
    command: 'show ip interface brief',
    output: nxos.showIpInterfaceBrief(),
    template: 'cisco_nxos_show_ip_interface_brief.textfsm',
    records: [
      { vrf: 'default', interface: 'Lo0', ip_address: '127.255.0.1', proto_status: 'protocol-up', link_status: 'link-up', admin_status: 'admin-up' },
      { vrf: 'default', interface: 'Eth1/1', ip_address: '127.0.1.1', proto_status: 'protocol-up', link_status: 'link-up', admin_status: 'admin-up' },
      { vrf: 'default', interface: 'Eth1/2', ip_address: '127.0.2.1', proto_status: 'protocol-down', link_status: 'link-down', admin_status: 'admin-down' },
    ],
  },
  {
    platform: 'cisco_xr',
    command: 'show version',
    output: xr.showVersion(),
    template: 'cisco_xr_show_version.textfsm',
    records: [
      { version: '7.3.2', build_date: 'Wed Oct 13 20:00:36 PDT 2021', hardware: 'IOS-XRv 9000', uptime: '3 weeks 2 days 4 hours 11 minutes' },
    ],
  },
  {
    platform: 'cisco_xr',
    command: 'show ip interface brief',
    output: xr.showIpInterfaceBrief(),
    template: 'cisco_xr_show_ip_interface_brief.textfsm',
    records: [
      { interface: 'Loopback0', ip_address: '127.255.0.1', status: 'Up', protocol: 'Up', vrf: 'default' },
      { interface: 'MgmtEth0/RP0/CPU0/0', ip_address: '127.0.0.1', status: 'Up', protocol: 'Up', vrf: 'default' },
      { interface: 'GigabitEthernet0/0/0/0', ip_address: '127.0.1.1', status: 'Up', protocol: 'Up', vrf: 'default' },
      { interface: 'GigabitEthernet0/0/0/1', ip_address: 'unassigned', status: 'Shutdown', protocol: 'Down', vrf: 'default' },
    ],
  },
  {
    platform: 'arista_eos',
    command: 'show version',
    output: eos.showVersion(),
    template: 'arista_eos_show_version.textfsm',
    records: [
      { model: 'vEOS-lab', hardware_version: '', serial_number: '5D3A0E9C1B7F', system_mac: '5254.00a1.b2c3', image: '4.28.3M', uptime: '3 weeks, 2 days, 4 hours and 11 minutes', total_memory: '4002356', free_memory: '2750364' },
    ],
  },
  {
    platform: 'arista_eos',
    command: 'show ip interface brief',
    output: eos.showIpInterfaceBrief(),
    template: 'arista_eos_show_ip_interface_brief.textfsm',
    records: [
      { interface: 'Ethernet1', ip_address: '127.0.1.1/24', status: 'up', protocol: 'up', mtu: '1500' },
      { interface: 'Ethernet2', ip_address: 'unassigned', status: 'adminDown', protocol: 'down', mtu: '1500' },
      { interface: 'Loopback0', ip_address: '127.255.0.1/32', status: 'up', protocol: 'up', mtu: '65535' },
      { interface: 'Management1', ip_address: '127.0.0.1/24', status: 'up', protocol: 'up', mtu: '1500' },
    ],
  },
  {
    platform: 'juniper_junos',
    command: 'show version',
    output: junos.showVersion('junos1').slice(0, 5),
    template: 'juniper_junos_show_version.textfsm',
    records: [
      { hostname: 'junos1', model: 'vmx', version: '21.4R3.15', packages: [{ name: 'JUNOS OS Kernel 64-bit', build: '20221215.0ec9a9e_builder_stable_12_214' }, { name: 'JUNOS OS libs', build: '20221215.0ec9a9e_builder_stable_12_214' }] },
    ],
  },
  {
    platform: 'juniper_junos',
    command: 'show interfaces terse',
    output: junos.showInterfacesTerse(),
    template: 'juniper_junos_show_interfaces_terse.textfsm',
    records: [
      { interface: 'ge-0/0/0', admin_state: 'up', link_state: 'up', protocol: '', local: '', remote: '' },
      { interface: 'ge-0/0/0.0', admin_state: 'up', link_state: 'up', protocol: 'inet', local: '127.0.1.1/24', remote: '' },
      { interface: 'ge-0/0/1', admin_state: 'up', link_state: 'down', protocol: '', local: '', remote: '' },
      { interface: 'ge-0/0/1.0', admin_state: 'up', link_state: 'down', protocol: 'inet', local: '127.0.2.1/24', remote: '' },
      { interface: 'fxp0', admin_state: 'up', link_state: 'up', protocol: '', local: '', remote: '' },
      { interface: 'fxp0.0', admin_state: 'up', link_state: 'up', protocol: 'inet', local: '127.0.0.1/24', remote: '' },
      { interface: 'lo0', admin_state: 'up', link_state: 'up', protocol: '', local: '', remote: '' },
      { interface: 'lo0.0', admin_state: 'up', link_state: 'up', protocol: 'inet', local: '127.255.0.1', remote: '0/0' },
    ],
  },
  {
    platform: 'juniper_junos',
    command: 'show system uptime',
    output: junos.showSystemUptime(NOW),
    template: 'juniper_junos_show_system_uptime.textfsm',
    records: [
      { current_time: '2024-03-05 14:07:09 UTC', booted: '2024-02-12 09:55:09 UTC', booted_ago: '3w1d 04:12', last_configured_by: 'cisco', users: '1', load_averages: ['0.31', '0.26', '0.23'] },
    ],
  },
];

describe('TextFSM: the lab\'s outputs through the project\'s templates', () => {
  for (const c of CASES) {
    it(`${c.platform}: ${c.command}`, async () => {
      const result = await parseCommandOutput(FIXTURES, { platform: c.platform, command: c.command }, c.output.join('\n'));
      assert.equal(result.status, 'parsed', JSON.stringify(result));
      if (result.status !== 'parsed') return;
      assert.equal(result.template, c.template);
      assert.deepEqual(result.records, c.records);
    });
  }

  it('an output the template does not expect fails with the template\'s Error message', async () => {
    const output = [...ios.showIpInterfaceBrief(), 'Tunnel0 is up, line protocol is up'].join('\n');
    const result = await parseCommandOutput(FIXTURES, { platform: 'cisco_ios', command: 'show ip interface brief' }, output);
    assert.deepEqual(result, {
      status: 'error',
      template: 'cisco_ios_show_ip_interface_brief.textfsm',
      message: `${path.join(FIXTURES, 'cisco_ios_show_ip_interface_brief.textfsm')}:16: Error: unexpected line in show ip interface brief (input line 6: "Tunnel0 is up, line protocol is up")`,
    });
  });
});

// How fast is the benchmark's to measure; here only what makes parsing linear is checked.
describe('TextFSM: linear parsing', () => {
  const template = parseTemplate(readFileSync(path.join(FIXTURES, 'cisco_ios_show_running-config.textfsm'), 'utf8'), 'cisco_ios_show_running-config.textfsm');
  const config = (lines: number) => ios.showRunningConfig('R1', lines).join('\n');

  it('parses a 6,000-line show running-config, every interface a record', () => {
    assert.equal(template.parse(config(6000)).rows.length, 1498);
  });

  it('compiles its regexes once, with the template, and none while parsing', () => {
    const Original = RegExp;
    let compiled = 0;
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args: [string, string?]) {
        compiled++;
        return new target(...args);
      },
    });
    try {
      template.parse(config(6000));
    } finally {
      globalThis.RegExp = Original;
    }
    assert.equal(compiled, 0);
  });
});
