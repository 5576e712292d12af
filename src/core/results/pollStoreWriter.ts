// Writes one poll into a store as it runs: the index first, each device the moment it is final,
// the end last. Every write replaces its file whole (written beside it, then renamed), so
// whatever happens next (a crash, a kill, the window closing) what was written is complete and
// readable. Opening is synchronous, once, before any device; a device's write and the end run
// off the calling thread, so whoever waits for one (the executor, before a slot takes its next
// device) does not block it: in VS Code that thread serves the editor.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from '../files/fileProblem';
import { ReportFooter, ReportHeader } from './render';
import { DeviceReport } from './report';
import { deviceFile, DEVICES_DIR, INDEX_FILE, PollIndex, pollId, STORE_FORMAT } from './storeIndex';
import { inventoryKey } from './storeKey';

export class StoreError extends Error {}

export interface StoreHeader extends ReportHeader {
  secretsRemoved: boolean;
  skipped: number;
}

export class PollStoreWriter {
  private constructor(
    /** The poll's folder. */
    readonly dir: string,
    private readonly index: PollIndex,
  ) {}

  /**
   * Creates the poll's folder and index, listing every device as pending. Throws a StoreError
   * saying why when the store cannot be written, before any device is polled.
   */
  static open(store: string, header: StoreHeader, deviceNames: readonly string[]): PollStoreWriter {
    const startedAt = new Date(header.startedAt);
    const parent = path.join(store, inventoryKey(header.inventory));
    try {
      mkdirSync(parent, { recursive: true });
      const { dir, id } = newPollDir(parent, pollId(startedAt));
      mkdirSync(path.join(dir, DEVICES_DIR));
      const index: PollIndex = {
        netpollStore: STORE_FORMAT,
        id,
        inventory: header.inventory,
        startedAt: header.startedAt,
        finishedAt: null,
        elapsedMs: null,
        complete: false,
        workers: header.workers,
        order: header.order,
        commands: header.commands,
        secretsRemoved: header.secretsRemoved,
        skipped: header.skipped,
        summary: null,
        devices: deviceNames.map((name, i) => ({ name, file: deviceFile(i), status: 'pending' })),
      };
      const writer = new PollStoreWriter(dir, index);
      const target = path.join(dir, INDEX_FILE);
      const temp = tempFor(target);
      try {
        writeFileSync(temp, writer.indexText());
        renameSync(temp, target);
      } catch (err) {
        rmSync(temp, { force: true });
        throw err;
      }
      return writer;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`cannot keep polls in ${store}: ${fileProblem(err)}`);
    }
  }

  get id(): string {
    return this.index.id;
  }

  /** Stores the device submitted `position`-th; once this resolves the report is on disk. */
  async writeDevice(position: number, report: DeviceReport): Promise<void> {
    const entry = this.index.devices[position];
    if (!entry || entry.name !== report.name) throw new Error(`device ${position} of the poll is not ${report.name}`);
    await this.replace(entry.file, JSON.stringify(report, null, 2) + '\n');
  }

  /**
   * Records the end: the summary, and the devices in the poll's results order (given as their
   * submission positions with their final status).
   */
  async finish(footer: ReportFooter, ordered: readonly { position: number; status: PollIndex['devices'][number]['status'] }[]): Promise<void> {
    const entries = this.index.devices;
    this.index.devices = ordered.map(({ position, status }) => ({ ...entries[position], status }));
    this.index.finishedAt = footer.finishedAt;
    this.index.elapsedMs = footer.elapsedMs;
    this.index.summary = footer.summary;
    this.index.complete = footer.finishedAt !== null && footer.summary.cancelled === 0 && ordered.length === entries.length;
    await this.replace(INDEX_FILE, this.indexText());
  }

  private indexText(): string {
    return JSON.stringify(this.index, null, 2) + '\n';
  }

  private async replace(file: string, text: string): Promise<void> {
    const target = path.join(this.dir, file);
    const temp = tempFor(target);
    try {
      await writeFile(temp, text);
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new StoreError(`cannot write ${target}: ${fileProblem(err)}`);
    }
  }
}

/** A new folder for the poll: its id, or the id with `-2`, `-3`... when two polls start in one millisecond. */
function newPollDir(parent: string, base: string): { dir: string; id: string } {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const dir = path.join(parent, id);
    try {
      mkdirSync(dir);
      return { dir, id };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Where a file is written before it is renamed into place. */
function tempFor(target: string): string {
  return `${target}.${process.pid}.tmp`;
}
