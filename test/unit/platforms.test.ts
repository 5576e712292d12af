import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUILTIN_PLATFORMS, compileSpecs } from '../../src/core/platforms/builtins';
import { compilePlatform, PlatformError } from '../../src/core/platforms/platform';
import { buildPlatforms, readPlatformDir } from '../../src/core/platforms/registry';

describe('platforms', () => {
  it('has the eight built-in platforms with their on-open commands', () => {
    assert.deepEqual([...BUILTIN_PLATFORMS.keys()].sort(), ['arista_eos', 'cisco_ios', 'cisco_nxos', 'cisco_xe', 'cisco_xr', 'generic', 'juniper_junos', 'linux']);
    assert.deepEqual(BUILTIN_PLATFORMS.get('cisco_ios')!.onOpen, ['terminal width 511', 'terminal length 0']);
    assert.deepEqual(BUILTIN_PLATFORMS.get('arista_eos')!.onOpen, ['terminal width 32767', 'terminal length 0']);
    assert.deepEqual(BUILTIN_PLATFORMS.get('cisco_xr')!.onOpen, ['terminal exec prompt no-timestamp', 'terminal length 0', 'terminal width 511']);
    assert.deepEqual(BUILTIN_PLATFORMS.get('juniper_junos')!.onOpen, ['set cli screen-width 511', 'set cli screen-length 0', 'set cli complete-on-space off']);
    assert.deepEqual(BUILTIN_PLATFORMS.get('generic')!.onOpen, []);
  });

  it('prompt patterns recognise each OS prompt at the end of the text, and only there', () => {
    const cases: [string, string, boolean][] = [
      ['cisco_ios', 'R1>', true],
      ['cisco_ios', 'R1(config-if)#', true],
      ['cisco_ios', 'R1# show', false],
      ['cisco_xr', 'RP/0/RP0/CPU0:xr1#', true],
      ['cisco_xr', 'RP/0/RP0/CPU0:xr1>', false],
      ['juniper_junos', 'cisco@junos1> ', true],
      ['juniper_junos', 'cisco@junos1# ', true],
      ['linux', 'root@vm:~# ', true],
      ['linux', 'user@host:/tmp$ ', true],
      ['generic', 'host1$ ', true],
    ];
    for (const [platform, text, expected] of cases) assert.equal(BUILTIN_PLATFORMS.get(platform)!.prompt.test(text), expected, `${platform}: ${text}`);
    assert.ok(BUILTIN_PLATFORMS.get('juniper_junos')!.pager.test('line\n---(more 45%)---'));
    assert.ok(BUILTIN_PLATFORMS.get('cisco_ios')!.pager.test('line\n --More-- '));
  });

  it('only platforms with an exec level enable, and only from their user prompt', () => {
    for (const name of ['cisco_ios', 'cisco_xe', 'cisco_nxos', 'arista_eos']) assert.ok(BUILTIN_PLATFORMS.get(name)!.enable, name);
    for (const name of ['cisco_xr', 'juniper_junos', 'linux', 'generic']) assert.equal(BUILTIN_PLATFORMS.get(name)!.enable, undefined, name);
    assert.ok(BUILTIN_PLATFORMS.get('cisco_ios')!.userPrompt!.test('R1>'));
    assert.ok(!BUILTIN_PLATFORMS.get('cisco_ios')!.userPrompt!.test('R1#'));
  });

  it('a user platform extends a built-in one and changes only what it names', () => {
    const { platforms, errors } = compileSpecs({ my_ios: { extends: 'cisco_ios', on_open: ['terminal length 0'] } }, BUILTIN_PLATFORMS);
    assert.deepEqual(errors, new Map());
    const mine = platforms.get('my_ios')!;
    assert.deepEqual(mine.onOpen, ['terminal length 0']);
    assert.equal(mine.prompt, BUILTIN_PLATFORMS.get('cisco_ios')!.prompt);
  });

  it('echo: true unless a platform says otherwise, inherited through extends', () => {
    for (const [name, platform] of BUILTIN_PLATFORMS) assert.equal(platform.echo, true, name);
    const { platforms, errors } = compileSpecs({ quiet: { extends: 'cisco_ios', echo: false }, quieter: { extends: 'quiet', on_open: [] }, loud: { extends: 'quiet', echo: true } }, BUILTIN_PLATFORMS);
    assert.deepEqual(errors, new Map());
    assert.deepEqual(['quiet', 'quieter', 'loud'].map((name) => platforms.get(name)!.echo), [false, false, true]);
    assert.equal(compilePlatform('own', { prompt: '#$' }).echo, true);
    const overridden = buildPlatforms([{ name: 'linux', spec: { echo: false }, where: 'devices.yaml:2:3' }]).platforms.get('linux')!;
    assert.deepEqual([overridden.echo, overridden.prompt], [false, BUILTIN_PLATFORMS.get('linux')!.prompt]);
  });

  it('a spec named like a built-in one overrides it in place', () => {
    const { platforms } = buildPlatforms([{ name: 'cisco_ios', spec: { failure_indicators: ['% Nope'] }, where: 'devices.yaml:2:3' }]);
    assert.deepEqual(platforms.get('cisco_ios')!.failureIndicators, ['% Nope']);
    assert.deepEqual(platforms.get('cisco_ios')!.onOpen, ['terminal width 511', 'terminal length 0']);
  });

  it('rejects bad specs with a message naming the key, and only that platform', () => {
    const bad = (spec: unknown) => () => compilePlatform('x', spec);
    assert.throws(bad({ prompt: '[' }), (e: Error) => e instanceof PlatformError && /prompt is not a valid regular expression/.test(e.message));
    assert.throws(bad({ prompt: '#$', promt: 'x' }), /unknown key "promt"/);
    assert.throws(bad({}), /needs a prompt pattern/);
    assert.throws(bad({ prompt: '#$', on_open: 'terminal length 0' }), /on_open must be a list/);
    assert.throws(bad({ prompt: '#$', enable: { command: 'enable' } }), /enable must be/);
    assert.throws(bad({ prompt: '#$', strip_ansi: 'yes' }), /strip_ansi must be true or false/);
    assert.throws(bad({ prompt: '#$', echo: 'no' }), { message: 'platform "x": echo must be true or false' });
    assert.throws(bad({ prompt: '#$', textfsm_platform: 7 }), /textfsm_platform must be a name, such as cisco_ios/);

    const { platforms, errors } = buildPlatforms([
      { name: 'loop_a', spec: { extends: 'loop_b' }, where: 'f:1:1' },
      { name: 'loop_b', spec: { extends: 'loop_a' }, where: 'f:2:1' },
      { name: 'orphan', spec: { extends: 'nope' }, where: 'f:3:1' },
      { name: 'fine', spec: { prompt: 'fine>$' }, where: 'f:4:1' },
    ]);
    assert.match(errors.get('loop_a')!, /^f:1:1: platform "loop_a" extends itself/);
    assert.match(errors.get('orphan')!, /^f:3:1: platform "orphan" extends "nope", which is not a known platform/);
    assert.ok(platforms.has('fine'));
    assert.ok(platforms.has('cisco_ios'));
  });

  it('reads one platform per YAML file in .netpoll/platforms', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'netpoll-platforms-')), 'platforms');
    await mkdir(dir);
    await writeFile(path.join(dir, 'edge_ios.yaml'), 'extends: cisco_ios\non_open: [terminal length 0]\n');
    await writeFile(path.join(dir, 'broken.yml'), 'prompt: [\n');
    const { sources, problems } = await readPlatformDir(dir);
    assert.deepEqual(sources.map((s) => s.name), ['edge_ios']);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /broken\.yml: /);
    assert.deepEqual((await readPlatformDir(path.join(dir, 'missing'))).sources, []);
  });
});
