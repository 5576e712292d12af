// Juniper Junos: `cisco@junos1> ` (user@host, trailing space), no enable, `set cli ...`
// settings that answer in words, a blank line after every command's output, and a
// `---(more)---` / `---(more 45%)---` pager that Junos blanks out with spaces between returns.
import type { CommandSpec, PlatformCli } from '../cli';
import { caret, pad } from './common';

const VERSION = '21.4R3.15';
const BUILD = '20221215.0ec9a9e_builder_stable_12_214';

export function showVersion(hostname: string): string[] {
  const packages = [
    'JUNOS OS Kernel 64-bit ', 'JUNOS OS libs', 'JUNOS OS runtime', 'JUNOS OS time zone information', 'JUNOS network stack and utilities',
    'JUNOS libs', 'JUNOS OS libs compat32', 'JUNOS OS 32-bit compatibility', 'JUNOS libs compat32', 'JUNOS runtime',
    'JUNOS Packet Forwarding Engine Simulation Package', 'JUNOS sflow mx', 'JUNOS py extensions', 'JUNOS py base', 'JUNOS OS vmguest',
    'JUNOS OS crypto', 'JUNOS na telemetry', 'JUNOS mx libs compat32', 'JUNOS mx runtime', 'JUNOS common platform support',
    'JUNOS Openconfig', 'JUNOS mtx network modules', 'JUNOS modules', 'JUNOS mx libs', 'JUNOS Data Plane Crypto Support',
    'JUNOS daemons', 'JUNOS mx daemons', 'JUNOS Services URL Filter package', 'JUNOS Services TLB Service PIC package', 'JUNOS Online Documentation',
  ];
  return [`Hostname: ${hostname}`, 'Model: vmx', `Junos: ${VERSION}`, ...packages.map((p) => `${p} [${BUILD}]`)];
}

/** Times are UTC; the router booted a fixed 22 days, 4:12 before `now`. */
export function showSystemUptime(now: Date): string[] {
  const stamp = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const hour12 = now.getUTCHours() % 12 || 12;
  return [
    `Current time: ${stamp(now)}`,
    'Time Source:  LOCAL CLOCK ',
    `System booted: ${stamp(ago(31_932))} (3w1d 04:12 ago)`,
    `Protocols started: ${stamp(ago(31_929))} (3w1d 04:09 ago)`,
    `Last configured: ${stamp(ago(1_445))} (1d 00:05 ago) by cisco`,
    `${hour12}:${pad(now.getUTCMinutes())}${now.getUTCHours() < 12 ? 'AM' : 'PM'}  up 22 days,  4:12, 1 user, load averages: 0.31, 0.26, 0.23`,
  ];
}

export function showInterfacesTerse(): string[] {
  const row = (name: string, admin: string, link: string, proto = '', local = '') => `${name.padEnd(24)}${admin.padEnd(6)}${link.padEnd(5)}${proto.padEnd(9)}${local}`.trimEnd();
  return [
    'Interface               Admin Link Proto    Local                 Remote',
    row('ge-0/0/0', 'up', 'up'),
    row('ge-0/0/0.0', 'up', 'up', 'inet', '127.0.1.1/24'),
    row('ge-0/0/1', 'up', 'down'),
    row('ge-0/0/1.0', 'up', 'down', 'inet', '127.0.2.1/24'),
    row('fxp0', 'up', 'up'),
    row('fxp0.0', 'up', 'up', 'inet', '127.0.0.1/24'),
    row('lo0', 'up', 'up'),
    row('lo0.0', 'up', 'up', 'inet', '127.255.0.1         --> 0/0'),
  ];
}

/** Exactly `lineCount` lines: a small hierarchy, then a prefix list with one entry per line. */
export function showConfiguration(hostname: string, lineCount: number): string[] {
  const head = [
    '## Last commit: 2020-11-21 20:00:00 UTC by cisco',
    `version ${VERSION};`,
    'system {',
    `    host-name ${hostname};`,
    '    services {',
    '        ssh;',
    '    }',
    '}',
    'interfaces {',
    '    lo0 {',
    '        unit 0 {',
    '            family inet {',
    '                address 127.255.0.1/32;',
    '            }',
    '        }',
    '    }',
    '}',
    'policy-options {',
    '    prefix-list LAB-LOOPBACKS {',
  ];
  const tail = ['    }', '}'];
  const entries = Math.max(lineCount - head.length - tail.length, 0);
  const prefixes = Array.from({ length: entries }, (_, i) => `        127.${(i >> 8) & 255}.${i & 255}.1/32;`);
  return [...head, ...prefixes, ...tail].slice(0, Math.max(lineCount, 0));
}

const commands: CommandSpec[] = [
  ...['exit', 'quit'].map((syntax): CommandSpec => ({ syntax, effect: 'exit' })),
  { syntax: 'set cli screen-length <n>', effect: 'page-length', output: (_, [n]) => [`Screen length set to ${n}`] },
  { syntax: 'set cli screen-width <n>', output: (_, [n]) => [`Screen width set to ${n}`] },
  { syntax: 'set cli complete-on-space off', output: () => ['Disabling complete-on-space'] },
  { syntax: 'set cli complete-on-space on', output: () => ['Enabling complete-on-space'] },
  { syntax: 'show version', output: (d) => showVersion(d.hostname) },
  { syntax: 'show system uptime', output: (d) => showSystemUptime(d.now), varies: true },
  { syntax: 'show interfaces terse', output: () => showInterfacesTerse() },
  { syntax: 'show configuration', configDump: true, output: (d) => showConfiguration(d.hostname, d.runningConfigLines) },
];

export const JUNIPER_JUNOS: PlatformCli = {
  prompt: (d) => `${d.username}@${d.hostname}> `,
  startsPrivileged: true,
  banner: [`--- JUNOS ${VERSION} built 2022-12-15 05:46:59 UTC`],
  pager: {
    marker: (percent, firstStop) => (firstStop ? '---(more)---' : `---(more ${percent}%)---`),
    erase: () => '\r' + ' '.repeat(40) + '\r',
  },
  commands,
  errorReply(error, promptWidth, line) {
    if (error.kind === 'ambiguous') return [caret(promptWidth, error.column), `'${line.slice(error.column).split(' ')[0]}' is ambiguous.`];
    const message = error.kind === 'invalid' && error.wordIndex === 0 ? 'unknown command.' : 'syntax error, expecting <command>.';
    return [caret(promptWidth, error.kind === 'incomplete' ? error.column + 1 : error.column), message];
  },
  trailer: [''],
};
