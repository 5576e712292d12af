// Cisco IOS XR: `RP/0/RP0/CPU0:xr1#`, no user level, and a timestamp line before every
// command's output until `terminal exec prompt no-timestamp`. Pages and errs like IOS.
import type { CommandSpec, PlatformCli } from '../cli';
import { caret, DAYS, fillLines, loopbackAddress, MONTHS, syslogDate, timeOfDay } from './common';
import { MORE_PAGER } from './ios';

/** `Sat Nov 21 20:16:00.123 UTC`: the day of the month padded to two places, as XR does. */
export function timestamp(now: Date): string {
  return `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${String(now.getUTCDate()).padStart(2)} ${timeOfDay(now)} UTC`;
}

export function showClock(now: Date): string[] {
  return [`${timeOfDay(now)} UTC ${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()} ${now.getUTCFullYear()}`];
}

export function showVersion(): string[] {
  return [
    'Cisco IOS XR Software, Version 7.3.2',
    'Copyright (c) 2013-2021 by Cisco Systems, Inc.',
    '',
    'Build Information:',
    ' Built By     : labbuild',
    ' Built On     : Wed Oct 13 20:00:36 PDT 2021',
    ' Built Host   : iox-lab-017',
    ' Workspace    : /auto/srcarchive/prod/7.3.2/xrv9k/ws',
    ' Version      : 7.3.2',
    ' Location     : /opt/cisco/XR/packages/',
    ' Label        : 7.3.2',
    '',
    'cisco IOS-XRv 9000 () processor',
    'System uptime is 3 weeks 2 days 4 hours 11 minutes',
  ];
}

export function showIpInterfaceBrief(): string[] {
  const row = (name: string, ip: string, status: string, protocol: string, vrf: string) => `${name.padEnd(31)}${ip.padEnd(16)}${status.padEnd(16)}${protocol.padEnd(9)}${vrf}`;
  return [
    '',
    row('Interface', 'IP-Address', 'Status', 'Protocol', 'Vrf-Name'),
    row('Loopback0', '127.255.0.1', 'Up', 'Up', 'default'),
    row('MgmtEth0/RP0/CPU0/0', '127.0.0.1', 'Up', 'Up', 'default'),
    row('GigabitEthernet0/0/0/0', '127.0.1.1', 'Up', 'Up', 'default'),
    row('GigabitEthernet0/0/0/1', 'unassigned', 'Shutdown', 'Down', 'default'),
  ];
}

export function showRunningConfig(hostname: string, lineCount: number): string[] {
  const head = ['Building configuration...', '!! IOS XR Configuration 7.3.2', '!! Last configuration change at Sat Nov 21 20:00:00 2020 by cisco', '!', `hostname ${hostname}`, 'username cisco', ' group root-lr', ' group cisco-support', '!'];
  const loopback = (i: number) => [`interface Loopback${i}`, ` description lab loopback ${i}`, ` ipv4 address ${loopbackAddress(i)} 255.255.255.255`, '!'];
  return fillLines(lineCount, head, loopback, () => '!', ['end']);
}

/** `RP/0/RP0/CPU0:Nov 21 20:16:00.123 UTC: ifmgr[257]: %PKT_INFRA-LINK-3-UPDOWN : ...`: it starts as the prompt does. */
export function syslogLine(now: Date): string {
  return `RP/0/RP0/CPU0:${syslogDate(now)} ${timeOfDay(now)} UTC: ifmgr[257]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0/0/0/0, changed state to Down`;
}

const commands: CommandSpec[] = [
  ...['exit', 'logout', 'quit'].map((syntax): CommandSpec => ({ syntax, effect: 'exit' })),
  { syntax: 'terminal length <n>', effect: 'page-length' },
  { syntax: 'terminal width <n>' },
  { syntax: 'terminal exec prompt no-timestamp', effect: 'no-timestamp' },
  { syntax: 'show clock', output: (d) => showClock(d.now), varies: true },
  { syntax: 'show version', output: () => showVersion() },
  { syntax: 'show ip interface brief', output: () => showIpInterfaceBrief() },
  { syntax: 'show running-config', configDump: true, output: (d) => showRunningConfig(d.hostname, d.runningConfigLines) },
];

export const CISCO_XR: PlatformCli = {
  prompt: (d) => `RP/0/RP0/CPU0:${d.hostname}#`,
  startsPrivileged: true,
  banner: [''],
  pager: MORE_PAGER,
  commands,
  syslog: (d) => syslogLine(d.now),
  errorReply(error, promptWidth) {
    if (error.kind === 'incomplete') return [caret(promptWidth, error.column), "% Incomplete input detected at '^' marker."];
    if (error.kind === 'ambiguous') return [caret(promptWidth, error.column), "% Ambiguous command at '^' marker."];
    return [caret(promptWidth, error.column), "% Invalid input detected at '^' marker."];
  },
  timestamp,
};
