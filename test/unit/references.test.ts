import { strict as assert } from 'node:assert';
import { createResolver, malformedReferences, referenceProblems, referencesIn, UnresolvedValueError, ValueSource } from '../../src/core/inventory/references';

/** A value source that counts how often each name is asked for. */
function countingSource(values: Record<string, string | undefined>) {
  const asked: string[] = [];
  const source: ValueSource = {
    env: (name) => values[`env:${name}`],
    secret: async (name) => {
      asked.push(`secret:${name}`);
      return values[`secret:${name}`];
    },
    prompt: async (name) => {
      asked.push(`prompt:${name}`);
      return values[`prompt:${name}`];
    },
  };
  return { source, asked };
}

describe('references', () => {
  it('finds ${env:...}, ${secret:...} and ${prompt:...}, and flags anything else in ${...}', () => {
    assert.deepEqual(referencesIn('${env:A}-${secret:b.c}-${prompt:d_1}'), [
      { kind: 'env', name: 'A' },
      { kind: 'secret', name: 'b.c' },
      { kind: 'prompt', name: 'd_1' },
    ]);
    assert.deepEqual(malformedReferences('${vault:x} ${env:OK} ${secret:}'), ['${vault:x}', '${secret:}']);
  });

  it('flags a ${ that is never closed, and keeps the valid references next to it', async () => {
    assert.deepEqual(malformedReferences('${env:A'), ['${env:A']);
    assert.deepEqual(malformedReferences('${env:A ${env:B}'), ['${env:A ']);
    assert.deepEqual(malformedReferences('${secret:b}-${prompt:c'), ['${prompt:c']);
    assert.deepEqual(referenceProblems('x${env:A ${vault:v}'), ['"${env:A" is not closed: add } after the name', '"${vault:v}" is not a reference NetPoll knows; use ${env:NAME}, ${secret:NAME} or ${prompt:NAME}']);
    assert.deepEqual(referencesIn('${env:A ${env:B}'), [{ kind: 'env', name: 'B' }]);
    const resolve = createResolver(countingSource({ 'env:B': 'b' }).source);
    assert.equal(await resolve('${env:A ${env:B}'), '${env:A b');
  });

  it('resolves each reference once per poll, even when many devices ask at the same time', async () => {
    const { source, asked } = countingSource({ 'secret:core': 's3cr3t', 'prompt:otp': '123456', 'env:USER_X': 'ops' });
    const resolve = createResolver(source);
    const values = await Promise.all(['${secret:core}', '${secret:core}', 'pre-${prompt:otp}', '${prompt:otp}', '${env:USER_X}@${secret:core}', 'plain'].map(resolve));
    assert.deepEqual(values, ['s3cr3t', 's3cr3t', 'pre-123456', '123456', 'ops@s3cr3t', 'plain']);
    assert.deepEqual(asked.sort(), ['prompt:otp', 'secret:core']);
  });

  it('says which reference has no value, never a value', async () => {
    const resolve = createResolver(countingSource({ 'secret:known': 'hunter2' }).source);
    await assert.rejects(resolve('${secret:known}/${env:NETPOLL_TEST_MISSING}'), (err: Error) => {
      assert.ok(err instanceof UnresolvedValueError);
      assert.equal(err.message, '${env:NETPOLL_TEST_MISSING} is not set: the environment variable NETPOLL_TEST_MISSING is missing');
      assert.ok(!err.message.includes('hunter2'));
      return true;
    });
    await assert.rejects(resolve('${secret:other}'), /\$\{secret:other\} has no value: it is not stored and none was given/);
  });
});
