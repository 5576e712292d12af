// What a report needs to know about one device that reached a final state, as plain data.
// Whoever ran the poll (core/poll) hands these over, so results never depend on how a poll runs.

export type FinalStatus = 'finished' | 'failed' | 'cancelled';

/** The phases a report shows timings for: the names the results schema allows. */
export type TimedPhase = 'queued' | 'connect' | 'auth' | 'prepare' | 'total';

/** Milliseconds per phase; a phase not reached is absent. */
export type PhaseTimings = Partial<Record<TimedPhase, number>>;

export interface DeviceFailure {
  /** The failure's class, e.g. `auth` or `command-timeout`; its list belongs to the session layer. */
  kind: string;
  message: string;
  hint?: string;
}

export interface CommandOutcome {
  command: string;
  output: string;
  failed: boolean;
  elapsedMs: number;
  /** The output's end could not be told apart from a prompt-like line inside it: it may be cut short. */
  uncertainEnd?: boolean;
}

/** A line the device sent on its own (syslog from `terminal monitor`): never part of an output. */
export interface MessageOutcome {
  text: string;
  /** The command being answered when it arrived; absent while the session was being set up. */
  command?: string;
}

export interface DeviceOutcome {
  name: string;
  group?: string;
  host: string;
  port: number;
  deviceType: string;
  status: FinalStatus;
  /** Absent when the device never started (cancelled while pending). */
  elapsedMs?: number;
  timings: PhaseTimings;
  commands: readonly CommandOutcome[];
  /** In arrival order; perhaps only the first ones (see messagesDropped). */
  messages: readonly MessageOutcome[];
  /** Messages that came after those kept, counted only. */
  messagesDropped?: number;
  error?: DeviceFailure;
}
