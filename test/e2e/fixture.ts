// The world the e2e tests run in: the device lab on 127.0.0.1 and a workspace folder
// whose devices.yaml lists its devices, one of them with a wrong password.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeviceLab, LabDeviceSpec } from '../lab/lab';
import { SyslogSpec } from '../lab/syslog';
import { E2eExpectations, EXPECTATIONS_FILE, SLOW_INVENTORY } from './suite/expectations';

export interface E2eFixture {
  workspace: string;
  inventory: string;
  lab: DeviceLab;
  /** For the user's (or the machine's) settings: what a workspace may not set. */
  userSettings: Record<string, unknown>;
  stop(): Promise<void>;
}

const DEVICE_COUNT = 6;
const PASSWORD = 'lab-pw-7f3a';
const SECRET = 'lab-en-91c2';
const WRONG_PASSWORD = 'wrong-pw-c0de';
/** R5 has `terminal monitor` on: a syslog line comes in the middle of each output. */
const SYSLOG_DEVICES: Record<string, SyslogSpec> = { R5: { at: 'inside-output', synchronous: false } };

export async function startE2eFixture(): Promise<E2eFixture> {
  const lab = await DeviceLab.start([
    ...Array.from({ length: DEVICE_COUNT }, (_, i): LabDeviceSpec => ({ name: `R${i + 1}`, password: PASSWORD, secret: SECRET, loginDelayMs: 50 * (i % 3), showDelayMs: 20 * i, syslog: SYSLOG_DEVICES[`R${i + 1}`] })),
    // A show command takes them 5 s: slow enough to cancel mid-poll; in an inventory of their own.
    ...['S1', 'S2', 'S3'].map((name): LabDeviceSpec => ({ name, password: PASSWORD, secret: SECRET, showDelayMs: 5_000 })),
  ]);
  const workspace = await mkdtemp(path.join(tmpdir(), 'netpoll-e2e-'));
  const inventory = path.join(workspace, 'devices.yaml');
  const [main, slow] = lab.inventoryYaml({ R4: { password: WRONG_PASSWORD } }).split(/(?=^- name: S1$)/m);
  await writeFile(inventory, main);
  await writeFile(path.join(workspace, SLOW_INVENTORY), slow);
  const expectations: E2eExpectations = {
    devices: lab.devices.filter((d) => d.name.startsWith('R')).map((d) => ({ name: d.name, status: d.name === 'R4' ? 'failed' : 'finished' })),
    ports: Object.fromEntries(lab.devices.map((d) => [d.name, d.port])),
    secrets: [PASSWORD, SECRET, WRONG_PASSWORD],
  };
  await writeFile(path.join(workspace, EXPECTATIONS_FILE), JSON.stringify(expectations, null, 2));
  // The lab's host keys are new every run: record them in the workspace, not ~/.ssh/known_hosts.
  // Only a user or machine setting may say where known_hosts is.
  const userSettings = { 'netpoll.knownHostsFile': path.join(workspace, 'known_hosts') };
  await mkdir(path.join(workspace, '.vscode'));
  // VS Code scans every process's sockets every few seconds for ports to forward: with a lab of
  // a thousand devices listening on this machine, that scan would weigh on the extension host
  // like no network of real devices does.
  const settings = { 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' };
  await writeFile(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  const stop = async () => {
    await lab.stop();
    await rm(workspace, { recursive: true, force: true });
  };
  return { workspace, inventory, lab, userSettings, stop };
}
