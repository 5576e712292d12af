import { strict as assert } from 'node:assert';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { compilePlatform } from '../../src/core/platforms/platform';
import { ChannelRules, CliChannel } from '../../src/core/session/channel';
import { stripAnsi } from '../../src/core/session/cleanOutput';
import { PromptMatcher } from '../../src/core/session/promptMatcher';
import { ReceiveBuffer } from '../../src/core/session/receiveBuffer';
import { UnsolicitedLines } from '../../src/core/session/unsolicited';

// The channel over a scripted device: what it types is handed to `answer`, whose chunks arrive
// one by one as a device's packets do. The lab tests the same over real SSH; these pin down the
// byte-level shapes.
const ios = BUILTIN_PLATFORMS.get('cisco_ios')!;
const rules = (extra: Partial<ChannelRules> = {}): ChannelRules => ({ ...ios, ...extra });
const SYSLOG = '*Dec  7 10:00:00.123: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down';

/** `gapMs`: between the device's chunks (an empty chunk is a pause of that long). */
function channelWith(answer: (typed: string) => string[], extra: Partial<ChannelRules> = {}, gapMs = 1) {
  const received = new ReceiveBuffer(stripAnsi);
  const typed: string[] = [];
  const write = (text: string) => {
    typed.push(text);
    let delay = 0;
    for (const chunk of answer(text)) setTimeout(() => received.push(chunk), (delay += gapMs));
  };
  const channel = new CliChannel(write, received, rules(extra), { where: 'R1', describe: (text) => JSON.stringify(text), settleMs: 5 });
  return { channel, received, typed };
}

/** A device that holds typed keys: runs each line in turn, echo first. */
function holding(outputs: Record<string, string[]>, prompt = 'R1#'): (typed: string) => string[] {
  return (typed) =>
    typed
      .split('\n')
      .slice(0, -1)
      .flatMap((line) => (line === '' ? ['\r\n', prompt] : [`${line}\r\n`, ...(outputs[line] ?? []).map((l) => `${l}\r\n`), prompt]));
}

async function ready(channel: CliChannel, received: ReceiveBuffer, prompt = 'R1#') {
  received.push(`\r\n${prompt}`);
  await channel.firstPrompt(1000);
}

describe('CLI channel', () => {
  it('sends the command and both Returns in one write and ends at the prompt shown twice', async () => {
    const { channel, received, typed } = channelWith(holding({ 'show clock': ['10:00:00.000 UTC Mon Dec 7 2026'] }));
    await ready(channel, received);
    const reply = await channel.command('show clock', 1000);
    assert.deepEqual(typed, ['show clock\n\n']);
    assert.equal(reply.output, '10:00:00.000 UTC Mon Dec 7 2026');
    assert.equal(reply.uncertainEnd, false);
  });

  it('a prompt-like line inside the output is output: the end needs the answer to the extra Return', async () => {
    const lines = ['first', 'R1#', 'last'];
    const { channel, received } = channelWith(holding({ 'show x': lines }));
    await ready(channel, received);
    assert.equal((await channel.command('show x', 1000)).output, lines.join('\n'));
  });

  it('a device that echoes typed keys at once: the early Return is not output, the prompt twice on one line ends it', async () => {
    const { channel, received } = channelWith((typed) => (typed === 'show x\n\n' ? ['show x\r\n\r\n', 'a\r\nR1#\r\n', 'b\r\n', 'R1#', 'R1#'] : []));
    await ready(channel, received);
    const reply = await channel.command('show x', 1000);
    assert.equal(reply.output, 'a\nR1#\nb');
    assert.equal(reply.uncertainEnd, false);
  });

  it('a device that does not echo: the output starts at once', async () => {
    const { channel, received } = channelWith((typed) => (typed === 'show x\n\n' ? ['a\r\n', 'b\r\nR1#', 'R1#'] : []), { echo: false });
    await ready(channel, received);
    assert.equal((await channel.command('show x', 1000)).output, 'a\nb');
  });

  it('syslog lines before the echo, inside the output and after the prompt are kept apart, with logging synchronous or not', async () => {
    const shapes: Record<string, string[]> = {
      'before echo': [`\r\n${SYSLOG}\r\n`, 'show x\r\n', 'a\r\nb\r\nR1#', '\r\nR1#'],
      'before echo, prompt reprinted': [`\r\n${SYSLOG}\r\nR1#`, 'show x\r\n', 'a\r\nb\r\nR1#', '\r\nR1#'],
      'inside the output': ['show x\r\n', `a\r\n${SYSLOG}\r\n`, 'b\r\nR1#', '\r\nR1#'],
      'held to the end, prompt reprinted': ['show x\r\n', 'a\r\nb\r\nR1#', `\r\n${SYSLOG}\r\nR1#`, '\r\nR1#'],
      'between the prompt and the extra Return': ['show x\r\n', 'a\r\nb\r\nR1#', `\r\n${SYSLOG}\r\n`, '\r\nR1#'],
    };
    for (const [shape, chunks] of Object.entries(shapes)) {
      const { channel, received } = channelWith((typed) => (typed === 'show x\n\n' ? chunks : []));
      await ready(channel, received);
      const reply = await channel.command('show x', 1000);
      assert.equal(reply.output, 'a\nb', shape);
      assert.deepEqual(reply.messages, [SYSLOG], shape);
    }
  });

  it('keeps message-like lines inside the output of a log command', async () => {
    const { channel, received } = channelWith(holding({ 'show logging': ['Log Buffer:', SYSLOG] }));
    await ready(channel, received);
    const reply = await channel.command('show logging', 1000);
    assert.equal(reply.output, `Log Buffer:\n${SYSLOG}`);
    assert.deepEqual(reply.messages, []);
  });

  it('a device that never answers the extra Return: the prompt ends the reply after a grace, marked uncertain', async function () {
    this.timeout(5000);
    const { channel, received } = channelWith((typed) => (typed === 'show x\n\n' ? ['show x\r\n', 'a\r\nR1#'] : []));
    await ready(channel, received);
    const reply = await channel.command('show x', 4000);
    assert.equal(reply.output, 'a');
    assert.equal(reply.uncertainEnd, true);
  });

  it('answers a pager with space and Return, and the Return after the last page ends the reply', async () => {
    const { channel, received, typed } = channelWith((text) => {
      if (text === 'show x\n\n') return ['show x\r\n', 'a\r\n --More-- ', '\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bb\r\n --More-- '];
      if (text === ' \n') return ['\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bc\r\nR1#', '\r\nR1#'];
      return [];
    });
    await ready(channel, received);
    const reply = await channel.command('show x', 1000);
    assert.deepEqual(typed, ['show x\n\n', ' \n']);
    assert.equal(reply.output, 'a\nb\nc');
  });

  it('answers each page once, however long the device takes to turn it', async () => {
    const { channel, received, typed } = channelWith(
      (text) => {
        if (text === 'show x\n\n') return ['show x\r\n', 'a\r\n --More-- '];
        if (text === ' \n') return ['\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bb\r\nR1#', '\r\nR1#'];
        return [];
      },
      {},
      40,
    );
    await ready(channel, received);
    const reply = await channel.command('show x', 2000);
    assert.deepEqual(typed, ['show x\n\n', ' \n']);
    assert.equal(reply.output, 'a\nb');
  });

  it('what is left from an earlier reply (a late prompt) does not end the next one', async () => {
    const { channel, received } = channelWith((typed) => (typed === 'show x\n\n' ? ['\r\nR1#', '\r\nR1#', 'show x\r\n', 'a\r\nR1#', '\r\nR1#'] : []));
    await ready(channel, received);
    received.push(`\r\n${SYSLOG}\r\nR1#`);
    const reply = await channel.command('show x', 1000);
    assert.equal(reply.output, 'a');
    assert.deepEqual(reply.messages, [SYSLOG]);
  });

  it('once set-up lines typed ahead were answered, a pause at a prompt-like line however long never ends the reply', async function () {
    this.timeout(6000);
    const { channel, received } = channelWith((typed) => {
      if (typed.startsWith('terminal')) return ['terminal width 511\r\n', 'R1#terminal length 0\r\n', 'R1#'];
      if (typed === 'show x\n\n') return ['show x\r\n', 'a\r\nR1#', ...Array(1800).fill(''), '\r\nb\r\nR1#', '\r\nR1#'];
      return [];
    });
    await ready(channel, received);
    await channel.setupLines(['terminal width 511', 'terminal length 0'], 1000);
    const reply = await channel.command('show x', 5000);
    assert.equal(reply.output, 'a\nR1#\nb');
    assert.equal(reply.uncertainEnd, false);
  });

  it('pipelines: every command in one write, replies split by prompt and echo', async () => {
    const outputs = { 'show a': ['1', 'R1#'], 'show b': [], 'show c': ['3'] };
    const { channel, received, typed } = channelWith(holding(outputs));
    await ready(channel, received);
    const batch = await channel.pipelined(['show a', 'show b', 'show c'], 1000);
    assert.deepEqual(typed, ['show a\nshow b\nshow c\n\n']);
    assert.equal(batch.lost, undefined);
    assert.deepEqual(batch.replies.map(({ reply }) => reply.output), ['1\nR1#', '', '3']);
  });

  it('pipelines a command asked twice, with syslog lines written in and after the replies', async () => {
    const chunks = ['show a\r\n', `1\r\nR1#\r\n${SYSLOG}\r\nR1#show b\r\n`, `2\r\n${SYSLOG}\r\nR1#show a\r\n`, '1\r\nR1#', '\r\nR1#'];
    const { channel, received } = channelWith((typed) => (typed === 'show a\nshow b\nshow a\n\n' ? chunks : []));
    await ready(channel, received);
    const batch = await channel.pipelined(['show a', 'show b', 'show a'], 1000);
    assert.equal(batch.lost, undefined);
    assert.deepEqual(batch.replies.map(({ reply }) => reply.output), ['1', '2', '1']);
    assert.deepEqual(batch.replies.map(({ reply }) => reply.messages.length), [1, 1, 0]);
  });

  it('a pipelined batch the device echoed all at once cannot be split, and is given up', async () => {
    const { channel, received } = channelWith((typed) => (typed === 'show a\nshow b\n\n' ? ['show a\r\nshow b\r\n\r\n', '1\r\nR1#', '2\r\nR1#', 'R1#'] : []));
    await ready(channel, received);
    const batch = await channel.pipelined(['show a', 'show b'], 1000);
    assert.match(batch.lost ?? '', /did not answer the commands typed ahead/);
    assert.equal(batch.replies.length, 0);
  });

  it('a device that drops the commands typed ahead: the batch is given up at its prompt, not at the timeout', async function () {
    this.timeout(5000);
    const { channel, received } = channelWith((typed) => (typed.startsWith('show a\n') ? ['show a\r\n', '1\r\nR1#'] : []));
    await ready(channel, received);
    const started = performance.now();
    const batch = await channel.pipelined(['show a', 'show b'], 60_000);
    assert.ok(batch.lost);
    assert.ok(performance.now() - started < 4000);
  });

  it('set-up lines go in one write, and enable stops at the password prompt', async () => {
    const { channel, received, typed } = channelWith((text) => (text.startsWith('terminal') ? ['terminal width 511\r\n', 'R1>terminal length 0\r\n', 'R1>enable\r\n', 'Password: '] : []));
    await ready(channel, received, 'R1>');
    const setup = await channel.setupLines(['terminal width 511', 'terminal length 0', 'enable'], 1000, ios.enable!.secretPrompt);
    assert.deepEqual(typed, ['terminal width 511\nterminal length 0\nenable\n']);
    assert.equal(setup.asked, true);
  });
});

describe('prompt matcher', () => {
  it('learns the last prompt of a line that holds it twice, and then knows only this host', () => {
    const prompts = new PromptMatcher(ios.prompt);
    assert.ok(prompts.learn('R1#R1#'));
    assert.equal(prompts.prompt, 'R1#');
    assert.ok(prompts.isPrompt('R1(config)#'));
    assert.ok(!prompts.isPrompt('R2#'));
    assert.ok(prompts.isDoubled('R1#R1#'));
    assert.ok(!prompts.isDoubled('R1#'));
    assert.equal(prompts.count('R1>enable\r\nR1#'), 2);
  });
});

describe('unsolicited lines', () => {
  const lines = new UnsolicitedLines(ios.unsolicited, stripAnsi);

  it('takes syslog lines out of a text and leaves the rest exactly', () => {
    const text = `a\r\n${SYSLOG}\r\n000042: Dec  7 10:00:01 UTC: %SYS-5-CONFIG_I: Configured from console\r\nb`;
    const { text: kept, messages } = lines.extract(text);
    assert.equal(kept, 'a\r\nb');
    assert.equal(messages.length, 2);
  });

  it('finds messages of patterns with alternatives, escapes or optional parts as well', () => {
    const compile = (source: string) => compilePlatform('custom', { extends: 'cisco_ios', unsolicited: [source] }, ios).unsolicited;
    const cases: [string, string][] = [
      ['LOG: .*|ALERT .*', 'ALERT disk full'],
      [String.raw`\[\w+\] event`, '[core] event'],
      ['x?y*!event', '!event now'],
    ];
    for (const [source, line] of cases) {
      const found = new UnsolicitedLines(compile(source), stripAnsi).extract(`a\r\n${line}\r\nb`);
      assert.deepEqual(found, { text: 'a\r\nb', messages: [line] }, source);
    }
  });

  it('leaves lines that only mention a percentage or an error alone', () => {
    const text = '% Invalid input detected at marker.\r\nCPU utilization 5%; one minute: 3%\r\nlogging discriminator X msg-body includes LINK-3-UPDOWN';
    assert.equal(lines.extract(text).text, text);
  });
});
