// What changed between polls, in the editor: after each poll, the tree learns which devices
// changed since the previous poll of the inventory; on request, two stored polls are compared
// into a document, and a device's command opens in the diff editor.
import * as vscode from 'vscode';
import { CompareOptions, comparePolls, comparisonLine, DeviceComparison, summarise } from '../core/results/pollCompare';
import { storedSide } from '../core/results/pollSides';
import { listPolls, StoredPoll } from '../core/results/storedPolls';
import { DevicesModel, InventoryPoll } from './devicesModel';
import { InventoryService } from './inventoryService';
import { ignoreRules } from './pollSettings';

export class PollChanges {
  constructor(
    private readonly model: DevicesModel,
    private readonly inventories: InventoryService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Compares a poll that just ended with the inventory's previous one, for the tree's marks and the view's message. */
  async compareWithPrevious(poll: InventoryPoll): Promise<void> {
    try {
      const pair = await storedPair(poll);
      if (!pair) return;
      const { before, after } = pair;
      const devices: DeviceComparison[] = [];
      for await (const device of comparePolls(storedSide(before), storedSide(after), await this.options(poll.uri))) {
        // A poll of some devices says nothing of the others: they are not gone.
        if (poll.partial && device.status === 'gone') continue;
        // The tree needs how each command compares, not the diffs.
        devices.push({ ...device, commands: device.commands.map(({ command, status }) => ({ command, status })) });
      }
      this.model.pollCompared(poll, new Map(devices.map((d) => [d.name, d])));
      this.log.info(`Since the poll of ${before.index.startedAt}: ${comparisonLine(summarise(devices))}`);
    } catch (err) {
      this.log.warn(`Could not compare ${poll.name} with its previous poll: ${(err as Error).message}`);
    }
  }

  /** The ignore rules for an inventory: its settings and its devices' ignore_lines. */
  async options(inventory: vscode.Uri): Promise<CompareOptions> {
    const setup = await this.inventories.load(inventory).catch(() => undefined);
    return { rules: [...ignoreRules(inventory), ...(setup?.devices.flatMap((d) => (d.ignoreLines ?? []).map((rule) => ({ ...rule, device: d.name }))) ?? [])] };
  }
}

/** A poll as stored, with the stored poll of its inventory just before it; undefined for the first. */
export async function storedPair(poll: InventoryPoll): Promise<{ before: StoredPoll; after: StoredPoll } | undefined> {
  const polls = await listPolls(poll.store, poll.name);
  const at = polls.findIndex((p) => p.dir === poll.storage.dir);
  return at < 0 || at + 1 >= polls.length ? undefined : { after: polls[at], before: polls[at + 1] };
}
