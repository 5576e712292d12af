// Checks a poll report against schemas/results.schema.json, the contract every output keeps.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const schema = (name: string) => JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas', name), 'utf8'));
const ajv = new Ajv({ allErrors: true });
ajv.addSchema(schema('results.schema.json'), 'results.schema.json');
const validate = ajv.getSchema('results.schema.json')!;
const validateIndex = ajv.compile(schema('poll-store.schema.json'));
const validateDevice = ajv.compile({ $ref: 'results.schema.json#/definitions/device' });

export function assertValidReport(report: unknown): void {
  assert.ok(validate(report), `the report breaks the results schema: ${JSON.stringify(validate.errors, null, 2)}`);
}

/** A stored poll's index, and each of its device files, against the store's schema. */
export function assertValidStoredPoll(index: unknown, devices: unknown[]): void {
  assert.ok(validateIndex(index), `poll.json breaks the store schema: ${JSON.stringify(validateIndex.errors, null, 2)}`);
  for (const device of devices) assert.ok(validateDevice(device), `a device file breaks the results schema: ${JSON.stringify(validateDevice.errors, null, 2)}`);
}
