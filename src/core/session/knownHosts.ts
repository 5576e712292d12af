// Host keys, the OpenSSH known_hosts way: plain or hashed host patterns, `[host]:port` for
// ports other than 22, one key per line. Checked during the handshake, before any password.
import { createHash, createHmac } from 'node:crypto';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from '../files/fileProblem';
import { SessionError } from './errors';

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

  /**
   * Reads the file; a missing file is an empty one (it is created on the first new key).
   * A file that cannot be read is a config error naming it; a line it cannot understand is skipped.
   */
  static async load(file: string): Promise<KnownHosts> {
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      // No such file, or a file where one of its folders should be: nothing is known yet, and
      // recording the first key says why it cannot be written.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw unreadable(file, err);
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
    const written = this.writing.then(() => appendLine(this.file, line)).catch((err: unknown) => {
      throw new Error(`cannot write known_hosts ${this.file}: ${fileProblem(err)}`);
    });
    this.writing = written.catch(() => undefined);
    return written;
  }
}

/** Appends one line, first ending the file's last line if another program left it open. */
async function appendLine(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // a+: appends, and lets us read the last byte as the file is now, not as it was at load.
  const handle = await open(file, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    await handle.write(size > 0 && last[0] !== 0x0a ? '\n' + line : line);
  } finally {
    await handle.close();
  }
}

const HINT = 'Point NetPoll at a readable file: --known-hosts FILE on the command line, or the setting netpoll.knownHostsFile.';

function unreadable(file: string, err: unknown): SessionError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new SessionError('config', `known_hosts ${file} is a directory, not a file`, HINT);
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
  return new SessionError('config', `cannot read known_hosts ${file}: ${reason}`, HINT);
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
  const matches = hostMatcher(patterns);
  const blob = Buffer.from(base64, 'base64');
  if (!matches || blob.length === 0) return [];
  return [{ matches, type, blob }];
}

/** How an entry's host field matches a name; undefined when the field makes no sense. */
function hostMatcher(patterns: string): ((name: string) => boolean) | undefined {
  if (patterns.startsWith('|1|')) {
    // Hashed: |1|base64(salt)|base64(HMAC-SHA1(salt, name))
    const [, , salt, hash, ...rest] = patterns.split('|');
    if (!salt || !hash || rest.length > 0) return undefined;
    const key = Buffer.from(salt, 'base64');
    return (name) => createHmac('sha1', key).update(name).digest('base64') === hash;
  }
  const positive: string[] = [];
  const negative: string[] = [];
  for (const pattern of patterns.toLowerCase().split(',')) {
    if (pattern.startsWith('!')) negative.push(pattern.slice(1));
    else positive.push(pattern);
  }
  return (name) => {
    const lower = name.toLowerCase();
    return positive.some((p) => wildcardMatch(p, lower)) && !negative.some((p) => wildcardMatch(p, lower));
  };
}

/**
 * OpenSSH's `*` (any run) and `?` (any one character), over the whole text. Iterative, with one
 * remembered star to fall back to: no RegExp, so no pattern length can exceed an engine limit,
 * and time stays within pattern x text.
 */
function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starText = t;
    } else if (star >= 0) {
      // Let the last star swallow one more character and try again from there.
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
