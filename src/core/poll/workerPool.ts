// Worker threads that run SSH sessions for the main thread, so a large poll uses every core
// and leaves the editor's thread free. Each device goes to the least busy worker.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SessionError } from '../session/errors';
import { DeviceWork, WorkEvents } from './deviceWork';
import { FromWorker, ToWorker, WorkerOptions } from './workerProtocol';

/** `netpoll.engine.threads` and `--threads`: how many worker threads, or `auto`. */
export type ThreadsSetting = number | 'auto';

/**
 * With `auto`, sessions stay on the main thread until this many can be open at once: below it
 * the main thread's event-loop delay stays in tens of milliseconds (bench/RESULTS.md), and a
 * worker would only add its start-up time to the poll.
 */
export const AUTO_THREADS_FROM_SESSIONS = 100;
/**
 * With `auto`, a poll of this many devices runs its sessions in worker threads even with few at
 * once: it lasts long enough that the main thread's responsiveness (the editor's, in VS Code)
 * matters more than a worker's start-up.
 */
export const AUTO_THREADS_FROM_DEVICES = 200;
/** More threads than this only add memory: a session is mostly waiting on its device. */
const MAX_AUTO_THREADS = 4;

/** What `auto` weighs: the poll's size, and what else the main thread has to do. */
export interface AutoThreadsContext {
  sessionsAtOnce: number;
  devices: number;
  /**
   * The main thread also serves an editor (VS Code's extension host), which must stay
   * responsive: one worker thread is worth it even on two cores. In a process that only polls
   * (the command line), one worker would move the sessions off a thread with nothing else to do,
   * and add a second JavaScript heap and a copy of every output; there, only two or more pay.
   */
  servesEditor: boolean;
  cores?: number;
}

/** The worker threads a poll gets: `auto` keeps a core for the main thread. */
export function threadsFor(setting: ThreadsSetting, context: AutoThreadsContext): number {
  if (setting !== 'auto') return setting;
  const { sessionsAtOnce, devices, servesEditor, cores = os.availableParallelism() } = context;
  if (sessionsAtOnce < AUTO_THREADS_FROM_SESSIONS && devices < AUTO_THREADS_FROM_DEVICES) return 0;
  const spare = Math.min(MAX_AUTO_THREADS, cores - 1);
  if (servesEditor) return Math.max(1, spare);
  return spare >= 2 ? spare : 0;
}

/** Parses a threads setting; undefined when it is neither `auto` nor a whole number ≥ 0. */
export function parseThreads(value: unknown): ThreadsSetting | undefined {
  if (value === 'auto') return 'auto';
  const threads = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof threads === 'number' && Number.isInteger(threads) && threads >= 0 ? threads : undefined;
}

/** The worker entry, built next to this module (out/) or the bundle that contains it (dist/). */
const WORKER_SCRIPT = path.join(__dirname, 'pollWorker.js');

interface Pending {
  events: WorkEvents;
  resolve: () => void;
  reject: (err: Error) => void;
  worker: PoolWorker;
}

interface PoolWorker {
  thread: Worker;
  busy: number;
}

export class WorkerPool {
  /** The live workers; one that died is replaced when the next device comes. */
  private readonly workers: PoolWorker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly options: WorkerOptions,
    private readonly script = WORKER_SCRIPT,
  ) {
    this.workers = Array.from({ length: size }, () => this.spawn());
  }

  run(work: DeviceWork, events: WorkEvents): Promise<void> {
    if (this.closing) return Promise.reject(new SessionError('internal', 'the poll is over: its worker threads are closed'));
    while (this.workers.length < this.size) this.workers.push(this.spawn());
    const worker = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { events, resolve, reject, worker });
      worker.busy++;
      const send = (message: ToWorker) => worker.thread.postMessage(message);
      events.signal.addEventListener('abort', () => send({ type: 'cancel', id }), { once: true });
      send({ type: 'run', id, work });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }

  private spawn(): PoolWorker {
    const worker: PoolWorker = { thread: new Worker(this.script, { workerData: this.options }), busy: 0 };
    worker.thread.on('message', (message: FromWorker) => this.receive(message));
    // A worker that dies takes the devices it was running with it, and only them: it leaves
    // the pool, and the devices that come after go to a new one.
    const died = (why: string) => {
      const at = this.workers.indexOf(worker);
      if (at >= 0) this.workers.splice(at, 1);
      this.failAll(worker, new SessionError('internal', `the poll worker thread running this device stopped: ${why}`, 'Devices polled after it run on a new worker thread; poll this one again, or use threads: 0 to see it fail on the main thread.'));
    };
    worker.thread.on('error', (err) => died(err.message));
    worker.thread.on('exit', (code) => died(`it exited with code ${code}`));
    return worker;
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    const { events } = pending;
    switch (message.type) {
      case 'phase':
        return events.onPhase(message.phase, message.ms);
      case 'command':
        return events.onCommand(message.result);
      case 'message':
        return events.onMessage(message.message);
      case 'notice':
        return events.onNotice?.(message.text);
      case 'new-key':
        return events.onNewKey(message.key, message.notRecorded);
      case 'done':
        this.settle(message.id, pending);
        return pending.resolve();
      case 'failed':
        this.settle(message.id, pending);
        return pending.reject(new SessionError(message.failure.kind, message.failure.message, message.failure.hint));
    }
  }

  private settle(id: number, pending: Pending): void {
    this.pending.delete(id);
    pending.worker.busy--;
  }

  private failAll(worker: PoolWorker, err: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.settle(id, pending);
      pending.reject(err);
    }
  }
}
