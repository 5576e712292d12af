// The as-completed log lines, shared by the command line and the output channel:
// `===>` a connection starts, `<===` a result arrives, `!!!` a device failed.
import { printable } from '../results/printable';
import { HostKey } from '../session/knownHosts';
import { DevicePoll, PollFailure } from './devicePoll';

export interface LogEntry {
  marker: '===>' | '<===' | '!!!' | '---';
  text: string;
  level: 'info' | 'error' | 'warn';
}

/**
 * The log entry for a device's new state; pending is not worth a line. Always one line: names,
 * hosts and messages come from the inventory and the device, so their control characters are escaped.
 */
export function describeState(poll: DevicePoll): LogEntry | undefined {
  const name = printable(poll.device.name);
  const { host, port } = poll.device;
  const seconds = ((poll.elapsedMs ?? 0) / 1000).toFixed(2);
  switch (poll.state) {
    case 'running':
      return { marker: '===>', text: `Connection: ${name} (${printable(host)}:${port})`, level: 'info' };
    case 'finished': {
      const failed = poll.commands.filter((c) => c.failed).length;
      const note = failed > 0 ? ` (${failed} of ${poll.commands.length} commands failed on the device)` : '';
      return { marker: '<===', text: `Received: ${name} in ${seconds} s${note}`, level: failed > 0 ? 'warn' : 'info' };
    }
    case 'failed': {
      const error = poll.error!;
      const hint = error.hint ? ` (${printable(error.hint)})` : '';
      return { marker: '!!!', text: `Failed: ${name} ${error.kind}: ${printable(error.message)}${hint}`, level: 'error' };
    }
    case 'cancelled':
      return { marker: '---', text: `Cancelled: ${name}`, level: 'warn' };
    case 'pending':
      return undefined;
  }
}

/** A host key seen for the first time, recorded in known_hosts or not (and why not). */
export function describeNewHostKey(deviceName: string, key: HostKey, notRecorded: string | undefined): LogEntry {
  const which = `${printable(deviceName)}'s host key ${key.type} ${key.fingerprint}`;
  if (notRecorded === undefined) return { marker: '---', text: `Recorded ${which} (first contact)`, level: 'info' };
  return { marker: '---', text: `New ${which} could not be recorded: ${printable(notRecorded)}; it is trusted for this poll only`, level: 'warn' };
}

/** The poll runs fewer sessions at once because this machine could not open more. */
export function describeLimit(sessions: number, why: PollFailure): LogEntry {
  const reason = printable(why.message).replace(/ connecting to .*$/, '');
  return { marker: '---', text: `${reason}: running at most ${sessions} sessions at once from now on; the waiting devices still run. ${why.hint ?? ''}`.trimEnd(), level: 'warn' };
}
