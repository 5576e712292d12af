// The JSON Schema of devices.yaml, from the same key table the parser uses. Editors with a
// YAML language server use it for validation, completion and hover help.
import { DEVICE_KEYS, HOST_KEY_POLICY_VALUES, KeyInfo, MAX_TIMEOUT_SECONDS } from './keys';

type JsonSchema = Record<string, unknown>;

function valueSchema(info: KeyInfo, deviceTypes: readonly string[]): JsonSchema {
  const base = { description: info.description };
  switch (info.kind) {
    case 'text':
      return { ...base, type: ['string', 'number'] };
    case 'port':
      return { ...base, type: 'integer', minimum: 1, maximum: 65535 };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'seconds':
      return { ...base, type: 'number', exclusiveMinimum: 0, maximum: MAX_TIMEOUT_SECONDS };
    case 'list':
      return { ...base, type: 'array', items: { type: 'string' } };
    case 'deviceType':
      // Built-in platforms complete; the inventory may define more under platforms:.
      return { ...base, anyOf: [{ enum: [...deviceTypes] }, { type: 'string' }] };
    case 'hostKeyPolicy':
      return { ...base, enum: [...HOST_KEY_POLICY_VALUES] };
    case 'parse':
      return { ...base, anyOf: [{ type: 'boolean' }, { type: 'object', additionalProperties: { type: ['boolean', 'string'] } }] };
    case 'ignoreLines':
      return {
        ...base,
        type: 'array',
        items: { anyOf: [{ type: 'string', format: 'regex' }, { type: 'object', properties: { command: { type: 'string' }, pattern: { type: 'string', format: 'regex' } }, required: ['pattern'], additionalProperties: false }] },
      };
  }
}

export function inventorySchema(deviceTypes: readonly string[]): JsonSchema {
  const device = {
    type: 'object',
    properties: Object.fromEntries(Object.entries(DEVICE_KEYS).map(([key, info]) => [key, valueSchema(info, deviceTypes)])),
    anyOf: [{ required: ['host'] }, { required: ['ip'] }],
  };
  const defaults = { type: 'object', description: 'Values every device here gets unless it sets its own.', properties: device.properties };
  const group = {
    anyOf: [
      { type: 'array', items: { $ref: '#/definitions/device' } },
      { type: 'object', properties: { defaults: { $ref: '#/definitions/defaults' }, devices: { type: 'array', items: { $ref: '#/definitions/device' } } }, required: ['devices'], additionalProperties: false },
    ],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'NetPoll inventory (devices.yaml)',
    description: 'Network devices to poll over SSH: a list of netmiko-style devices, or groups of them.',
    definitions: { device, defaults },
    anyOf: [
      { type: 'array', items: { $ref: '#/definitions/device' } },
      {
        type: 'object',
        properties: {
          defaults: { $ref: '#/definitions/defaults' },
          platforms: { type: 'object', description: 'Platforms of your own, or changes to built-in ones (prompt, user_prompt, on_open, enable, pager, failure_indicators, strip_ansi, newline, prompt_context, textfsm_platform, echo, extends).' },
        },
        additionalProperties: group,
      },
    ],
  };
}
