// Python regular expressions as JavaScript: the same matches where the two languages differ,
// emulation where JavaScript lacks a construct, and Python's own errors (with its wording and
// positions) for what Python refuses. Expected matches are what Python 3.11's re gives.
import { strict as assert } from 'node:assert';
import { compilePythonRegex, RegexSyntaxError } from '../../src/core/parse/pythonRegex';

/** Python's re.match(pattern, input): the matched text (or null) and the named groups. */
function expectMatch(pattern: string, input: string, match: string | null, groups: Record<string, string | null> = {}): void {
  const compiled = compilePythonRegex(pattern);
  const regex = new RegExp(compiled.jsSource, 'uy');
  assert.equal(regex.exec(input)?.[0] ?? null, match, `${pattern} -> ${compiled.jsSource}`);
  const named = compiled.matchNamed(input);
  if (match !== null) assert.deepEqual(Object.fromEntries(compiled.groupNames.map((name, i) => [name, named![i]])), groups);
}

function expectError(pattern: string, message: string): void {
  assert.throws(() => compilePythonRegex(pattern), (err: Error) => {
    assert.ok(err instanceof RegexSyntaxError, String(err));
    assert.equal(err.message, message);
    return true;
  });
}

describe('Python regex -> JavaScript: Python and JavaScript differ', () => {
  it('named groups (?P<name>...)', () => expectMatch('(?P<word>\\w+) (?P<num>\\d+)', 'abc 12', 'abc 12', { word: 'abc', num: '12' }));
  it('named backreference (?P=name)', () => expectMatch('(?P<n>a+)-(?P=n)', 'aa-aa', 'aa-aa', { n: 'aa' }));
  it('numbered backreference', () => expectMatch('(a)(b)\\2\\1', 'abba', 'abba'));
  it('. matches \\r (only \\n is left out)', () => expectMatch('a.c', 'a\rc', 'a\rc'));
  it('. and \\n', () => expectMatch('a.c', 'a\nc', null));
  it('$ matches before a final newline', () => expectMatch('ab$', 'ab\n', 'ab'));
  it('$ does not match before other text', () => expectMatch('ab$', 'abc', null));
  it('\\Z is the very end', () => expectMatch('ab\\Z', 'ab\n', null));
  it('\\A is the very start', () => expectMatch('\\Aab', 'ab', 'ab'));
  it('\\d takes every decimal digit', () => expectMatch('\\d+', '\u0661\u0662\u0663', '\u0661\u0662\u0663'));
  it('\\w takes letters and digits of every script', () => expectMatch('\\w+', 'h\u00e9llo_\u00b2', 'h\u00e9llo_\u00b2'));
  it('\\s takes Python\'s whitespace (\\x1c, \\x85)', () => expectMatch('a\\s\\sb', 'a\u001c\u0085b', 'a\u001c\u0085b'));
  it('\\s does not take U+FEFF', () => expectMatch('a\\sb', 'a\ufeffb', null));
  it('\\b is a Unicode word boundary', () => expectMatch('\\w+\\b', '\u00e9t\u00e9 x', '\u00e9t\u00e9'));
  it('\\B never matches in an empty string', () => expectMatch('\\B', '', null));
  it('[^\\S] is whitespace', () => expectMatch('[^\\S]+', ' \t x', ' \t '));
  it('[a\\W] mixes a letter and a complement', () => expectMatch('[a\\W]+', 'a-a b', 'a-a '));
  it('[]a] starts a class with ]', () => expectMatch('[]a]+', ']a]b', ']a]'));
  it('[a-] ends a class with -', () => expectMatch('[a-]+', 'a-b', 'a-'));
  it('[\\b] is a backspace', () => expectMatch('[\\b]', '\u0008', '\u0008'));
  it('escaped punctuation', () => expectMatch('\\-\\:\\#\\ \\"', '-:# "', '-:# "'));
  it('octal and hex escapes', () => expectMatch('\\x41\\u0042\\U00000043\\101\\0', 'ABCA\u0000', 'ABCA\u0000'));
  it('{,n} means {0,n}', () => expectMatch('a{,3}', 'aaaa', 'aaa'));
  it('a { that is no quantifier is a character', () => expectMatch('a{1,x}', 'a{1,x}', 'a{1,x}'));
  it('x{} is two characters', () => expectMatch('x{}', 'x{}', 'x{}'));
  it('an optional lookahead', () => expectMatch('(?=a)?b', 'b', 'b'));
  it('an optional part that matches empty still sets its group, as in Python', () => expectMatch('(?P<g>a*)?b', 'b', 'b', { g: '' }));
  it('and a lazy one', () => expectMatch('(?P<g>a*)??b', 'b', 'b', { g: null }));
  it('a comment group', () => expectMatch('a(?#note)b', 'ab', 'ab'));
  it('astral characters', () => expectMatch('\u{1f600}+', '\u{1f600}\u{1f600}', '\u{1f600}\u{1f600}'));
});

describe('Python regex -> JavaScript: inline flags', () => {
  it('(?i) at the start', () => expectMatch('(?i)hello', 'HeLLo', 'HeLLo'));
  it('(?i) folds like Python: s, S and long s', () => expectMatch('(?i)s+', 's\u017fS', 's\u017fS'));
  it('(?i) folds like Python: the Kelvin sign', () => expectMatch('(?i)k', '\u212a', '\u212a'));
  it('(?i) in a class', () => expectMatch('(?i)[a-c]+', 'ABCabcd', 'ABCabc'));
  it('(?i) in a negated class', () => expectMatch('(?i)[^a-z]+', 'ABC123', null));
  it('(?i:...) for part of a pattern', () => expectMatch('(?i:ab)c', 'ABc', 'ABc'));
  it('(?i:...) leaves the rest case-sensitive', () => expectMatch('(?i:ab)c', 'ABC', null));
  it('(?-i:...) inside (?i)', () => expectMatch('(?i)a(?-i:b)c', 'AbC', 'AbC'));
  it('(?-i:...) is case-sensitive', () => expectMatch('(?i)a(?-i:b)c', 'ABC', null));
  it('(?m) makes ^ and $ work at newlines', () => expectMatch('(?m)a$\\n^b', 'a\nb', 'a\nb'));
  it('(?s) makes . match a newline', () => expectMatch('(?s)a.c', 'a\nc', 'a\nc'));
  it('(?x) drops spaces and comments', () => expectMatch('(?x) a b  # comment\n c', 'abc', 'abc'));
  it('(?x) keeps escaped and class spaces', () => expectMatch('(?x)a\\ b[ ]c', 'a b c', 'a b c'));
  it('(?x:...) for part of a pattern', () => expectMatch('(?x: a b )c', 'abc', 'abc'));
  it('(?a) makes \\w ASCII', () => expectMatch('(?a)\\w+', 'ab\u00e9', 'ab'));
  it('(?s:.) and (?m:$) scoped', () => expectMatch('(?s:.)(?m:$)', '\n', '\n'));
});

describe('Python regex -> JavaScript: what JavaScript lacks, emulated', () => {
  it('atomic group (?>...)', () => expectMatch('(?>a|ab)c', 'abc', null));
  it('atomic group gives back nothing', () => expectMatch('(?>a+)a', 'aaa', null));
  it('possessive *+', () => expectMatch('a*+b', 'aab', 'aab'));
  it('possessive ++ gives back nothing', () => expectMatch('a++a', 'aaa', null));
  it('possessive ?+ and {n,m}+', () => expectMatch('a?+a{1,2}+b', 'aab', 'aab'));
  it('lazy quantifiers', () => expectMatch('a+?', 'aaa', 'a'));
  it('fixed-width lookbehind', () => expectMatch('(?<=ab)c|(?<!x)d', 'd', 'd'));
});

describe('Python regex -> JavaScript: groups', () => {
  it('counts groups as Python does, named or not', () => {
    assert.equal(compilePythonRegex('((?P<a>x)(y))(?:z)(?>w)').groupCount, 3);
    assert.deepEqual(compilePythonRegex('(?P<b>x)(?P<a>y)').groupNames, ['b', 'a']);
  });

  it('a group that takes no part is null', () => {
    assert.deepEqual(compilePythonRegex('(?P<a>x)|(?P<b>y)').matchNamed('y'), [null, 'y']);
  });

  it('matches at the start only, like re.match()', () => {
    assert.equal(compilePythonRegex('b').matchNamed('ab'), undefined);
    assert.deepEqual(compilePythonRegex('a').matchNamed('ab'), []);
  });

  it('emulated atomic groups keep Python\'s group numbers for backreferences', () => {
    expectMatch('(?>(a))(b)\\2\\1', 'abba', 'abba');
  });
});

describe('Python regex -> JavaScript: what Python refuses, refused the same way', () => {
  const python: [string, string][] = [
    ['^(?i)abc', 'global flags not at the start of the expression (write a scoped group such as (?i:...) instead) at position 1'],
    ['a|(?i)b', 'global flags not at the start of the expression (write a scoped group such as (?i:...) instead) at position 2'],
    ['(?<n>a)', 'unknown extension ?<n at position 1'],
    ['(?<=a+)b', 'look-behind requires fixed-width pattern at position 0'],
    ['\\q', 'bad escape \\q at position 0'],
    ['[\\d-z]', 'bad character range \\d-z at position 1'],
    ['a**', 'multiple repeat at position 2'],
    ['^*', 'nothing to repeat at position 1'],
    ['(a', 'missing ), unterminated subpattern at position 0'],
    ['a)', 'unbalanced parenthesis at position 1'],
    ['[a', 'unterminated character set at position 0'],
    ['a{3,2}', 'min repeat greater than max repeat at position 2'],
    ['\\1(a)', 'invalid group reference 1 at position 1'],
    ['(a\\1)', 'cannot refer to an open group at position 2'],
    ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a' as group 2; was group 1 at position 12"],
    ['(?P=zz)', "unknown group name 'zz' at position 4"],
    ['(?P<1a>x)', "bad character in group name '1a' at position 4"],
    ['\\x4', 'incomplete escape \\x4 at position 0'],
    ['\\400', 'octal escape value \\400 outside of range 0-0o377 at position 0'],
    ['(?L)a', "bad inline flags: cannot use 'L' flag with a str pattern at position 3"],
    ['(?i-i:a)', 'bad inline flags: flag turned on and off at position 5'],
    ['\\', 'bad escape (end of pattern) at position 0'],
  ];
  for (const [pattern, message] of python) it(pattern, () => expectError(pattern, message));
});

describe('Python regex -> JavaScript: what JavaScript cannot match the same way, refused', () => {
  it('conditional groups', () => expectError('(a)?(?(1)b|c)', 'conditional groups (?(group)yes|no) have no JavaScript equivalent at position 4'));
  it('named Unicode characters', () => expectError('\\N{EM DASH}', 'named Unicode characters (\\N{...}) are not supported at position 0'));
  it('a group skipped on some passes of a repeat (JavaScript forgets its text)', () =>
    expectError('(?:(a)|b)+', 'group 1 can be skipped on some passes of a repeat; JavaScript would forget its text where Python keeps it at position 3'));
  it('a backreference to a group that may take no part', () =>
    expectError('(a)?\\1', 'backreference to group 1, which may take no part in the match: JavaScript would match it as empty where Python fails at position 4'));
  it('a case-insensitive backreference', () => expectError('(?i)(a)\\1', 'a backreference in a case-insensitive part has no JavaScript equivalent at position 7'));
  it('but a backreference to a group that always takes part is fine', () => expectMatch('(?:(a)\\1)+', 'aaaa', 'aaaa'));
  it('a repeated part that can match empty (Python keeps an empty pass: (a*)+ on "aa" sets the group to "")', () =>
    expectError('(a*)+', 'a repeated part that can match empty: JavaScript and Python repeat it differently (make each pass match something) at position 4'));
});
