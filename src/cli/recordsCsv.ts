// `netpoll poll --format csv`: the parsed records of every device, as one table for a
// spreadsheet: device and command first, then every key a record of the poll can have (known
// before the poll, from its templates), so rows can be written as devices end.
import { csvRows, recordsToCsv } from '../core/parse/csvTable';
import { ReportRenderer } from '../core/results/render';

export function recordsCsvRenderer(keys: readonly string[]): ReportRenderer {
  const columns = ['device', 'command', ...keys.filter((key) => key !== 'device' && key !== 'command')];
  return {
    header: () => recordsToCsv(columns, []),
    device: (device) => device.commands.map((command) => csvRows(columns, (command.parsed ?? []).map((record) => ({ ...record, device: device.name, command: command.command })))).join(''),
    footer: () => '',
  };
}
