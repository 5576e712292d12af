// Every platform against its lab device, over real SSH: exact multi-page output, paging that
// cannot be turned off, enable right / wrong / missing, and a failing command mid-session.
import { strict as assert } from 'node:assert';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession, SessionOptions, SessionTarget } from '../../src/core/session/cliSession';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice, LabPlatform } from '../lab/lab';
import { sessionFailure } from './sessionFailure';

const noHostKeys: SessionOptions = { hostKeys: { policy: 'off' } };
const SECRET = 'lab-enable-5ec';
const PAGED_CONFIG_LINES = 500;

interface Case {
  platform: LabPlatform;
  hostname: string;
  /** A show command longer than one page. */
  multiPage: string;
  /** The configuration dump. */
  config: string;
  /** Logs in at a user prompt and has an enable level. */
  enables: boolean;
  invalid: string;
}

const CASES: Case[] = [
  { platform: 'cisco_ios', hostname: 'R1', multiPage: 'show version', config: 'show running-config', enables: true, invalid: 'show clok' },
  { platform: 'cisco_xe', hostname: 'R2', multiPage: 'show version', config: 'show running-config', enables: true, invalid: 'show clok' },
  { platform: 'cisco_nxos', hostname: 'sw1', multiPage: 'show version', config: 'show running-config', enables: false, invalid: 'show clok' },
  { platform: 'cisco_xr', hostname: 'xr1', multiPage: 'show version', config: 'show running-config', enables: false, invalid: 'show clok' },
  { platform: 'arista_eos', hostname: 'eos1', multiPage: 'show version', config: 'show running-config', enables: true, invalid: 'show clok' },
  { platform: 'juniper_junos', hostname: 'junos1', multiPage: 'show version', config: 'show configuration', enables: false, invalid: 'show clok' },
  { platform: 'generic', hostname: 'host1', multiPage: 'show version', config: 'show running-config', enables: false, invalid: 'show clok' },
];


describe('every platform against its lab device', function () {
  let lab: DeviceLab;
  before(async () => {
    lab = await DeviceLab.start(
      CASES.flatMap((c) => [
        { name: c.hostname, platform: c.platform, secret: SECRET },
        { name: `${c.hostname}-paged`, platform: c.platform, secret: SECRET, faults: ['paging-locked' as const], runningConfigLines: PAGED_CONFIG_LINES },
      ]),
    );
  });
  after(() => lab?.stop());

  const device = (name: string): LabDevice => lab.devices.find((d) => d.name === name)!;
  const target = (d: LabDevice, c: Case, extra: Partial<SessionTarget> = {}): SessionTarget => ({
    host: d.host,
    port: d.port,
    username: d.username,
    password: d.password,
    secret: d.secret,
    platform: BUILTIN_PLATFORMS.get(c.platform)!,
    ...extra,
  });

  for (const c of CASES) {
    describe(c.platform, () => {
      it(`returns the multi-page \`${c.multiPage}\` exactly; a failing command is marked and the session goes on`, async () => {
        const session = await CliSession.open(target(device(c.hostname), c), noHostKeys);
        try {
          const expected = expectedOutput(c.platform, c.hostname, c.multiPage).join('\n');
          assert.equal((await session.send(c.multiPage)).output, expected);
          const bad = await session.send(c.invalid);
          // generic knows prompts only: no failure indicators unless the user defines some.
          assert.equal(bad.failed, c.platform !== 'generic', `failed is ${bad.failed} for: ${bad.output}`);
          assert.deepEqual(bad.output.split('\n'), expectedOutput(c.platform, c.hostname, c.invalid));
          const again = await session.send(c.multiPage);
          assert.equal(again.failed, false);
          assert.equal(again.output, expected);
        } finally {
          await session.close();
        }
      });

      it('answers the pager when paging cannot be turned off, leaving no residue and losing no line', async () => {
        const name = `${c.hostname}-paged`;
        const session = await CliSession.open(target(device(name), c), noHostKeys);
        try {
          assert.equal((await session.send(c.multiPage)).output, expectedOutput(c.platform, name, c.multiPage).join('\n'));
          if (c.platform !== 'generic') {
            const config = await session.send(c.config);
            assert.equal(config.output, expectedOutput(c.platform, name, c.config, { runningConfigLines: PAGED_CONFIG_LINES }).join('\n'));
          }
        } finally {
          await session.close();
        }
      });

      if (c.enables) {
        it('enables with the right secret; fails with kind enable on a wrong or missing one', async () => {
          const session = await CliSession.open(target(device(c.hostname), c), noHostKeys);
          assert.ok(session.prompt.endsWith('#'), session.prompt);
          await session.close();
          const wrong = await sessionFailure(CliSession.open(target(device(c.hostname), c, { secret: 'wrong-secret-77' }), noHostKeys));
          assert.equal(wrong.kind, 'enable');
          assert.match(wrong.message, /refused the enable secret/);
          assert.ok(!wrong.message.includes('wrong-secret-77'));
          const missing = await sessionFailure(CliSession.open(target(device(c.hostname), c, { secret: undefined }), noHostKeys));
          assert.equal(missing.kind, 'enable');
          assert.match(missing.message, /no enable secret is set/);
        });
      } else {
        it('has no enable level: works with or without a secret', async () => {
          for (const secret of [undefined, 'any-secret']) {
            const session = await CliSession.open(target(device(c.hostname), c, { secret }), noHostKeys);
            try {
              assert.equal((await session.send(c.multiPage)).failed, false);
            } finally {
              await session.close();
            }
          }
        });
      }
    });
  }
});
