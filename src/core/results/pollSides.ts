// What a comparison reads: a stored poll (one device file at a time) or a results file written
// by `netpoll poll -o` (JSON or YAML, read whole: it is one file the user chose).
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fileProblem } from '../files/fileProblem';
import { PollSide } from './pollCompare';
import { StoreError } from './pollStoreWriter';
import { DeviceReport, PollReport } from './report';
import { openPoll, readStoredDevice, StoredPoll } from './storedPolls';
import { INDEX_FILE } from './storeIndex';

export function storedSide(poll: StoredPoll): PollSide {
  const entries = new Map(poll.index.devices.map((entry) => [entry.name, entry]));
  return {
    label: `${poll.index.inventory} at ${poll.index.startedAt}`,
    names: () => [...entries.keys()],
    device: async (name) => {
      const entry = entries.get(name);
      return entry && readStoredDevice(poll, entry);
    },
  };
}

export function reportSide(report: PollReport, label: string): PollSide {
  const devices = new Map(report.devices.map((device) => [device.name, device]));
  return { label, names: () => [...devices.keys()], device: async (name) => devices.get(name) };
}

/**
 * A poll named on the command line: a stored poll's folder (or its poll.json), or a results
 * file. Throws a StoreError that says what the path is not.
 */
export async function openPollSide(given: string): Promise<PollSide> {
  const info = await stat(given).catch((err: unknown) => {
    throw new StoreError(`cannot read ${given}: ${fileProblem(err)}`);
  });
  if (info.isDirectory()) return storedSide(await openPoll(given));
  if (path.basename(given) === INDEX_FILE) return storedSide(await openPoll(path.dirname(given)));
  const text = await readFile(given, 'utf8').catch((err: unknown) => {
    throw new StoreError(`cannot read ${given}: ${fileProblem(err)}`);
  });
  let report: PollReport;
  try {
    report = (/\.ya?ml$/i.test(given) ? parse(text) : JSON.parse(text)) as PollReport;
  } catch (err) {
    throw new StoreError(`${given} is not a results file: ${(err as Error).message}`);
  }
  if (!isReport(report)) throw new StoreError(`${given} is not NetPoll results: it has no list of devices with names and commands`);
  return reportSide(report, `${given} (${report.startedAt})`);
}

function isReport(value: unknown): value is PollReport {
  const devices = (value as PollReport | null)?.devices;
  return Array.isArray(devices) && devices.every((d: DeviceReport) => typeof d?.name === 'string' && typeof d.status === 'string' && Array.isArray(d.commands));
}
