// `netpoll parse` options: a template file, or a platform and command looked up in an index
// folder (--templates, else NET_TEXTFSM); anything else is a usage error that says what to give.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { UsageError } from '../../src/cli/args';
import { parseVerb } from '../../src/cli/parse';
import { parseParseArgs } from '../../src/cli/parseArgs';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/textfsm');

describe('netpoll parse arguments', () => {
  it('--template FILE with an INPUT file', () => {
    assert.deepEqual(parseParseArgs(['--template', 't.textfsm', 'out.txt'], {}), { kind: 'template', template: 't.textfsm', input: 'out.txt', format: 'json' });
  });

  it('--platform and --command, the folder from --templates or NET_TEXTFSM', () => {
    assert.deepEqual(parseParseArgs(['--platform', 'cisco_ios', '--command', 'show version', '--templates', 'dir', '--format', 'csv'], {}), {
      kind: 'index',
      platform: 'cisco_ios',
      command: 'show version',
      templatesDir: 'dir',
      input: undefined,
      format: 'csv',
    });
    const fromEnv = parseParseArgs(['-p', 'cisco_ios', '-c', 'show version'], { NET_TEXTFSM: '/opt/ntc' });
    assert.equal(fromEnv?.kind === 'index' && fromEnv.templatesDir, '/opt/ntc');
  });

  it('-h asks for help', () => assert.equal(parseParseArgs(['-h'], {}), undefined));

  const usage: [string, string[], string][] = [
    ['nothing to parse with', [], 'give --template FILE, or --platform and --command'],
    ['a platform without a command', ['--platform', 'cisco_ios'], '--command is missing: the index is searched by both'],
    ['no templates folder', ['-p', 'cisco_ios', '-c', 'show version'], 'no templates folder: give --templates DIR or set NET_TEXTFSM'],
    ['a template and a platform', ['--template', 't', '--platform', 'x'], '--template names the template itself; --platform is for finding one in an index'],
    ['two inputs', ['--template', 't', 'a', 'b'], 'unexpected argument "b"; parse reads one INPUT file (or standard input)'],
    ['an unknown format', ['--template', 't', '--format', 'xml'], '--format must be one of json, csv, not "xml"'],
  ];
  for (const [name, argv, message] of usage) {
    it(`usage error: ${name}`, () => assert.throws(() => parseParseArgs(argv, {}), (err: Error) => err instanceof UsageError && err.message === message));
  }
  it('usage error: an unknown option', () => assert.throws(() => parseParseArgs(['--template', 't', '--fast'], {}), (err: Error) => err instanceof UsageError && /^Unknown option '--fast'/.test(err.message)));
});

describe('netpoll parse (in process)', () => {
  const run = async (argv: string[], stdin = '') => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
    };
    const code = await parseVerb(argv, io, { env: {}, readStdin: async () => stdin, stdinIsTerminal: false });
    return { code, stdout, stderr };
  };
  const BRIEF = 'Interface                  IP-Address      OK? Method Status                Protocol\nFastEthernet0/0            127.0.0.1       YES manual up                    up\n';

  it('prints the records as JSON from standard input', async () => {
    const { code, stdout } = await run(['--platform', 'cisco_ios', '--command', 'sh ip int br', '--templates', FIXTURES], BRIEF);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), [{ interface: 'FastEthernet0/0', ip_address: '127.0.0.1', ok: 'YES', method: 'manual', status: 'up', proto: 'up' }]);
  });

  it('--format csv prints a table, with lists as JSON in one quoted cell', async () => {
    const template = path.join(FIXTURES, 'juniper_junos_show_system_uptime.textfsm');
    const { code, stdout } = await run(['--template', template, '--format', 'csv'], 'Current time: 2024-03-05 14:07:09 UTC\n2:07PM  up 22 days,  4:12, 1 user, load averages: 0.31, 0.26, 0.23\n');
    assert.equal(code, 0);
    assert.equal(stdout, 'current_time,booted,booted_ago,last_configured_by,users,load_averages\n2024-03-05 14:07:09 UTC,,,,1,"[""0.31"",""0.26"",""0.23""]"\n');
  });

  it('no template: exit 1, naming the platform and the command', async () => {
    const { code, stdout, stderr } = await run(['-p', 'cisco_ios', '-c', 'show clock', '--templates', FIXTURES], 'x');
    assert.deepEqual([code, stdout], [1, '']);
    assert.equal(stderr, `netpoll: no template for platform "cisco_ios" and command "show clock" in ${path.join(FIXTURES, 'index')}\n`);
  });

  it('an unreadable input: exit 2', async () => {
    const { code, stderr } = await run(['--template', 't.textfsm', '/nonexistent/input.txt']);
    assert.equal(code, 2);
    assert.match(stderr, /^netpoll: cannot read \/nonexistent\/input\.txt: ENOENT/);
  });

  it('a usage error: exit 2 with the usage', async () => {
    const { code, stderr } = await run(['--format', 'xml']);
    assert.equal(code, 2);
    assert.match(stderr, /^netpoll: --format must be one of json, csv, not "xml"\n\nUsage: netpoll parse --template FILE \[INPUT\]/);
  });
});
