// One poll of an inventory: submit every device, take results in the chosen order,
// and report at any moment. The command line and the extension both drive this.
import { DeviceSpec } from '../inventory/inventory';
import { DeviceOutcome } from '../results/outcome';
import { buildReport, buildTotals, PollReport, PollTotals, ReportContext, ResultsOrder } from '../results/report';
import { SessionTimeouts } from '../session/cliSession';
import { DevicePoll } from './devicePoll';
import { DeviceJob, PollExecutor } from './executor';
import { sshJob, SshJobOptions } from './sshJob';
import { threadsFor, ThreadsSetting } from './workerPool';

export interface PollRunOptions {
  /** Where the devices came from, as shown in results. */
  inventory: string;
  devices: DeviceSpec[];
  /** Inventory entries that could not be polled at all. */
  skipped?: number;
  commands: string[];
  maxWorkers: number;
  order?: ResultsOrder;
  timeouts?: Partial<SessionTimeouts>;
  deadlineMs?: number;
  /**
   * Platforms, host keys and references for the SSH job. `servesEditor`: this thread also serves
   * an editor, so `auto` gives it a worker thread sooner and worker threads run below it.
   */
  ssh?: Omit<SshJobOptions, 'commands' | 'timeouts' | 'threads' | 'backgroundThreads'> & { threads?: ThreadsSetting; servesEditor?: boolean };
  /** The work per device; SSH by default. */
  job?: DeviceJob;
}

export class PollRun {
  readonly executor: PollExecutor;
  readonly startedAt = new Date();
  private finishedAt: Date | undefined;

  private readonly closeJob: () => Promise<void>;

  constructor(private readonly options: PollRunOptions) {
    const { threads: setting = 'auto', servesEditor = false, ...sshOptions } = options.ssh ?? {};
    const devices = options.devices.length;
    const threads = threadsFor(setting, { sessionsAtOnce: Math.min(devices, options.maxWorkers), devices, servesEditor });
    const ssh = options.job ? undefined : sshJob({ ...sshOptions, threads, backgroundThreads: servesEditor, commands: options.commands, timeouts: options.timeouts });
    this.closeJob = ssh?.close ?? (async () => undefined);
    this.executor = new PollExecutor({
      maxWorkers: options.maxWorkers,
      deadlineMs: options.deadlineMs,
      job: options.job ?? ssh!.job,
    });
  }

  /** The devices' names, in the order they are submitted. */
  get deviceNames(): string[] {
    return this.options.devices.map((d) => d.name);
  }

  get order(): ResultsOrder {
    return this.options.order ?? 'completion';
  }

  /** Submits every device; listen to `executor` events before calling this. */
  start(): readonly DevicePoll[] {
    for (const device of this.options.devices) this.executor.submit(device);
    return this.executor.polls;
  }

  /** Final handles, as they complete or in inventory order, per the run's order. */
  results(): AsyncGenerator<DevicePoll> {
    return this.order === 'inventory' ? this.executor.inOrder() : this.executor.asCompleted();
  }

  cancel(): void {
    this.executor.cancelAll();
  }

  /** Waits for every device and returns the totals. */
  async finish(): Promise<PollTotals> {
    await Promise.all(this.executor.polls.map((p) => p.done));
    await this.closeJob();
    this.finishedAt ??= new Date();
    return this.totals();
  }

  /** The totals so far, counting the devices that are final. */
  totals(): PollTotals {
    return buildTotals(this.context(), this.finalInOrder().map((p) => p.state as DeviceOutcome['status']));
  }

  /**
   * The report so far, every final device with its outputs, in the run's order. Only for a run
   * whose outputs stay in memory: once a store took them (releaseOutputs), read the store.
   */
  report(): PollReport {
    return buildReport(this.context(), this.finalInOrder().map(deviceOutcome));
  }

  /** The final handles, in the run's order. */
  finalInOrder(): DevicePoll[] {
    const final = this.executor.polls.filter((p) => p.isFinal);
    return this.order === 'inventory' ? final : final.sort((a, b) => a.finishOrder - b.finishOrder);
  }

  private context(): ReportContext {
    return {
      inventory: this.options.inventory,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      workers: this.options.maxWorkers,
      order: this.order,
      commands: this.options.commands,
      submitted: this.executor.polls.length,
      skipped: this.options.skipped ?? 0,
    };
  }
}

/** A final handle as the plain outcome core/results builds reports from. */
export function deviceOutcome(poll: DevicePoll): DeviceOutcome {
  if (!poll.isFinal) throw new Error(`${poll.device.name} is still ${poll.state}: only a final device has an outcome`);
  if (poll.outputsReleased) throw new Error(`${poll.device.name}'s outputs are in the poll store, no longer in memory: read them there`);
  const d = poll.device;
  return {
    name: d.name,
    group: d.group,
    host: d.host,
    port: d.port,
    deviceType: d.deviceType,
    status: poll.state as DeviceOutcome['status'],
    elapsedMs: poll.elapsedMs,
    // Copies: the outcome is a snapshot, whatever later happens to the handle.
    timings: { ...poll.timings },
    commands: poll.commands.map((c) => ({ ...c })),
    messages: poll.messages.map((m) => ({ ...m })),
    messagesDropped: poll.messagesDropped,
    error: poll.error && { ...poll.error },
  };
}
