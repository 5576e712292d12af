// The as-completed log lines, shared by the command line and the output channel:
// `===>` a connection starts, `<===` a result arrives, `!!!` a device failed.
import { DevicePoll } from './devicePoll';

export interface LogEntry {
  marker: '===>' | '<===' | '!!!' | '---';
  text: string;
  level: 'info' | 'error' | 'warn';
}

/** The log entry for a device's new state; pending is not worth a line. */
export function describeState(poll: DevicePoll): LogEntry | undefined {
  const { name, host, port } = poll.device;
  const seconds = ((poll.elapsedMs ?? 0) / 1000).toFixed(2);
  switch (poll.state) {
    case 'running':
      return { marker: '===>', text: `Connection: ${name} (${host}:${port})`, level: 'info' };
    case 'finished': {
      const failed = poll.commands.filter((c) => c.failed).length;
      const note = failed > 0 ? ` (${failed} of ${poll.commands.length} commands failed on the device)` : '';
      return { marker: '<===', text: `Received: ${name} in ${seconds} s${note}`, level: failed > 0 ? 'warn' : 'info' };
    }
    case 'failed': {
      const error = poll.error!;
      return { marker: '!!!', text: `Failed: ${name} ${error.kind}: ${error.message}${error.hint ? ` (${error.hint})` : ''}`, level: 'error' };
    }
    case 'cancelled':
      return { marker: '---', text: `Cancelled: ${name}`, level: 'warn' };
    case 'pending':
      return undefined;
  }
}
