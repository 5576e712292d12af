// Every feature of the TextFSM template language, each checked against the rows Python's
// textfsm 1.1 gives for the same template and input (the expected values below are Python's:
// test/integration/textfsmReference.test.ts runs Python itself on templates like these).
import { strict as assert } from 'node:assert';
import { recordsToCsv } from '../../src/core/parse/csvTable';
import { parseTemplate, toRecords } from '../../src/core/parse/template';
import { TextFsmError } from '../../src/core/parse/templateErrors';

function expectTable(templateLines: string[] | string, input: string, header: string[], rows: unknown[][]): void {
  const text = typeof templateLines === 'string' ? templateLines : `${templateLines.join('\n')}\n`;
  assert.deepEqual(parseTemplate(text, 'case.textfsm').parse(input), { header, rows });
}

const CRLF_TEMPLATE = 'Value A (\\S+)\r\n\r\nStart\r\n  ^${A} -> Record\r\n';

describe('TextFSM: value options', () => {
  it('a plain Value is cleared after each record', () => {
    expectTable(
      ['Value A (\\S+)', 'Value B (\\d+)', '', 'Start', '  ^${A} ${B} -> Record'],
      'x 1\ny 2\nbad\n',
      ['A', 'B'],
      [['x', '1'], ['y', '2']],
    );
  });
  it('Filldown keeps the last value for the records after it', () => {
    expectTable(
      ['Value Filldown HOST (\\S+)', 'Value IF (\\S+)', '', 'Start', '  ^host ${HOST}', '  ^if ${IF} -> Record'],
      'host r1\nif a\nif b\nhost r2\nif c\n',
      ['HOST', 'IF'],
      [['r1', 'a'], ['r1', 'b'], ['r2', 'c'], ['r2', '']],
    );
  });
  it('a Filldown value alone still makes the last record', () => {
    expectTable(
      ['Value Filldown HOST (\\S+)', 'Value IF (\\S+)', '', 'Start', '  ^host ${HOST}', '  ^if ${IF} -> Record'],
      'host r1\nif a\nhost r2\n',
      ['HOST', 'IF'],
      [['r1', 'a'], ['r2', '']],
    );
  });
  it('Required drops a record without it', () => {
    expectTable(
      ['Value Required A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B}', '  ^end -> Record'],
      'b 1\nend\na 2\nb 3\nend\n',
      ['A', 'B'],
      [['2', '3']],
    );
  });
  it('Required,Filldown', () => {
    expectTable(
      ['Value Required,Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B} -> Record'],
      'b 0\na 1\nb 2\nb 3\n',
      ['A', 'B'],
      [['1', '2'], ['1', '3'], ['1', '']],
    );
  });
  it('Key changes nothing in the rows', () => {
    expectTable(
      ['Value Key A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^${A} ${B} -> Record'],
      'x 1\ny 2\n',
      ['A', 'B'],
      [['x', '1'], ['y', '2']],
    );
  });
  it('List collects every match into one record', () => {
    expectTable(
      ['Value List A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B} -> Record'],
      'a 1\na 2\nb x\na 3\nb y\nb z\n',
      ['A', 'B'],
      [[['1', '2'], 'x'], [['3'], 'y'], [[], 'z']],
    );
  });
  it('List with nested named groups gives objects', () => {
    expectTable(
      ['Value List PAIRS ((?P<key>\\w+)=(?P<val>\\w+)?)', 'Value NAME (\\S+)', '', 'Start', '  ^name ${NAME}', '  ^\\s+${PAIRS}', '  ^end -> Record'],
      'name a\n  x=1\n  y=\nend\nname b\nend\n',
      ['PAIRS', 'NAME'],
      [[[{ key: 'x', val: '1' }, { key: 'y', val: null }], 'a'], [[], 'b']],
    );
  });
  it('List with one group gives strings', () => {
    expectTable(
      ['Value List A ((?:\\w+))', '', 'Start', '  ^${A}'],
      'a\nb\n',
      ['A'],
      [[['a', 'b']]],
    );
  });
  it('List,Filldown keeps its items until Clearall', () => {
    expectTable(
      ['Value List,Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B} -> Record', '  ^clear -> Clearall'],
      'a 1\nb x\na 2\nb y\nclear\nb z\n',
      ['A', 'B'],
      [[['1'], 'x'], [['1', '2'], 'y'], [[], 'z']],
    );
  });
  it('Required,List drops a record with an empty list', () => {
    expectTable(
      ['Value Required,List A (\\d+)', 'Value B (\\S+)', '', 'Start', '  ^n ${A}', '  ^b ${B} -> Record'],
      'b q\nn 1\nb r\n',
      ['A', 'B'],
      [[['1'], 'r']],
    );
  });
  it('Fillup fills the rows above until one has a value', () => {
    expectTable(
      ['Value Fillup A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^b ${B} -> Record', '  ^ab ${A} ${B} -> Record', '  ^a ${A}'],
      'b 1\nab Q 2\nb 3\nb 4\na X\n',
      ['A', 'B'],
      [['Q', '1'], ['Q', '2'], ['X', '3'], ['X', '4'], ['X', '']],
    );
  });
  it('a group that takes no part resets a Filldown value', () => {
    expectTable(
      ['Value Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^(?:a ${A}|b) ${B} -> Record'],
      'a 1 x\nb y\n',
      ['A', 'B'],
      [['1', 'x'], ['', 'y']],
    );
  });
  it('an empty match is recorded as an empty string', () => {
    expectTable(
      ['Value A (\\S*)', '', 'Start', '  ^x${A}$$ -> Record'],
      'x\n',
      ['A'],
      [['']],
    );
  });
  it('a Value regex may hold spaces', () => {
    expectTable(
      ['Value A (\\S+ \\S+)', '', 'Start', '  ^${A} -> Record'],
      'x y\n',
      ['A'],
      [['x y']],
    );
  });
});

describe('TextFSM: actions', () => {
  it('Continue tries the next rules on the same line', () => {
    expectTable(
      ['Value A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^${A} -> Continue', '  ^\\S+ ${B} -> Record'],
      'x y\nz w\n',
      ['A', 'B'],
      [['x', 'y'], ['z', 'w']],
    );
  });
  it('Continue.Record', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A} -> Continue.Record', '  ^.*'],
      'x\ny\n',
      ['A'],
      [['x'], ['y']],
    );
  });
  it('Clear keeps Filldown values', () => {
    expectTable(
      ['Value Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B}', '  ^clear -> Clear', '  ^rec -> Record'],
      'a 1\nb 2\nclear\nrec\n',
      ['A', 'B'],
      [['1', ''], ['1', '']],
    );
  });
  it('Clearall clears Filldown values too', () => {
    expectTable(
      ['Value Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B}', '  ^clear -> Clearall', '  ^rec -> Record'],
      'a 1\nb 2\nclear\nrec\nb 3\n',
      ['A', 'B'],
      [['', '3']],
    );
  });
  it('NoRecord', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A} -> NoRecord'],
      'x\ny\n',
      ['A'],
      [['y']],
    );
  });
  it('Record with nothing set adds no row', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^rec -> Record'],
      'rec\nrec\n',
      ['A'],
      [],
    );
  });
  it('Next.Record with a new state', () => {
    expectTable(
      ['Value A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^begin -> Body', '', 'Body', '  ^a ${A}', '  ^b ${B} -> Next.Record Start'],
      'a 0\nbegin\na 1\nb 2\na 3\n',
      ['A', 'B'],
      [['1', '2']],
    );
  });
  it('Record with a new state', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A} -> Record Other', '', 'Other', '  ^x -> Start'],
      'q\nw\nx\ne\n',
      ['A'],
      [['q'], ['e']],
    );
  });
});

describe('TextFSM: states', () => {
  it('the implicit record at the end of the input', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A}'],
      'one\ntwo\n',
      ['A'],
      [['two']],
    );
  });
  it('an EOF state turns the implicit record off', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A}', '', 'EOF'],
      'one\ntwo\n',
      ['A'],
      [],
    );
  });
  it('going to End stops parsing, without the implicit record', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^stop -> End', '  ^${A}'],
      'x\nstop\ny\n',
      ['A'],
      [],
    );
  });
  it('going to EOF stops parsing, with the implicit record', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^stop -> EOF', '  ^${A}'],
      'x\nstop\ny\n',
      ['A'],
      [['x']],
    );
  });
  it('an empty End state may be declared', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A} -> Record', '', 'End'],
      'x\n',
      ['A'],
      [['x']],
    );
  });
  it('the rules of the new state apply from the next line', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^go -> Second', '', 'Second', '  ^${A} -> Record'],
      'x\ngo\ny\n',
      ['A'],
      [['y']],
    );
  });
});

describe('TextFSM: syntax', () => {
  it('comments anywhere', () => {
    expectTable(
      ['# a comment', 'Value A (\\S+)', '  # indented', '', '# before a state', 'Start', '  # in the rules', '  ^${A} -> Record'],
      'x\n',
      ['A'],
      [['x']],
    );
  });
  it('$$ is an end of line', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A}$$ -> Record'],
      'x\nx y\n',
      ['A'],
      [['x']],
    );
  });
  it('$NAME without braces, longest name first', () => {
    expectTable(
      ['Value A (\\d)', 'Value AB (\\d)', '', 'Start', '  ^$AB -> Record'],
      '1\n',
      ['A', 'AB'],
      [['', '1']],
    );
  });
  it('values side by side', () => {
    expectTable(
      ['Value A (\\d)', 'Value B (\\d)', '', 'Start', '  ^${A}${B} -> Record'],
      '12\n',
      ['A', 'B'],
      [['1', '2']],
    );
  });
  it('without Values a $ is left alone', () => {
    expectTable(
      ['', 'Start', '  ^x$'],
      'x\n',
      [],
      [],
    );
  });
  it('a rule may be indented by one space or a tab', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', ' ^a ${A} -> Record', '\t^b ${A} -> Record'],
      'a 1\nb 2\n',
      ['A'],
      [['1'], ['2']],
    );
  });
  it('the space before -> belongs to the regex', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A}  -> Record'],
      'x \nx\n',
      ['A'],
      [['x']],
    );
  });
  it('the last -> splits regex from action', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A} -> x -> Record'],
      'q -> x\n',
      ['A'],
      [['q']],
    );
  });
  it('-> without a space before it is part of the regex', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^${A}->Record'],
      'x->Record\n',
      ['A'],
      [['x']],
    );
  });
  it('rules match at the start of the line only', () => {
    expectTable(
      ['Value A (\\d+)', '', 'Start', '  ^x ${A} -> Record'],
      ' x 12\nx 34abc\n',
      ['A'],
      [['34']],
    );
  });
  it('Windows line ends in the template and the input', () => {
    expectTable(
      CRLF_TEMPLATE,
      'x\r\ny\r\n',
      ['A'],
      [['x'], ['y']],
    );
  });
  it('lines split where Python splits them', () => {
    expectTable(
      ['Value A (.+)', '', 'Start', '  ^${A} -> Record'],
      'a\u000bb\u000cc\u001cd\u0085e\u2028f\r\ng\rh',
      ['A'],
      [['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h']],
    );
  });
  it('names keep their case in the header', () => {
    expectTable(
      ['Value Name (\\S+)', 'Value name2 (\\S+)', '', 'Start', '  ^${Name} ${name2} -> Record'],
      'a b\n',
      ['Name', 'name2'],
      [['a', 'b']],
    );
  });
});

describe('TextFSM: regex', () => {
  it('Python regex features in a rule', () => {
    expectTable(
      ['Value A ((?i:gig)\\S+)', 'Value B (\\d++)', 'Value C ((?>\\w+))', 'Value D ((?P<n>x)(?P=n))', '', 'Start', '  ^(?x: ${A} \\s+ ${B} ) \\s ${C}\\s+${D}\\Z -> Record'],
      'GigabitEthernet1 12 abc xx\ngig2 3 d xx\nGIG3 4 e x\n',
      ['A', 'B', 'C', 'D'],
      [],
    );
  });
  it('Unicode \\w, \\d and \\s', () => {
    expectTable(
      ['Value A (\\w+)', 'Value B (\\d+)', '', 'Start', '  ^${A}\\s${B}$$ -> Record'],
      'h\u00e9llo\u00a0\u0661\u0662\nplain 12\n',
      ['A', 'B'],
      [['h\u00e9llo', '\u0661\u0662'], ['plain', '12']],
    );
  });
  it('case-insensitive scope', () => {
    expectTable(
      ['Value A (\\S+)', '', 'Start', '  ^(?i:interface) ${A} -> Record'],
      'INTERFACE x\nInterface y\nintf z\n',
      ['A'],
      [['x'], ['y']],
    );
  });
});

describe('TextFSM: Error rules and records', () => {
  const template = parseTemplate(['Value A (\\S+)', '', 'Start', '  ^bad -> Error "found a bad line"', '  ^worse -> Error', '  ^${A} -> Record', ''].join('\n'), 'errors.textfsm');

  it('Error stops parsing with its message, the rule line and the input line', () => {
    // Python: Error: "found a bad line". Rule Line: 4. Input Line: bad.
    assert.throws(() => template.parse('x\nbad\ny\n'), (err: Error) => {
      assert.ok(err instanceof TextFsmError);
      assert.equal(err.message, 'errors.textfsm:4: Error: found a bad line (input line 2: "bad")');
      return true;
    });
  });

  it('Error without a message says the input reached it', () => {
    // Python: State Error raised. Rule Line: 5. Input Line: worse
    assert.throws(() => template.parse('worse\n'), { message: 'errors.textfsm:5: the input reached an Error rule (input line 1: "worse")' });
  });

  it('records have lowercased keys, as netmiko returns them', () => {
    const table = parseTemplate(['Value Name (\\S+)', 'Value List IPs (\\S+)', '', 'Start', '  ^${Name} ${IPs} -> Continue', '  ^\\S+ \\S+ ${IPs} -> Record', ''].join('\n'), 'r.textfsm').parse('r1 127.0.0.1 127.0.0.2\n');
    assert.deepEqual(toRecords(table), [{ name: 'r1', ips: ['127.0.0.1', '127.0.0.2'] }]);
  });

  it('a template is reusable: each parse starts afresh', () => {
    const filldown = parseTemplate(['Value Filldown A (\\S+)', 'Value B (\\S+)', '', 'Start', '  ^a ${A}', '  ^b ${B} -> Record', ''].join('\n'), 'f.textfsm');
    assert.deepEqual(filldown.parse('a 1\nb 2\n').rows, [['1', '2'], ['1', '']]);
    assert.deepEqual(filldown.parse('b 3\n').rows, [['', '3']]);
  });

  it('keys and header come from the Values', () => {
    const keyed = parseTemplate(['Value Key A (\\S+)', 'Value B (\\S+)', 'Value Key,Required C (\\S+)', '', 'Start', '  ^${A}', ''].join('\n'), 'k.textfsm');
    assert.deepEqual(keyed.header, ['A', 'B', 'C']);
    assert.deepEqual(keyed.keys, ['A', 'C']);
  });
});

describe('TextFSM: records as CSV', () => {
  it('quotes what needs quoting, and writes a List as its JSON in one cell', () => {
    const csv = recordsToCsv(['name', 'note', 'list'], [
      { name: 'a,b', note: 'say "hi"', list: ['x', 'y'] },
      { name: 'plain', note: 'two\nlines', list: [{ k: 'v', n: null }] },
    ]);
    assert.equal(csv, 'name,note,list\n"a,b","say ""hi""","[""x"",""y""]"\nplain,"two\nlines","[{""k"":""v"",""n"":null}]"\n');
  });

  it('still has its header when there are no records', () => assert.equal(recordsToCsv(['a', 'b'], []), 'a,b\n'));
});
