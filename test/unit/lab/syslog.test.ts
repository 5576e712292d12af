import { strict as assert } from 'node:assert';
import { SyslogSpec } from '../../lab/cli';
import { expectedOutput, expectedSyslog } from '../../lab/expected';
import { LabPlatform } from '../../lab/platforms';
import { drive } from './drive';

const COMMAND = 'show ip interface brief';
const BODY = expectedOutput('cisco_ios', 'R1', COMMAND).map((l) => l + '\r\n');
/** IOS's message, whatever the clock said: tests compare streams with MSG in its place. */
const IOS_MESSAGE = /\*(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d\.\d{3}: %LINK-3-UPDOWN: Interface FastEthernet0\/1, changed state to down/g;
const masked = (text: string) => text.replace(IOS_MESSAGE, 'MSG');

/** An IOS device at user exec with paging off, its messages placed per `syslog`. */
function r1(syslog: SyslogSpec, extra: Parameters<typeof drive>[2] = {}) {
  const dev = drive('cisco_ios', 'R1', { syslog, ...extra });
  assert.equal(dev.type('terminal length 0\r'), 'terminal length 0\r\nR1>', 'no message around a command that is not show');
  return { type: (keys: string) => masked(dev.type(keys)), until: async (text: string) => masked(await dev.until(text === 'MSG' ? '%LINK-3-UPDOWN' : text)), dispose: dev.dispose };
}

describe('lab syslog messages', () => {
  describe('before-echo', () => {
    it('without logging synchronous: on its own line ahead of the echo, no prompt repainted', () => {
      const dev = r1({ at: 'before-echo', synchronous: false });
      assert.equal(dev.type(COMMAND + '\r'), ['\r\nMSG\r\n', COMMAND, '\r\n', ...BODY, 'R1>'].join(''));
    });

    it('with logging synchronous: the message, then the prompt repainted, then the echo', () => {
      const dev = r1({ at: 'before-echo', synchronous: true });
      assert.equal(dev.type(COMMAND + '\r'), ['\r\nMSG\r\nR1>', COMMAND, '\r\n', ...BODY, 'R1>'].join(''));
    });

    it('lands after what was echoed already; logging synchronous repaints it', () => {
      const plain = r1({ at: 'before-echo', synchronous: false });
      assert.equal(plain.type('show ip'), 'show ip');
      assert.equal(plain.type(' interface brief\r'), ['\r\nMSG\r\n', ' interface brief\r\n', ...BODY, 'R1>'].join(''));
      const sync = r1({ at: 'before-echo', synchronous: true });
      assert.equal(sync.type('show ip'), 'show ip');
      assert.equal(sync.type(' interface brief\r'), ['\r\nMSG\r\nR1>show ip', ' interface brief\r\n', ...BODY, 'R1>'].join(''));
    });

    it('comes for every show command, abbreviated too, and for nothing else', () => {
      const dev = r1({ at: 'before-echo', synchronous: false });
      assert.match(dev.type('sh clock\r'), /^\r\nMSG\r\nsh clock\r\n/);
      assert.equal(dev.type('show clok\r').includes('MSG'), false, 'a line that does not parse');
      assert.equal(dev.type('\r'), '\r\nR1>');
    });
  });

  describe('inside-output', () => {
    it('without logging synchronous: a line of its own in the middle of the output', () => {
      const dev = r1({ at: 'inside-output', synchronous: false });
      assert.equal(dev.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY.slice(0, 3), 'MSG\r\n', ...BODY.slice(3), 'R1>'].join(''));
    });

    it('with logging synchronous: held until the prompt, then written with the prompt again', () => {
      const dev = r1({ at: 'inside-output', synchronous: true });
      assert.equal(dev.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY, 'R1>', '\r\nMSG\r\nR1>'].join(''));
    });

    it('with logging synchronous: held while the output pages', () => {
      const dev = drive('cisco_ios', 'R1', { syslog: { at: 'inside-output', synchronous: true } });
      let stream = dev.type('show version\r');
      while (stream.endsWith(' --More-- ')) {
        assert.doesNotMatch(stream, IOS_MESSAGE);
        stream = dev.type(' ');
      }
      assert.match(masked(stream), /Configuration register is 0x2102\r\n\r\nR1>\r\nMSG\r\nR1>$/);
    });
  });

  describe('after-prompt', () => {
    it('without logging synchronous: after the prompt, leaving an empty line; Enter gets a prompt', () => {
      const dev = r1({ at: 'after-prompt', synchronous: false });
      assert.equal(dev.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY, 'R1>', '\r\nMSG\r\n'].join(''));
      assert.equal(dev.type('\r'), '\r\nR1>');
    });

    it('without logging synchronous: the next command is echoed on the empty line', () => {
      const dev = r1({ at: 'after-prompt', synchronous: false });
      dev.type(COMMAND + '\r');
      assert.equal(dev.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY, 'R1>', '\r\nMSG\r\n'].join(''));
    });

    it('with logging synchronous: the message, then the prompt again', () => {
      const dev = r1({ at: 'after-prompt', synchronous: true });
      assert.equal(dev.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY, 'R1>', '\r\nMSG\r\nR1>'].join(''));
    });

    it('delayMs later; logging synchronous repaints what was typed meanwhile', async () => {
      const sync = r1({ at: 'after-prompt', synchronous: true, delayMs: 20 });
      assert.equal(sync.type(COMMAND + '\r'), [COMMAND, '\r\n', ...BODY, 'R1>'].join(''));
      assert.equal(sync.type('sh'), 'sh');
      assert.equal(await sync.until('MSG'), '\r\nMSG\r\nR1>sh');
      const plain = r1({ at: 'after-prompt', synchronous: false, delayMs: 20 });
      plain.type(COMMAND + '\r');
      assert.equal(plain.type('sh'), 'sh');
      assert.equal(await plain.until('MSG'), '\r\nMSG\r\n');
    });

    it('with logging synchronous: held while the next command runs, written after its prompt', async () => {
      const dev = r1({ at: 'after-prompt', synchronous: true, delayMs: 5 }, { showDelayMs: 100 });
      assert.equal(dev.type(COMMAND + '\r'), COMMAND + '\r\n');
      assert.equal(await dev.until('R1>'), [...BODY, 'R1>'].join(''));
      // The message falls due 5 ms after that prompt, inside the next command's 100 ms.
      assert.equal(dev.type(COMMAND + '\r'), COMMAND + '\r\n');
      const later = await dev.until('MSG');
      assert.equal(later, [...BODY, 'R1>', '\r\nMSG\r\nR1>'].join(''));
      dev.dispose();
    });

    it('without logging synchronous: written where it falls, inside the next command', async () => {
      const dev = r1({ at: 'after-prompt', synchronous: false, delayMs: 5 }, { showDelayMs: 100 });
      dev.type(COMMAND + '\r');
      await dev.until('R1>');
      assert.equal(dev.type(COMMAND + '\r'), COMMAND + '\r\n');
      assert.equal(await dev.until('MSG'), 'MSG\r\n', 'the cursor was at the start of a line: no blank line first');
      assert.equal(await dev.until('R1>'), [...BODY, 'R1>'].join(''));
      dev.dispose();
    });
  });

  describe('per platform', () => {
    const FORMATS: [LabPlatform, string, RegExp][] = [
      ['cisco_xe', 'sw1>', /^\*\w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3}: %LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to down$/],
      ['cisco_nxos', '\x1b[1;32msw1# \x1b[0m', /^\d{4} \w{3} [ \d]\d \d\d:\d\d:\d\d sw1 %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1\/1 is down \(Link failure\)$/],
      ['cisco_xr', 'RP/0/RP0/CPU0:sw1#', /^RP\/0\/RP0\/CPU0:\w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC: ifmgr\[257\]: %PKT_INFRA-LINK-3-UPDOWN : Interface GigabitEthernet0\/0\/0\/0, changed state to Down$/],
      ['arista_eos', 'sw1>', /^\w{3} [ \d]\d \d\d:\d\d:\d\d sw1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet1, changed state to down$/],
    ];
    for (const [platform, prompt, format] of FORMATS) {
      it(`${platform}: its own format, repainting its own prompt`, () => {
        const dev = drive(platform, 'sw1', { syslog: { at: 'before-echo', synchronous: true } });
        const lines = dev.type('show clock\r').split('\r\n');
        assert.equal(lines[0], '');
        assert.match(lines[1], format);
        assert.equal(lines[2], prompt + 'show clock');
        assert.equal(expectedSyslog(platform, 'sw1', new Date())?.replace(/\d/g, '0'), lines[1].replace(/\d/g, '0'));
      });
    }

    it('Junos and the generic shell write none', () => {
      for (const platform of ['juniper_junos', 'generic'] as const) {
        const dev = drive(platform, 'h1', { syslog: { at: 'inside-output', synchronous: false } });
        assert.equal(dev.type('show version\r').includes('%'), false, platform);
        assert.equal(expectedSyslog(platform, 'h1', new Date()), undefined);
      }
    });
  });
});
