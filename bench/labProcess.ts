// The device lab in a process of its own, so the CPU, memory and event-loop numbers the bench
// takes are the client's alone, and the lab's SSH work runs on the other core.
// As a child: reads one line of JSON (the device specs) on stdin, starts the lab, prints its
// devices and their inventory as one line of JSON, and stops when stdin closes.
import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as readline from 'node:readline';
import { DeviceLab, LabDevice, LabDeviceSpec } from '../test/lab/lab';

export interface LabProcess {
  devices: LabDevice[];
  /** The devices as a netmiko-style devices.yaml. */
  inventoryYaml: string;
  stop(): Promise<void>;
}

export async function startLabProcess(specs: LabDeviceSpec[]): Promise<LabProcess> {
  const child = spawn(process.execPath, [__filename], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin!.write(JSON.stringify(specs) + '\n');
  const ready = JSON.parse(await firstLine(child)) as Pick<LabProcess, 'devices' | 'inventoryYaml'>;
  return {
    ...ready,
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/**
 * Milliseconds from connecting to a device's port to its first byte (the SSH banner, which a
 * server sends at once): at least half the link's RTT on a lab that emulates one.
 */
export function firstByteMs(device: LabDevice): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ host: device.host, port: device.port });
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no banner from ${device.name} in 30 s`)));
    socket.once('data', () => {
      resolve(performance.now() - started);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the lab process exited (${code}) before it was ready`)));
  });
}

async function serve(): Promise<void> {
  const input = readline.createInterface({ input: process.stdin });
  const specsLine = await new Promise<string>((resolve) => input.once('line', resolve));
  const lab = await DeviceLab.start(JSON.parse(specsLine) as LabDeviceSpec[]);
  process.stdout.write(JSON.stringify({ devices: lab.devices, inventoryYaml: lab.inventoryYaml() }) + '\n');
  input.once('close', () => void lab.stop().then(() => process.exit(0)));
}

if (require.main === module) {
  serve().catch((err) => {
    process.stderr.write(`lab process: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
