import { strict as assert } from 'node:assert';
import { MORE_PAGER } from '../../lab/platforms/ios';
import { Terminal, TerminalQuirks } from '../../lab/terminal';

function setUp(quirks: TerminalQuirks = {}) {
  let written = '';
  const lines: string[] = [];
  const terminal = new Terminal((t) => void (written += t), MORE_PAGER, (line) => lines.push(line), quirks);
  const take = () => {
    const out = written;
    written = '';
    return out;
  };
  return { terminal, lines, take };
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);
const MORE = ' --More-- ';
const ERASE = '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10);

describe('lab Terminal', () => {
  it('echoes keys, rubs out on backspace, ends the line on return', () => {
    const { terminal, lines, take } = setUp();
    terminal.feed('shox\x7fw');
    assert.equal(take(), 'shox\b \bw');
    terminal.feed('\r');
    assert.equal(take(), '\r\n');
    assert.deepEqual(lines, ['show']);
  });

  it('takes \\r\\n as one return, and \\n alone as a return', () => {
    const { terminal, lines } = setUp();
    terminal.feed('a\r\nb\n\r\n');
    assert.deepEqual(lines, ['a', 'b', '']);
  });

  it('does not echo a hidden line (a secret)', () => {
    const { terminal, lines, take } = setUp();
    terminal.readHidden();
    terminal.feed('s3cret\r');
    assert.equal(take(), '\r\n');
    terminal.feed('x');
    assert.equal(take(), 'x', 'only the one line is hidden');
    assert.deepEqual(lines, ['s3cret']);
  });

  it('prints short output at once, then the prompt', () => {
    const { terminal, take } = setUp();
    terminal.print(numbered(23), 'R1#');
    assert.equal(take(), numbered(23).map((l) => l + '\r\n').join('') + 'R1#');
  });

  it('pages: a screen less one line, then space for the next screen, return for one line', () => {
    const { terminal, take } = setUp();
    terminal.print(numbered(50), 'R1#');
    assert.equal(take(), numbered(23).map((l) => l + '\r\n').join('') + MORE);
    terminal.feed('\r');
    assert.equal(take(), ERASE + 'line 24\r\n' + MORE);
    terminal.feed(' ');
    assert.equal(take(), ERASE + numbered(47).slice(24).map((l) => l + '\r\n').join('') + MORE);
    terminal.feed(' ');
    assert.equal(take(), ERASE + 'line 48\r\nline 49\r\nline 50\r\nR1#');
  });

  it('quits the pager on any other key', () => {
    const { terminal, take, lines } = setUp();
    terminal.print(numbered(50), 'R1#');
    take();
    terminal.feed('q');
    assert.equal(take(), ERASE + 'R1#');
    terminal.feed('x\r');
    assert.deepEqual(lines, ['x']);
  });

  it('never pages at length 0', () => {
    const { terminal, take } = setUp();
    terminal.pageLength = 0;
    terminal.print(numbered(500), 'R1#');
    assert.ok(!take().includes('More'));
  });

  it('while held, keeps what is typed unread and unechoed until released', () => {
    const { terminal, lines, take } = setUp();
    terminal.hold();
    terminal.feed('ab\rc');
    assert.equal(take(), '');
    assert.deepEqual(lines, []);
    terminal.release();
    assert.equal(take(), 'ab\r\nc');
    assert.deepEqual(lines, ['ab']);
  });

  it('echoing on arrival: echoes while held, and hands the lines over once released', () => {
    const { terminal, lines, take } = setUp({ echoOnArrival: true });
    terminal.hold();
    terminal.feed('ab\rc');
    assert.equal(take(), 'ab\r\nc');
    assert.deepEqual(lines, []);
    terminal.release();
    assert.equal(take(), '');
    assert.deepEqual(lines, ['ab']);
  });

  it('without echo: writes nothing for keys, Enter or backspace, and still reads the line', () => {
    const { terminal, lines, take } = setUp({ noEcho: true });
    terminal.feed('shox\x7fw\r');
    assert.equal(take(), '');
    assert.deepEqual(lines, ['show']);
  });

  it('knows what of the typed line is on screen, for a repaint', () => {
    const { terminal } = setUp();
    terminal.feed('sh');
    assert.equal(terminal.typed, 'sh');
    const quiet = setUp({ noEcho: true }).terminal;
    quiet.feed('sh');
    assert.equal(quiet.typed, '');
  });
});
