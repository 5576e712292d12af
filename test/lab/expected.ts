// What each lab device prints for a command, so tests can compare a client's result with it:
// every line between the echoed command and the next prompt, as plain text (no colour codes),
// Junos's closing blank line included. Left out: IOS XR's timestamp line before the output,
// which varies and which clients turn off with `terminal exec prompt no-timestamp`.
import { DeviceInfo, interpret, PlatformCli } from './cli';
import { parseLine } from './parse';
import { LabPlatform, PLATFORMS } from './platforms';

export interface ExpectedOptions {
  /** The login name (Junos puts it in the prompt). Default `cisco`. */
  username?: string;
  /** Default 6000, as the lab's. */
  runningConfigLines?: number;
  /** At the privileged level (after `enable`), the default; false for user exec. */
  privileged?: boolean;
  /** The clock for commands whose output varies with it. */
  now?: Date;
}

/**
 * The lines `command` prints on a lab device of `platform` named `hostname`: its output, or its
 * error reply (caret line and message) when the device would not accept it.
 */
export function expectedOutput(platform: LabPlatform, hostname: string, command: string, options: ExpectedOptions = {}): string[] {
  const device: DeviceInfo = {
    hostname,
    username: options.username ?? 'cisco',
    runningConfigLines: options.runningConfigLines ?? 6000,
    now: options.now ?? new Date(),
  };
  const cli = PLATFORMS[platform];
  return [...interpret(cli, device, command, options.privileged ?? true).lines, ...(cli.trailer ?? [])];
}

/**
 * True when the output changes from one run to the next (it shows the clock: `show clock`,
 * Junos `show system uptime`); every other command prints the same lines each time.
 */
export function outputVaries(platform: LabPlatform, command: string): boolean {
  const cli = PLATFORMS[platform];
  const parsed = parseLine(command, cli.commands, cli.exactWords);
  return parsed.ok && parsed.command.varies === true;
}

/**
 * The syslog line a lab device of `platform` writes when its spec asks for one (`syslog`), at
 * the time `now`; undefined for the platforms that write none (Junos, generic).
 */
export function expectedSyslog(platform: LabPlatform, hostname: string, now: Date, username = 'cisco'): string | undefined {
  const cli: PlatformCli = PLATFORMS[platform];
  return cli.syslog?.({ hostname, username, runningConfigLines: 0, now });
}
