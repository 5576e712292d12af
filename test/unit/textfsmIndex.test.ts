// The templates index, the ntc-templates way: `sh[[ow]]` abbreviations, regex columns matched
// at the start, the first matching row, several templates joined on their Keys, and a plain
// no-template status naming the platform and command. Expected tables are Python clitable's.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TemplateError } from '../../src/core/parse/templateErrors';
import { expandCompletion, findIndexRow, parseTemplateIndex } from '../../src/core/parse/templateIndex';
import { lookupTemplates, parseCommandOutput, parseWithTemplateFile } from '../../src/core/parse/templateLibrary';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');

describe('TextFSM index: the Command column', () => {
  it('[[...]] makes each further letter optional, as clitable writes it', () => {
    assert.equal(expandCompletion('sh[[ow]] ip int[[erface]] br[[ief]]'), 'sh(o(w)?)? ip int(e(r(f(a(c(e)?)?)?)?)?)? br(i(e(f)?)?)?');
  });

  it('abbreviations find the same template', async () => {
    for (const command of ['show version', 'sh ver', 'sho vers', 'show ver']) {
      const match = await lookupTemplates(FIXTURES, { platform: 'cisco_ios', command });
      assert.equal(match?.template, 'cisco_ios_show_version.textfsm', command);
    }
  });

  it('a regex in the Platform column serves several platforms', async () => {
    assert.equal((await lookupTemplates(FIXTURES, { platform: 'cisco_xe', command: 'show version' }))?.template, 'cisco_ios_show_version.textfsm');
  });

  it('a command the index does not know finds nothing', async () => {
    assert.equal(await lookupTemplates(FIXTURES, { platform: 'cisco_ios', command: 'show clock' }), undefined);
    assert.equal(await lookupTemplates(FIXTURES, { platform: 'linux', command: 'show version' }), undefined);
  });
});

describe('TextFSM index: parsing through it', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netpoll-index-'));
    const files: Record<string, string> = {
      index: [
        '# comment line',
        '   # an indented comment before the header',
        '',
        'Template, Hostname, Platform, Command   # a comment after the header',
        '',
        'all.textfsm:down.textfsm, .*, keyed, sh[[ow]] int[[erfaces]]',
        'all_nokey.textfsm:down_nokey.textfsm, .*, positional, sh[[ow]] int[[erfaces]]',
        'this row has, too few columns',
        'all.textfsm, router.*, hosted, show x',
        'missing.textfsm, .*, missing, show x',
        'broken.textfsm, .*, broken, show x',
        '',
      ].join('\n'),
      'all.textfsm': 'Value Key NAME (\\S+)\nValue STATE (up|down)\n\nStart\n  ^${NAME} ${STATE} -> Record\n',
      'down.textfsm': 'Value Key NAME (\\S+)\nValue REASON (.+)\n\nStart\n  ^${NAME} down ${REASON} -> Record\n',
      'all_nokey.textfsm': 'Value NAME (\\S+)\nValue STATE (up|down)\n\nStart\n  ^${NAME} ${STATE} -> Record\n',
      'down_nokey.textfsm': 'Value NAME (\\S+)\nValue REASON (.+)\n\nStart\n  ^${NAME} down ${REASON} -> Record\n',
      'broken.textfsm': 'Value A (x)\n\nStart\n  ^${B}\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const INPUT = 'e1 up\ne2 down cable\ne3 up\ne4 down admin\n';

  it('joins several templates on the first one\'s Keys', async () => {
    assert.deepEqual(await parseCommandOutput(dir, { platform: 'keyed', command: 'sh int' }, INPUT), {
      status: 'parsed',
      template: 'all.textfsm:down.textfsm',
      columns: ['name', 'state', 'reason'],
      records: [
        { name: 'e1', state: 'up', reason: '' },
        { name: 'e2', state: 'down', reason: 'cable' },
        { name: 'e3', state: 'up', reason: '' },
        { name: 'e4', state: 'down', reason: 'admin' },
      ],
    });
  });

  it('without Keys joins row by row, as clitable does', async () => {
    const result = await parseCommandOutput(dir, { platform: 'positional', command: 'show interfaces' }, INPUT);
    assert.equal(result.status, 'parsed');
    assert.deepEqual(result.status === 'parsed' && result.records.map((r) => r.reason), ['cable', 'admin', '', '']);
  });

  it('a platform with no template: status no-template, naming the platform, the command and what was skipped', async () => {
    assert.deepEqual(await parseCommandOutput(dir, { platform: 'cisco_ios', command: 'show clock' }, INPUT), {
      status: 'no-template',
      message: `no template for platform "cisco_ios" and command "show clock" in ${path.join(dir, 'index')} (line 8 of the index was skipped: wrong number of columns)`,
    });
  });

  it('the Hostname column counts only when a hostname is given', async () => {
    assert.equal((await lookupTemplates(dir, { platform: 'hosted', command: 'show x', hostname: 'router1' }))?.indexLine, 9);
    assert.equal(await lookupTemplates(dir, { platform: 'hosted', command: 'show x', hostname: 'switch1' }), undefined);
    assert.equal((await lookupTemplates(dir, { platform: 'hosted', command: 'show x' }))?.indexLine, 9);
  });

  it('a template the index names but the folder lacks: status error', async () => {
    assert.deepEqual(await parseCommandOutput(dir, { platform: 'missing', command: 'show x' }, INPUT), { status: 'error', template: 'missing.textfsm', message: `${path.join(dir, 'missing.textfsm')}: no such file` });
  });

  it('a broken template: status error, naming its file and line', async () => {
    assert.deepEqual(await parseCommandOutput(dir, { platform: 'broken', command: 'show x' }, INPUT), { status: 'error', template: 'broken.textfsm', message: `${path.join(dir, 'broken.textfsm')}:4: no Value named "B" for \${B}: ^\${B}` });
  });

  it('a template changed on disk is read again', async () => {
    const file = path.join(dir, 'changing.textfsm');
    writeFileSync(file, 'Value A (\\S+)\n\nStart\n  ^${A} -> Record\n');
    const first = await Promise.all([1, 2, 3].map(() => parseWithTemplateFile(file, 'x y\n')));
    assert.deepEqual(first.map((r) => r.status === 'parsed' && r.records), [[{ a: 'x' }], [{ a: 'x' }], [{ a: 'x' }]]);
    writeFileSync(file, 'Value A (\\S+)\nValue B (\\S+)\n\nStart\n  ^${A} ${B} -> Record\n');
    const second = await parseWithTemplateFile(file, 'x y\n');
    assert.deepEqual(second.status === 'parsed' && second.records, [{ a: 'x', b: 'y' }]);
  });

  it('a folder without an index: status error', async () => {
    const result = await parseCommandOutput(path.join(dir, 'nowhere'), { platform: 'cisco_ios', command: 'show version' }, INPUT);
    assert.equal(result.status, 'error');
    assert.ok(result.message.startsWith(`${path.join(dir, 'nowhere', 'index')}: no such file (`), result.message);
  });
});

describe('TextFSM index: the file itself', () => {
  it('finds the header after comments and blank lines, and the first matching row', () => {
    const index = parseTemplateIndex('# c\n\nTemplate, Platform, Command\na.textfsm, p1, show a\nb.textfsm, p.*, show a\n', 'index');
    assert.deepEqual(index.columns, ['Template', 'Platform', 'Command']);
    assert.equal(findIndexRow(index, { Platform: 'p2', Command: 'show a' })?.templates, 'b.textfsm');
    assert.equal(findIndexRow(index, { Platform: 'p1', Command: 'show a' })?.templates, 'a.textfsm');
  });

  it('a column the index lacks is ignored; an empty cell matches anything', () => {
    const index = parseTemplateIndex('Template, Command\na.textfsm,\n', 'index');
    assert.equal(findIndexRow(index, { Platform: 'any', Command: 'anything' })?.templates, 'a.textfsm');
  });

  const errors: [string, string, string][] = [
    ['an index without a header', '# only comments\n\n', 'index: the index has no header line (Template, Hostname, Platform, Command)'],
    ['a header without Template', 'Platform, Command\n', 'index:1: the index header has no Template column'],
    ['a column twice', 'Template, Command, Command\n', 'index:1: the column Command appears twice in the header'],
    ['a bad regex, with its line', 'Template, Command\n\na.textfsm, show (x\n', 'index:3: invalid regular expression in column Command: missing ), unterminated subpattern at position 5: show (x'],
  ];
  for (const [name, text, message] of errors) {
    it(name, () => assert.throws(() => parseTemplateIndex(text, 'index'), (err: Error) => err instanceof TemplateError && err.message === message));
  }
});
