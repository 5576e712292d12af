// Hostile and broken devices, one fault at a time, on the lab: each ends in a definite state
// within its own timeout (measured), and no credential shows in what NetPoll says about it.
import { strict as assert } from 'node:assert';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { compilePlatform } from '../../src/core/platforms/platform';
import { CliSession, SessionOptions, SessionTarget, SessionTimeouts } from '../../src/core/session/cliSession';
import { SessionError } from '../../src/core/session/errors';
import { MASK } from '../../src/core/session/mask';
import { withPromptLine } from '../lab/cli';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice, LabDeviceSpec } from '../lab/lab';
import { sessionFailure } from './sessionFailure';

const ios = BUILTIN_PLATFORMS.get('cisco_ios')!;
const noHostKeys: SessionOptions = { hostKeys: { policy: 'off' } };
/** What a bounded wait may take beyond its timeout on a busy machine. */
const SLACK_MS = 1_500;

const PASSWORD = 'Pw-hostile-8d2f';
const SECRET = 'En-hostile-41c7';

const DEVICES: LabDeviceSpec[] = [
  { name: 'NOSESSION', faults: ['no-session'] },
  { name: 'NOPTY', faults: ['no-pty'] },
  { name: 'NOSHELL', faults: ['no-shell'] },
  { name: 'FLOOD', secret: SECRET, faults: ['endless-output'] },
  { name: 'PAGER', secret: SECRET, faults: ['endless-pager'] },
  { name: 'FAKEPROMPT', secret: SECRET, faults: ['prompt-in-output'] },
  { name: 'TPUT', secret: SECRET, faults: ['tput-prompt'] },
  { name: 'TPUTLINUX', platform: 'generic', faults: ['tput-prompt'] },
  { name: 'CRONLY', secret: SECRET, faults: ['cr-only-enter'] },
  { name: 'vc1', platform: 'juniper_junos', faults: ['virtual-chassis'] },
  { name: 'BANNER', password: PASSWORD, faults: ['banner-password'] },
  { name: 'ECHOSECRET', password: PASSWORD, secret: SECRET, faults: ['echo-secret'] },
  { name: 'LEAK', password: PASSWORD, secret: SECRET, faults: ['leak-then-stall'] },
  { name: 'SLOW', secret: SECRET, showDelayMs: 3_000 },
];

describe('hostile devices, one fault at a time (real SSH on 127.0.0.1)', function () {
  let lab: DeviceLab;
  before(async () => {
    lab = await DeviceLab.start(DEVICES);
  });
  after(() => lab?.stop());

  const device = (name: string): LabDevice => lab.devices.find((d) => d.name === name)!;
  const target = (name: string, extra: Partial<SessionTarget> = {}): SessionTarget => {
    const d = device(name);
    return { host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, platform: ios, ...extra };
  };

  /** The failure of `run`, of `kind`, no later than `withinMs` (plus slack for a busy machine). */
  async function failsWithin(withinMs: number, kind: string, run: () => Promise<unknown>): Promise<SessionError> {
    const started = performance.now();
    const err = await sessionFailure(run(), kind);
    const tookMs = performance.now() - started;
    assert.ok(tookMs <= withinMs + SLACK_MS, `${kind} took ${Math.round(tookMs)} ms, allowed ${withinMs}`);
    return err;
  }

  async function outputOf(name: string, command: string, extra: Partial<SessionTarget> = {}, timeouts: Partial<SessionTimeouts> = {}): Promise<string> {
    const session = await CliSession.open(target(name, extra), { ...noHostKeys, timeouts });
    try {
      return (await session.send(command)).output;
    } finally {
      await session.close();
    }
  }

  for (const name of ['NOSESSION', 'NOPTY', 'NOSHELL']) {
    it(`${name}: a login whose shell never opens fails within auth_timeout, and a cancel ends it at once`, async () => {
      const err = await failsWithin(500, 'shell-timeout', () => CliSession.open(target(name), { ...noHostKeys, timeouts: { authMs: 500 } }));
      assert.match(err.message, /accepted the login but did not open a shell within 0\.5 s/);
      const controller = new AbortController();
      const opening = CliSession.open(target(name), { ...noHostKeys, signal: controller.signal });
      // Cancel once the device holds the session: the login has gone through.
      while (lab.stats.activeConnections === 0) await new Promise((resolve) => setImmediate(resolve));
      setTimeout(() => controller.abort(), 200);
      await failsWithin(200, 'cancelled', () => opening);
    });
  }

  it('an output that never ends fails that device once it passes the reply budget, long before the heap fills', async () => {
    const session = await CliSession.open(target('FLOOD'), { ...noHostKeys, maxReplyBytes: 4 * 1024 * 1024 });
    try {
      const err = await failsWithin(30_000, 'output-limit', () => session.send('show version'));
      assert.match(err.message, /sent more than 4 MiB in one reply/);
    } finally {
      await session.close();
    }
  });

  it('a pager that never stops is bounded by read_timeout, across all its pages', async () => {
    const session = await CliSession.open(target('PAGER'), { ...noHostKeys, timeouts: { commandMs: 800 } });
    try {
      await failsWithin(800, 'command-timeout', () => session.send('show version'));
    } finally {
      await session.close();
    }
  });

  it('a line that looks like the prompt, and a pause after it, do not cut the output short', async () => {
    const output = await outputOf('FAKEPROMPT', 'show version');
    assert.equal(output, withPromptLine(expectedOutput('cisco_ios', 'FAKEPROMPT', 'show version'), 'FAKEPROMPT#').join('\n'));
  });

  it('prompts that end in other escapes (ESC ( B, ESC [ m, SI) are still prompts, and none of it stays in outputs', async () => {
    assert.equal(await outputOf('TPUT', 'show version'), expectedOutput('cisco_ios', 'TPUT', 'show version').join('\n'));
    const generic = BUILTIN_PLATFORMS.get('generic')!;
    assert.equal(await outputOf('TPUTLINUX', 'show version', { platform: generic }), expectedOutput('generic', 'TPUTLINUX', 'show version').join('\n'));
  });

  it('a device that takes only CR as Enter is polled with the platform newline "\\r"; with "\\n" it fails, within its timeout', async () => {
    // The set-up lines go with the first write, so the device that never takes them fails there.
    await failsWithin(500, 'prompt-timeout', () => CliSession.open(target('CRONLY'), { ...noHostKeys, timeouts: { promptMs: 500 } }));
    const crPlatform = compilePlatform('cr_ios', { newline: '\r' }, ios);
    assert.equal(await outputOf('CRONLY', 'show version', { platform: crPlatform }), expectedOutput('cisco_ios', 'CRONLY', 'show version').join('\n'));
  });

  it('Junos: the {master:0} line above every prompt is not part of the output', async () => {
    const junos = BUILTIN_PLATFORMS.get('juniper_junos')!;
    assert.equal(await outputOf('vc1', 'show version', { platform: junos }), expectedOutput('juniper_junos', 'vc1', 'show version').join('\n'));
  });

  it('a command timeout reports what really arrived, the echo included', async () => {
    const session = await CliSession.open(target('SLOW'), { ...noHostKeys, timeouts: { commandMs: 300 } });
    try {
      const err = await failsWithin(300, 'command-timeout', () => session.send('show version'));
      assert.match(err.message, /last received: "show version\\r\\n"/);
    } finally {
      await session.close();
    }
  });

  describe('credentials in what the device sends are masked in every error', () => {
    const assertMasked = (err: SessionError) => {
      const text = `${err.message} ${err.hint ?? ''}`;
      assert.ok(!text.includes(PASSWORD) && !text.includes(SECRET), text);
      assert.ok(text.includes(MASK), text);
    };

    it('a password in the login banner, then no prompt', async () => {
      assertMasked(await failsWithin(400, 'prompt-timeout', () => CliSession.open(target('BANNER'), { ...noHostKeys, timeouts: { promptMs: 400 } })));
    });

    it('an enable secret echoed by the device, then no prompt', async () => {
      assertMasked(await failsWithin(400, 'prompt-timeout', () => CliSession.open(target('ECHOSECRET'), { ...noHostKeys, timeouts: { promptMs: 400 } })));
    });

    it('a password in a command output, then a timeout', async () => {
      const session = await CliSession.open(target('LEAK'), { ...noHostKeys, timeouts: { commandMs: 400 } });
      try {
        assertMasked(await failsWithin(400, 'command-timeout', () => session.send('show version')));
      } finally {
        await session.close();
      }
    });
  });
});
