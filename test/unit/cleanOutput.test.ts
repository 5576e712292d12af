import { strict as assert } from 'node:assert';
import { applyTerminalEdits, cleanCommandOutput, CleanOptions, stripAnsi } from '../../src/core/session/cleanOutput';

describe('cleanOutput', () => {
  it('applies backspace repaints like a terminal', () => {
    assert.equal(applyTerminalEdits('abc\b\bXY\r\nnext'), 'aXY\nnext');
  });

  it('keeps trailing spaces the device sent, drops the ones that erased a pager marker', () => {
    assert.equal(applyTerminalEdits('padded   \r\nnext'), 'padded   \nnext');
    // Junos wipes its marker with a return, 40 spaces and a return; the next line keeps its own spaces.
    const junos = `a\r\n---(more 45%)---\r${' '.repeat(40)}\rb  \r\n`;
    assert.equal(applyTerminalEdits(junos), 'a\nb  \n');
  });

  it('applies erase-to-end-of-line, so a blank line after an NX-OS pager survives', () => {
    const received = '\r\nline 1\r\n\x1b[7m--More--\x1b[m\r\x1b[K\r\nline 3\r\nsw1# ';
    assert.equal(cleanCommandOutput(received, { stripAnsi: true, paged: true }), 'line 1\n\nline 3');
  });

  it('removes an IOS --More-- marker erased with backspaces', () => {
    const more = ' --More-- ';
    const erase = '\b'.repeat(more.length) + ' '.repeat(more.length) + '\b'.repeat(more.length);
    const received = '\r\nline 1\r\nline 2\r\n' + more + erase + 'line 3\r\nR1#';
    assert.equal(cleanCommandOutput(received, { stripAnsi: false, paged: true }), 'line 1\nline 2\nline 3');
  });

  it('strips colour codes and drops the trailing prompt', () => {
    assert.equal(stripAnsi('\x1b[1;32mup\x1b[0m'), 'up');
    assert.equal(cleanCommandOutput('\r\n\x1b[31mEthernet1\x1b[0m  up\r\nsw1# ', { stripAnsi: true, paged: false }), 'Ethernet1  up');
  });

  it('keeps blank lines inside the output', () => {
    assert.equal(cleanCommandOutput('\r\na\r\n\r\nb\r\n\r\nR1>', { stripAnsi: false, paged: false }), 'a\n\nb\n');
  });

  it('gives what replaying the whole reply on a terminal gives, for any mix of repaints', () => {
    // The reference: every character of the reply replayed, then the echo's line and the prompt dropped.
    const replayed = (received: string, options: CleanOptions) => {
      const marked = received.replaceAll('\x1b[K', '\u000b');
      const lines = applyTerminalEdits(options.stripAnsi ? stripAnsi(marked) : marked).split('\n');
      if (lines[0].trim() === '') lines.shift();
      lines.pop();
      return lines.join('\n');
    };
    const pieces = ['show', ' ', '  ', 'x', '\r\n', '\r\n', '\r', '\b', '\x1b[K', '\x1b[1;31m', '\x1b[0m', '\r\r\n', 'R1#'];
    let seed = 42;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let run = 0; run < 2000; run++) {
      const received = Array.from({ length: random(40) }, () => pieces[random(pieces.length)]).join('');
      const options = { stripAnsi: random(2) === 0, paged: false };
      assert.equal(cleanCommandOutput(received, options), replayed(received, options), JSON.stringify(received));
    }
  });

  it('takes a long output without repaints as it came, less its carriage returns', () => {
    const lines = Array.from({ length: 6000 }, (_, i) => ` ip address 127.0.${i >> 8}.${i & 255} 255.255.255.0  `);
    assert.equal(cleanCommandOutput(`\r\n${lines.join('\r\n')}\r\nR1#`, { stripAnsi: true, paged: false }), lines.join('\n'));
  });

  it('removes character set choices, save and restore cursor, and shift-in/out, as tput sgr0 writes them', () => {
    assert.equal(stripAnsi('R1#\x1b(B\x1b[m'), 'R1#');
    assert.equal(stripAnsi('admin@srv:~$ \x1b[m\x0f'), 'admin@srv:~$ ');
    assert.equal(stripAnsi('\x1b7saved\x1b8 \x1b=keypad\x1b>'), 'saved keypad');
    const received = '\r\n\x1b(Bline 1\x1b[m\x0f\r\nline 2\x0e\r\nR1#\x1b(B\x1b[m';
    assert.equal(cleanCommandOutput(received, { stripAnsi: true, paged: false }), 'line 1\nline 2');
  });

  it('drops a context line the device prints above its prompt, and only that', () => {
    const context = [/^\{master:0\}$/];
    assert.equal(cleanCommandOutput('\r\nHostname: vc1\r\n\r\n{master:0}\r\ncisco@vc1> ', { stripAnsi: true, paged: false, promptContext: context }), 'Hostname: vc1\n');
    assert.equal(cleanCommandOutput('\r\n{master:0}\r\nHostname: vc1\r\ncisco@vc1> ', { stripAnsi: true, paged: false, promptContext: context }), '{master:0}\nHostname: vc1');
  });
});
