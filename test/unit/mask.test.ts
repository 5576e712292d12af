import { strict as assert } from 'node:assert';
import { describeTail } from '../../src/core/session/errors';
import { longestSecret, MASK, secretMasker } from '../../src/core/session/mask';

describe('masking credentials', () => {
  const secrets = ['Pw-5be1f0', 'En-secret-77', undefined];
  const mask = secretMasker(secrets);

  it('masks every occurrence of every value, a longer value whole when it holds a shorter one', () => {
    assert.equal(mask('user x password Pw-5be1f0; enable En-secret-77; again Pw-5be1f0'), `user x password ${MASK}; enable ${MASK}; again ${MASK}`);
    assert.equal(secretMasker(['abcd', 'abcdefgh'])('[abcdefgh]'), `[${MASK}]`);
  });

  it('masks values of any length: a one- or three-character secret is still a secret', () => {
    assert.equal(secretMasker(['Q', 'k9Z'])('last received: "Password: k9Z" and Q'), `last received: "Password: ${MASK}" and ${MASK}`);
  });

  it('an error tail is masked before it is cut, so no cut leaves part of a secret readable', () => {
    const longest = longestSecret(secrets);
    for (let pad = 0; pad < 120; pad++) {
      const received = 'x'.repeat(pad) + 'Pw-5be1f0' + 'y'.repeat(120 - pad);
      const tail = describeTail(received, mask, longest);
      for (let n = 3; n <= 'Pw-5be1f0'.length; n++) {
        for (let at = 0; at + n <= 'Pw-5be1f0'.length; at++) {
          if (n >= 4) assert.ok(!tail.includes('Pw-5be1f0'.slice(at, at + n)), `${JSON.stringify(tail)} holds part of the secret`);
        }
      }
    }
    assert.equal(describeTail('', mask, longest), 'nothing');
    assert.equal(describeTail('Password: Pw-5be1f0\r\n', mask, longest), JSON.stringify(`Password: ${MASK}\r\n`));
  });
});
