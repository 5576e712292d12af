import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession, SessionOptions, SessionTarget } from '../../src/core/session/cliSession';
import { fingerprint, KnownHosts } from '../../src/core/session/knownHosts';
import { OpenSshServer, PASSPHRASE, startOpenSsh } from './openssh';
import { sessionFailure } from './sessionFailure';

const run = promisify(execFile);
const linux = BUILTIN_PLATFORMS.get('linux')!;
const noHostKeys: SessionOptions = { hostKeys: { policy: 'off' } };


describe('linux against Debian OpenSSH on 127.0.0.1', function () {
  let sshd: OpenSshServer;
  let target: SessionTarget;
  before(async () => {
    sshd = await startOpenSsh();
    target = { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: { file: sshd.keyFile }, platform: linux };
  });
  after(() => sshd?.stop());

  async function withSession(t: SessionTarget, options: SessionOptions, use: (s: CliSession) => Promise<void>): Promise<void> {
    const session = await CliSession.open(t, options);
    try {
      await use(session);
    } finally {
      await session.close();
    }
  }

  it('logs in with a key and returns outputs exactly, thousands of lines included', async () => {
    await withSession(target, noHostKeys, async (session) => {
      assert.match(session.prompt, /[#$]$/);
      assert.equal((await session.send('printf "alpha\\n  beta  gamma\\n"')).output, 'alpha\n  beta  gamma');
      const lines = Array.from({ length: 5000 }, (_, i) => String(i + 1)).join('\n');
      assert.equal((await session.send('seq 1 5000')).output, lines);
    });
  });

  it('marks an unknown command failed and carries on; never tries enable', async () => {
    await withSession({ ...target, secret: 'unused-secret' }, noHostKeys, async (session) => {
      const bad = await session.send('no-such-command-xyz');
      assert.equal(bad.failed, true);
      assert.match(bad.output, /no-such-command-xyz: command not found/);
      assert.equal((await session.send('echo still here')).output, 'still here');
    });
  });

  it('uses a passphrase-protected key, and says clearly when the passphrase is missing or wrong', async () => {
    const protectedKey = { ...target, privateKey: { file: sshd.protectedKeyFile, passphrase: PASSPHRASE } };
    await withSession(protectedKey, noHostKeys, async (session) => assert.equal((await session.send('echo ok')).output, 'ok'));
    const missing = await sessionFailure(CliSession.open({ ...target, privateKey: { file: sshd.protectedKeyFile } }, noHostKeys));
    assert.equal(missing.kind, 'auth');
    assert.match(missing.message, /is encrypted and no passphrase was given/);
    const wrong = await sessionFailure(CliSession.open({ ...target, privateKey: { file: sshd.protectedKeyFile, passphrase: 'not-it-9z' } }, noHostKeys));
    assert.equal(wrong.kind, 'auth');
    assert.match(wrong.message, /the passphrase does not decrypt it/);
    assert.ok(!`${wrong.message}${wrong.hint}`.includes('not-it-9z'));
  });

  it('authenticates with the keys of a running ssh-agent', async () => {
    const { stdout } = await run('ssh-agent', ['-s']);
    const socket = stdout.match(/SSH_AUTH_SOCK=([^;]+);/)![1];
    const pid = stdout.match(/SSH_AGENT_PID=(\d+);/)![1];
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      await run('ssh-add', ['-q', sshd.keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      process.env.SSH_AUTH_SOCK = socket;
      await withSession({ ...target, privateKey: undefined, useAgent: true }, noHostKeys, async (session) => assert.equal((await session.send('echo agent')).output, 'agent'));
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      process.kill(Number(pid));
    }
  });

  it('host keys: accept-new records the key, strict then accepts it, a new key fails with both fingerprints', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'netpoll-kh-')), 'known_hosts');
    const strictUnknown = await sessionFailure(CliSession.open(target, { hostKeys: { policy: 'strict', knownHosts: await KnownHosts.load(file) } }));
    assert.equal(strictUnknown.kind, 'host-key-unknown');

    const recorded: string[] = [];
    const acceptNew = { hostKeys: { policy: 'accept-new' as const, knownHosts: await KnownHosts.load(file), onNewKey: (_h: string, _p: number, key: { fingerprint: string }) => recorded.push(key.fingerprint) } };
    await withSession(target, acceptNew, async () => undefined);
    const serverKey = await sshd.hostKey();
    const oldFingerprint = fingerprint(Buffer.from(serverKey.split(' ')[1], 'base64'));
    assert.deepEqual(recorded, [oldFingerprint]);
    assert.equal((await readFile(file, 'utf8')).trim(), `[127.0.0.1]:${sshd.port} ${serverKey}`);

    await withSession(target, { hostKeys: { policy: 'strict', knownHosts: await KnownHosts.load(file) } }, async () => undefined);

    await sshd.rekey();
    const newKey = await sshd.hostKey();
    const changed = await sessionFailure(CliSession.open(target, { hostKeys: { policy: 'accept-new', knownHosts: await KnownHosts.load(file) } }));
    assert.equal(changed.kind, 'host-key-changed');
    assert.ok(changed.message.includes(oldFingerprint), changed.message);
    assert.ok(changed.message.includes(fingerprint(Buffer.from(newKey.split(' ')[1], 'base64'))), changed.message);
  });
});
