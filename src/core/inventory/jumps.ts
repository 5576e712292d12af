// jump_host, followed hop by hop: an inventory device's name (its own credentials and jump
// host apply), or `[user@]host[:port]` (the device's own credentials are used there).
import { isIPv6 } from 'node:net';
import { hostProblem } from './hosts';
import { DEFAULT_SSH_PORT } from './keys';
import { didYouMean } from './suggest';
import type { DeviceEntry, DeviceSpec, JumpHost, Report } from './types';

/**
 * The devices whose jump chain resolves; the others are reported and left out. `skipped` are
 * the names of entries left out for their own errors, so a jump through one is not called unknown.
 */
export function resolveJumps(entries: DeviceEntry[], report: Report, skipped: ReadonlySet<string> = new Set()): DeviceSpec[] {
  const byName = new Map(entries.map((e) => [e.device.name, e]));
  const chains = new Map<DeviceEntry, JumpHost[] | null>();
  const chainOf = (entry: DeviceEntry, seen: DeviceEntry[]): JumpHost[] | null => {
    const known = chains.get(entry);
    if (known !== undefined) return known;
    const jump = entry.jumpHost;
    if (seen.includes(entry)) {
      report('error', `jump_host loops: ${[...seen, entry].map((e) => e.device.name).join(' -> ')}`, jump?.node);
      return null;
    }
    let chain: JumpHost[] | null = [];
    if (jump) {
      const named = byName.get(jump.value);
      const address = named ? undefined : parseJumpAddress(jump.value);
      const problem = named ? undefined : jumpProblem(jump.value, address, [...byName.keys()], skipped);
      if (named) {
        const before = chainOf(named, [...seen, entry]);
        chain = before && [...before, jumpFrom(named.device)];
      } else if (problem) {
        report('error', problem, jump.node);
        chain = null;
      } else {
        chain = [{ ...jumpFrom(entry.device), ...address! }];
      }
    }
    chains.set(entry, chain);
    return chain;
  };
  return entries.flatMap((entry) => {
    const chain = chainOf(entry, []);
    return chain ? [{ ...entry.device, jumps: chain }] : [];
  });
}

/** Why a jump_host that names no device cannot be used, or undefined when it is a usable address. */
function jumpProblem(value: string, address: JumpAddress | undefined, names: string[], skipped: ReadonlySet<string>): string | undefined {
  if (skipped.has(value)) return `jump_host "${value}" is a device that is not polled because of its errors`;
  // A bare word is meant as a device: using it as a host name would be a silent guess.
  if (isBareWord(value)) {
    return `jump_host "${value}" is not a device in this inventory${didYouMean(value, names)}; to jump through a host by name, write user@${value} or ${value}:${DEFAULT_SSH_PORT}`;
  }
  if (!address) return `jump_host "${value}" is neither a device in this inventory nor user@host:port`;
  const problem = hostProblem(address.host);
  return problem && `jump_host: ${problem}`;
}

/** No user@, no :port, no dot: not an address (an IP address has dots or colons), except localhost. */
function isBareWord(value: string): boolean {
  return /^[^@:.\s]+$/.test(value) && value.toLowerCase() !== 'localhost';
}

function jumpFrom(d: DeviceSpec): JumpHost {
  return { host: d.host, port: d.port, username: d.username, password: d.password, keyFile: d.keyFile, passphrase: d.passphrase, allowAgent: d.allowAgent, legacyAlgorithms: d.legacyAlgorithms };
}

interface JumpAddress {
  host: string;
  port: number;
  username?: string;
}

function parseJumpAddress(text: string): JumpAddress | undefined {
  const [, username, rest] = text.match(/^(?:([^@\s]+)@)?([^@\s]+)$/) ?? [];
  const address = rest === undefined ? undefined : hostAndPort(rest);
  if (!address || username === undefined) return address;
  return { ...address, username };
}

/** host, host:port or [IPv6]:port; a bare IPv6 address has colons of its own, so it takes a port only in brackets. */
function hostAndPort(text: string): JumpAddress | undefined {
  if (isIPv6(text)) return { host: text, port: DEFAULT_SSH_PORT };
  const match = text.match(/^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/);
  if (!match) return undefined;
  const port = match[2] === undefined ? DEFAULT_SSH_PORT : Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
