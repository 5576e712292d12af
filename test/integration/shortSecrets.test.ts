// Short credentials are still credentials: a one- and a three-character password and enable
// secret, shown back by devices that leak them (in the banner, echoed after enable, inside an
// output before a stall), never appear in what the command line writes itself: its log, the
// errors and "last received" excerpts in its results. Outputs are the device's data and are
// left exact; here no output holds a credential.
import { strict as assert } from 'node:assert';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { PollReport } from '../../src/core/results/report';
import { MASK } from '../../src/core/session/mask';
import { DeviceLab, LabDeviceSpec, LabFault } from '../lab/lab';
import { netpoll } from './netpollProcess';

// Characters no word NetPoll writes holds, so that finding one means a credential leaked.
const CREDENTIALS = [
  { password: 'Q', secret: 'J' },
  { password: 'Zq7', secret: 'K3x' },
];
const FAULTS: (LabFault | undefined)[] = [undefined, 'banner-password', 'echo-secret', 'leak-then-stall'];

describe('one- and three-character credentials never appear in what NetPoll writes', function () {
  this.timeout(60_000);
  let lab: DeviceLab;
  before(async () => {
    const specs: LabDeviceSpec[] = CREDENTIALS.flatMap(({ password, secret }, i) =>
      FAULTS.map((fault, j) => ({ name: `dev${i}${j}`, password, secret, faults: fault ? [fault] : [] })),
    );
    lab = await DeviceLab.start(specs);
  });
  after(() => lab?.stop());

  it('in the log, the errors and their "last received", on devices that show them back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netpoll-short-'));
    const inventory = path.join(dir, 'devices.yaml');
    // JSON strings: `~` or a lone letter must reach the device as written.
    const entries = lab.devices.map((d) => `- {name: ${d.name}, device_type: cisco_ios, host: ${d.host}, port: ${d.port}, username: ${d.username}, password: ${JSON.stringify(d.password)}, secret: ${JSON.stringify(d.secret)}, timeout: 1, read_timeout: 1}`);
    await writeFile(inventory, entries.join('\n') + '\n');
    const { stdout, stderr } = await netpoll(['poll', inventory, '-c', 'show version', '--host-keys', 'off', '--format', 'yaml']);
    const report = parse(stdout) as PollReport;
    const byName = new Map(report.devices.map((device) => [device.name, device]));
    for (const [i, { password, secret }] of CREDENTIALS.entries()) {
      const healthy = byName.get(`dev${i}0`)!;
      assert.equal(healthy.status, 'finished', JSON.stringify(healthy.error));
      for (const [j, fault] of FAULTS.entries()) {
        if (!fault) continue;
        const device = byName.get(`dev${i}${j}`)!;
        const error = `${device.error?.message} ${device.error?.hint ?? ''}`;
        assert.equal(device.status, 'failed', `${fault}: ${error}`);
        assert.ok(error.includes('last received'), `${fault}: ${error}`);
        assert.ok(error.includes(MASK), `${fault} should show the credential masked: ${error}`);
      }
      // Everything the command line wrote but the device's outputs, and the temporary folder's
      // random name (it may hold any letter).
      const written = (JSON.stringify(report.devices.map(({ commands, ...rest }) => ({ ...rest, commands: commands.map(({ output: _output, ...command }) => command) }))) + stderr).replaceAll(dir, '');
      for (const credential of [password, secret]) assert.ok(!written.includes(credential), `"${credential}" appears in: ${written}`);
    }
  });
});
