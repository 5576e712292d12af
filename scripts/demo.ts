// `npm run demo`: stands up a simulated network on 127.0.0.1, polls it with the netpoll
// command line as a network engineer would, then takes the lab down.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { main, processIo } from '../src/cli/main';
import { DeviceLab, LabDeviceSpec } from '../test/lab/lab';

const DEVICE_COUNT = 20;
const OUTPUT_DIR = path.resolve('demo-output');

async function demo(): Promise<number> {
  // Realistic latency, different per device, so results arrive out of inventory order.
  const specs: LabDeviceSpec[] = Array.from({ length: DEVICE_COUNT }, (_, i) => ({
    name: `R${i + 1}`,
    secret: 'cisco',
    loginDelayMs: 200 + ((i * 137) % 600),
    commandDelayMs: 50 + ((i * 71) % 250),
  }));
  const lab = await DeviceLab.start(specs);
  try {
    const unreachablePort = await closedLoopbackPort();
    const inventory =
      lab.inventoryYaml({ R7: { password: 'not-the-password' } }) +
      `- name: R${DEVICE_COUNT + 1}\n  device_type: cisco_ios\n  host: 127.0.0.1\n  port: ${unreachablePort}\n  username: cisco\n  password: cisco\n`;
    await mkdir(OUTPUT_DIR, { recursive: true });
    const inventoryPath = path.join(OUTPUT_DIR, 'devices.yaml');
    await writeFile(inventoryPath, inventory);
    process.stderr.write(`Lab: ${DEVICE_COUNT} simulated Cisco IOS devices on 127.0.0.1 (R7 is given a wrong password, R${DEVICE_COUNT + 1} has nothing listening).\n\n`);
    // The lab's host keys are new every run: keep them out of ~/.ssh/known_hosts.
    const knownHosts = path.join(OUTPUT_DIR, 'known_hosts');
    await rm(knownHosts, { force: true });
    const relative = (file: string) => path.relative(process.cwd(), file);
    const argv = ['poll', relative(inventoryPath), '-c', 'show clock', '-w', '5', '-o', relative(path.join(OUTPUT_DIR, 'results.yaml')), '--known-hosts', relative(knownHosts)];
    process.stderr.write(`$ netpoll ${argv.join(' ')}\n`);
    return await main(argv, processIo);
  } finally {
    await lab.stop();
  }
}

/** A loopback port that refuses connections: bound once, then released. */
function closedLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

demo().then(
  // The demo has a failing device on purpose; it succeeded if the poll ran to the end.
  (code) => (process.exitCode = code === 2 ? 2 : 0),
  (err) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
