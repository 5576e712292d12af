// A poll kept in a store as it runs: each device, the moment it is final, goes to disk (secrets
// removed unless asked otherwise) and its outputs leave memory. The executor waits for it, so a
// device is on disk before its state event (its log line) and before the next device takes its
// slot. Devices are kept one after another, in the order they ended, which is the order the
// store's index and every stream of results give them. A store that cannot be written never
// stops the poll: the problem is kept and reported. Without a store (results written as devices
// end need none), each device is only handed on.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DeviceReport, deviceReport, PollTotals } from '../results/report';
import { deviceFile } from '../results/storeIndex';
import { PollStoreWriter, StoreError } from '../results/pollStoreWriter';
import { removeSecrets, removeSecretsInMessage } from '../results/secretScrub';
import { DevicePoll, ParseNote } from './devicePoll';
import { PollParsing } from './pollParsing';
import { deviceOutcome, PollRun } from './pollRun';

export interface StorageOptions {
  /** Remove secrets (config passwords, keys, communities) from outputs and messages before they are stored. */
  removeSecrets: boolean;
  /** Parses outputs into records, after secrets are removed (so records hold none either). */
  parsing?: PollParsing;
  /** Called with each device's stored report, just after it is written. */
  onStored?: (report: DeviceReport, poll: DevicePoll) => void;
}

export class PollStorage {
  /** The first write that failed; later devices are still tried. */
  problem: StoreError | undefined;
  /** Reports that could not be written, kept in memory instead, by submission position. */
  private readonly unstored = new Map<number, DeviceReport>();
  /** The device being kept, or the last one. */
  private keeping: Promise<void> = Promise.resolve();
  /** Devices final but not yet on disk, by submission position: a read waits for them. */
  private readonly writing = new Map<number, Promise<void>>();

  private constructor(
    private readonly writer: PollStoreWriter | undefined,
    private readonly options: StorageOptions,
  ) {}

  /**
   * Opens the poll in `store` (throws a StoreError if it cannot), if given, and from then on
   * takes each of the run's devices as it ends.
   */
  static attach(run: PollRun, store: string | undefined, options: StorageOptions): PollStorage {
    const totals = run.totals();
    const writer = store === undefined ? undefined : PollStoreWriter.open(store, { ...totals, secretsRemoved: options.removeSecrets, skipped: totals.summary.skipped }, run.deviceNames);
    const storage = new PollStorage(writer, options);
    run.executor.keepWith((poll) => storage.keep(poll));
    return storage;
  }

  /** The poll's folder in the store. */
  get dir(): string {
    if (!this.writer) throw new Error('this poll is kept in no store');
    return this.writer.dir;
  }

  /** A final device's stored report, read back from the store. */
  async read(poll: DevicePoll): Promise<DeviceReport> {
    await this.writing.get(poll.index);
    const kept = this.unstored.get(poll.index);
    if (kept) return kept;
    return JSON.parse(await readFile(path.join(this.dir, deviceFile(poll.index)), 'utf8')) as DeviceReport;
  }

  /** Records the end of the run in the index. */
  async finish(run: PollRun, totals: PollTotals): Promise<void> {
    try {
      await this.writer?.finish(totals, run.finalInOrder().map((poll) => ({ position: poll.index, status: poll.state as DeviceReport['status'] })));
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      this.problem ??= err;
    }
  }

  private keep(poll: DevicePoll): Promise<void> {
    const kept = this.keeping.then(() => this.store(poll)).finally(() => this.writing.delete(poll.index));
    this.writing.set(poll.index, kept.catch(() => undefined));
    this.keeping = kept.catch(() => undefined);
    return kept;
  }

  private async store(poll: DevicePoll): Promise<void> {
    const report = storedForm(deviceReport(deviceOutcome(poll)), poll, this.options);
    poll.parseNotes = parseNotes(report);
    try {
      await this.writer?.writeDevice(poll.index, report);
      poll.releaseOutputs();
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      this.problem ??= err;
      this.unstored.set(poll.index, report);
    }
    this.options.onStored?.(report, poll);
  }
}

function parseNotes(report: DeviceReport): ParseNote[] {
  return report.commands.flatMap((c) => (c.parse ? [{ command: c.command, ...c.parse, records: c.parsed?.length ?? 0 }] : []));
}

function storedForm(report: DeviceReport, poll: DevicePoll, options: StorageOptions): DeviceReport {
  const { parsing, removeSecrets: scrub } = options;
  if (!scrub && !parsing) return report;
  const commands = report.commands.map((c) => {
    const output = scrub ? removeSecrets(c.output, report.deviceType) : c.output;
    // A reply that says the command failed holds no records to find.
    const parsed = c.failed ? undefined : parsing?.parse(poll.device, c.command, output);
    return { ...c, output, ...parsed };
  });
  // Messages are the device's text too: a logged configuration line can hold a secret.
  const messages = scrub ? report.messages.map((m) => ({ ...m, text: removeSecretsInMessage(m.text, report.deviceType) })) : report.messages;
  return { ...report, commands, messages };
}
