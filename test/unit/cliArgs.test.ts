import { strict as assert } from 'node:assert';
import { parsePollArgs, UsageError, USAGE } from '../../src/cli/args';
import { MAX_TIMEOUT_SECONDS } from '../../src/core/inventory/keys';

const timeout = (value: string) => parsePollArgs(['poll', 'devices.yaml', '--timeout', value])!.timeoutSeconds;

describe('netpoll poll arguments', () => {
  it('--timeout takes seconds up to the longest wait Node timers can hold, and no more', () => {
    assert.equal(MAX_TIMEOUT_SECONDS, 2_147_483);
    assert.equal(timeout('0.5'), 0.5);
    assert.equal(timeout('2147483'), 2_147_483);
    assert.equal(parsePollArgs(['poll', 'devices.yaml'])!.timeoutSeconds, 600);
    assert.throws(() => timeout('2147484'), UsageError);
  });

  for (const value of ['3000000', '2147483.5', 'Infinity', '1e400']) {
    it(`--timeout ${value} is a usage error naming the range`, () => {
      assert.throws(() => timeout(value), (err: Error) => {
        assert.ok(err instanceof UsageError);
        assert.equal(err.message, `--timeout must be greater than 0 and at most 2147483, about 24 days, not "${value}"`);
        return true;
      });
    });
  }

  it('--timeout 0 or a word still says it must be greater than 0, and the upper bound', () => {
    assert.throws(() => timeout('0'), { message: '--timeout must be a number of seconds greater than 0, not "0" (at most 2147483, about 24 days)' });
    assert.throws(() => timeout('soon'), /greater than 0, not "soon"/);
  });

  it('--pipeline turns pipelining on; it is off without it, and takes no value', () => {
    assert.equal(parsePollArgs(['poll', 'devices.yaml'])!.pipeline, false);
    assert.equal(parsePollArgs(['poll', 'devices.yaml', '--pipeline', '-c', 'show clock'])!.pipeline, true);
    assert.equal(parsePollArgs(['poll', '--pipeline', 'devices.yaml'])!.pipeline, true);
    assert.throws(() => parsePollArgs(['poll', 'devices.yaml', '--pipeline=false']), (err: Error) => err instanceof UsageError && /--pipeline/.test(err.message));
  });

  it('--help describes --pipeline', () => {
    assert.equal(parsePollArgs(['poll', 'devices.yaml', '--help']), undefined);
    assert.match(USAGE, /^ {6}--pipeline {9}send each device's commands all at once/m);
  });

  it('shows a value with control characters on one line', () => {
    assert.throws(() => parsePollArgs(['poll', 'devices.yaml', '--workers', 'x\ny']), { message: '--workers must be a whole number of at least 1, not "x\\ny"' });
  });
});
