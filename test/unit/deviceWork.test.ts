import { strict as assert } from 'node:assert';
import { parseInventory } from '../../src/core/inventory/inventory';
import { prepareWork } from '../../src/core/poll/deviceWork';
import { SessionError } from '../../src/core/session/errors';

describe('preparing a device for its session', () => {
  const [device] = parseInventory('- {name: R1, host: "${env:R1_HOST}", port: 2201, username: ops, password: "${env:R1_PASSWORD}"}\n').devices;
  const values: Record<string, string> = { '${env:R1_PASSWORD}': 'Pw-unit-61d0' };
  const resolveWith = (host: string) => async (value: string) => (value === '${env:R1_HOST}' ? host : values[value] ?? value);

  it('checks a host that comes from a reference, as the inventory checks a written one', async () => {
    const err = await prepareWork(device, { commands: ['show clock'], resolve: resolveWith('127.0.0.1:22') }).catch((e: unknown) => e);
    assert.ok(err instanceof SessionError);
    assert.equal(err.kind, 'config');
    assert.match(err.message, /^\$\{env:R1_HOST\} resolves to a host NetPoll cannot use: host has a port in it/);
    assert.ok(!err.message.includes('Pw-unit-61d0'));
  });

  it('takes a well-formed host from a reference', async () => {
    const work = await prepareWork(device, { commands: ['show clock'], resolve: resolveWith('127.0.0.1') });
    assert.equal(work.target.host, '127.0.0.1');
    assert.equal(work.target.password, 'Pw-unit-61d0');
  });
});
