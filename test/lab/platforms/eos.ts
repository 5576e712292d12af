// Arista EOS: `eos1>` / `eos1#` with enable, terse errors without a caret, and replies to
// `terminal width` / `terminal length` (which netmiko's EOS driver waits for).
import type { CommandSpec, PlatformCli } from '../cli';
import { DAYS, fillLines, loopbackAddress, MONTHS, syslogDate, timeOfDay } from './common';
import { MORE_PAGER } from './ios';

export function showClock(now: Date): string[] {
  const date = `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}`;
  return [`${date} ${timeOfDay(now, false)} ${now.getUTCFullYear()}`, 'Timezone: UTC', 'Clock source: local'];
}

export function showVersion(): string[] {
  return [
    'Arista vEOS-lab',
    'Hardware version: ',
    'Serial number: 5D3A0E9C1B7F',
    'Hardware MAC address: 5254.00a1.b2c3',
    'System MAC address: 5254.00a1.b2c3',
    '',
    'Software image version: 4.28.3M',
    'Architecture: x86_64',
    'Internal build version: 4.28.3M-29209419.4283M',
    'Internal build ID: 5b2e4c1a-8f0d-4e57-9c3b-7a6d2f1e0b94',
    'Image format version: 1.0',
    'Image optimization: None',
    '',
    'Uptime: 3 weeks, 2 days, 4 hours and 11 minutes',
    'Total memory: 4002356 kB',
    'Free memory: 2750364 kB',
    '',
  ];
}

export function showIpInterfaceBrief(): string[] {
  const row = (name: string, ip: string, status: string, protocol: string, mtu: string) => `${name.padEnd(18)}${ip.padEnd(20)}${status.padEnd(13)}${protocol.padEnd(15)}${mtu.padStart(9)}`;
  return [
    '                                                                            Address',
    'Interface         IP Address          Status       Protocol          MTU    Owner',
    '----------------- ------------------- ------------ -------------- --------- -------',
    row('Ethernet1', '127.0.1.1/24', 'up', 'up', '1500'),
    row('Ethernet2', 'unassigned', 'adminDown', 'down', '1500'),
    row('Loopback0', '127.255.0.1/32', 'up', 'up', '65535'),
    row('Management1', '127.0.0.1/24', 'up', 'up', '1500'),
  ];
}

export function showRunningConfig(hostname: string, lineCount: number): string[] {
  const head = ['! Command: show running-config', `! device: ${hostname} (vEOS-lab, EOS-4.28.3M)`, '!', '! boot system flash:/vEOS-lab.swi', '!', 'no aaa root', '!', 'username cisco privilege 15 secret sha512 $6$lab', '!', `hostname ${hostname}`, '!'];
  const loopback = (i: number) => [`interface Loopback${i}`, `   description lab loopback ${i}`, `   ip address ${loopbackAddress(i)}/32`, '!'];
  return fillLines(lineCount, head, loopback, () => '!', ['end']);
}

/** `Nov 21 20:16:00 eos1 Ebra: %LINEPROTO-5-UPDOWN: ...` */
export function syslogLine(hostname: string, now: Date): string {
  return `${syslogDate(now)} ${timeOfDay(now, false)} ${hostname} Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet1, changed state to down`;
}

const commands: CommandSpec[] = [
  { syntax: 'enable', effect: 'enable' },
  { syntax: 'disable', effect: 'disable' },
  ...['exit', 'logout', 'quit'].map((syntax): CommandSpec => ({ syntax, effect: 'exit' })),
  { syntax: 'terminal length <n>', effect: 'page-length', output: (_, [n]) => [n === '0' ? 'Pagination disabled.' : `Pagination set to ${n} lines.`] },
  { syntax: 'terminal width <n>', output: (_, [n]) => [`Width set to ${n} columns.`] },
  { syntax: 'show clock', output: (d) => showClock(d.now), varies: true },
  { syntax: 'show version', output: () => showVersion() },
  { syntax: 'show ip interface brief', output: () => showIpInterfaceBrief() },
  { syntax: 'show running-config', privileged: true, configDump: true, output: (d) => showRunningConfig(d.hostname, d.runningConfigLines) },
];

export const ARISTA_EOS: PlatformCli = {
  prompt: (d, privileged) => d.hostname + (privileged ? '#' : '>'),
  startsPrivileged: false,
  banner: [''],
  enableDenied: ['% Access denied'],
  pager: MORE_PAGER,
  commands,
  syslog: (d) => syslogLine(d.hostname, d.now),
  errorReply(error) {
    if (error.kind === 'incomplete') return ['% Incomplete command'];
    if (error.kind === 'ambiguous') return ['% Ambiguous command'];
    if (error.kind === 'privileged') return ['% Invalid input (privileged mode required)'];
    return ['% Invalid input'];
  },
};
