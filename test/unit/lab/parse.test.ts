import { strict as assert } from 'node:assert';
import { parseLine } from '../../lab/parse';

const commands = [{ syntax: 'enable' }, { syntax: 'exit' }, { syntax: 'show version' }, { syntax: 'show ip interface brief' }, { syntax: 'terminal length <n>' }];

describe('lab parseLine', () => {
  it('accepts each word cut to an unambiguous prefix, in any case', () => {
    const parsed = parseLine('SH ip int br', commands);
    assert.ok(parsed.ok);
    assert.equal(parsed.command.syntax, 'show ip interface brief');
  });

  it('hands over the numbers', () => {
    assert.deepEqual(parseLine('term len 0', commands), { ok: true, command: commands[4], args: ['0'] });
  });

  it('points at the first word that matches nothing', () => {
    assert.deepEqual(parseLine('show  clok', commands), { ok: false, kind: 'invalid', wordIndex: 1, column: 6 });
    assert.deepEqual(parseLine('show version now', commands), { ok: false, kind: 'invalid', wordIndex: 2, column: 13 });
    assert.deepEqual(parseLine('terminal length zero', commands), { ok: false, kind: 'invalid', wordIndex: 2, column: 16 });
  });

  it('says incomplete when the words stop early', () => {
    assert.deepEqual(parseLine('show ip', commands), { ok: false, kind: 'incomplete', wordIndex: 2, column: 7 });
  });

  it('says ambiguous for a prefix of two keywords, unless the word is typed out', () => {
    assert.deepEqual(parseLine('e', commands), { ok: false, kind: 'ambiguous', wordIndex: 0, column: 0 });
    const parsed = parseLine('exit', [...commands, { syntax: 'exit-all' }]);
    assert.ok(parsed.ok && parsed.command.syntax === 'exit');
  });

  it('takes only whole words when abbreviations are off', () => {
    assert.equal(parseLine('sh version', commands, true).ok, false);
    assert.equal(parseLine('show version', commands, true).ok, true);
  });
});
