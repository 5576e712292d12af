// Cisco NX-OS: logs in at `sw1# ` (with its trailing space), no user level, and a coloured
// terminal (`terminal color` on): the prompt in bold green, error lines in red, the pager in
// reverse video, erased with a carriage return and erase-to-end-of-line as the Linux pager does.
import type { CommandSpec, PlatformCli } from '../cli';
import { caret, dayAndDate, fillLines, loopbackAddress, syslogDate, timeOfDay } from './common';

const ESC = '\x1b';

export function showClock(now: Date): string[] {
  return [`${timeOfDay(now)} UTC ${dayAndDate(now)} ${now.getUTCFullYear()}`, 'Time source is NTP'];
}

/** Real NX-OS leaves trailing blanks on some lines (an empty BIOS version, the chassis name). */
export function showVersion(hostname: string): string[] {
  return [
    'Cisco Nexus Operating System (NX-OS) Software',
    'TAC support: http://www.cisco.com/tac',
    'Documents: http://www.cisco.com/en/US/products/ps9372/tsd_products_support_series_home.html',
    'Copyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.',
    'The copyrights to certain works contained herein are owned by',
    'other third parties and are used and distributed under license.',
    'Some parts of this software are covered under the GNU Public',
    'License. A copy of the license is available at',
    'http://www.gnu.org/licenses/gpl.html.',
    '',
    'Nexus 9000v is a demo version of the Nexus Operating System',
    '',
    'Software',
    '  BIOS: version ',
    '  NXOS: version 9.3(8)',
    '  BIOS compile time:  ',
    '  NXOS image file is: bootflash:///nxos.9.3.8.bin',
    '  NXOS compile time:  8/18/2021 12:00:00 [08/18/2021 20:41:36]',
    '',
    '',
    'Hardware',
    '  cisco Nexus9000 C9300v Chassis ',
    '  Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz with 8161140 kB of memory.',
    '  Processor Board ID 9MZ3RTJ0FQV',
    '',
    `  Device name: ${hostname}`,
    '  bootflash: 4287040 kB',
    'Kernel uptime is 23 day(s), 4 hour(s), 11 minute(s), 37 second(s)',
    '',
    'Last reset ',
    '  Reason: Unknown',
    '  System version: ',
    '  Service: ',
    '',
    'plugin',
    '  Core Plugin, Ethernet Plugin',
    '',
    'Active Package(s):',
    '',
  ];
}

export function showIpInterfaceBrief(): string[] {
  const row = (name: string, ip: string, status: string) => `${name.padEnd(21)}${ip.padEnd(16)}${status}`;
  return [
    'IP Interface Status for VRF "default"(1)',
    row('Interface', 'IP Address', 'Interface Status'),
    row('Lo0', '127.255.0.1', 'protocol-up/link-up/admin-up'),
    row('Eth1/1', '127.0.1.1', 'protocol-up/link-up/admin-up'),
    row('Eth1/2', '127.0.2.1', 'protocol-down/link-down/admin-down'),
  ];
}

export function showRunningConfig(hostname: string, lineCount: number): string[] {
  const head = ['', '!Command: show running-config', '!Running configuration last done at: Sat Nov 21 20:00:00 2020', '', 'version 9.3(8) Bios:version', `hostname ${hostname}`, '', 'feature interface-vlan', ''];
  const loopback = (i: number) => [`interface loopback${i}`, `  description lab loopback ${i}`, `  ip address ${loopbackAddress(i)}/32`, ''];
  return fillLines(lineCount, head, loopback, (i) => `vlan ${i + 2}`, ['line console', 'line vty']);
}

/** `2020 Nov 21 20:16:00 sw1 %ETHPORT-5-IF_DOWN_LINK_FAILURE: ...`, never coloured. */
export function syslogLine(hostname: string, now: Date): string {
  return `${now.getUTCFullYear()} ${syslogDate(now)} ${timeOfDay(now, false)} ${hostname} %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)`;
}

const commands: CommandSpec[] = [
  ...['exit', 'quit'].map((syntax): CommandSpec => ({ syntax, effect: 'exit' })),
  { syntax: 'terminal length <n>', effect: 'page-length' },
  { syntax: 'terminal width <n>' },
  { syntax: 'show clock', output: (d) => showClock(d.now), varies: true },
  { syntax: 'show version', output: (d) => showVersion(d.hostname) },
  { syntax: 'show ip interface brief', output: () => showIpInterfaceBrief() },
  { syntax: 'show running-config', configDump: true, output: (d) => showRunningConfig(d.hostname, d.runningConfigLines) },
];

export const CISCO_NXOS: PlatformCli = {
  prompt: (d) => `${d.hostname}# `,
  startsPrivileged: true,
  banner: ['Cisco NX-OS Software', 'Copyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.', ''],
  pager: { marker: () => `${ESC}[7m--More--${ESC}[m`, erase: () => `\r${ESC}[K` },
  commands,
  syslog: (d) => syslogLine(d.hostname, d.now),
  errorReply(error, promptWidth) {
    const what = { invalid: 'Invalid command', privileged: 'Invalid command', incomplete: 'Incomplete command', ambiguous: 'Ambiguous command' }[error.kind];
    return [caret(promptWidth, error.column), `% ${what} at '^' marker.`];
  },
  colour: {
    prompt: (prompt) => `${ESC}[1;32m${prompt}${ESC}[0m`,
    error: (line) => `${ESC}[1;31m${line}${ESC}[0m`,
  },
};
