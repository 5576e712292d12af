// The baseline NetPoll is held to: the least a client can do and still get the same answers
// from lab cisco_ios devices. Password login, a shell with a PTY, `enable` + secret,
// `terminal length 0`, then each command read until the privileged prompt ends the buffer.
// No echo handling, output cleaning, timeouts, error classification or host key checks;
// sessions on the main thread, at most `workers` at once.
import { Client, ClientChannel } from 'ssh2';
import { LabDevice } from '../test/lab/lab';

export interface DeviceAnswer {
  name: string;
  /** What each command brought back, as received: its echo, its output, the prompt. */
  outputs: string[];
  error?: string;
}

/** Lines of output in one answer: those between the echoed command and the prompt. */
export const outputLines = (raw: string): number => raw.split('\r\n').length - 2;

export async function minimalPoll(devices: LabDevice[], commands: string[], workers: number): Promise<DeviceAnswer[]> {
  const answers: DeviceAnswer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < devices.length) {
      const device = devices[next++];
      try {
        answers.push({ name: device.name, outputs: await pollDevice(device, commands) });
      } catch (err) {
        answers.push({ name: device.name, outputs: [], error: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, devices.length) }, worker));
  return answers;
}

async function pollDevice(device: LabDevice, commands: string[]): Promise<string[]> {
  const client = new Client();
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  try {
    const shell = await openShell(client, device);
    const reader = new Reader(shell);
    const first = await reader.until((tail) => tail.endsWith('>'));
    const privileged = `\n${first.slice(first.lastIndexOf('\n') + 1, -1)}#`;
    const atPrompt = (tail: string) => tail.endsWith(privileged);
    shell.write('enable\n');
    await reader.until((tail) => tail.endsWith('Password: '));
    shell.write(`${device.secret}\n`);
    await reader.until(atPrompt);
    shell.write('terminal length 0\n');
    await reader.until(atPrompt);
    const outputs: string[] = [];
    for (const command of commands) {
      shell.write(`${command}\n`);
      outputs.push(await reader.until(atPrompt));
    }
    return outputs;
  } finally {
    client.end();
    await closed;
  }
}

function openShell(client: Client, device: LabDevice): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.on('error', reject); // later errors also close the shell, which the reader reports
    client.once('ready', () => client.shell({ term: 'vt100' }, (err, shell) => (err ? reject(err) : resolve(shell))));
    client.connect({ host: device.host, port: device.port, username: device.username, password: device.password, readyTimeout: 120_000 });
    client.setNoDelay(true); // every exchange is a tiny write waiting on a reply
  });
}

/** Collects what the device sends; tests only a short tail, so long outputs stay linear. */
class Reader {
  private chunks: string[] = [];
  private tail = '';
  private waiting?: { test: (tail: string) => boolean; resolve: (text: string) => void; reject: (err: Error) => void };

  constructor(shell: ClientChannel) {
    shell.setEncoding('utf8');
    shell.on('data', (text: string) => {
      this.chunks.push(text);
      this.tail = (this.tail + text).slice(-64);
      this.check();
    });
    shell.on('close', () => this.waiting?.reject(new Error('the device closed the session')));
  }

  /** Resolves with everything received since the last call once `test` holds for the tail. */
  until(test: (tail: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting = { test, resolve, reject };
      this.check();
    });
  }

  private check(): void {
    if (!this.waiting?.test(this.tail)) return;
    const { resolve } = this.waiting;
    this.waiting = undefined;
    const text = this.chunks.join('');
    this.chunks = [];
    this.tail = '';
    resolve(text);
  }
}
