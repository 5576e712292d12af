import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeviceSpec, parseInventory } from '../../src/core/inventory/inventory';
import { DEFAULT_KNOWN_HOSTS, prepareWork } from '../../src/core/poll/deviceWork';
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

  it('pipelines as the device says, else as the poll says, else not; echo as the device says, else as its platform', async () => {
    const { devices } = parseInventory('defaults: {pipeline: false}\nquiet:\n  - {name: Q1, host: 127.0.0.1, pipeline: true, echo: false}\n  - {name: Q2, host: 127.0.0.2}\nplain:\n  - {name: P1, host: 127.0.0.3}\n');
    const plain = parseInventory('- {name: P1, host: 127.0.0.3}\n').devices[0];
    const work = async (d: DeviceSpec, pipeline?: boolean) => {
      const w = await prepareWork(d, { commands: ['show clock'], pipeline });
      return [w.pipeline, w.echo];
    };
    assert.deepEqual(await work(devices[0]), [true, false]);
    // The file's defaults are the device's own: they win over the poll's option.
    assert.deepEqual(await work(devices[1], true), [false, undefined]);
    assert.deepEqual(await work(plain, true), [true, undefined]);
    assert.deepEqual(await work(plain, false), [false, undefined]);
    assert.deepEqual(await work(plain), [false, undefined]);
  });

  it('expands ~ in the known_hosts file, as in key_file (settings and --known-hosts alike)', async () => {
    const [d] = parseInventory('- {name: K1, host: 127.0.0.1}\n').devices;
    const file = async (knownHostsFile?: string) => (await prepareWork(d, { commands: [], knownHostsFile })).knownHostsFile;
    assert.equal(await file('~/.ssh/lab_known_hosts'), path.join(os.homedir(), '.ssh', 'lab_known_hosts'));
    assert.equal(await file('~'), os.homedir());
    assert.equal(await file('/srv/~/known_hosts'), '/srv/~/known_hosts', 'only a leading ~ is the home folder');
    assert.equal(await file('~other/known_hosts'), '~other/known_hosts');
    assert.equal(await file(undefined), DEFAULT_KNOWN_HOSTS);
  });

  it('is plain data that survives the trip to a worker thread', async () => {
    const [d] = parseInventory('- {name: Q1, host: 127.0.0.1, pipeline: true, echo: false}\n').devices;
    const work = await prepareWork(d, { commands: ['show clock', 'show version'] });
    const copy = structuredClone(work);
    assert.deepEqual([copy.pipeline, copy.echo, copy.commands], [true, false, ['show clock', 'show version']]);
    assert.equal(copy.target.platform.echo, true);
  });

  it('takes a well-formed host from a reference', async () => {
    const work = await prepareWork(device, { commands: ['show clock'], resolve: resolveWith('127.0.0.1') });
    assert.equal(work.target.host, '127.0.0.1');
    assert.equal(work.target.password, 'Pw-unit-61d0');
  });
});
