import { strict as assert } from 'node:assert';
import { getEventListeners } from 'node:events';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession, SessionOptions, SessionTarget } from '../../src/core/session/cliSession';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice } from '../lab/lab';
import { closedLoopbackPort } from '../lab/ports';
import { sessionFailure } from './sessionFailure';

const ios = BUILTIN_PLATFORMS.get('cisco_ios')!;
// Host key checking has tests of its own; here the lab's fresh keys are simply accepted.
const labOptions: SessionOptions = { hostKeys: { policy: 'off' } };
const target = (d: LabDevice, extra: Partial<SessionTarget> = {}): SessionTarget => ({ host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, platform: ios, ...extra });


describe('CliSession against the lab (real SSH on 127.0.0.1)', function () {
  let lab: DeviceLab;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'R1', secret: 'en-secret' },
      { name: 'R2', secret: 'en-secret', faults: ['paging-locked'], runningConfigLines: 300 },
    ]);
  });
  after(() => lab.stop());

  it('logs in, enables, and returns show clock without echo or prompt', async () => {
    const session = await CliSession.open(target(lab.devices[0]), labOptions);
    try {
      assert.equal(session.prompt, 'R1#');
      const result = await session.send('show clock');
      assert.match(result.output, /^\*\d\d:\d\d:\d\d\.\d{3} UTC \w{3} \w{3} \d{1,2} \d{4}$/);
      assert.equal(result.failed, false);
    } finally {
      session.close();
    }
  });

  it('lets go of its cancel signal once closed: a handle that keeps the signal does not keep the session', async () => {
    const controller = new AbortController();
    const session = await CliSession.open(target(lab.devices[0]), { ...labOptions, signal: controller.signal });
    await session.send('show clock');
    assert.ok(getEventListeners(controller.signal, 'abort').length > 0, 'a cancel reaches the open session');
    await session.close();
    assert.deepEqual(getEventListeners(controller.signal, 'abort'), []);
  });

  it('returns multi-line output exactly as the device printed it', async () => {
    const session = await CliSession.open(target(lab.devices[0]), labOptions);
    try {
      assert.equal((await session.send('show version')).output, expectedOutput('cisco_ios', 'R1', 'show version').join('\n'));
      assert.equal((await session.send('show ip interface brief')).output, expectedOutput('cisco_ios', 'R1', 'show ip interface brief').join('\n'));
    } finally {
      session.close();
    }
  });

  it('answers --More-- when the device keeps paging, and leaves no residue', async () => {
    const session = await CliSession.open(target(lab.devices[1]), labOptions);
    try {
      const result = await session.send('show running-config');
      const lines = result.output.split('\n');
      assert.equal(lines.length, 300);
      assert.equal(lines[0], 'Building configuration...');
      assert.equal(lines.at(-1), 'end');
      assert.ok(!result.output.includes('More'), 'pager residue left in the output');
      assert.equal((await session.send('show version')).output, expectedOutput('cisco_ios', 'R2', 'show version').join('\n'));
    } finally {
      session.close();
    }
  });

  it('marks an invalid command failed and the session carries on', async () => {
    const session = await CliSession.open(target(lab.devices[0]), labOptions);
    try {
      const bad = await session.send('show clok');
      assert.equal(bad.failed, true);
      assert.match(bad.output, /% Invalid input detected at '\^' marker\./);
      const good = await session.send('show clock');
      assert.equal(good.failed, false);
    } finally {
      session.close();
    }
  });

  it('fails with kind enable when the device logs in at user exec and no secret is set', async () => {
    const err = await sessionFailure(CliSession.open(target(lab.devices[0], { secret: undefined }), labOptions), 'enable');
    assert.match(err.message, /asks for an enable password and no enable secret is set/);
  });

  it('fails with kind enable on a wrong secret, without showing it', async () => {
    const err = await sessionFailure(CliSession.open(target(lab.devices[0], { secret: 'wrong-enable-secret' }), labOptions), 'enable');
    assert.ok(!err.message.includes('wrong-enable-secret'));
  });

  it('fails with kind auth on a wrong password, without showing it', async () => {
    const err = await sessionFailure(CliSession.open(target(lab.devices[0], { password: 'wrong-password-xyz' }), labOptions), 'auth');
    assert.ok(!`${err.message} ${err.hint}`.includes('wrong-password-xyz'));
  });

  it('fails with kind refused when nothing listens on the port', async () => {
    await sessionFailure(CliSession.open(target(lab.devices[0], { port: await closedLoopbackPort() }), labOptions), 'refused');
  });

  it('fails with kind cancelled when aborted mid-login', async () => {
    const controller = new AbortController();
    const opening = CliSession.open(target(lab.devices[0]), { ...labOptions, signal: controller.signal });
    controller.abort();
    await sessionFailure(opening, 'cancelled');
  });
});
