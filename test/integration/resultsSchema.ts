// Checks a poll report against schemas/results.schema.json, the contract every output keeps.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/results.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

export function assertValidReport(report: unknown): void {
  assert.ok(validate(report), `the report breaks the results schema: ${JSON.stringify(validate.errors, null, 2)}`);
}
