// The job the executor runs for each device: one CLI session, the commands in order.
import { findPlatform } from '../platforms/builtins';
import { CliSession, SessionTimeouts } from '../session/cliSession';
import { SessionError } from '../session/errors';
import { DeviceJob } from './executor';

export interface SshJobOptions {
  /** Commands for devices that do not list their own. */
  commands: string[];
  timeouts?: Partial<SessionTimeouts>;
}

export function sshJob(options: SshJobOptions): DeviceJob {
  return async (poll, { signal, commandDone }) => {
    const device = poll.device;
    const platform = findPlatform(device.deviceType);
    if (!platform) {
      throw new SessionError('config', `device_type "${device.deviceType}" is not supported`, 'Use one of the supported device types, e.g. cisco_ios.');
    }
    const session = await CliSession.open(
      { host: device.host, port: device.port, username: device.username ?? '', password: device.password, secret: device.secret, platform },
      { timeouts: options.timeouts, signal, onPhase: (phase, ms) => (poll.timings[phase] = ms) },
    );
    try {
      for (const command of device.commands ?? options.commands) {
        const result = await session.send(command);
        poll.commands.push(result);
        commandDone(result);
      }
    } finally {
      await session.close();
    }
  };
}
