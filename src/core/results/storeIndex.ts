// The poll store's on-disk shapes. A store holds, per inventory, one folder per poll:
//   <store>/<inventory key>/<poll id>/poll.json        this index (the key: see storeKey.ts): what was asked, of whom, how it ended
//   <store>/<inventory key>/<poll id>/devices/NNNNN.json one device's report, written as it finishes
// Device files are named by the device's place in the poll, so no name can clash or escape.
import * as path from 'node:path';
import { ResultsOrder, PollSummary, DeviceStatus } from './report';

export const STORE_FORMAT = 1;
export const INDEX_FILE = 'poll.json';
export const DEVICES_DIR = 'devices';

export interface StoredDeviceEntry {
  name: string;
  /** The device's file, relative to the poll's folder. */
  file: string;
  /** `pending` until the poll's end is recorded; a poll cut short by a crash keeps it. */
  status: DeviceStatus | 'pending';
}

export interface PollIndex {
  netpollStore: typeof STORE_FORMAT;
  id: string;
  inventory: string;
  startedAt: string;
  /** null until the poll's end is recorded: still running, or cut short by a crash. */
  finishedAt: string | null;
  elapsedMs: number | null;
  /** Every device submitted reached finished or failed, and the end was recorded. */
  complete: boolean;
  workers: number;
  order: ResultsOrder;
  commands: string[];
  /** Secrets were removed from outputs before they were stored. */
  secretsRemoved: boolean;
  /** Inventory entries that could not be polled at all. */
  skipped: number;
  /** null until the end is recorded. */
  summary: PollSummary | null;
  /** Submission order while running; the poll's results order once it ended. */
  devices: StoredDeviceEntry[];
}

/** A stored poll's folder name, as pollId makes it (`-2`, `-3`... for polls started in one millisecond). */
export const POLL_ID = /^\d{8}-\d{6}-\d{3}(-\d+)?$/;

/** A stored poll's folder name: the start in UTC, `20261201-220102-345`, sorting oldest first. */
export function pollId(startedAt: Date): string {
  return startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').slice(0, 19);
}

export function deviceFile(index: number): string {
  return path.posix.join(DEVICES_DIR, `${String(index).padStart(5, '0')}.json`);
}

/** Whether an index's device file is one the writer names: read from disk, it must not lead elsewhere. */
export function isDeviceFile(file: unknown): boolean {
  return typeof file === 'string' && /^devices\/\d{5,}\.json$/.test(file);
}

/** How a stored poll ended, as a person reads it. */
export type PollEnd = 'complete' | 'cancelled' | 'interrupted';

export function pollEnd(index: PollIndex): PollEnd {
  if (index.finishedAt === null) return 'interrupted';
  return index.complete ? 'complete' : 'cancelled';
}
