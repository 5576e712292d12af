// One device's answers as plain text: the document a device opens to in the editor, and what
// Copy output puts on the clipboard. NetPoll's own lines start with `#`; the device's text does not.
import { printable } from './printable';
import { parseSummary, textTable } from './recordTables';
import { DeviceReport } from './report';
import { messagesSummary, messageWhen, UNCERTAIN_END } from './sessionNotes';

/** The first line: the device, where it is, and its state. */
export function deviceHeading(d: Pick<DeviceReport, 'name' | 'host' | 'port' | 'deviceType'>, state: string): string {
  return `# ${printable(d.name)} (${printable(d.host)}:${d.port}, ${d.deviceType}): ${state}`;
}

/** One device's answers (or error) as plain text. */
export function deviceText(d: DeviceReport): string {
  const lines = [deviceHeading(d, d.status)];
  if (d.error) lines.push(`# ${d.error.kind}: ${d.error.message}`, ...(d.error.hint ? [`# ${d.error.hint}`] : []));
  for (const command of d.commands) {
    const notes = [command.failed && 'failed on the device', command.uncertainEnd && UNCERTAIN_END].filter(Boolean);
    lines.push('', `${d.name}> ${command.command}${notes.length > 0 ? `   (${notes.join('; ')})` : ''}`, command.output);
    if (command.parse) {
      // Below the output, clearly apart from what the device said.
      lines.push('', `# parsed: ${parseSummary(command.parse, command.parsed?.length ?? 0)}`);
      const table = command.parsed ? textTable(command.parsed, '# ') : '';
      if (table !== '') lines.push(table.trimEnd());
    }
  }
  lines.push(...messageLines(d));
  return lines.join('\n') + '\n';
}

/**
 * The lines the device sent on its own, after every output and apart from them: each as the
 * device sent it (on one line), under a `#` note of when it came.
 */
function messageLines(d: DeviceReport): string[] {
  const dropped = d.messagesDropped ?? 0;
  if (d.messages.length === 0 && dropped === 0) return [];
  const lines = ['', `# ${messagesSummary(d.messages.length + dropped, dropped)}, sent on its own and kept out of the outputs:`];
  let when: string | undefined;
  for (const m of d.messages) {
    const now = messageWhen(m.command);
    if (now !== when) lines.push(`# ${printable(now)}`);
    when = now;
    lines.push(printable(m.text));
  }
  if (dropped > 0) lines.push(`# … ${dropped} more, not kept`);
  return lines;
}
