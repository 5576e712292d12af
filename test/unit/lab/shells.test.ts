import { strict as assert } from 'node:assert';
import { body, drive } from './drive';

const ESC = '\x1b';

describe('lab shells: Cisco IOS / IOS XE', () => {
  it('starts at user exec; enable asks for the secret without echo and goes to #', () => {
    const r1 = drive('cisco_ios', 'R1', { secret: 'en' });
    assert.equal(r1.banner, '\r\nR1>');
    assert.equal(r1.type('enable\r'), 'enable\r\nPassword: ');
    assert.equal(r1.type('en\r'), '\r\nR1#');
  });

  it('says % Bad secrets on a wrong secret, and always when no secret is set', () => {
    assert.equal(drive('cisco_ios', 'R1', { secret: 'en' }).type('enable\rnope\r'), 'enable\r\nPassword: \r\n% Bad secrets\r\n\r\nR1>');
    assert.match(drive('cisco_xe', 'R1').type('enable\r\r'), /% Bad secrets\r\n\r\nR1>$/);
  });

  it('puts the caret under the bad word', () => {
    const reply = drive('cisco_ios', 'R1').type('show clok\r');
    assert.deepEqual(reply.split('\r\n'), ['show clok', '        ^', "% Invalid input detected at '^' marker.", '', 'R1>']);
  });

  it('refuses show running-config at user exec, with the caret under it', () => {
    const lines = drive('cisco_ios', 'R1').type('sh run\r').split('\r\n');
    assert.deepEqual(lines.slice(1, 3), ['      ^', "% Invalid input detected at '^' marker."]);
  });

  it('answers show alone with % Incomplete command.', () => {
    assert.equal(drive('cisco_ios', 'R1').type('show\r'), 'show\r\n% Incomplete command.\r\n\r\nR1>');
  });

  it('pages show version at the default length, not after terminal length 0', () => {
    const xe = drive('cisco_xe', 'xe1');
    assert.match(xe.type('show version\r'), /^show version\r\nCisco IOS XE Software,[^]* --More-- $/);
    assert.match(xe.type(' '), /xe1>$/);
    xe.type('terminal length 0\r');
    assert.ok(!xe.type('show version\r').includes('More'));
  });

  it('keeps paging after terminal length 0 when paging is locked', () => {
    const r1 = drive('cisco_ios', 'R1', { pagingLocked: true });
    assert.equal(r1.type('terminal length 0\r'), 'terminal length 0\r\nR1>');
    assert.match(r1.type('show version\r'), / --More-- $/);
  });

  it('closes on exit', () => {
    const r1 = drive('cisco_ios', 'R1');
    r1.type('exit\r');
    assert.ok(r1.closed());
  });

  it('cuts the running-config short and closes when told to', () => {
    const r1 = drive('cisco_ios', 'R1', { secret: 'en', closeMidCommand: true, runningConfigLines: 300 });
    r1.type('terminal length 0\renable\ren\r');
    const lines = r1.type('show running-config\r').split('\r\n');
    assert.equal(lines.length, 1 + 100 + 1);
    assert.ok(r1.closed());
  });
});

describe('lab shells: Cisco NX-OS', () => {
  it('logs in at a bold green `sw1# `, errors in red with the caret', () => {
    const sw = drive('cisco_nxos', 'sw1');
    assert.ok(sw.banner.endsWith(`${ESC}[1;32msw1# ${ESC}[0m`));
    assert.deepEqual(sw.type('show foo\r').split('\r\n'), ['show foo', '          ^', `${ESC}[1;31m% Invalid command at '^' marker.${ESC}[0m`, `${ESC}[1;32msw1# ${ESC}[0m`]);
  });

  it('pages show version in reverse video, erased with \\r and erase-line', () => {
    const sw = drive('cisco_nxos', 'sw1');
    assert.ok(sw.type('show version\r').endsWith(`${ESC}[7m--More--${ESC}[m`));
    assert.ok(sw.type(' ').startsWith(`\r${ESC}[K  Processor Board ID`));
  });
});

describe('lab shells: Cisco IOS XR', () => {
  it('prints a timestamp line before each output until terminal exec prompt no-timestamp', () => {
    const xr = drive('cisco_xr', 'xr1');
    assert.equal(xr.banner, '\r\nRP/0/RP0/CPU0:xr1#');
    const lines = xr.type('show clock\r').split('\r\n');
    assert.match(lines[1], /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC$/);
    assert.match(lines[2], /^\d\d:\d\d:\d\d\.\d{3} UTC \w{3} \w{3} \d{1,2} \d{4}$/);
    xr.type('terminal exec prompt no-timestamp\r');
    assert.equal(xr.type('show clock\r').split('\r\n').length, 3);
  });

  it('puts no timestamp on an error', () => {
    const lines = drive('cisco_xr', 'xr1').type('show foo\r').split('\r\n');
    assert.deepEqual(lines.slice(1), [' '.repeat(23) + '^', "% Invalid input detected at '^' marker.", 'RP/0/RP0/CPU0:xr1#']);
  });
});

describe('lab shells: Arista EOS', () => {
  it('answers the terminal commands as EOS does', () => {
    const eos = drive('arista_eos', 'eos1');
    assert.equal(eos.type('terminal width 32767\r'), 'terminal width 32767\r\nWidth set to 32767 columns.\r\neos1>');
    assert.equal(eos.type('terminal length 0\r'), 'terminal length 0\r\nPagination disabled.\r\neos1>');
  });

  it('says % Access denied on a wrong secret and enables on the right one', () => {
    const eos = drive('arista_eos', 'eos1', { secret: 'en' });
    assert.equal(eos.type('enable\rx\r'), 'enable\r\nPassword: \r\n% Access denied\r\neos1>');
    assert.equal(eos.type('enable\ren\r'), 'enable\r\nPassword: \r\neos1#');
  });

  it('has terse errors without a caret', () => {
    const eos = drive('arista_eos', 'eos1');
    assert.equal(eos.type('show foo\r'), 'show foo\r\n% Invalid input\r\neos1>');
    assert.equal(eos.type('show\r'), 'show\r\n% Incomplete command\r\neos1>');
    assert.equal(eos.type('show running-config\r'), 'show running-config\r\n% Invalid input (privileged mode required)\r\neos1>');
  });
});

describe('lab shells: Juniper Junos', () => {
  it('prompts user@host with a trailing space and answers set cli with words and a blank line', () => {
    const junos = drive('juniper_junos', 'junos1');
    assert.ok(junos.banner.endsWith('\r\ncisco@junos1> '));
    assert.equal(junos.type('set cli screen-width 511\r'), 'set cli screen-width 511\r\nScreen width set to 511\r\n\r\ncisco@junos1> ');
    assert.equal(junos.type('set cli complete-on-space off\r'), 'set cli complete-on-space off\r\nDisabling complete-on-space\r\n\r\ncisco@junos1> ');
    assert.equal(junos.type('set cli screen-length 0\r'), 'set cli screen-length 0\r\nScreen length set to 0\r\n\r\ncisco@junos1> ');
  });

  it('pages with ---(more)--- then ---(more NN%)---, blanked with spaces between returns', () => {
    const junos = drive('juniper_junos', 'junos1', { runningConfigLines: 100 });
    assert.ok(junos.type('show configuration\r').endsWith('\r\n---(more)---'));
    const next = junos.type(' ');
    assert.ok(next.startsWith('\r' + ' '.repeat(40) + '\r'));
    // 46 of 101 lines (the output and Junos's blank line) are on screen.
    assert.ok(next.endsWith('\r\n---(more 45%)---'), next.slice(-30));
  });

  it('says unknown command for a bad first word, syntax error after that', () => {
    const junos = drive('juniper_junos', 'junos1');
    assert.deepEqual(junos.type('foo\r').split('\r\n'), ['foo', ' '.repeat(14) + '^', 'unknown command.', '', 'cisco@junos1> ']);
    assert.deepEqual(junos.type('show foo\r').split('\r\n'), ['show foo', ' '.repeat(19) + '^', 'syntax error, expecting <command>.', '', 'cisco@junos1> ']);
  });
});

describe('lab shells: generic', () => {
  it('is a plain shell prompt with show version and nothing else', () => {
    const host = drive('generic', 'host1');
    assert.equal(host.banner, '\r\nhost1$ ');
    assert.deepEqual(body(host.type('show version\r'), 'host1$ '), ['Generic Network OS, version 1.0.4', 'host1 uptime is 3 weeks, 2 days, 4 hours, 11 minutes']);
    assert.equal(host.type('terminal length 0\r'), 'terminal length 0\r\n-sh: terminal: not found\r\nhost1$ ');
    assert.equal(host.type('sh ver\r'), 'sh ver\r\n-sh: sh: not found\r\nhost1$ ');
  });
});
