// The as-completed log lines, shared by the command line and the output channel:
// `===>` a connection starts, `<===` a result arrives, `!!!` a device failed or an output may be
// cut short.
import { printable } from '../results/printable';
import { messagesSummary, UNCERTAIN_END } from '../results/sessionNotes';
import { CommandResult } from '../session/cliSession';
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
      const uncertain = poll.uncertainEnds.length;
      const notes = [
        failed > 0 && `${failed} of ${poll.commands.length} commands failed on the device`,
        uncertain > 0 && `${uncertain} ${uncertain === 1 ? 'output' : 'outputs'} may be cut short`,
        poll.messageCount > 0 && messagesSummary(poll.messageCount, poll.messagesDropped),
      ].filter(Boolean);
      const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
      return { marker: '<===', text: `Received: ${name} in ${seconds} s${note}`, level: failed > 0 || uncertain > 0 ? 'warn' : 'info' };
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

/** A command's answer worth a line of its own: one whose output may be cut short. */
export function describeCommand(poll: DevicePoll, result: CommandResult): LogEntry | undefined {
  if (!result.uncertainEnd) return undefined;
  return { marker: '!!!', text: `${printable(poll.device.name)}: ${printable(result.command)} (${UNCERTAIN_END})`, level: 'warn' };
}

/** The session changed how it works with a device (pipelining turned off), and why. */
export function describeNotice(poll: DevicePoll, text: string): LogEntry {
  return { marker: '---', text: `${printable(poll.device.name)}: ${printable(text)}`, level: 'info' };
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
