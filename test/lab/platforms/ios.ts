// Cisco IOS and IOS XE: `R1>` user exec, `enable` to `R1#`, ` --More-- ` paging,
// the caret and `% Invalid input detected at '^' marker.` for what does not parse.
import type { CommandSpec, PlatformCli } from '../cli';
import { PagerStyle } from '../terminal';
import { caret, dayAndDate, fillLines, loopbackAddress, syslogDate, timeOfDay } from './common';

/** The pager of IOS, IOS XR and EOS: the marker, rubbed out with backspaces and blanks. */
export const MORE_PAGER: PagerStyle = {
  marker: () => ' --More-- ',
  erase: (marker) => '\b'.repeat(marker.length) + ' '.repeat(marker.length) + '\b'.repeat(marker.length),
};

export function formatClock(now: Date): string {
  return `*${timeOfDay(now)} UTC ${dayAndDate(now)} ${now.getUTCFullYear()}`;
}

export function showVersion(hostname: string): string[] {
  return [
    'Cisco IOS Software, 7200 Software (C7200-ADVENTERPRISEK9-M), Version 15.2(4)S7, RELEASE SOFTWARE (fc4)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2015 by Cisco Systems, Inc.',
    'Compiled Wed 01-Apr-15 20:30 by prod_rel_team',
    '',
    'ROM: ROMMON Emulation Microcode',
    'BOOTLDR: 7200 Software (C7200-ADVENTERPRISEK9-M), Version 15.2(4)S7, RELEASE SOFTWARE (fc4)',
    '',
    `${hostname} uptime is 3 weeks, 2 days, 4 hours, 11 minutes`,
    'System returned to ROM by unknown reload cause - suspect boot_data[BOOT_COUNT] 0x0, BOOT_COUNT 0, BOOTDATA 19',
    'System image file is "tftp://255.255.255.255/unknown"',
    'Last reload reason: Unknown reason',
    '',
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
    'third-party authority to import, export, distribute or use encryption.',
    '',
    'Cisco 7206VXR (NPE400) processor (revision A) with 491520K/32768K bytes of memory.',
    'Processor board ID 4279256517',
    'R7000 CPU at 150MHz, Implementation 39, Rev 2.1, 256KB L2 Cache',
    '6 slot VXR midplane, Version 2.1',
    '',
    'Last reset from power-on',
    '',
    'PCI bus mb0_mb1 (Slots 0, 1, 3 and 5) has a capacity of 600 bandwidth points.',
    'Current configuration on bus mb0_mb1 has a total of 600 bandwidth points.',
    'This configuration is within the PCI bus capacity and is supported.',
    '',
    '4 FastEthernet interfaces',
    '509K bytes of NVRAM.',
    '',
    '8192K bytes of Flash internal SIMM (Sector size 256K).',
    'Configuration register is 0x2102',
    '',
  ];
}

export function showVersionXe(hostname: string): string[] {
  return [
    'Cisco IOS XE Software, Version 17.03.04a',
    'Cisco IOS Software [Amsterdam], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.4a, RELEASE SOFTWARE (fc3)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
    'Compiled Tue 20-Jul-21 05:05 by mcpre',
    '',
    '',
    'Cisco IOS-XE software, Copyright (c) 2005-2021 by cisco Systems, Inc.',
    'All rights reserved.  Certain components of Cisco IOS-XE software are',
    'licensed under the GNU General Public License ("GPL") Version 2.0.  The',
    'software code licensed under GPL Version 2.0 is free software that comes',
    'with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such',
    'GPL code under the terms of GPL Version 2.0.  For more details, see the',
    'documentation or "License Notice" file accompanying the IOS-XE software,',
    'or the applicable URL provided on the flyer accompanying the IOS-XE',
    'software.',
    '',
    '',
    'ROM: IOS-XE ROMMON',
    '',
    `${hostname} uptime is 3 weeks, 2 days, 4 hours, 11 minutes`,
    'Uptime for this control processor is 3 weeks, 2 days, 4 hours, 13 minutes',
    'System returned to ROM by reload',
    'System image file is "bootflash:packages.conf"',
    'Last reload reason: reload',
    '',
    'cisco C8000V (VXE) processor (revision VXE) with 2028465K/3075K bytes of memory.',
    'Processor board ID 9NJ4KZ7R2QD',
    'Router operating mode: Autonomous',
    '4 Gigabit Ethernet interfaces',
    '32768K bytes of non-volatile configuration memory.',
    '3965240K bytes of physical memory.',
    '5234688K bytes of virtual hard disk at bootflash:.',
    '',
    'Configuration register is 0x2102',
    '',
  ];
}

function interfaceBrief(names: string[]): string[] {
  const rows = [['Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol']];
  names.forEach((name, i) => {
    const up = i < 2;
    rows.push([name, up ? `127.0.${i}.1` : 'unassigned', 'YES', up ? 'manual' : 'unset', up ? 'up' : 'administratively down', up ? 'up' : 'down']);
  });
  return rows.map(([name, ip, ok, method, status, proto]) =>
    `${name.padEnd(27)}${ip.padEnd(16)}${ok.padEnd(4)}${method.padEnd(7)}${status.padEnd(22)}${proto}`.trimEnd());
}

export const showIpInterfaceBrief = (): string[] => interfaceBrief([0, 1, 2, 3].map((i) => `FastEthernet0/${i}`));
export const showIpInterfaceBriefXe = (): string[] => interfaceBrief([1, 2, 3, 4].map((i) => `GigabitEthernet${i}`));

export function showRunningConfig(hostname: string, lineCount: number, version = '15.2'): string[] {
  const head = ['Building configuration...', '', `Current configuration : ${lineCount * 24} bytes`, '!', `version ${version}`, `hostname ${hostname}`, '!'];
  const loopback = (i: number) => [`interface Loopback${i}`, ` description lab loopback ${i}`, ` ip address ${loopbackAddress(i)} 255.255.255.255`, '!'];
  return fillLines(lineCount, head, loopback, () => '!', ['end']);
}

/** `*Nov 21 20:16:00.123: %LINK-3-UPDOWN: ...`: the star says the clock is not set by NTP. */
export function syslogLine(now: Date, interfaceName: string): string {
  return `*${syslogDate(now)} ${timeOfDay(now)}: %LINK-3-UPDOWN: Interface ${interfaceName}, changed state to down`;
}

function iosFamily(version: (hostname: string) => string[], brief: () => string[], configVersion: string, uplink: string): PlatformCli {
  const commands: CommandSpec[] = [
    { syntax: 'enable', effect: 'enable' },
    { syntax: 'disable', effect: 'disable' },
    ...['exit', 'logout', 'quit'].map((syntax): CommandSpec => ({ syntax, effect: 'exit' })),
    { syntax: 'terminal length <n>', effect: 'page-length' },
    { syntax: 'terminal width <n>' },
    { syntax: 'show clock', output: (d) => [formatClock(d.now)], varies: true },
    { syntax: 'show version', output: (d) => version(d.hostname) },
    { syntax: 'show ip interface brief', output: () => brief() },
    { syntax: 'show running-config', privileged: true, configDump: true, output: (d) => showRunningConfig(d.hostname, d.runningConfigLines, configVersion) },
  ];
  return {
    prompt: (d, privileged) => d.hostname + (privileged ? '#' : '>'),
    startsPrivileged: false,
    banner: [''],
    enableDenied: ['% Bad secrets', ''],
    pager: MORE_PAGER,
    commands,
    syslog: (d) => syslogLine(d.now, uplink),
    errorReply(error, promptWidth, line) {
      if (error.kind === 'incomplete') return ['% Incomplete command.', ''];
      if (error.kind === 'ambiguous') return [`% Ambiguous command:  "${line.trim()}"`];
      return [caret(promptWidth, error.column), "% Invalid input detected at '^' marker.", ''];
    },
  };
}

export const CISCO_IOS = iosFamily(showVersion, showIpInterfaceBrief, '15.2', 'FastEthernet0/1');
export const CISCO_XE = iosFamily(showVersionXe, showIpInterfaceBriefXe, '17.3', 'GigabitEthernet2');
