// The job the executor runs for each device: prepare it where the user is, then run its
// SSH session on this thread or in a worker thread.
import { DeviceSpec } from '../inventory/inventory';
import { HostKey } from '../session/knownHosts';
import { DeviceWork, knownHostsCache, prepareWork, runWork, WorkEvents, WorkOptions } from './deviceWork';
import { DeviceJob } from './executor';
import { WorkerPool } from './workerPool';

export interface SshJobOptions extends WorkOptions {
  /** A key seen for the first time; `notRecorded` says why known_hosts could not take it. */
  onNewHostKey?: (device: DeviceSpec, key: HostKey, notRecorded?: string) => void;
  /** Worker threads for the sessions; 0 runs them on this thread. */
  threads?: number;
  /** The worker threads run below this thread's priority (see threadPriority.ts). */
  backgroundThreads?: boolean;
}

export interface SshJob {
  job: DeviceJob;
  /** Stops the worker threads, if any. */
  close(): Promise<void>;
}

export function sshJob(options: SshJobOptions): SshJob {
  const threads = options.threads ?? 0;
  const pool = threads > 0 ? new WorkerPool(threads, { background: options.backgroundThreads ?? false }) : undefined;
  const knownHosts = knownHostsCache();
  const run = (work: DeviceWork, events: WorkEvents) => (pool ? pool.run(work, events) : runWork(work, events));
  const job: DeviceJob = async (poll, { signal, commandDone, messageArrived, noticed }) => {
    const work = await prepareWork(poll.device, options);
    await run(work, {
      signal,
      knownHosts,
      onPhase: (phase, ms) => (poll.timings[phase] = ms),
      onCommand: (result) => {
        poll.addCommand(result);
        commandDone(result);
      },
      onMessage: (message) => {
        poll.addMessage(message);
        messageArrived(message);
      },
      onNotice: noticed,
      onNewKey: (key, notRecorded) => options.onNewHostKey?.(poll.device, key, notRecorded),
    });
  };
  return { job, close: async () => pool?.close() };
}
