// jump_host, followed hop by hop: an inventory device's name (its own credentials and jump
// host apply), or `[user@]host[:port]` (the device's own credentials are used there).
import type { DeviceEntry, DeviceSpec, JumpHost, Report } from './inventory';

const DEFAULT_SSH_PORT = 22;

/** The devices whose jump chain resolves; the others are reported and left out. */
export function resolveJumps(entries: DeviceEntry[], report: Report): DeviceSpec[] {
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
      if (named) {
        const before = chainOf(named, [...seen, entry]);
        chain = before && [...before, jumpFrom(named.device)];
      } else if (address) {
        chain = [{ ...jumpFrom(entry.device), ...address }];
      } else {
        report('error', `jump_host "${jump.value}" is neither a device in this inventory nor user@host:port`, jump.node);
        chain = null;
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

function jumpFrom(d: DeviceSpec): JumpHost {
  return { host: d.host, port: d.port, username: d.username, password: d.password, keyFile: d.keyFile, passphrase: d.passphrase, allowAgent: d.allowAgent, legacyAlgorithms: d.legacyAlgorithms };
}

function parseJumpAddress(text: string): { host: string; port: number; username?: string } | undefined {
  const match = text.match(/^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/);
  if (!match) return undefined;
  const port = match[3] === undefined ? DEFAULT_SSH_PORT : Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  const address: { host: string; port: number; username?: string } = { host: match[2].replace(/^\[|\]$/g, ''), port };
  if (match[1] !== undefined) address.username = match[1];
  return address;
}
