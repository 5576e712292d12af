// The messages between the results view's page and the extension host, both ways.
import type { CommandAnswers, OverviewDevice } from '../core/results/overview';
import type { ParsedRecord, PollSummary } from '../core/results/report';

/**
 * Which poll a view shows; kept in the page's state, so a reloaded window shows it again. A
 * `latest` view follows each new poll of its inventory; `dir` is the poll it showed last.
 */
export type ViewSource = { kind: 'latest'; inventory: string; dir?: string } | { kind: 'stored'; dir: string };

export interface PollHeading {
  inventory: string;
  startedAt: string;
  finishedAt: string | null;
  workers: number;
  commands: string[];
  summary: PollSummary;
  running: boolean;
  /** How the poll ended, or "running". */
  state: string;
}

export type ToView =
  /** Everything, replacing what the page shows. */
  | { type: 'poll'; source: ViewSource; heading: PollHeading; devices: OverviewDevice[]; answers: CommandAnswers[] }
  /** Devices that changed since the last message, and the answers as they are now. */
  | { type: 'update'; heading: PollHeading; devices: OverviewDevice[]; answers: CommandAnswers[] }
  | { type: 'parsed'; command: string; columns: string[]; rows: { device: string; record: ParsedRecord }[] }
  | { type: 'empty'; message: string };

export type FromView =
  | { type: 'ready' }
  | { type: 'openDevice'; name: string }
  | { type: 'repoll'; name: string }
  | { type: 'parsed'; command: string }
  | { type: 'export'; command: string; format: 'csv' | 'json' };

/** What the page keeps across hiding, reloads and restarts. */
export interface ViewState {
  source?: ViewSource;
  tab: 'devices' | 'answers' | 'parsed' | 'timeline';
  filter: string;
  sort: { key: string; descending: boolean };
  parsedCommand?: string;
  parsedFilter: string;
}
