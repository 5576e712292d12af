// A poll command's result read back whole from the poll store, the way a test checks it: the
// commands give back the totals and the stored poll's folder, never the outputs themselves.
import * as vscode from 'vscode';
import type { PollReport } from '../../../src/core/results/report';
import { openPoll, storedDevices } from '../../../src/core/results/storedPolls';
import type { PollResult } from '../../../src/ui/poller';

/** Runs a NetPoll command that polls; resolves with its poll as stored, or fails if none ran. */
export async function polled(command: string, ...args: unknown[]): Promise<PollReport> {
  const report = await pollIfAny(command, ...args);
  if (!report) throw new Error(`${command} ran no poll`);
  return report;
}

/** Runs a NetPoll command that polls; resolves with its poll as stored, or undefined if none ran. */
export async function pollIfAny(command: string, ...args: unknown[]): Promise<PollReport | undefined> {
  const result = (await vscode.commands.executeCommand(command, ...args)) as PollResult | undefined;
  if (!result) return undefined;
  const poll = await openPoll(result.dir);
  const devices = [];
  for await (const device of storedDevices(poll)) devices.push(device);
  const { dir: _dir, ...totals } = result;
  return { ...totals, devices };
}
