// A PollReport as text: YAML (readable, outputs as block literals), JSON, or Markdown.
import { stringify } from 'yaml';
import { PollReport } from './report';

export type ResultsFormat = 'yaml' | 'json' | 'markdown';

export function renderReport(report: PollReport, format: ResultsFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'yaml':
      return stringify(report, { lineWidth: 0, blockQuote: 'literal' });
    case 'markdown':
      return renderMarkdown(report);
  }
}

/** One line a person reads first: `40 devices: 38 finished, 1 failed, 1 cancelled in 2.4 s`. */
export function summaryLine(report: PollReport): string {
  const s = report.summary;
  const parts = [`${s.finished} finished`, `${s.failed} failed`];
  if (s.cancelled > 0) parts.push(`${s.cancelled} cancelled`);
  if (s.skipped > 0) parts.push(`${s.skipped} skipped`);
  return `${s.total} devices: ${parts.join(', ')} in ${(report.elapsedMs / 1000).toFixed(1)} s`;
}

function renderMarkdown(report: PollReport): string {
  const out = [`# NetPoll results: ${report.inventory}`, '', `${summaryLine(report)}. Started ${report.startedAt}, ${report.workers} workers.`, ''];
  for (const device of report.devices) {
    const elapsed = device.elapsedMs === null ? '' : ` in ${(device.elapsedMs / 1000).toFixed(2)} s`;
    out.push(`## ${device.name} — ${device.status}${elapsed}`, '', `${device.host}:${device.port}, ${device.deviceType}${device.group ? `, group ${device.group}` : ''}`, '');
    if (device.error) out.push(`**${device.error.kind}**: ${device.error.message}${device.error.hint ? `  \n${device.error.hint}` : ''}`, '');
    for (const command of device.commands) {
      out.push(`### \`${command.command}\`${command.failed ? ' (failed)' : ''}`, '', '```text', command.output, '```', '');
    }
  }
  return out.join('\n');
}
