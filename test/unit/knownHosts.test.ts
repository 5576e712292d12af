import { strict as assert } from 'node:assert';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { fingerprint, forgetHost, hostName, keyType, KnownHosts } from '../../src/core/session/knownHosts';

function newKey(): { blob: Buffer; line: string } {
  const publicKey = utils.generateKeyPairSync('ed25519').public; // "ssh-ed25519 AAAA... "
  const [type, base64] = publicKey.split(' ');
  return { blob: Buffer.from(base64, 'base64'), line: `${type} ${base64}` };
}

async function tempFile(content?: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'netpoll-kh-unit-')), 'known_hosts');
  if (content !== undefined) await writeFile(file, content);
  return file;
}

describe('KnownHosts', () => {
  const a = newKey();
  const b = newKey();

  it('names hosts like OpenSSH: bare on port 22, [host]:port otherwise', () => {
    assert.equal(hostName('127.0.0.1', 22), '127.0.0.1');
    assert.equal(hostName('127.0.0.1', 2201), '[127.0.0.1]:2201');
  });

  it('computes OpenSSH-style SHA256 fingerprints and reads the key type', () => {
    assert.match(fingerprint(a.blob), /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(keyType(a.blob), 'ssh-ed25519');
  });

  it('matches plain, comma-separated, wildcard and hashed entries; ignores comments and markers', async () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[127.0.0.9]:2222').digest('base64');
    const file = await tempFile(
      [
        '# comment',
        `127.0.0.1,[127.0.0.2]:2201 ${a.line}`,
        `[127.0.0.*]:3000 ${a.line}`,
        `|1|${salt.toString('base64')}|${hash} ${a.line}`,
        `@revoked [127.0.0.5]:22 ${a.line}`,
        '',
      ].join('\n'),
    );
    const known = await KnownHosts.load(file);
    assert.equal(known.check('127.0.0.1', 22, a.blob).status, 'match');
    assert.equal(known.check('127.0.0.2', 2201, a.blob).status, 'match');
    assert.equal(known.check('127.0.0.7', 3000, a.blob).status, 'match');
    assert.equal(known.check('127.0.0.9', 2222, a.blob).status, 'match');
    assert.equal(known.check('127.0.0.5', 22, a.blob).status, 'unknown');
    assert.equal(known.check('127.0.0.2', 22, a.blob).status, 'unknown');
  });

  it('reports a different key for a known host as changed, with the known fingerprints', async () => {
    const known = await KnownHosts.load(await tempFile(`[127.0.0.1]:2201 ${a.line}\n`));
    assert.deepEqual(known.check('127.0.0.1', 2201, b.blob), { status: 'changed', known: [{ type: 'ssh-ed25519', fingerprint: fingerprint(a.blob) }] });
  });

  it('records new keys in memory at once and appends them to the file, creating it', async () => {
    const file = path.join(path.dirname(await tempFile()), 'sub', 'known_hosts');
    const known = await KnownHosts.load(file);
    const adding = known.add('127.0.0.1', 2201, a.blob);
    assert.equal(known.check('127.0.0.1', 2201, a.blob).status, 'match');
    await adding;
    await known.add('127.0.0.1', 2202, b.blob);
    assert.equal(await readFile(file, 'utf8'), `[127.0.0.1]:2201 ${a.line}\n[127.0.0.1]:2202 ${b.line}\n`);
    assert.equal((await KnownHosts.load(file)).check('127.0.0.1', 2202, b.blob).status, 'match');
  });

  it('reports a key it cannot write, and still writes the keys after it', async () => {
    const dir = path.dirname(await tempFile());
    const file = path.join(dir, 'blocker', 'known_hosts');
    const known = await KnownHosts.load(file);
    await writeFile(path.join(dir, 'blocker'), 'a file where the folder should be');
    await assert.rejects(known.add('127.0.0.1', 2201, a.blob), /ENOTDIR|EEXIST/);
    assert.equal(known.check('127.0.0.1', 2201, a.blob).status, 'match', 'the key is trusted for this run');
    await rm(path.join(dir, 'blocker'));
    await known.add('127.0.0.1', 2202, b.blob);
    assert.equal(await readFile(file, 'utf8'), `[127.0.0.1]:2202 ${b.line}\n`);
  });

  it('forgets every key of one host, keeping other lines as they were', async () => {
    const file = await tempFile(`# keep me\n[127.0.0.1]:2201 ${a.line}\n[127.0.0.1]:2202 ${b.line}\n127.0.0.1,[127.0.0.1]:2201 ${b.line}\n`);
    assert.equal(await forgetHost(file, '127.0.0.1', 2201), 2);
    assert.equal(await readFile(file, 'utf8'), `# keep me\n[127.0.0.1]:2202 ${b.line}\n`);
    assert.equal((await KnownHosts.load(file)).check('127.0.0.1', 2201, a.blob).status, 'unknown');
  });
});
