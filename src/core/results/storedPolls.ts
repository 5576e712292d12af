// Reading a poll store: the polls of an inventory, newest first; one poll's index and devices,
// read one device at a time so that nothing holds a whole poll in memory; and pruning.
import { readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from '../files/fileProblem';
import { StoreError } from './pollStoreWriter';
import { DeviceReport, DeviceStatus, PollSummary, withMessages } from './report';
import { INDEX_FILE, isDeviceFile, POLL_ID, PollIndex, StoredDeviceEntry, STORE_FORMAT } from './storeIndex';
import { inventoryKey, legacyInventoryKey } from './storeKey';

export interface StoredPoll {
  /** The poll's folder. */
  dir: string;
  index: PollIndex;
}

/** The stored polls of an inventory, newest first; none when the store does not exist yet. */
export async function listPolls(store: string, inventory: string): Promise<StoredPoll[]> {
  // A folder whose index cannot be read is not a poll (yet): skipped, never fatal.
  return (await pollFolders(store, inventory)).flatMap(({ poll }) => (poll ? [poll] : [])).reverse();
}

/** Reads a poll's index; throws a StoreError that says why it is not a stored poll. */
export async function openPoll(dir: string): Promise<StoredPoll> {
  const file = path.join(dir, INDEX_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `it has no ${INDEX_FILE}` : `cannot read ${INDEX_FILE} (${fileProblem(err)})`;
    throw new StoreError(`${dir} is not a stored poll: ${why}`);
  }
  let index: PollIndex;
  try {
    index = JSON.parse(text) as PollIndex;
  } catch (err) {
    throw new StoreError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (index?.netpollStore !== STORE_FORMAT || !Array.isArray(index.devices) || typeof index.inventory !== 'string') throw new StoreError(`${file} is not a NetPoll poll index (format ${STORE_FORMAT})`);
  // Device files are read from where the index says: only where the writer puts them.
  const stray = index.devices.find((entry) => !isDeviceFile(entry?.file));
  if (stray) throw new StoreError(`${file} is not a NetPoll poll index: a device's file is ${JSON.stringify(stray?.file)}, not devices/NNNNN.json`);
  return { dir, index };
}

/** One device's stored report; undefined when it never reached the store (the poll stopped first). */
export async function readStoredDevice(poll: StoredPoll, entry: StoredDeviceEntry): Promise<DeviceReport | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(poll.dir, entry.file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${entry.name}'s results in ${poll.dir}: ${fileProblem(err)}`);
  }
  return withMessages(JSON.parse(text) as DeviceReport);
}

/** The devices that reached the store, in the index's order, read one at a time. */
export async function* storedDevices(poll: StoredPoll): AsyncGenerator<DeviceReport> {
  for (const entry of poll.index.devices) {
    const device = await readStoredDevice(poll, entry);
    if (device) yield device;
  }
}

/** The stored device of that name, if the poll has one. */
export async function findStoredDevice(poll: StoredPoll, name: string): Promise<DeviceReport | undefined> {
  const entry = poll.index.devices.find((d) => d.name === name);
  return entry && readStoredDevice(poll, entry);
}

/** Counts of statuses: the index's summary once the end is recorded, else from what was stored. */
export function summaryOf(poll: StoredPoll, stored: Iterable<DeviceStatus>): PollSummary {
  if (poll.index.summary) return poll.index.summary;
  const summary: PollSummary = { total: poll.index.devices.length + poll.index.skipped, finished: 0, failed: 0, cancelled: 0, skipped: poll.index.skipped };
  for (const status of stored) if (status !== 'skipped') summary[status]++;
  return summary;
}

/** Deletes all but the newest `keep` polls of an inventory; returns how many went. */
export async function prunePolls(store: string, inventory: string, keep: number): Promise<number> {
  const folders = await pollFolders(store, inventory);
  const old = folders.slice(0, Math.max(0, folders.length - keep));
  await Promise.all(old.map(({ dir }) => rm(dir, { recursive: true, force: true })));
  return old.length;
}

/**
 * An inventory's poll folders, oldest first, with their index where it can be read. A poll is
 * the inventory's when its index names it: in the inventory's folder, and in the folder earlier
 * builds used, which other inventories may share. A folder of the inventory's own whose index
 * cannot be read (yet) is its too.
 */
async function pollFolders(store: string, inventory: string): Promise<{ dir: string; poll?: StoredPoll }[]> {
  const key = inventoryKey(inventory);
  const own = path.join(store, key);
  const legacy = path.join(store, legacyInventoryKey(inventory));
  const folders: { dir: string; poll?: StoredPoll }[] = [];
  for (const parent of legacy === own ? [own] : [own, legacy]) {
    for (const id of await pollIds(parent)) {
      const dir = path.join(parent, id);
      const poll = await openPoll(dir).catch(() => undefined);
      if (poll ? inventoryKey(poll.index.inventory) === key : parent === own) folders.push({ dir, poll });
    }
  }
  return folders.sort((a, b) => byPollId(path.basename(a.dir), path.basename(b.dir)));
}

/** The poll folders of an inventory's folder, oldest first; none when it does not exist yet. */
async function pollIds(parent: string): Promise<string[]> {
  const ids = (await readdir(parent).catch(() => [] as string[])).filter((id) => POLL_ID.test(id));
  return ids.sort(byPollId);
}

/** Oldest first; `…-345-2` after `…-345` (ids are 19 characters, then an optional `-N`). */
function byPollId(a: string, b: string): number {
  const stamp = (id: string) => id.slice(0, 19);
  const n = (id: string) => Number(id.slice(20) || 1);
  return stamp(a) === stamp(b) ? n(a) - n(b) : stamp(a) < stamp(b) ? -1 : 1;
}
