// Templates Python textfsm refuses are refused here too, and the message names the file and
// the line, says what is wrong, and how to write it instead where that helps. (Python's own
// message for each is in the comment beside it.)
import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../src/core/parse/template';
import { TemplateError } from '../../src/core/parse/templateErrors';

const cases: { name: string; lines: string[]; message: string }[] = [
  // No Value definitions found.
  { name: 'a template must start with its Values', lines: ['Start', '  ^x'], message: 'bad.textfsm:1: a template starts with its Value lines (Value [Options] NAME (regex))' },
  // Expected blank line after last Value entry. Line: 2.
  { name: 'a blank line must end the Values', lines: ['Value A (x)', 'Start', '  ^${A}'], message: 'bad.textfsm:2: expected a blank line after the last Value line' },
  // Unknown option "Sticky" Line 1.
  { name: 'an unknown option', lines: ['Value Sticky A (x)', '', 'Start', '  ^${A}'], message: 'bad.textfsm:1: unknown option "Sticky" (the options are Filldown, Fillup, Key, List, Required)' },
  // Unknown option "A" Line 1.
  { name: 'a regex without parentheses', lines: ['Value A \\S+', '', 'Start', '  ^${A}'], message: 'bad.textfsm:1: unknown option "A" (the options are Filldown, Fillup, Key, List, Required; is the regex in parentheses?)' },
  // Duplicate option "Key" Line 1.
  { name: 'an option twice', lines: ['Value Key,Key A (x)', '', 'Start', '  ^${A}'], message: 'bad.textfsm:1: the option Key is given twice' },
  // Value '(\(x)' must be contained within a '()' pair. Line 1.
  { name: 'unbalanced parentheses (counted as Python counts them)', lines: ['Value A (\\(x)', '', 'Start', '  ^x'], message: 'bad.textfsm:1: the regex of Value A must be one group in parentheses, with as many "(" as ")": (\\(x)' },
  // Duplicate declarations for Value 'A'. Line: 2.
  { name: 'a Value twice', lines: ['Value A (x)', 'Value A (y)', '', 'Start', '  ^${A}'], message: 'bad.textfsm:2: Value A is declared twice' },
  // Invalid Value name '...' or name too long. Line 1.
  { name: 'a name over 48 characters', lines: [`Value ${'N'.repeat(49)} (x)`, '', 'Start', '  ^x'], message: `bad.textfsm:1: the Value name "${'N'.repeat(49)}" is longer than 48 characters` },
  // Missing state 'Start'.
  { name: 'no Start state', lines: ['Value A (x)', '', 'Begin', '  ^${A}'], message: 'bad.textfsm:3: the template has no Start state' },
  // Invalid state name: 'Start state'. Line: 3
  { name: 'a state name with a space', lines: ['Value A (x)', '', 'Start state', '  ^${A}'], message: 'bad.textfsm:3: invalid state name "Start state": a state name is letters, digits and underscores, at most 48' },
  // Invalid state name: 'Record'. Line: 6
  { name: 'an action as a state name', lines: ['Value A (x)', '', 'Start', '  ^${A}', '', 'Record', '  ^x'], message: 'bad.textfsm:6: invalid state name "Record" (an action cannot be a state name): a state name is letters, digits and underscores, at most 48' },
  // Duplicate state name: 'Start'. Line: 6
  { name: 'a state twice', lines: ['Value A (x)', '', 'Start', '  ^${A}', '', 'Start', '  ^x'], message: 'bad.textfsm:6: state Start is defined twice' },
  // Missing white space or carat ('^') before rule. Line: 4
  { name: 'a rule indented three spaces', lines: ['Value A (x)', '', 'Start', '   ^${A}'], message: 'bad.textfsm:4: a rule starts with one or two spaces or a tab, then "^"' },
  // Invalid state name: '  ^x'. Line: 6
  { name: 'a blank line inside a state', lines: ['Value A (x)', '', 'Start', '  ^${A}', '', '  ^x'], message: 'bad.textfsm:6: invalid state name "  ^x" (a rule must follow a state name, with no blank line between): a state name is letters, digits and underscores, at most 48' },
  // Duplicate or invalid variable substitution: '^${A}$'. Line: 4.
  { name: 'a bare $', lines: ['Value A (x)', '', 'Start', '  ^${A}$ -> Record'], message: 'bad.textfsm:4: a "$" that is neither $$ nor a Value name (column 6); write $$ for an end of line: ^${A}$' },
  // Duplicate or invalid variable substitution: '^${B}'. Line: 4.
  { name: 'an unknown Value', lines: ['Value A (x)', '', 'Start', '  ^${B}'], message: 'bad.textfsm:4: no Value named "B" for ${B}: ^${B}' },
  // Invalid regular expression: '^(?P<A>x) (?P<A>x)'. Line: 4.
  { name: 'a Value twice in one rule', lines: ['Value A (x)', '', 'Start', '  ^${A} ${A}'], message: "bad.textfsm:4: invalid regular expression: redefinition of group name 'A' as group 2; was group 1 at position 14: ^(?P<A>x) (?P<A>x)" },
  // Invalid regular expression: '^(?i)(?P<A>x)'. Line: 4.
  { name: 'global flags after ^', lines: ['Value A (x)', '', 'Start', '  ^(?i)${A}'], message: 'bad.textfsm:4: invalid regular expression: global flags not at the start of the expression (write a scoped group such as (?i:...) instead) at position 1: ^(?i)(?P<A>x)' },
  // (Python accepts it; JavaScript has no conditional groups.)
  { name: 'a construct JavaScript lacks', lines: ['Value A (x)', '', 'Start', '  ^(${A})?(?(1)y|z)'], message: 'bad.textfsm:4: invalid regular expression: conditional groups (?(group)yes|no) have no JavaScript equivalent at position 12: ^((?P<A>x))?(?(1)y|z)' },
  // Badly formatted rule '^x -> Next Record Start'. Line: 4.
  { name: 'a badly formatted action', lines: ['Value A (x)', '', 'Start', '  ^x -> Next Record Start'], message: 'bad.textfsm:4: badly formatted rule: "^x -> Next Record Start" (expected: ^regex -> [Next|Continue|Error][.Record|.NoRecord|.Clear|.Clearall] [State])' },
  // Action 'Continue' with new state Start specified. Line: 4.
  { name: 'Continue with a new state', lines: ['Value A (x)', '', 'Start', '  ^${A} -> Continue Start'], message: 'bad.textfsm:4: Continue cannot go to another state (Start): the line would be read again there' },
  // Alphanumeric characters only in state names. Line: 4.
  { name: 'a quoted state name', lines: ['Value A (x)', '', 'Start', '  ^${A} -> Next "Start"'], message: 'bad.textfsm:4: a state name is letters, digits and underscores only, not "Start"' },
  // State 'Nowhere' not found, referenced in state 'Start'
  { name: 'an undefined state', lines: ['Value A (x)', '', 'Start', '  ^${A} -> Nowhere'], message: 'bad.textfsm:4: state Nowhere is not defined (used in state Start)' },
  // Non-Empty 'EOF' state.
  { name: 'rules in the EOF state', lines: ['Value A (x)', '', 'Start', '  ^${A}', '', 'EOF', '  ^x'], message: 'bad.textfsm:7: the EOF state must be empty' },
  // Non-Empty 'End' state.
  { name: 'rules in the End state', lines: ['Value A (x)', '', 'Start', '  ^${A}', '', 'End', '  ^x'], message: 'bad.textfsm:7: the End state must be empty' },
  // (The List regex is compiled on its own, as Python does.)
  { name: 'a bad List regex', lines: ['Value List A (x{2,1})', '', 'Start', '  ^${A}'], message: 'bad.textfsm:1: the regex of Value A: min repeat greater than max repeat at position 3: (x{2,1})' },
];

describe('TextFSM: template errors name the file and the line', () => {
  for (const { name, lines, message } of cases) {
    it(name, () => {
      assert.throws(() => parseTemplate(`${lines.join('\n')}\n`, 'bad.textfsm'), (err: Error) => {
        assert.ok(err instanceof TemplateError, String(err));
        assert.equal(err.message, message);
        return true;
      });
    });
  }

  it('gives the file, line and reason apart too', () => {
    try {
      parseTemplate('Value A (x)\n\nStart\n  ^${B}\n', 'dir/t.textfsm');
      assert.fail('no error');
    } catch (err) {
      assert.ok(err instanceof TemplateError);
      assert.deepEqual([err.file, err.line, err.reason], ['dir/t.textfsm', 4, 'no Value named "B" for ${B}: ^${B}']);
    }
  });
});
