import { strict as assert } from 'node:assert';
import { expectedOutput, outputVaries } from '../../lab/expected';
import { LabPlatform } from '../../lab/platforms';
import { body, drive } from './drive';

// Per platform: how paging is turned off, what gets to the privileged level, and the show commands.
const CASES: Record<LabPlatform, { prompt: string; setUp: string; commands: string[]; dump?: string }> = {
  cisco_ios: { prompt: 'dev1#', setUp: 'terminal length 0\renable\ren\r', commands: ['show version', 'show ip interface brief'], dump: 'show running-config' },
  cisco_xe: { prompt: 'dev1#', setUp: 'terminal length 0\renable\ren\r', commands: ['show version', 'show ip interface brief'], dump: 'show running-config' },
  cisco_nxos: { prompt: '\x1b[1;32mdev1# \x1b[0m', setUp: 'terminal length 0\r', commands: ['show version', 'show ip interface brief'], dump: 'show running-config' },
  cisco_xr: { prompt: 'RP/0/RP0/CPU0:dev1#', setUp: 'terminal length 0\rterminal exec prompt no-timestamp\r', commands: ['show version', 'show ip interface brief'], dump: 'show running-config' },
  arista_eos: { prompt: 'dev1#', setUp: 'terminal length 0\renable\ren\r', commands: ['show version', 'show ip interface brief'], dump: 'show running-config' },
  juniper_junos: { prompt: 'cisco@dev1> ', setUp: 'set cli screen-length 0\r', commands: ['show version', 'show interfaces terse'], dump: 'show configuration' },
  generic: { prompt: 'dev1$ ', setUp: '', commands: ['show version'] },
};

describe('lab expectedOutput', () => {
  for (const [platform, c] of Object.entries(CASES) as [LabPlatform, (typeof CASES)[LabPlatform]][]) {
    it(`${platform}: is exactly what the device prints`, () => {
      const dev = drive(platform, 'dev1', { secret: 'en', runningConfigLines: 700 });
      dev.type(c.setUp);
      for (const command of [...c.commands, c.dump ?? []].flat()) {
        assert.deepEqual(body(dev.type(command + '\r'), c.prompt), expectedOutput(platform, 'dev1', command, { runningConfigLines: 700 }), command);
      }
    });

    if (c.dump) {
      it(`${platform}: ${c.dump} has exactly runningConfigLines lines`, () => {
        const blank = platform === 'juniper_junos' ? 1 : 0; // Junos's closing blank line
        for (const n of [25, 300, 6000]) assert.equal(expectedOutput(platform, 'dev1', c.dump!, { runningConfigLines: n }).length, n + blank);
      });
    }
  }

  it('includes the blank line Junos prints after every output', () => {
    assert.deepEqual(expectedOutput('juniper_junos', 'junos1', 'set cli screen-width 511'), ['Screen width set to 511', '']);
  });

  it('gives the error reply for what the device refuses, caret included', () => {
    assert.deepEqual(expectedOutput('cisco_ios', 'R1', 'show running-config', { privileged: false }), ['        ^', "% Invalid input detected at '^' marker.", '']);
    assert.deepEqual(expectedOutput('arista_eos', 'eos1', 'show foo'), ['% Invalid input']);
  });

  it('knows which outputs vary with the clock', () => {
    assert.equal(outputVaries('cisco_ios', 'sh clock'), true);
    assert.equal(outputVaries('juniper_junos', 'show system uptime'), true);
    assert.equal(outputVaries('cisco_xr', 'show running-config'), false);
    assert.equal(outputVaries('generic', 'show clock'), false);
  });

  it('formats the clock from the time given', () => {
    const now = new Date(Date.UTC(2020, 10, 21, 20, 16, 0, 123));
    assert.deepEqual(expectedOutput('cisco_ios', 'R1', 'show clock', { now }), ['*20:16:00.123 UTC Sat Nov 21 2020']);
    assert.deepEqual(expectedOutput('cisco_nxos', 'sw1', 'show clock', { now }), ['20:16:00.123 UTC Sat Nov 21 2020', 'Time source is NTP']);
    assert.deepEqual(expectedOutput('cisco_xr', 'xr1', 'show clock', { now }), ['20:16:00.123 UTC Sat Nov 21 2020']);
    assert.deepEqual(expectedOutput('arista_eos', 'eos1', 'show clock', { now }), ['Sat Nov 21 20:16:00 2020', 'Timezone: UTC', 'Clock source: local']);
  });
});
