// The bounded pool: ThreadPoolExecutor's submit()/as_completed()/map() contract for
// async SSH sessions. At most maxWorkers jobs run at once; the rest wait in submit order.
import { EventEmitter } from 'node:events';
import { DeviceSpec } from '../inventory/inventory';
import { boundedTimer } from '../session/boundedWait';
import { CommandResult, UnsolicitedMessage } from '../session/cliSession';
import { SessionError } from '../session/errors';
import { DevicePoll, PollFailure, toFailure } from './devicePoll';

export interface JobContext {
  /** Aborted when the device is cancelled or its deadline passes. */
  signal: AbortSignal;
  commandDone(result: CommandResult): void;
  messageArrived(message: UnsolicitedMessage): void;
  /** The session changed how it works with the device (pipelining turned off), for the log. */
  noticed(text: string): void;
}

/** The work for one device; throws to fail it. */
export type DeviceJob = (poll: DevicePoll, context: JobContext) => Promise<void>;

export interface ExecutorOptions {
  maxWorkers: number;
  job: DeviceJob;
  /** Overall time one device may take once running; it then fails with kind 'deadline'. */
  deadlineMs?: number;
}

export interface ExecutorEvents {
  /** A device changed state. */
  state: [poll: DevicePoll];
  /** A device answered one command. */
  command: [poll: DevicePoll, result: CommandResult];
  /** The device sent a line on its own (kept or only counted: see DevicePoll.addMessage). */
  message: [poll: DevicePoll, message: UnsolicitedMessage];
  /** The session changed how it works with the device, and says why. */
  notice: [poll: DevicePoll, text: string];
  /**
   * This machine could not open more sessions: from now on at most `sessions` run at once. Once
   * per poll, the first time: the limit may drop again, and "at most" stays true.
   */
  limited: [sessions: number, why: PollFailure];
}

/** How long a job that ignores its abort may keep its slot once its device is settled. */
const ABORT_GRACE_MS = 2_000;

export class PollExecutor extends EventEmitter<ExecutorEvents> {
  private readonly waiting: DevicePoll[] = [];
  private nextWaiting = 0;
  private running = 0;
  /** maxWorkers, or fewer once this machine ran out of resources for more. */
  private capacity: number;
  /** Whether 'limited' was emitted: hundreds of sessions can fail at once, one notice says it. */
  private limitSaid = false;
  private readonly submitted: DevicePoll[] = [];
  private keep: (poll: DevicePoll) => Promise<void> = async () => undefined;

  constructor(private readonly options: ExecutorOptions) {
    super();
    if (!Number.isInteger(options.maxWorkers) || options.maxWorkers < 1) throw new RangeError('maxWorkers must be a whole number of at least 1');
    this.capacity = options.maxWorkers;
  }

  /**
   * Where each device goes the moment it is final (the poll store): before its state event, its
   * `done`, and the next device in its slot. Set before the first device is submitted.
   */
  keepWith(keep: (poll: DevicePoll) => Promise<void>): void {
    this.keep = keep;
  }

  /** Queues a device and returns its handle at once. */
  submit(device: DeviceSpec): DevicePoll {
    const poll = new DevicePoll(device, this.submitted.length);
    this.submitted.push(poll);
    this.waiting.push(poll);
    this.emit('state', poll);
    this.pump();
    return poll;
  }

  get polls(): readonly DevicePoll[] {
    return this.submitted;
  }

  /** Pending: cancelled at once. Running: its session is closed and it ends as cancelled. */
  cancel(poll: DevicePoll): void {
    if (poll.isFinal) return;
    if (poll.state === 'pending') {
      poll.settle('cancelled', { kind: 'cancelled', message: 'cancelled before it started' });
      void this.ended(poll);
    } else {
      poll.abortController.abort(new SessionError('cancelled', 'cancelled while running'));
    }
  }

  cancelAll(): void {
    // Pending ones first, so none of them starts as the running ones free their slots.
    for (const poll of this.submitted) if (poll.state === 'pending') this.cancel(poll);
    for (const poll of this.submitted) this.cancel(poll);
  }

  /** Yields each handle as it reaches a final state, like as_completed(). */
  async *asCompleted(polls: readonly DevicePoll[] = this.submitted): AsyncGenerator<DevicePoll> {
    const finished: DevicePoll[] = [];
    let wake: (() => void) | undefined;
    for (const poll of polls) {
      void poll.done.then((p) => {
        finished.push(p);
        wake?.();
      });
    }
    for (let yielded = 0; yielded < polls.length; yielded++) {
      while (finished.length <= yielded) await new Promise<void>((resolve) => (wake = resolve));
      yield finished[yielded];
    }
  }

  /** Yields each handle in submit order once it is final, like map(). */
  async *inOrder(polls: readonly DevicePoll[] = this.submitted): AsyncGenerator<DevicePoll> {
    for (const poll of polls) yield await poll.done;
  }

  private pump(): void {
    while (this.running < this.capacity && this.nextWaiting < this.waiting.length) {
      const poll = this.waiting[this.nextWaiting++];
      if (poll.state === 'pending') void this.run(poll);
    }
  }

  private async run(poll: DevicePoll): Promise<void> {
    this.running++;
    poll.markRunning();
    this.emit('state', poll);
    const signal = poll.abortController.signal;
    const { deadlineMs } = this.options;
    const deadline = deadlineMs === undefined ? undefined : boundedTimer(() => {
      poll.abortController.abort(new SessionError('deadline', `did not finish within the ${deadlineMs / 1000} s deadline`, 'Raise the deadline, or look for a command that takes unusually long.'));
    }, deadlineMs);
    const work = this.options.job(poll, {
      signal,
      commandDone: (result) => this.emit('command', poll, result),
      messageArrived: (message) => this.emit('message', poll, message),
      noticed: (text) => this.emit('notice', poll, text),
    });
    try {
      // A cancel or the deadline settles the device at once, whatever the job is waiting on.
      await untilAborted(work, signal);
      poll.settle('finished');
    } catch (err) {
      const failure = toFailure(signal.aborted ? signal.reason : err);
      if (!(failure.kind === 'resources' && this.retryLater(poll, failure))) poll.settle(failure.kind === 'cancelled' ? 'cancelled' : 'failed', failure);
    }
    clearTimeout(deadline);
    if (poll.isFinal) await this.ended(poll);
    else this.emit('state', poll);
    if (signal.aborted) await settledOrAfter(work, ABORT_GRACE_MS);
    this.running--;
    this.pump();
  }

  /** A device is final: kept first, then announced. */
  private async ended(poll: DevicePoll): Promise<void> {
    try {
      await this.keep(poll);
    } finally {
      this.emit('state', poll);
      poll.markDone();
    }
  }

  /**
   * This machine, not the device, is out of resources (file descriptors): the device goes back
   * to the front of the queue and fewer sessions run at once. With nothing else running there
   * is nothing to wait for, and the device fails.
   */
  private retryLater(poll: DevicePoll, why: PollFailure): boolean {
    const others = this.running - 1;
    if (others === 0) return false;
    poll.requeue();
    this.waiting.splice(this.nextWaiting, 0, poll);
    if (others < this.capacity) {
      this.capacity = others;
      if (!this.limitSaid) this.emit('limited', others, why);
      this.limitSaid = true;
    }
    return true;
  }
}

/** Resolves when `work` settles, or after `ms` if it has not by then (the timer never outlives it). */
async function settledOrAfter(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** The job's outcome, or the signal's reason as soon as it is aborted. */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
