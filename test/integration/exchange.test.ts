// The exchange with a device over real SSH, as the lab makes it hard: syslog lines at every
// moment (with and without `logging synchronous`) over short and long links, a prompt-like line
// and a pause on devices that hold typed keys and on one that echoes them at once, a device that
// does not echo, `enable` without a password, and pipelined polls that must equal unpipelined ones.
import { strict as assert } from 'node:assert';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession, CommandResult, SessionTarget, UnsolicitedMessage } from '../../src/core/session/cliSession';
import { withPromptLine } from '../lab/cli';
import { expectedOutput } from '../lab/expected';
import { DeviceLab, LabDevice, LabDeviceSpec, LabPlatform } from '../lab/lab';
import { PLATFORMS } from '../lab/platforms';
import { SyslogSpec } from '../lab/syslog';

const SECRET = 'lab-enable-5ec';
const COMMANDS = ['show version', 'show ip interface brief', 'show version'];
const SYSLOG = /^\*\w{3} +\d+ [\d:.]+: %[A-Z]+-\d-[A-Z_]+: /;

interface Polled {
  results: CommandResult[];
  messages: UnsolicitedMessage[];
  notices: string[];
}

async function poll(device: LabDevice, commands: string[], options: { pipeline?: boolean; echo?: boolean } = {}): Promise<Polled> {
  const polled: Polled = { results: [], messages: [], notices: [] };
  const target: SessionTarget = { host: device.host, port: device.port, username: device.username, password: device.password, secret: device.secret, platform: BUILTIN_PLATFORMS.get(device.platform)!, echo: options.echo };
  let left = commands;
  // As a poll does: a batch that lost track of the device goes on in a new session.
  for (let attempt = 0; left.length > 0; attempt++) {
    const session = await CliSession.open(target, {
      hostKeys: { policy: 'off' },
      timeouts: { commandMs: 20_000, promptMs: 20_000 },
      onMessage: (message) => polled.messages.push(message),
      onNotice: (text) => polled.notices.push(text),
    });
    try {
      left = await session.run(left, (options.pipeline ?? false) && attempt === 0, (result) => polled.results.push(result));
    } finally {
      await session.close();
    }
  }
  return polled;
}

const outputsOf = (polled: Polled) => polled.results.map((result) => result.output);
const expected = (platform: LabPlatform, hostname: string, commands: string[]) => commands.map((command) => expectedOutput(platform, hostname, command).join('\n'));

describe('the exchange with a device (real SSH on 127.0.0.1)', function () {
  this.timeout(60_000);

  describe('syslog lines never fail a device, never land in an output, and are kept', () => {
    const placements: SyslogSpec['at'][] = ['before-echo', 'inside-output', 'after-prompt'];
    const cases = [0, 100, 600].flatMap((rttMs) => placements.flatMap((at) => [false, true].map((synchronous) => ({ rttMs, syslog: { at, synchronous, delayMs: at === 'after-prompt' ? 60 : undefined } }))));
    let lab: DeviceLab;
    before(async () => {
      // A show takes 100 ms, so a message 60 ms after a prompt comes while the next command runs.
      lab = await DeviceLab.start(cases.map((c, i) => ({ name: `S${i}`, secret: SECRET, rttMs: c.rttMs, syslog: c.syslog, showDelayMs: 100 })));
    });
    after(() => lab?.stop());

    it('before the echo, inside the output and after the prompt; logging synchronous on and off; RTT 0, 100 and 600 ms', async () => {
      const polls = await Promise.all(lab.devices.map((device) => poll(device, COMMANDS)));
      polls.forEach((polled, i) => {
        const { rttMs, syslog } = cases[i];
        const what = `${syslog.at}, synchronous ${syslog.synchronous}, RTT ${rttMs} ms`;
        assert.deepEqual(outputsOf(polled), expected('cisco_ios', lab.devices[i].name, COMMANDS), what);
        assert.ok(polled.results.every((result) => !result.failed && !result.uncertainEnd), what);
        // A message that follows the last prompt may come after the session has ended.
        const least = syslog.at === 'after-prompt' ? COMMANDS.length - 1 : COMMANDS.length;
        assert.ok(polled.messages.length >= least, `${what}: ${polled.messages.length} messages`);
        assert.ok(polled.messages.every((message) => SYSLOG.test(message.text) && message.command !== undefined), `${what}: ${JSON.stringify(polled.messages)}`);
      });
    });
  });

  describe('a prompt-like line and a pause inside an output', () => {
    let lab: DeviceLab;
    before(async () => {
      lab = await DeviceLab.start([
        { name: 'HOLDS', secret: SECRET, faults: ['prompt-in-output'] },
        { name: 'ECHOES', secret: SECRET, faults: ['prompt-in-output', 'reads-while-printing'] },
        { name: 'ECHOES-FAR', secret: SECRET, faults: ['prompt-in-output', 'reads-while-printing'], rttMs: 100 },
      ]);
    });
    after(() => lab?.stop());

    it('the output is exact and certain, on a device that holds typed keys and on one that echoes them at once', async () => {
      for (const device of lab.devices) {
        const polled = await poll(device, ['show version', 'show ip interface brief']);
        const prompt = `${device.name}#`;
        assert.deepEqual(outputsOf(polled), ['show version', 'show ip interface brief'].map((command) => withPromptLine(expectedOutput('cisco_ios', device.name, command), prompt).join('\n')), device.name);
        assert.ok(polled.results.every((result) => !result.uncertainEnd), device.name);
      }
    });
  });

  describe('devices that do not echo, and enable without a password', () => {
    let lab: DeviceLab;
    before(async () => {
      lab = await DeviceLab.start([
        { name: 'QUIET', secret: SECRET, faults: ['no-echo'] },
        { name: 'OPEN', faults: ['enable-no-password'] },
        { name: 'OPEN-SECRET', secret: SECRET, faults: ['enable-no-password'] },
      ]);
    });
    after(() => lab?.stop());

    it('a device that does not echo, said so in devices.yaml (echo: false), gives exact outputs', async () => {
      const device = lab.devices[0];
      const polled = await poll(device, COMMANDS, { echo: false });
      assert.deepEqual(outputsOf(polled), expected('cisco_ios', device.name, COMMANDS));
    });

    it('enable that asks no password reaches privileged mode, with or without a secret set', async () => {
      for (const device of lab.devices.slice(1)) {
        const polled = await poll(device, ['show running-config']);
        assert.deepEqual(outputsOf(polled), expected('cisco_ios', device.name, ['show running-config']), device.name);
      }
    });
  });

  describe('pipelining', () => {
    const platforms = Object.keys(PLATFORMS) as LabPlatform[];
    const commandsOf = (platform: LabPlatform) => (platform === 'juniper_junos' ? ['show version', 'show interfaces terse', 'show configuration', 'show clok'] : ['show version', 'show ip interface brief', 'show running-config', 'show clok', 'show version']);
    let lab: DeviceLab;
    before(async () => {
      const specs: LabDeviceSpec[] = platforms.flatMap((platform) => [
        { name: `${platform}-p`, platform, secret: SECRET },
        { name: `${platform}-far`, platform, secret: SECRET, rttMs: 50 },
      ]);
      specs.push({ name: 'PAGED', secret: SECRET, faults: ['paging-locked'], runningConfigLines: 300 });
      specs.push({ name: 'PAGED-FAR', secret: SECRET, faults: ['paging-locked'], runningConfigLines: 300, rttMs: 100 });
      specs.push({ name: 'SYSLOG-SYNC', secret: SECRET, syslog: { at: 'inside-output', synchronous: true } });
      specs.push({ name: 'SYSLOG-FAR', secret: SECRET, syslog: { at: 'before-echo', synchronous: false }, rttMs: 50 });
      specs.push({ name: 'ECHOES', secret: SECRET, faults: ['reads-while-printing'] });
      lab = await DeviceLab.start(specs);
    });
    after(() => lab?.stop());

    it('gives the same results as one command at a time on every lab platform, near and far', async () => {
      for (const device of lab.devices.filter((d) => d.name.endsWith('-p') || d.name.endsWith('-far'))) {
        const commands = commandsOf(device.platform);
        const [pipelined, single] = [await poll(device, commands, { pipeline: true }), await poll(device, commands)];
        assert.deepEqual(pipelined.notices, [], device.name);
        assert.deepEqual(outputsOf(pipelined), outputsOf(single), device.name);
        assert.deepEqual(pipelined.results.map((r) => r.failed), single.results.map((r) => r.failed), device.name);
        // A platform without failure indicators (generic) marks none.
        if (device.platform !== 'generic') assert.ok(single.results.some((r) => r.failed) && single.results.some((r) => !r.failed), device.name);
      }
    });

    it('a device whose paging stays on, near and far: one command at a time answers each page once; a pipelined batch is given up and the rest run on a new session, and it says so', async () => {
      const commands = ['show running-config', 'show version', 'show ip interface brief'];
      for (const name of ['PAGED', 'PAGED-FAR']) {
        const device = lab.devices.find((d) => d.name === name)!;
        const expectedOutputs = commands.map((command) => expectedOutput('cisco_ios', name, command, { runningConfigLines: 300 }).join('\n'));
        assert.deepEqual(outputsOf(await poll(device, commands)), expectedOutputs, name);
        const polled = await poll(device, commands, { pipeline: true });
        assert.deepEqual(outputsOf(polled), expectedOutputs, name);
        assert.match(polled.notices.join('\n'), /pipelining off: the device paged/, name);
      }
    });

    it('keeps syslog lines apart in pipelined replies too, with logging synchronous or over a long link', async () => {
      for (const name of ['SYSLOG-SYNC', 'SYSLOG-FAR']) {
        const device = lab.devices.find((d) => d.name === name)!;
        const polled = await poll(device, COMMANDS, { pipeline: true });
        assert.deepEqual(polled.notices, [], name);
        assert.deepEqual(outputsOf(polled), expected('cisco_ios', name, COMMANDS), name);
        assert.equal(polled.messages.length, COMMANDS.length, name);
      }
    });

    it('a device that echoes typed keys at once: the batch cannot be split, so the commands run again on a new session, and it says so', async () => {
      const device = lab.devices.find((d) => d.name === 'ECHOES')!;
      const polled = await poll(device, COMMANDS, { pipeline: true });
      assert.deepEqual(outputsOf(polled), expected('cisco_ios', 'ECHOES', COMMANDS));
      assert.match(polled.notices.join('\n'), /pipelining off: the device did not answer the commands typed ahead.*new session/);
    });
  });
});
