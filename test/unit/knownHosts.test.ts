import { strict as assert } from 'node:assert';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { SessionError } from '../../src/core/session/errors';
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
    await assert.rejects(known.add('127.0.0.1', 2201, a.blob), (err: Error) => {
      assert.equal(err.message, `cannot write known_hosts ${file}: a file stands where one of its folders should be (${/EEXIST/.test(err.message) ? 'EEXIST' : 'ENOTDIR'})`);
      return true;
    });
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

  it('ends a last line that has no newline before appending, as the file is at write time', async () => {
    const file = await tempFile();
    const known = await KnownHosts.load(file);
    // Another program writes the file after it was loaded, without a final newline.
    await writeFile(file, `[127.0.0.1]:2201 ${a.line}`);
    await known.add('127.0.0.1', 2202, b.blob);
    await known.add('127.0.0.1', 2203, b.blob);
    assert.equal(await readFile(file, 'utf8'), `[127.0.0.1]:2201 ${a.line}\n[127.0.0.1]:2202 ${b.line}\n[127.0.0.1]:2203 ${b.line}\n`);
    const reloaded = await KnownHosts.load(file);
    assert.equal(reloaded.check('127.0.0.1', 2201, a.blob).status, 'match');
    assert.equal(reloaded.check('127.0.0.1', 2202, b.blob).status, 'match');
  });

  it('survives a host pattern of 200,000 characters and still matches the lines around it', async () => {
    const huge = 'h'.repeat(200_000);
    const file = await tempFile(`${huge} ${a.line}\n*${huge}* ${a.line}\n[127.0.0.1]:2201 ${b.line}\n`);
    const known = await KnownHosts.load(file);
    assert.equal(known.check('127.0.0.1', 2201, b.blob).status, 'match');
    assert.equal(known.check(huge, 22, a.blob).status, 'match');
    assert.equal(known.check('127.0.0.2', 2201, b.blob).status, 'unknown');
  });

  it('matches OpenSSH host patterns without a RegExp: * and ?, negation, comma lists, any case', async () => {
    const file = await tempFile(
      [
        `${'*x?'.repeat(40_000)} ${a.line}`,
        `*.lab.example,!bad.lab.example ${a.line}`,
        `r?.core ${a.line}`,
        `[127.0.*.1]:2222,[127.1.0.1]:2222 ${a.line}`,
        `*a*a*a*b ${a.line}`,
        `|1|not-a-hash ${a.line}`,
        '',
      ].join('\n'),
    );
    const known = await KnownHosts.load(file);
    const status = (host: string, port = 22) => known.check(host, port, a.blob).status;
    assert.equal(status('R1.LAB.Example'), 'match');
    assert.equal(status('bad.lab.example'), 'unknown', 'a negated pattern vetoes the line');
    assert.equal(status('r2.core'), 'match');
    assert.equal(status('r22.core'), 'unknown', '? is one character');
    assert.equal(status('127.0.77.1', 2222), 'match');
    assert.equal(status('127.1.0.1', 2222), 'match');
    assert.equal(status('127.0.77.1', 22), 'unknown');
    assert.equal(status('xaaaaab'), 'match');
    assert.equal(status('aaaaaaac'), 'unknown');
    assert.equal(status('not-a-hash'), 'unknown', 'a malformed hashed entry is skipped');
  });

  it('refuses a known_hosts that is a directory with a config error naming it', async () => {
    const dir = path.join(path.dirname(await tempFile()), 'known_hosts');
    await mkdir(dir);
    await assert.rejects(KnownHosts.load(dir), (err: SessionError) => {
      assert.ok(err instanceof SessionError);
      assert.equal(err.kind, 'config');
      assert.equal(err.message, `known_hosts ${dir} is a directory, not a file`);
      assert.match(err.hint ?? '', /--known-hosts FILE.*netpoll\.knownHostsFile/);
      return true;
    });
  });

  it('rejects a key it cannot write into a directory with the file and the reason', async () => {
    const dir = path.join(path.dirname(await tempFile()), 'known_hosts');
    const known = await KnownHosts.load(path.join(dir, 'missing'));
    await mkdir(path.join(dir, 'missing'), { recursive: true });
    await assert.rejects(known.add('127.0.0.1', 2201, a.blob), { message: `cannot write known_hosts ${path.join(dir, 'missing')}: it is a directory, not a file (EISDIR)` });
  });
});
