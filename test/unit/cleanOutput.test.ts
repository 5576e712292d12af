import { strict as assert } from 'node:assert';
import { applyTerminalEdits, cleanCommandOutput, stripAnsi } from '../../src/core/session/cleanOutput';

describe('cleanOutput', () => {
  it('applies backspace repaints like a terminal', () => {
    assert.equal(applyTerminalEdits('abc\b\bXY\r\nnext'), 'aXY\nnext');
  });

  it('keeps trailing spaces the device sent, drops the ones that erased a pager marker', () => {
    assert.equal(applyTerminalEdits('padded   \r\nnext'), 'padded   \nnext');
    const junosMore = '---(more 45%)---';
    assert.equal(applyTerminalEdits(`a\r\n${junosMore}\r${' '.repeat(junosMore.length)}\rb\r\n`), 'a\nb\n');
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
});
