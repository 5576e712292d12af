// The reference: for the same Cisco-IOS-like device, NetPoll returns exactly the text that
// netmiko's send_command returns (Debian's python3-netmiko, run by Debian's python3).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { BUILTIN_PLATFORMS } from '../../src/core/platforms/builtins';
import { CliSession } from '../../src/core/session/cliSession';
import { DeviceLab } from '../lab/lab';

const PYTHON = '/usr/bin/python3'; // Debian's, where python3-netmiko is installed
const SCRIPT = path.resolve(__dirname, '../../../test/integration/netmiko_send_command.py');
const COMMANDS = ['show version', 'show ip interface brief', 'show running-config'];

function netmiko(request: object): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [SCRIPT], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`netmiko failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin!.end(JSON.stringify(request));
  });
}

describe('NetPoll returns what netmiko returns', function () {
  let lab: DeviceLab;
  before(async () => {
    lab = await DeviceLab.start([
      { name: 'R1', secret: 'en-secret' },
      // The most common lab logins: words that outputs hold too.
      { name: 'R2', username: 'cisco', password: 'cisco', secret: 'cisco' },
      { name: 'R3', username: 'admin', password: 'admin', secret: 'admin' },
    ]);
  });
  after(() => lab?.stop());

  it('for show version, show ip interface brief and a 6,000-line show running-config (after enable)', async () => {
    const d = lab.devices[0];
    const reference = await netmiko({ device_type: 'cisco_ios', host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, commands: COMMANDS });
    const session = await CliSession.open({ host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, platform: BUILTIN_PLATFORMS.get('cisco_ios')! }, { hostKeys: { policy: 'off' } });
    try {
      for (const command of COMMANDS) {
        const ours = (await session.send(command)).output;
        assert.equal(ours, reference[command], `${command} differs from netmiko`);
      }
      assert.equal(reference['show running-config'].split('\n').length, 6000);
    } finally {
      await session.close();
    }
  });

  for (const [name, word, holder] of [['R2', 'cisco', 'Technical Support: http://www.cisco.com/techsupport'], ['R3', 'admin', 'administratively down']]) {
    it(`with ${word}/${word} and enable secret ${word}, outputs that hold the word are the device's, as netmiko returns them`, async () => {
      const d = lab.devices.find((device) => device.name === name)!;
      const reference = await netmiko({ device_type: 'cisco_ios', host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, commands: COMMANDS });
      const session = await CliSession.open({ host: d.host, port: d.port, username: d.username, password: d.password, secret: d.secret, platform: BUILTIN_PLATFORMS.get('cisco_ios')! }, { hostKeys: { policy: 'off' } });
      try {
        const outputs: string[] = [];
        await session.run(COMMANDS, false, (result) => outputs.push(result.output));
        assert.deepEqual(outputs, COMMANDS.map((command) => reference[command]));
        assert.ok(outputs.some((output) => output.includes(holder)), `no output holds "${holder}"`);
      } finally {
        await session.close();
      }
    });
  }
});
