// A generic device: a plain `host1$ ` shell prompt, `show version` and nothing else,
// no paging and no abbreviations; anything else is not found, as a Unix shell says.
import type { PlatformCli } from '../cli';

export function showVersion(hostname: string): string[] {
  return ['Generic Network OS, version 1.0.4', `${hostname} uptime is 3 weeks, 2 days, 4 hours, 11 minutes`];
}

export const GENERIC: PlatformCli = {
  prompt: (d) => `${d.hostname}$ `,
  startsPrivileged: true,
  banner: [''],
  exactWords: true,
  commands: [
    { syntax: 'show version', output: (d) => showVersion(d.hostname) },
    { syntax: 'exit', effect: 'exit' },
  ],
  errorReply: (_error, _promptWidth, line) => [`-sh: ${line.trim().split(/\s+/)[0]}: not found`],
};
