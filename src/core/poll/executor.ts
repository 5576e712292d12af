// The bounded pool: ThreadPoolExecutor's submit()/as_completed()/map() contract for
// async SSH sessions. At most maxWorkers jobs run at once; the rest wait in submit order.
import { EventEmitter } from 'node:events';
import { DeviceSpec } from '../inventory/inventory';
import { CommandResult } from '../session/cliSession';
import { SessionError } from '../session/errors';
import { DevicePoll, toFailure } from './devicePoll';

export interface JobContext {
  /** Aborted when the device is cancelled or its deadline passes. */
  signal: AbortSignal;
  commandDone(result: CommandResult): void;
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
}

export class PollExecutor extends EventEmitter<ExecutorEvents> {
  private readonly waiting: DevicePoll[] = [];
  private nextWaiting = 0;
  private running = 0;
  private readonly submitted: DevicePoll[] = [];

  constructor(private readonly options: ExecutorOptions) {
    super();
    if (!Number.isInteger(options.maxWorkers) || options.maxWorkers < 1) throw new RangeError('maxWorkers must be a whole number of at least 1');
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
      this.emit('state', poll);
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
    while (this.running < this.options.maxWorkers && this.nextWaiting < this.waiting.length) {
      const poll = this.waiting[this.nextWaiting++];
      if (poll.state === 'pending') void this.run(poll);
    }
  }

  private async run(poll: DevicePoll): Promise<void> {
    this.running++;
    poll.markRunning();
    this.emit('state', poll);
    const signal = poll.abortController.signal;
    const deadline = this.options.deadlineMs === undefined ? undefined : setTimeout(() => {
      poll.abortController.abort(new SessionError('deadline', `did not finish within the ${this.options.deadlineMs! / 1000} s deadline`, 'Raise the deadline, or look for a command that takes unusually long.'));
    }, this.options.deadlineMs);
    try {
      await this.options.job(poll, { signal, commandDone: (result) => this.emit('command', poll, result) });
      if (signal.aborted) throw signal.reason;
      poll.settle('finished');
    } catch (err) {
      const failure = toFailure(signal.aborted ? signal.reason : err);
      poll.settle(failure.kind === 'cancelled' ? 'cancelled' : 'failed', failure);
    } finally {
      clearTimeout(deadline);
      this.running--;
      this.emit('state', poll);
      this.pump();
    }
  }
}
