// What the results view shows of a poll, as plain data: one small row per device (no outputs)
// and each command's answers across devices. Built by ./pollOverview; read by the view's page.
import type { PhaseTimings } from './outcome';
import type { DeviceStatus, ParseStatus } from './report';

export type OverviewStatus = DeviceStatus | 'pending' | 'running';

export interface OverviewCommand {
  command: string;
  /** The answer group (see CommandAnswers.groups) this device's answer belongs to. */
  answer: number;
  /** Its first line that is not blank, for a table cell. */
  firstLine: string;
  failed: boolean;
  elapsedMs: number;
  parse?: { status: ParseStatus; records: number; message: string | null };
}

export interface OverviewDevice {
  /** The device's place in the poll (its submission position): a stable id. */
  id: number;
  name: string;
  group: string | null;
  deviceType: string;
  host: string;
  port: number;
  status: OverviewStatus;
  elapsedMs: number | null;
  timings: PhaseTimings;
  error: { kind: string; message: string } | null;
  commands: OverviewCommand[];
}

export interface AnswerGroup {
  id: number;
  count: number;
  /** The first line of the first device's answer, to tell groups apart. */
  sample: string;
  /** A device with this answer, to open. */
  example: string;
}

export interface FieldValues {
  field: string;
  /** The most common values first, at most MAX_FIELD_VALUES of them. */
  values: { value: string; count: number }[];
  distinct: number;
}

export interface CommandAnswers {
  command: string;
  /** The most common answer first. */
  groups: AnswerGroup[];
  /** Devices that answered this command. */
  answered: number;
  /** Set when some device's answer was parsed: per field, its values across every record. */
  fields?: FieldValues[];
}
