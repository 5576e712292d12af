// Two polls compared, as the text of one document: the summary first, then each device that is
// not unchanged with its commands and their diffs. Devices are compared one pair at a time;
// only this text is kept.
import { comparePolls, CompareOptions, comparisonLine, count, DeviceComparison, emptySummary, PollSide } from './pollCompare';
import { printable } from './printable';

export async function comparisonText(before: PollSide, after: PollSide, options: CompareOptions = {}): Promise<string> {
  const summary = emptySummary();
  const sections: string[] = [];
  const unchanged: string[] = [];
  for await (const device of comparePolls(before, after, options)) {
    count(summary, device);
    if (device.status === 'unchanged') unchanged.push(printable(device.name));
    else sections.push(deviceSection(device));
  }
  const head = [`# ${comparisonLine(summary)}`, `# before: ${printable(before.label)}`, `# now:    ${printable(after.label)}`, `# Lines that change on every poll (clock, uptime, counters) are not compared.`, ''];
  const tail = unchanged.length > 0 ? [`Unchanged: ${unchanged.join(', ')}`, ''] : [];
  return [...head, ...sections, ...tail].join('\n');
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
