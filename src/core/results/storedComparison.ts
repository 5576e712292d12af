// Two stored polls compared, as the text of one document: the summary first, then each device
// that is not unchanged with its commands and their diffs. Devices are compared one pair at a
// time; only this text is kept.
import { comparePolls, CompareOptions, comparisonLine, count, DeviceComparison, emptySummary, PollSide, ComparisonSummary } from './pollCompare';
import { printable } from './printable';

export interface ComparisonText {
  summary: ComparisonSummary;
  text: string;
  /** Every device's comparison, without diffs (they are in the text). */
  devices: DeviceComparison[];
}

export async function comparisonText(before: PollSide, after: PollSide, options: CompareOptions = {}): Promise<ComparisonText> {
  const summary = emptySummary();
  const sections: string[] = [];
  const devices: DeviceComparison[] = [];
  const unchanged: string[] = [];
  for await (const device of comparePolls(before, after, options)) {
    count(summary, device);
    devices.push({ ...device, commands: device.commands.map(({ command, status }) => ({ command, status })) });
    if (device.status === 'unchanged') unchanged.push(printable(device.name));
    else sections.push(deviceSection(device));
  }
  const head = [`# ${comparisonLine(summary)}`, `# before: ${printable(before.label)}`, `# now:    ${printable(after.label)}`, `# Lines that change on every poll (clock, uptime, counters) are not compared.`, ''];
  const tail = unchanged.length > 0 ? [`Unchanged: ${unchanged.join(', ')}`, ''] : [];
  return { summary, devices, text: [...head, ...sections, ...tail].join('\n') };
}

function deviceSection(device: DeviceComparison): string {
  const lines = [`## ${printable(device.name)}: ${device.status.replace('-', ' ')}${device.reason ? ` (${printable(device.reason)})` : ''}`];
  for (const command of device.commands) {
    if (command.status === 'unchanged') continue;
    lines.push(`${printable(device.name)}> ${printable(command.command)}: ${command.status}`);
    if (command.diff) lines.push(command.diff.trimEnd());
  }
  return lines.join('\n') + '\n';
}
