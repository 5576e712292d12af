import { strict as assert } from 'node:assert';
import { parseInventory } from '../../src/core/inventory/inventory';

/** [line, column, message] of every diagnostic, and how many devices are still polled. */
function said(text: string): { diagnostics: [number, number, string][]; polled: number } {
  const inventory = parseInventory(text);
  return { diagnostics: inventory.diagnostics.map((d) => [d.line, d.column, d.message]), polled: inventory.devices.length };
}

const NESTED = '(YAML parser: Nested mappings are not allowed in compact mappings)';
const SAME_COLUMN = '(YAML parser: All mapping items must start at the same column)';
const NO_VALUE = '(YAML parser: Implicit map keys need to be followed by map values)';
const ONE_LINE = '(YAML parser: Implicit keys need to be on a single line)';
const TABS = 'indentation must be spaces, not tabs: replace the tab with spaces';
const deeper = (key: string, above: string, where = 'on the line above') =>
  `${key}: is indented deeper than ${above}: ${where}, so YAML reads it as part of the value of ${above}; indent it like ${above}:`;
const noSpace = (key: string, value: string) => `${key}:${value} has no space after the colon, so YAML reads it as one word; put a space after the colon: ${key}: ${value}`;
const QUOTE = (q: string) => `the ${q} quote opened here is never closed, so YAML reads what follows as part of this value; end the value with ${q} (YAML parser: Missing closing ${q}quote)`;
const BRACKET = {
  list: 'the [ opened here is never closed; end the list with ] (YAML parser: Flow sequence in block collection must be sufficiently indented and end with a ])',
  mapping: 'the { opened here is never closed; end the mapping with } (YAML parser: Flow map in block collection must be sufficiently indented and end with a })',
};

// Each slip: one diagnostic, in plain words, where it is written; no devices (YAML gives no document to trust).
const slips: { title: string; text: string; expected: [number, number, string] }[] = [
  { title: 'a key indented deeper than the key above', text: '- device_type: cisco_ios\n  host: 127.0.0.1\n    port: 22001\n', expected: [3, 5, `${deeper('port', 'host')} ${NESTED}`] },
  { title: 'a deeper key in a group', text: 'routers:\n  - device_type: cisco_ios\n    host: 127.0.0.1\n      port: 22001\n    username: u\n', expected: [4, 7, `${deeper('port', 'host')} ${NESTED}`] },
  { title: 'a deeper key after a blank line', text: '- host: 127.0.0.1\n  port: 22 # ssh\n\n    username: u\n', expected: [4, 5, `${deeper('username', 'port', 'on line 2')} ${SAME_COLUMN}`] },
  { title: 'a deeper key after a flow list', text: '- host: 127.0.0.1\n  tags: [core, lab]\n    port: 22\n', expected: [3, 5, `${deeper('port', 'tags')} ${SAME_COLUMN}`] },
  { title: 'a tab starting a line', text: '- device_type: cisco_ios\n\thost: 127.0.0.1\n', expected: [2, 1, `${TABS} (YAML parser: Unexpected scalar at node end)`] },
  { title: 'a tab after spaces', text: '- device_type: cisco_ios\n  host: 127.0.0.1\n \tport: 22\n', expected: [3, 2, `${TABS} (YAML parser: Tabs are not allowed as indentation)`] },
  { title: 'a tab after a dash', text: '-\thost: 127.0.0.1\n', expected: [1, 2, `${TABS} (YAML parser: Tabs are not allowed as indentation)`] },
  { title: 'a tab the parser trips over for the rest of the file', text: '- host: 127.0.0.1\n\tport: 22\n  username: u\n- host: 127.0.0.2\n', expected: [2, 1, `${TABS} (YAML parser: Unexpected scalar at node end)`] },
  { title: 'no space after a colon, more keys after it', text: '- device_type: cisco_ios\n  host:127.0.0.1\n  port: 22\n', expected: [2, 3, `${noSpace('host', '127.0.0.1')} ${ONE_LINE}`] },
  { title: 'no space after the last colon', text: '- host: 127.0.0.1\n  port:22\n', expected: [2, 3, `${noSpace('port', '22')} ${NO_VALUE}`] },
  { title: 'no space after a colon in a group', text: 'routers:\n  - device_type: cisco_ios\n    host:127.0.0.1 # core\n', expected: [3, 5, `${noSpace('host', '127.0.0.1')} ${NO_VALUE}`] },
  { title: 'an unclosed double quote', text: '- host: 127.0.0.1\n  password: "abc\n  username: u\n- host: 127.0.0.2\n', expected: [2, 13, QUOTE('"')] },
  { title: 'an unclosed single quote', text: "- host: 127.0.0.1\n  password: 'it''s\n", expected: [2, 13, QUOTE("'")] },
  { title: 'an unclosed quote inside a flow mapping (the quote, not the bracket it hides)', text: '- {name: "R1, host: 127.0.0.1}\n- {name: R2}\n', expected: [1, 10, QUOTE('"')] },
  { title: 'an unclosed flow mapping', text: '- {name: R1, host: 127.0.0.1\n- {name: R2, host: 127.0.0.2}\n', expected: [1, 3, BRACKET.mapping] },
  { title: 'an unclosed flow list', text: '- host: 127.0.0.1\n  commands: [show clock\n  username: u\n', expected: [2, 13, BRACKET.list] },
  { title: 'an unclosed flow list over several lines', text: '- host: 127.0.0.1\n  commands: [show clock,\n    show version\n  username: u\n', expected: [2, 13, BRACKET.list] },
];

describe('YAML mistakes in plain words, where they are', () => {
  for (const { title, text, expected } of slips) {
    it(`explains ${title}`, () => assert.deepEqual(said(text), { diagnostics: [expected], polled: 0 }));
  }

  it('points from the slip to its end, for squiggles', () => {
    const squiggle = (text: string) => parseInventory(text).diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn]);
    assert.deepEqual(squiggle('- host: 127.0.0.1\n    port: 22\n'), [[2, 5, 2, 10]]);
    assert.deepEqual(squiggle('- host: 127.0.0.1\n  port:22\n'), [[2, 3, 2, 10]]);
    assert.deepEqual(squiggle('- \thost: 127.0.0.1\n'), [[1, 3, 1, 4]]);
    assert.deepEqual(squiggle('- host: 127.0.0.1\n  password: "abc\n'), [[2, 13, 2, 17]]);
  });

  it('says each tab-indented line once', () => {
    assert.deepEqual(said('routers:\n\t- host: 127.0.0.1\n\t  port: 22\n').diagnostics, [
      [2, 1, `${TABS} (YAML parser: Tabs are not allowed as indentation)`],
      [3, 1, `${TABS} (YAML parser: Tabs are not allowed as indentation)`],
    ]);
  });

  it('finds a key with no space after its colon where YAML sees no syntax error', () => {
    // A lone `host:127.0.0.1` is a word, so the device is not a mapping.
    assert.deepEqual(said('- host:127.0.0.1\n- host: 127.0.0.2\n'), { diagnostics: [[1, 3, noSpace('host', '127.0.0.1')]], polled: 1 });
    // In a flow mapping it is a key with no value, so the device has no host: said once, at the key.
    assert.deepEqual(said('- {host:127.0.0.1, port: 22}\n'), { diagnostics: [[1, 4, noSpace('host', '127.0.0.1')]], polled: 0 });
    assert.deepEqual(said('- {host: 127.0.0.1, port:22}\n'), { diagnostics: [[1, 21, noSpace('port', '22')]], polled: 0 });
    assert.deepEqual(said('defaults:\n  username:ops\nrouters:\n  - host: 127.0.0.1\n'), { diagnostics: [[2, 3, noSpace('username', 'ops')]], polled: 1 });
  });

  it('leaves colons in values alone', () => {
    assert.deepEqual(said('- host: 127.0.0.1\n  commands:\n    - show ip:route\n    - "ping fe80::1"\n    - fe80::1\n  tags: [ip:core, "host:x"]\n'), { diagnostics: [], polled: 1 });
  });

  it('says a key given twice at the second, naming the line of the first', () => {
    assert.deepEqual(said('- host: 127.0.0.1\n  username: ops\n  host: 127.0.0.2\n- host: 127.0.0.3\n'), { diagnostics: [[3, 3, 'host is given twice in this entry (first at line 1)']], polled: 1 });
  });

  it('keeps the parser words for a syntax error it does not recognise', () => {
    assert.deepEqual(said('- host: "127.0.0.1\\q"\n'), { diagnostics: [[1, 19, 'YAML syntax error: Invalid escape sequence \\q']], polled: 0 });
    assert.deepEqual(said('a: b: c\n'), { diagnostics: [[1, 4, 'YAML syntax error: Nested mappings are not allowed in compact mappings']], polled: 0 });
  });

  it('counts positions after a byte order mark as an editor does', () => {
    assert.deepEqual(said('\uFEFF- host: 127.0.0.1\n    port: 22\n').diagnostics, [[2, 5, `${deeper('port', 'host')} ${NESTED}`]]);
  });
});
