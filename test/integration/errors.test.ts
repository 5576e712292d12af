// Every way a device can fail, each produced for real on the lab (or a loopback port), with
// its classification and a message a person can act on; and the transport features that
// avoid them: keyboard-interactive, legacy algorithms, jump hosts.
import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession, SessionOptions, SessionTarget } from '../../src/core/session/cliSession';
import { classifyConnectionError } from '../../src/core/session/errors';
import { fingerprint, KnownHosts } from '../../src/core/session/knownHosts';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice } from '../lab/lab';
import { startBlackhole } from './blackhole';
import { closedLoopbackPort } from '../lab/ports';
import { sessionFailure } from './sessionFailure';

const ios = BUILTIN_PLATFORMS.get('cisco_ios')!;
const noHostKeys: SessionOptions = { hostKeys: { policy: 'off' } };


async function withSession<T>(target: SessionTarget, options: SessionOptions, use: (s: CliSession) => Promise<T>): Promise<T> {
  const session = await CliSession.open(target, options);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

describe('failures, classified (real SSH on 127.0.0.1)', function () {
  let lab: DeviceLab;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'R1', secret: 'en' },
      { name: 'STALL', faults: ['stall'] },
      { name: 'RESET', faults: ['refuse'] },
      { name: 'CUT', secret: 'en', faults: ['close-mid-command'] },
      { name: 'DRIP', secret: 'en', faults: ['slow-drip'] },
      { name: 'SLOW', secret: 'en', showDelayMs: 400 },
      { name: 'OLD', secret: 'en', faults: ['legacy-only'] },
      { name: 'KBD', secret: 'en', faults: ['keyboard-interactive-only'] },
      { name: 'J1', secret: 'en' },
      { name: 'J2', secret: 'en' },
      { name: 'KEYED', secret: 'en' },
      { name: 'MUTE', secret: 'en', faults: ['forward-no-reason'] },
    ]);
  });
  after(() => lab?.stop());

  const device = (name: string): LabDevice => lab.devices.find((d) => d.name === name)!;
  const target = (name: string, extra: Partial<SessionTarget> = {}): SessionTarget => {
    const d = device(name);
    return { host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, platform: ios, ...extra };
  };
  const hop = (name: string) => {
    const d = device(name);
    return { host: d.host, port: d.port, username: d.username, password: d.password };
  };

  it('dns: a name that does not resolve', async () => {
    const notFound = (hostname: string, _options: unknown, callback: (err: Error) => void) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const err = await sessionFailure(CliSession.open(target('R1', { host: 'no-such-router.invalid' }), { ...noHostKeys, lookup: notFound as never }), 'dns');
    assert.match(err.message, /cannot resolve no-such-router\.invalid/);
  });

  it('refused: nothing listens on the port', async () => {
    const port = await closedLoopbackPort();
    const err = await sessionFailure(CliSession.open(target('R1', { port }), noHostKeys), 'refused');
    assert.equal(err.message, `127.0.0.1:${port} refused the connection`);
  });

  it('closed: the device resets the connection before SSH starts', async () => {
    const err = await sessionFailure(CliSession.open(target('RESET'), noHostKeys), 'closed');
    assert.match(err.message, /127\.0\.0\.1:\d+/);
  });

  it('connect-timeout: the TCP connection is never answered', async () => {
    const blackhole = await startBlackhole();
    try {
      const err = await sessionFailure(CliSession.open(target('R1', { port: blackhole.port }), { ...noHostKeys, timeouts: { connectMs: 300 } }), 'connect-timeout');
      assert.equal(err.message, `no answer from 127.0.0.1:${blackhole.port} within 0.3 s`);
    } finally {
      blackhole.close();
    }
  });

  it('unreachable: no route to the host (classified from the socket error)', () => {
    const err = classifyConnectionError(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }), '127.0.0.1:22');
    assert.equal(err.kind, 'unreachable');
    assert.equal(err.message, '127.0.0.1:22 is unreachable (EHOSTUNREACH)');
  });

  it('an error without text still gives a reason', () => {
    assert.equal(classifyConnectionError(new Error(''), '127.0.0.1:22001').message, '127.0.0.1:22001: the connection failed (no reason given)');
    assert.equal(classifyConnectionError(Object.assign(new Error(' '), { code: 'EPROTO' }), '127.0.0.1:22001').message, '127.0.0.1:22001: the connection failed (EPROTO)');
  });

  it('handshake: TCP accepted but SSH never starts', async () => {
    const err = await sessionFailure(CliSession.open(target('STALL'), { ...noHostKeys, timeouts: { authMs: 300 } }), 'handshake');
    assert.match(err.message, /did not complete SSH login within 0\.3 s/);
  });

  it('handshake: a legacy-only device names what it offers; legacy_algorithms reaches it', async () => {
    const err = await sessionFailure(CliSession.open(target('OLD'), noHostKeys), 'handshake');
    assert.match(err.message, /no matching/);
    assert.match(err.message, /diffie-hellman-group14-sha1/);
    assert.match(err.hint ?? '', /legacy_algorithms: true/);
    const output = await withSession(target('OLD', { legacyAlgorithms: true }), noHostKeys, (s) => s.send('show version'));
    assert.equal(output.output, expectedOutput('cisco_ios', 'OLD', 'show version').join('\n'));
  });

  it('auth: wrong password, never shown', async () => {
    const err = await sessionFailure(CliSession.open(target('R1', { password: 'wrong-pass-31' }), noHostKeys), 'auth');
    assert.ok(!`${err.message} ${err.hint}`.includes('wrong-pass-31'));
  });

  it('auth: a key its passphrase does not open fails the device and lets go of the connection', async () => {
    const keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'netpoll-key-')), 'id_ed25519');
    await writeFile(keyFile, utils.generateKeyPairSync('ed25519', { passphrase: 'right-1c9e', cipher: 'aes256-ctr', rounds: 16 }).private);
    const err = await sessionFailure(CliSession.open(target('R1', { privateKey: { file: keyFile, passphrase: 'wrong-77d0' } }), noHostKeys), 'auth');
    assert.ok(!`${err.message}${err.hint}`.includes('wrong-77d0'));
    // Hangs (and times out) if the TCP connection made before the key was read is left open.
    await lab.connectionsClosed('R1');
  });

  it('keyboard-interactive: the password answers the prompt; a wrong one is auth', async () => {
    const result = await withSession(target('KBD'), noHostKeys, (s) => s.send('show version'));
    assert.equal(result.output, expectedOutput('cisco_ios', 'KBD', 'show version').join('\n'));
    await sessionFailure(CliSession.open(target('KBD', { password: 'nope-kbd' }), noHostKeys), 'auth');
  });

  it('prompt-timeout: the wrong device_type never sees its prompt; the last bytes are shown', async () => {
    const junos = BUILTIN_PLATFORMS.get('juniper_junos')!;
    const err = await sessionFailure(CliSession.open(target('R1', { platform: junos }), { ...noHostKeys, timeouts: { promptMs: 300 } }), 'prompt-timeout');
    assert.match(err.message, /never showed a prompt within 0\.3 s; last received: ".*R1>"/);
  });

  it('command-timeout: a command slower than read_timeout, with the last bytes received', async () => {
    const session = await CliSession.open(target('SLOW'), { ...noHostKeys, timeouts: { commandMs: 150, promptMs: 2_000 } });
    try {
      const err = await sessionFailure(session.send('show version'), 'command-timeout');
      assert.match(err.message, /did not finish `show version` within 0\.15 s; last received: /);
    } finally {
      await session.close();
    }
  });

  it('closed: the device hangs up mid-command', async () => {
    const session = await CliSession.open(target('CUT'), noHostKeys);
    try {
      const err = await sessionFailure(session.send('show running-config'), 'closed');
      assert.match(err.message, /closed the (session|connection)/);
    } finally {
      await session.close();
    }
  });

  it('a slow drip of output is still read whole', async () => {
    const result = await withSession(target('DRIP'), noHostKeys, (s) => s.send('show version'));
    assert.equal(result.output, expectedOutput('cisco_ios', 'DRIP', 'show version').join('\n'));
  });

  it('cancelled: aborting mid-session ends it at once', async () => {
    const controller = new AbortController();
    const session = await CliSession.open(target('SLOW'), { ...noHostKeys, signal: controller.signal });
    const pending = session.send('show version');
    controller.abort();
    await sessionFailure(pending, 'cancelled');
    await session.close();
  });

  it('host-key-unknown and host-key-changed: refused before any password, with fingerprints', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'netpoll-kh-')), 'known_hosts');
    const passwordsAtStart = lab.stats.passwordsReceived;
    const unknown = await sessionFailure(CliSession.open(target('KEYED'), { hostKeys: { policy: 'strict', knownHosts: await KnownHosts.load(file) } }), 'host-key-unknown');
    assert.equal(lab.stats.passwordsReceived, passwordsAtStart, 'a password reached the unknown device');
    const keyBlob = (line: string) => Buffer.from(line.split(' ')[1], 'base64');
    const first = fingerprint(keyBlob(device('KEYED').hostKey));
    assert.ok(unknown.message.includes(first), unknown.message);

    await withSession(target('KEYED'), { hostKeys: { policy: 'accept-new', knownHosts: await KnownHosts.load(file) } }, async () => undefined);
    assert.ok(lab.stats.passwordsReceived > passwordsAtStart, 'the lab counts passwords');
    const rekeyed = await lab.restartWithNewHostKey('KEYED');
    const passwordsBefore = lab.stats.passwordsReceived;
    const changed = await sessionFailure(CliSession.open(target('KEYED'), { hostKeys: { policy: 'accept-new', knownHosts: await KnownHosts.load(file) } }), 'host-key-changed');
    assert.equal(lab.stats.passwordsReceived, passwordsBefore, 'a password reached the device with the changed key');
    assert.ok(changed.message.includes(first), changed.message);
    assert.ok(changed.message.includes(fingerprint(keyBlob(rekeyed.hostKey))), changed.message);
    assert.match(changed.message, /No password was sent/);
  });

  it('a policy that checks keys with no known_hosts store fails closed, before any connection', async () => {
    const connectionsBefore = lab.stats.totalConnections;
    for (const policy of ['accept-new', 'strict'] as const) {
      const err = await sessionFailure(CliSession.open(target('KEYED'), { hostKeys: { policy } }), 'config');
      assert.match(err.message, new RegExp(`host key policy ${policy} needs a known_hosts store, and none was given; nothing was sent to the device`));
    }
    assert.equal(lab.stats.totalConnections, connectionsBefore, 'NetPoll connected without a way to check the key');
  });

  it('a jump host that refuses a forward without saying why: the message still gives a reason', async () => {
    const port = await closedLoopbackPort();
    const err = await sessionFailure(CliSession.open(target('R1', { port, jumps: [hop('MUTE')] }), noHostKeys), 'unreachable');
    assert.match(err.message, new RegExp(`jump host 127\\.0\\.0\\.1:${device('MUTE').port} could not reach 127\\.0\\.0\\.1:${port}: the jump host's connection failed \\(no details given\\)$`));
  });

  it('jump hosts: one hop and two hops through lab devices; a jump that cannot reach the device', async () => {
    const viaOne = await withSession(target('R1', { jumps: [hop('J1')] }), noHostKeys, (s) => s.send('show version'));
    assert.equal(viaOne.output, expectedOutput('cisco_ios', 'R1', 'show version').join('\n'));
    const viaTwo = await withSession(target('R1', { jumps: [hop('J1'), hop('J2')] }), noHostKeys, (s) => s.send('show version'));
    assert.equal(viaTwo.output, viaOne.output);
    const port = await closedLoopbackPort();
    const err = await sessionFailure(CliSession.open(target('R1', { port, jumps: [hop('J1')] }), noHostKeys), 'refused');
    assert.match(err.message, new RegExp(`jump host 127\\.0\\.0\\.1:${device('J1').port} could not reach 127\\.0\\.0\\.1:${port}`));
  });
});
