// Host keys, the OpenSSH known_hosts way: plain or hashed host patterns, `[host]:port` for
// ports other than 22, one key per line. Checked during the handshake, before any password.
import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export type HostKeyPolicy = 'accept-new' | 'strict' | 'off';
export const HOST_KEY_POLICIES: readonly HostKeyPolicy[] = ['accept-new', 'strict', 'off'];

export interface HostKey {
  type: string;
  /** OpenSSH style: `SHA256:` and the unpadded base64 of the key's hash. */
  fingerprint: string;
}

export type HostKeyVerdict = { status: 'match' } | { status: 'unknown' } | { status: 'changed'; known: HostKey[] };

interface Entry {
  matches: (name: string) => boolean;
  type: string;
  blob: Buffer;
}

export class KnownHosts {
  private writing = Promise.resolve();

  private constructor(readonly file: string, private readonly entries: Entry[]) {}

  /** Reads the file; a missing file is an empty one (it is created on the first new key). */
  static async load(file: string): Promise<KnownHosts> {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return new KnownHosts(file, text.split('\n').flatMap(parseLine));
  }

  check(host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
    const name = hostName(host, port);
    const known = this.entries.filter((e) => e.matches(name));
    if (known.length === 0) return { status: 'unknown' };
    if (known.some((e) => e.blob.equals(keyBlob))) return { status: 'match' };
    // Any other key on record for this host, even of another type, is a change: never downgrade.
    return { status: 'changed', known: known.map((e) => ({ type: e.type, fingerprint: fingerprint(e.blob) })) };
  }

  /**
   * Records a key: in memory at once, in the file in order of calls. Resolves once the line is
   * written; rejects if it cannot be, and later keys are still written.
   */
  add(host: string, port: number, keyBlob: Buffer): Promise<void> {
    const name = hostName(host, port);
    const type = keyType(keyBlob);
    this.entries.push({ matches: (n) => n === name, type, blob: keyBlob });
    const line = `${name} ${type} ${keyBlob.toString('base64')}\n`;
    const written = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await appendFile(this.file, line, { mode: 0o600 });
    });
    this.writing = written.catch(() => undefined);
    return written;
  }
}

/**
 * Removes every key recorded for host:port from the file (the user trusts its new key), and
 * returns how many lines went. Other lines, comments included, are kept as they are.
 */
export async function forgetHost(file: string, host: string, port: number): Promise<number> {
  const name = hostName(host, port);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const kept = lines.filter((line) => !parseLine(line).some((entry) => entry.matches(name)));
  await writeFile(file, kept.join('\n'), { mode: 0o600 });
  return lines.length - kept.length;
}

/** How known_hosts names a host: bare on port 22, `[host]:port` otherwise. */
export function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function fingerprint(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type written at the start of an SSH public key blob (e.g. `ssh-ed25519`). */
export function keyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

export function describeKey(keyBlob: Buffer): HostKey {
  return { type: keyType(keyBlob), fingerprint: fingerprint(keyBlob) };
}

function parseLine(line: string): Entry[] {
  const fields = line.trim().split(/\s+/);
  if (fields[0] === '' || fields[0].startsWith('#')) return [];
  // @revoked and @cert-authority lines are not keys of the host itself.
  if (fields[0].startsWith('@')) return [];
  const [patterns, type, base64] = fields;
  if (!type || !base64) return [];
  return [{ matches: hostMatcher(patterns), type, blob: Buffer.from(base64, 'base64') }];
}

function hostMatcher(patterns: string): (name: string) => boolean {
  if (patterns.startsWith('|1|')) {
    // Hashed: |1|base64(salt)|base64(HMAC-SHA1(salt, name))
    const [, , salt, hash] = patterns.split('|');
    const key = Buffer.from(salt ?? '', 'base64');
    return (name) => createHmac('sha1', key).update(name).digest('base64') === hash;
  }
  const positive: RegExp[] = [];
  const negative: RegExp[] = [];
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    (negated ? negative : positive).push(globToRegExp(negated ? pattern.slice(1) : pattern));
  }
  return (name) => positive.some((re) => re.test(name)) && !negative.some((re) => re.test(name));
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
