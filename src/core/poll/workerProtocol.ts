// Messages between the main thread and a poll worker thread.
import { CommandResult, SessionPhase, UnsolicitedMessage } from '../session/cliSession';
import { HostKey } from '../session/knownHosts';
import { PollFailure } from './devicePoll';
import { DeviceWork } from './deviceWork';

/** What a worker thread is started with. */
export interface WorkerOptions {
  /** Run below the main thread's priority: it serves an editor. */
  background: boolean;
}

export type ToWorker = { type: 'run'; id: number; work: DeviceWork } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'phase'; id: number; phase: SessionPhase; ms: number }
  | { type: 'command'; id: number; result: CommandResult }
  | { type: 'message'; id: number; message: UnsolicitedMessage }
  | { type: 'notice'; id: number; text: string }
  | { type: 'new-key'; id: number; key: HostKey; notRecorded?: string }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; failure: PollFailure };
