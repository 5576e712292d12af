import { strict as assert } from 'node:assert';
import { CliSession } from '../../src/core/session/cliSession';
import { SessionError } from '../../src/core/session/errors';

/** The SessionError that `promise` fails with (of `kind`, when given); a success fails the test. */
export async function sessionFailure(promise: Promise<unknown>, kind?: string): Promise<SessionError> {
  const err = await promise.then(
    async (value) => {
      if (value instanceof CliSession) await value.close();
      return assert.fail(`expected a ${kind ?? 'session'} failure`);
    },
    (e: unknown) => e,
  );
  assert.ok(err instanceof SessionError, String(err));
  if (kind !== undefined) assert.equal(err.kind, kind, err.message);
  return err;
}
