// Drives a lab CLI shell with keystrokes and records what it writes, for the lab's unit tests.
import { CliShell, ShellOptions } from '../../lab/cli';
import { LabPlatform, PLATFORMS } from '../../lab/platforms';

export interface Driven {
  /** Type keys; returns what the device wrote in answer to them at once (and anything not yet taken). */
  type(keys: string): string;
  /**
   * Resolves with what the device wrote since the last `type` or `until`, once that includes
   * `text` (what a command that takes time writes later).
   */
  until(text: string): Promise<string>;
  closed(): boolean;
  /** Cancels the shell's timers. */
  dispose(): void;
}

export function drive(platform: LabPlatform, hostname: string, options: ShellOptions & { runningConfigLines?: number } = {}): Driven & { banner: string } {
  let written = '';
  let closed = false;
  let waiter: { text: string; resolve: (written: string) => void } | undefined;
  const take = () => {
    const out = written;
    written = '';
    return out;
  };
  const wrote = (text: string) => {
    written += text;
    if (waiter && written.includes(waiter.text)) {
      const { resolve } = waiter;
      waiter = undefined;
      resolve(take());
    }
  };
  const shell = new CliShell(
    PLATFORMS[platform],
    { hostname, username: 'cisco', runningConfigLines: options.runningConfigLines ?? 6000 },
    options,
    { write: wrote, flood: wrote, close: () => void (closed = true) },
  );
  shell.start();
  const banner = take();
  return {
    banner,
    type: (keys) => {
      shell.input(keys);
      return take();
    },
    until: (text) => (written.includes(text) ? Promise.resolve(take()) : new Promise((resolve) => (waiter = { text, resolve }))),
    closed: () => closed,
    dispose: () => shell.dispose(),
  };
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
