// One device's place in a poll, with the life of a Future:
// pending -> running -> finished | failed | cancelled.
import { DeviceSpec } from '../inventory/inventory';
import { ParseReport } from '../results/report';
import { CommandResult, SessionPhase, UnsolicitedMessage } from '../session/cliSession';
import { ErrorKind, SessionError } from '../session/errors';

export type PollState = 'pending' | 'running' | 'finished' | 'failed' | 'cancelled';

export interface PollFailure {
  kind: ErrorKind;
  message: string;
  hint?: string;
}

/** How one command's output parsed, kept (small) after the outputs leave memory. */
export interface ParseNote extends ParseReport {
  command: string;
  records: number;
}

/** Milliseconds spent in each phase; absent until the phase has happened. */
export type PollTimings = Partial<Record<'queued' | SessionPhase | 'total', number>>;

/** The messages kept per device; later ones are only counted, so a chatty device cannot fill memory. */
export const MAX_MESSAGES = 1000;

let finishedSoFar = 0;

export class DevicePoll {
  state: PollState = 'pending';
  readonly commands: CommandResult[] = [];
  /** What the device sent on its own, in arrival order: the first MAX_MESSAGES. */
  readonly messages: UnsolicitedMessage[] = [];
  /** Messages that came after MAX_MESSAGES: counted, not kept. */
  messagesDropped = 0;
  /** Every message the device sent; unlike `messages`, kept after the outputs leave memory. */
  messageCount = 0;
  /** Commands whose output may be cut short (CommandResult.uncertainEnd), kept after the outputs leave memory. */
  readonly uncertainEnds: string[] = [];
  error: PollFailure | undefined;
  readonly timings: PollTimings = {};
  /** Rank among all devices that reached a final state, for completion order. */
  finishOrder = Number.POSITIVE_INFINITY;
  /** Its parsed commands, once it is stored. */
  parseNotes: readonly ParseNote[] = [];
  /** Its outputs went to a poll store and left memory (see releaseOutputs). */
  outputsReleased = false;
  /** Resolves (never rejects) once the device is final and kept (see PollExecutor.keepWith). */
  readonly done: Promise<DevicePoll>;

  private readonly submittedAt = performance.now();
  private startedAt: number | undefined;
  private resolveDone!: (poll: DevicePoll) => void;
  readonly abortController = new AbortController();

  constructor(readonly device: DeviceSpec, readonly index: number) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get isFinal(): boolean {
    return this.state === 'finished' || this.state === 'failed' || this.state === 'cancelled';
  }

  /** Milliseconds from start to the end (or now, while running). */
  get elapsedMs(): number | undefined {
    return this.timings.total ?? (this.startedAt === undefined ? undefined : performance.now() - this.startedAt);
  }

  markRunning(): void {
    this.startedAt = performance.now();
    this.timings.queued = this.startedAt - this.submittedAt;
    this.state = 'running';
  }

  /** One command answered. */
  addCommand(result: CommandResult): void {
    this.commands.push(result);
    if (result.uncertainEnd) this.uncertainEnds.push(result.command);
  }

  /** One message from the device; once it is final, the results are set and later ones are not theirs. */
  addMessage(message: UnsolicitedMessage): void {
    if (this.isFinal) return;
    this.messageCount++;
    if (this.messages.length < MAX_MESSAGES) this.messages.push(message);
    else this.messagesDropped++;
  }

  /** Back to pending, as if it had not started (it had not reached the device). */
  requeue(): void {
    this.state = 'pending';
    this.startedAt = undefined;
    this.commands.length = 0;
    this.messages.length = 0;
    this.messagesDropped = 0;
    this.messageCount = 0;
    this.uncertainEnds.length = 0;
    for (const phase of Object.keys(this.timings)) delete this.timings[phase as keyof PollTimings];
  }

  /**
   * Drops the outputs once they are stored, so that a poll's memory is bounded by its open
   * sessions, not by its devices; whoever needs them reads the store.
   */
  releaseOutputs(): void {
    this.commands.length = 0;
    this.messages.length = 0;
    this.outputsReleased = true;
  }

  settle(state: 'finished' | 'failed' | 'cancelled', error?: PollFailure): void {
    if (this.isFinal) return;
    if (this.startedAt !== undefined) this.timings.total = performance.now() - this.startedAt;
    this.state = state;
    this.error = error;
    this.finishOrder = finishedSoFar++;
  }

  /** Resolves `done`: the device is final, kept and announced. */
  markDone(): void {
    this.resolveDone(this);
  }
}

/** How a thrown error is recorded on a handle. */
export function toFailure(err: unknown): PollFailure {
  if (err instanceof SessionError) return err.hint === undefined ? { kind: err.kind, message: err.message } : { kind: err.kind, message: err.message, hint: err.hint };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}
