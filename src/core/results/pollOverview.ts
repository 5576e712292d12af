// A poll at a glance, for the results view: one small row per device (no outputs), each
// command's answers grouped by identical text, and for parsed commands the distinct values of
// each field. Answers are compared as Compare compares them (volatile lines left out), and with
// the device's own name made neutral, so that "R1 uptime is" and a prompt or hostname do not
// split devices that say the same. Built as devices are stored, or read back from a store: it
// never holds more than one device's outputs.
import { createHash } from 'node:crypto';
import type { AnswerGroup, CommandAnswers, OverviewCommand, OverviewDevice } from './overview';
import { cellText } from './recordTables';
import { DeviceReport } from './report';
import { IgnoreRule, ignoredLines } from './volatileLines';

/** More values than this per field are counted, not listed. */
export const MAX_FIELD_VALUES = 50;

interface Answers {
  groups: Map<string, AnswerGroup>;
  answered: number;
  fields: Map<string, Map<string, number>>;
}

export class PollOverview {
  private readonly devices = new Map<number, OverviewDevice>();
  private readonly answers = new Map<string, Answers>();

  constructor(private readonly rules: readonly IgnoreRule[] = []) {}

  /** A device not yet final (pending or running): shown, with no answers. */
  setPending(device: Omit<OverviewDevice, 'commands' | 'error'>): OverviewDevice {
    const row = { ...device, error: null, commands: [] };
    this.devices.set(device.id, row);
    return row;
  }

  /** A final device's report (as stored): its row, and its answers counted. */
  add(id: number, report: DeviceReport): OverviewDevice {
    const commands = report.commands.map((c) => {
      const row: OverviewCommand = { command: c.command, answer: this.answerOf(report, c.command, c.output), firstLine: firstLine(c.output), failed: c.failed, elapsedMs: c.elapsedMs };
      if (c.parse) {
        row.parse = { status: c.parse.status, records: c.parsed?.length ?? 0, message: c.parse.message };
        if (c.parsed) this.countFields(c.command, c.parsed);
      }
      return row;
    });
    const row: OverviewDevice = {
      id,
      name: report.name,
      group: report.group,
      deviceType: report.deviceType,
      host: report.host,
      port: report.port,
      status: report.status,
      elapsedMs: report.elapsedMs,
      timings: report.timings,
      error: report.error && { kind: report.error.kind, message: report.error.message },
      commands,
    };
    this.devices.set(id, row);
    return row;
  }

  device(id: number): OverviewDevice | undefined {
    return this.devices.get(id);
  }

  /** Every device, in the poll's order. */
  allDevices(): OverviewDevice[] {
    return [...this.devices.values()].sort((a, b) => a.id - b.id);
  }

  /** Each command's answers, in the order the commands were first seen. */
  allAnswers(): CommandAnswers[] {
    return [...this.answers].map(([command, answers]) => {
      const groups = [...answers.groups.values()].sort((a, b) => b.count - a.count || a.id - b.id);
      if (answers.fields.size === 0) return { command, groups, answered: answers.answered };
      const fields = [...answers.fields].map(([field, counts]) => ({
        field,
        distinct: counts.size,
        values: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_FIELD_VALUES).map(([value, count]) => ({ value, count })),
      }));
      return { command, groups, answered: answers.answered, fields };
    });
  }

  private answersFor(command: string): Answers {
    let answers = this.answers.get(command);
    if (!answers) this.answers.set(command, (answers = { groups: new Map(), answered: 0, fields: new Map() }));
    return answers;
  }

  private answerOf(report: DeviceReport, command: string, output: string): number {
    const answers = this.answersFor(command);
    answers.answered++;
    const key = answerKey(output, report, command, this.rules);
    const known = answers.groups.get(key);
    if (known) {
      known.count++;
      return known.id;
    }
    const group = { id: answers.groups.size, count: 1, sample: firstLine(output), example: report.name };
    answers.groups.set(key, group);
    return group.id;
  }

  private countFields(command: string, records: NonNullable<DeviceReport['commands'][number]['parsed']>): void {
    const { fields } = this.answersFor(command);
    for (const record of records) {
      for (const [field, value] of Object.entries(record)) {
        let counts = fields.get(field);
        if (!counts) fields.set(field, (counts = new Map()));
        const text = cellText(value);
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
    }
  }
}

/** What two devices' answers must share to be the same answer: a digest, so no output is kept. */
function answerKey(output: string, report: DeviceReport, command: string, rules: readonly IgnoreRule[]): string {
  const skip = ignoredLines(rules, { device: report.name, deviceType: report.deviceType, command });
  const name = report.name.length >= 2 ? new RegExp(`(?<![\\w-])${report.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g') : undefined;
  const hash = createHash('sha1');
  for (const line of output.split('\n')) {
    if (skip(line)) continue;
    hash.update(name ? line.replace(name, '\u0000') : line);
    hash.update('\n');
  }
  return hash.digest('base64');
}

function firstLine(output: string): string {
  for (const line of output.split('\n', 50)) if (line.trim() !== '') return line.trim().slice(0, 200);
  return '';
}
