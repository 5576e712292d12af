import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePollArgs } from '../../src/cli/args';
import { POLL_DEFAULTS } from '../../src/core/poll/pollDefaults';
import { SETTING_DEFAULTS } from '../../src/ui/settingDefaults';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const contributed: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;

describe('defaults, written once', () => {
  it("package.json contributes every setting with the default the code uses, and no other setting", () => {
    const names = Object.keys(contributed).map((key) => key.replace(/^netpoll\./, ''));
    assert.deepEqual(names.sort(), Object.keys(SETTING_DEFAULTS).sort());
    for (const [name, value] of Object.entries(SETTING_DEFAULTS)) assert.deepEqual(contributed[`netpoll.${name}`].default, value, name);
  });

  it('the command line polls with the same defaults as the extension', () => {
    const args = parsePollArgs(['poll', 'devices.yaml'])!;
    assert.deepEqual(
      {
        commands: args.commands,
        maxWorkers: args.workers,
        order: args.order,
        format: args.format,
        deviceTimeoutSeconds: args.timeoutSeconds,
        hostKeyPolicy: args.hostKeyPolicy,
        threads: args.threads,
        keepPolls: args.keep,
        removeSecrets: !args.keepSecrets,
        parse: args.parse,
        pipeline: args.pipeline,
      },
      { ...POLL_DEFAULTS },
    );
  });
});
