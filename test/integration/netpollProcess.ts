// The netpoll command line as a real process, for tests that watch what it prints and act on it.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../src/cli/main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

type Seen = Pick<Exit, 'stdout' | 'stderr'>;

/** Runs netpoll; `watch` sees all it printed so far after each chunk, and may act on the process. */
export function netpoll(args: string[], watch: (seen: Seen, child: ReturnType<typeof spawn>) => void = () => undefined): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: Seen = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        seen[stream] += chunk.toString();
        watch(seen, child);
      });
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, ...seen }));
  });
}

export const received = (log: string, name: string) => log.includes(`Received: ${name} `);
