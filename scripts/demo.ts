// `npm run demo`: stands up a simulated network on 127.0.0.1, polls it with the netpoll
// command line as a network engineer would, then takes the lab down.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { main, processIo } from '../src/cli/main';
import { DeviceLab, LabDevice, LabDeviceSpec, LabPlatform } from '../test/lab/lab';
import { closedLoopbackPort } from '../test/lab/ports';

const OUTPUT_DIR = path.resolve('demo-output');
/** Platforms in the lab, with how many devices of each and the question asked of them. */
const FLEET: { platform: LabPlatform; prefix: string; count: number; command: string }[] = [
  { platform: 'cisco_ios', prefix: 'R', count: 12, command: 'show clock' },
  { platform: 'cisco_xe', prefix: 'XE', count: 6, command: 'show clock' },
  { platform: 'cisco_nxos', prefix: 'sw', count: 8, command: 'show clock' },
  { platform: 'arista_eos', prefix: 'eos', count: 6, command: 'show clock' },
  { platform: 'cisco_xr', prefix: 'xr', count: 4, command: 'show clock' },
  { platform: 'juniper_junos', prefix: 'junos', count: 4, command: 'show system uptime' },
];
const WRONG_PASSWORD_DEVICE = 'R7';

async function demo(): Promise<number> {
  // Realistic latency, different per device, so results arrive out of inventory order.
  let n = 0;
  const specs: LabDeviceSpec[] = FLEET.flatMap(({ platform, prefix, count }) =>
    Array.from({ length: count }, (_, i) => {
      n++;
      return { name: `${prefix}${i + 1}`, platform, secret: 'netpoll-en', loginDelayMs: 200 + ((n * 137) % 600), showDelayMs: 50 + ((n * 71) % 250) };
    }),
  );
  const lab = await DeviceLab.start(specs);
  try {
    const unreachablePort = await closedLoopbackPort();
    const commandFor = (d: LabDevice) => FLEET.find((f) => f.platform === d.platform)!.command;
    const entry = (d: { name: string; platform: LabPlatform; port: number; password: string }, command: string) =>
      `- {name: ${d.name}, device_type: ${d.platform}, host: 127.0.0.1, port: ${d.port}, username: cisco, password: ${d.password}, secret: netpoll-en, commands: ["${command}"]}\n`;
    const inventory =
      lab.devices.map((d) => entry({ ...d, password: d.name === WRONG_PASSWORD_DEVICE ? 'not-the-password' : d.password }, commandFor(d))).join('') +
      entry({ name: 'R99', platform: 'cisco_ios', port: unreachablePort, password: 'cisco' }, 'show clock');
    await mkdir(OUTPUT_DIR, { recursive: true });
    const inventoryPath = path.join(OUTPUT_DIR, 'devices.yaml');
    await writeFile(inventoryPath, inventory);
    // The lab's host keys are new every run: keep them out of ~/.ssh/known_hosts.
    const knownHosts = path.join(OUTPUT_DIR, 'known_hosts');
    await rm(knownHosts, { force: true });
    process.stderr.write(
      `Lab: ${lab.devices.length} simulated devices (${FLEET.map((f) => `${f.count} ${f.platform}`).join(', ')}) on 127.0.0.1;\n` +
        `${WRONG_PASSWORD_DEVICE} is given a wrong password, and R99's address has nothing listening.\n\n`,
    );
    const relative = (file: string) => path.relative(process.cwd(), file);
    const argv = ['poll', relative(inventoryPath), '-w', '10', '-o', relative(path.join(OUTPUT_DIR, 'results.yaml')), '--known-hosts', relative(knownHosts)];
    process.stderr.write(`$ netpoll ${argv.join(' ')}\n`);
    return await main(argv, processIo);
  } finally {
    await lab.stop();
  }
}

demo().then(
  // The demo has failing devices on purpose; it succeeded if the poll ran to the end.
  (code) => (process.exitCode = code === 2 ? 2 : 0),
  (err) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
