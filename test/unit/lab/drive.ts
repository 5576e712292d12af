// Drives a lab CLI shell with keystrokes and records what it writes, for the lab's unit tests.
import { CliShell, ShellOptions } from '../../lab/cli';
import { LabPlatform, PLATFORMS } from '../../lab/platforms';

export interface Driven {
  /** Type keys; returns what the device wrote in answer to them. */
  type(keys: string): string;
  closed(): boolean;
}

export function drive(platform: LabPlatform, hostname: string, options: ShellOptions & { runningConfigLines?: number } = {}): Driven & { banner: string } {
  let written = '';
  let closed = false;
  const shell = new CliShell(
    PLATFORMS[platform],
    { hostname, username: 'cisco', runningConfigLines: options.runningConfigLines ?? 6000 },
    options,
    { write: (text) => void (written += text), flood: (text) => void (written += text), close: () => void (closed = true) },
  );
  shell.start();
  const banner = written;
  const type = (keys: string) => {
    written = '';
    shell.input(keys);
    return written;
  };
  return { banner, type, closed: () => closed };
}

/** The lines between the echoed command and the next prompt, as a client would keep them. */
export function body(reply: string, prompt: string): string[] {
  const lines = reply.split('\r\n');
  assertEndsWith(lines.at(-1) ?? '', prompt);
  return lines.slice(1, -1);
}

function assertEndsWith(text: string, end: string): void {
  if (!text.endsWith(end)) throw new Error(`expected the reply to end with ${JSON.stringify(end)}, got ${JSON.stringify(text)}`);
}
