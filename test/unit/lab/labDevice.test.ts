import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { Client, ClientChannel } from 'ssh2';
import { expectedOutput } from '../../lab/expected';
import { DeviceLab, LabDevice } from '../../lab/lab';

/** An interactive shell on a lab device, read as one stream. */
async function openShell(device: LabDevice, password = device.password): Promise<{ client: Client; stream: ClientChannel; upTo(text: string): Promise<string> }> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({ host: device.host, port: device.port, username: device.username, password, readyTimeout: 10_000 });
  });
  const stream = await new Promise<ClientChannel>((resolve, reject) => client.shell({ cols: 511, rows: 1000 }, (err, s) => (err ? reject(err) : resolve(s))));
  let buffer = '';
  let waiter: { text: string; resolve: (s: string) => void } | undefined;
  const check = () => {
    const at = waiter ? buffer.indexOf(waiter.text) : -1;
    if (!waiter || at < 0) return;
    const { text, resolve } = waiter;
    waiter = undefined;
    const out = buffer.slice(0, at + text.length);
    buffer = buffer.slice(at + text.length);
    resolve(out);
  };
  stream.on('data', (data: Buffer) => {
    buffer += data.toString();
    check();
  });
  /** Everything up to and including the next `text`. */
  const upTo = (text: string) =>
    new Promise<string>((resolve) => {
      waiter = { text, resolve };
      check();
    });
  return { client, stream, upTo };
}

describe('lab devices over SSH', function () {
  this.timeout(20_000);
  let lab: DeviceLab | undefined;
  afterEach(async () => {
    await lab?.stop();
    lab = undefined;
  });

  it('behind rttMs, every exchange takes at least a round trip, and the counts are the clients\'', async () => {
    const rttMs = 100;
    lab = await DeviceLab.start([{ name: 'FAR', rttMs, secret: 'en' }]);
    const [device] = lab.devices;
    const shell = await openShell(device);
    assert.equal(lab.stats.totalConnections, 1);
    assert.equal(lab.stats.activeConnections, 1);
    await shell.upTo('FAR>');
    const sentAt = performance.now();
    shell.stream.write('show ip interface brief\r');
    const reply = await shell.upTo('FAR>');
    const took = performance.now() - sentAt;
    assert.ok(took >= rttMs, `the command took ${took.toFixed(1)} ms`);
    assert.equal(reply, ['show ip interface brief', ...expectedOutput('cisco_ios', 'FAR', 'show ip interface brief'), 'FAR>'].join('\r\n'));
    shell.client.end();
    await lab.connectionsClosed('FAR');
    assert.equal(lab.stats.activeConnections, 0);
    assert.equal(lab.stats.peakConnections, 1);
  });

  it('stop closes the link: its port refuses', async () => {
    lab = await DeviceLab.start([{ name: 'FAR', rttMs: 20 }]);
    const { port } = lab.devices[0];
    const shell = await openShell(lab.devices[0]);
    const closed = new Promise((resolve) => shell.client.on('close', () => resolve(undefined)));
    await lab.stop();
    await closed;
    assert.equal(lab.stats.activeConnections, 0);
    await assert.rejects(
      new Promise((resolve, reject) => net.connect(port, '127.0.0.1', () => resolve(undefined)).once('error', reject)),
      { code: 'ECONNREFUSED' },
    );
    lab = undefined;
  });

  for (const [username, password] of [['cisco', 'cisco'], ['admin', 'admin']]) {
    it(`logs in as ${username}/${password} and enables with the secret cisco, never writing either`, async () => {
      lab = await DeviceLab.start([{ name: 'R1', username, password, secret: 'cisco' }, { name: 'R2', username, password, secret: 'cisco', faults: ['reads-while-printing'] }]);
      for (const device of lab.devices) {
        await assert.rejects(openShell(device, 'wrong'));
        const shell = await openShell(device);
        assert.equal(await shell.upTo(`${device.name}>`), `\r\n${device.name}>`);
        shell.stream.write('enable\r');
        assert.equal(await shell.upTo('Password: '), 'enable\r\nPassword: ');
        shell.stream.write('cisco\r');
        assert.equal(await shell.upTo(`${device.name}#`), `\r\n${device.name}#`, 'the secret is not echoed');
        // Typed ahead on a device that echoes on arrival, the secret is still not echoed.
        shell.stream.write('disable\renable\rcisco\r');
        const again = device.name === 'R2' ? `disable\r\nenable\r\n\r\nR2>Password: R2#` : `disable\r\nR1>enable\r\nPassword: \r\nR1#`;
        assert.equal(await shell.upTo(`${device.name}#`), again);
        shell.client.end();
      }
    });
  }

  it('prints words holding "admin" on IOS, NX-OS and EOS (a password of admin must not be masked inside them)', () => {
    for (const platform of ['cisco_ios', 'cisco_xe', 'cisco_nxos', 'arista_eos'] as const) {
      const words = expectedOutput(platform, 'dev1', 'show ip interface brief').join(' ').split(/\s+/);
      assert.ok(words.some((word) => /admin/i.test(word) && word !== 'admin'), platform);
    }
  });
});
