import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inventorySchema } from '../../src/core/inventory/schema';
import { DEVICE_KEYS } from '../../src/core/inventory/keys';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';

describe('devices.yaml JSON Schema', () => {
  const generated = inventorySchema([...BUILTIN_PLATFORMS.keys()]);

  it('is the committed schemas/devices.schema.json (run npm run schema after changing keys)', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/devices.schema.json'), 'utf8'));
    assert.deepEqual(committed, generated);
  });

  it('describes every device key and completes every built-in device_type', () => {
    const device = (generated.definitions as Record<string, { properties: Record<string, { description: string; anyOf?: { enum?: string[] }[] }> }>).device;
    assert.deepEqual(Object.keys(device.properties), Object.keys(DEVICE_KEYS));
    for (const [key, property] of Object.entries(device.properties)) assert.ok(property.description.length > 10, key);
    assert.deepEqual(device.properties.device_type.anyOf![0].enum, [...BUILTIN_PLATFORMS.keys()]);
  });
});
