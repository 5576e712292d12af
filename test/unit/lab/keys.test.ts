import { strict as assert } from 'node:assert';
import { ShellFault } from '../../lab/cli';
import { expectedOutput } from '../../lab/expected';
import { drive } from './drive';

const BRIEF = 'show ip interface brief';
const BODY = expectedOutput('cisco_ios', 'R1', BRIEF).map((l) => l + '\r\n').join('');
const VERSION = 'show version';
/** A line typed ahead that prints nothing: just its prompt follows. */
const WIDTH = 'terminal width 511';
const VERSION_BODY = expectedOutput('cisco_ios', 'R1', VERSION).map((l) => l + '\r\n').join('');

/** An IOS device at user exec with paging off. */
function r1(faults: ShellFault[], options: Parameters<typeof drive>[2] = {}) {
  const dev = drive('cisco_ios', 'R1', { faults: new Set(faults), ...options });
  dev.type('terminal length 0\r');
  return dev;
}

describe('lab shells: reading keys', () => {
  describe('by default (IOS)', () => {
    it('echoes a show command at once and answers it showDelayMs later', async () => {
      const dev = r1([], { showDelayMs: 30 });
      const typedAt = performance.now();
      assert.equal(dev.type(BRIEF + '\r'), BRIEF + '\r\n');
      assert.equal(await dev.until('R1>'), BODY + 'R1>');
      assert.ok(performance.now() - typedAt >= 29, 'the answer took its time');
    });

    it('holds what is typed while a command runs: no echo until it is done', async () => {
      const dev = r1([], { showDelayMs: 30 });
      dev.type(VERSION + '\r');
      assert.equal(dev.type(BRIEF + '\r'), '', 'nothing is echoed meanwhile');
      assert.equal(await dev.until(BODY + 'R1>'), VERSION_BODY + 'R1>' + BRIEF + '\r\n' + BODY + 'R1>');
    });

    it('answers the lines of one write one after the other, each echoed after the prompt before it', () => {
      assert.equal(r1([]).type(`${VERSION}\r${BRIEF}\r`), `${VERSION}\r\n${VERSION_BODY}R1>${BRIEF}\r\n${BODY}R1>`);
    });

    it('holds what is typed during the pause after a prompt-looking line', async () => {
      const dev = r1(['prompt-in-output']);
      assert.equal(dev.type(BRIEF + '\r'), `${BRIEF}\r\n${untilPromptLine(BODY)}`);
      assert.equal(dev.type(WIDTH + '\r'), '');
      assert.equal(await dev.until(WIDTH), `\r\n${afterPromptLine(BODY)}R1>${WIDTH}\r\n`, 'the rest, then the held line echoed');
      assert.equal(await dev.until('R1>'), 'R1>');
    });
  });

  describe('reads-while-printing', () => {
    it('echoes what is typed while a command runs; the typed-ahead line then gets only its output and prompt', async () => {
      const dev = r1(['reads-while-printing'], { showDelayMs: 30 });
      assert.equal(dev.type(VERSION + '\r'), VERSION + '\r\n');
      assert.equal(dev.type(BRIEF + '\r'), BRIEF + '\r\n', 'echoed at once');
      assert.equal(await dev.until(BODY + 'R1>'), VERSION_BODY + 'R1>' + BODY + 'R1>');
    });

    it('echoes every line of one write before the first of them runs', () => {
      assert.equal(r1(['reads-while-printing']).type(`${VERSION}\r${BRIEF}\r`), `${VERSION}\r\n${BRIEF}\r\n${VERSION_BODY}R1>${BODY}R1>`);
    });

    it('echoes at once what is typed during the pause after a prompt-looking line', async () => {
      const dev = r1(['reads-while-printing', 'prompt-in-output']);
      assert.equal(dev.type(BRIEF + '\r'), `${BRIEF}\r\n${untilPromptLine(BODY)}`);
      assert.equal(dev.type(WIDTH + '\r'), WIDTH + '\r\n', 'echoed during the pause');
      assert.equal(await dev.until('R1>R1>'), `\r\n${afterPromptLine(BODY)}R1>R1>`, 'the typed-ahead line gets only its prompt');
    });

    it('echoes backspaces as they come', () => {
      assert.equal(r1(['reads-while-printing']).type('shox\x7fw clock'), 'shox\b \bw clock');
    });

    it('does not echo a secret typed ahead after enable', async () => {
      const dev = r1(['reads-while-printing'], { secret: 's3cret', showDelayMs: 30 });
      dev.type(BRIEF + '\r');
      assert.equal(dev.type('enable\rs3cret\r'), 'enable\r\n\r\n');
      assert.equal(await dev.until('R1#'), BODY + 'R1>Password: R1#');
    });
  });

  describe('no-echo', () => {
    it('echoes neither the command nor the return: the output follows the prompt', () => {
      const dev = r1(['no-echo']);
      assert.equal(dev.type(BRIEF + '\r'), BODY + 'R1>');
      assert.equal(dev.type('\r'), 'R1>');
      assert.equal(dev.type('sh\x7f\x7fshow clok\r'), "        ^\r\n% Invalid input detected at '^' marker.\r\n\r\nR1>");
    });

    it('asks for the secret and enables, echoing nothing', () => {
      const dev = drive('cisco_ios', 'R1', { faults: new Set(['no-echo']), secret: 'en' });
      assert.equal(dev.type('enable\r'), 'Password: ');
      assert.equal(dev.type('en\r'), 'R1#');
    });
  });

  describe('enable-no-password', () => {
    it('goes straight to the privileged prompt, secret or not', () => {
      for (const secret of ['en', undefined]) {
        const dev = drive('cisco_ios', 'R1', { faults: new Set(['enable-no-password']), secret });
        assert.equal(dev.type('enable\r'), 'enable\r\nR1#');
        assert.match(dev.type('show running-config\r'), /^show running-config\r\nBuilding configuration/);
      }
    });

    it('also on EOS; the next line is echoed as usual', () => {
      const dev = drive('arista_eos', 'eos1', { faults: new Set(['enable-no-password']) });
      assert.equal(dev.type('enable\rterminal length 0\r'), 'enable\r\neos1#terminal length 0\r\nPagination disabled.\r\neos1#');
    });
  });
});

/** What a prompt-in-output device writes of an output up to and including the prompt-looking line. */
function untilPromptLine(body: string): string {
  const lines = body.split('\r\n').slice(0, -1);
  return lines.slice(0, Math.floor(lines.length / 2)).map((l) => l + '\r\n').join('') + 'R1>';
}

/** ... and the lines after it. */
function afterPromptLine(body: string): string {
  const lines = body.split('\r\n').slice(0, -1);
  return lines.slice(Math.floor(lines.length / 2)).map((l) => l + '\r\n').join('');
}
