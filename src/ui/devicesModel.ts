// What the editor shows about devices, owned in one place: the inventory on view joined with
// the latest poll handle of each of its devices, the poll running now, and the last poll of
// each inventory. The Devices tree, the results documents, the status bar and the view badge
// render from it and only listen; loads and polls write to it, and whichever ends last, the
// rows are right: a device's row is its inventory entry plus its latest handle, whoever wrote.
import * as vscode from 'vscode';
import { DeviceSpec } from '../core/inventory/inventory';
import { DevicePoll } from '../core/poll/devicePoll';
import { PollRun } from '../core/poll/pollRun';
import { PollStorage } from '../core/poll/pollStorage';
import { DeviceComparison } from '../core/results/pollCompare';
import { PollOverview } from '../core/results/pollOverview';
import { ResultsFormat } from '../core/results/render';
import { PollTotals } from '../core/results/report';
import { debounced } from './debounce';
import { InventoryService } from './inventoryService';

/**
 * A device row: the inventory entry, and its handle once a poll includes it. A row is the same
 * object for as long as its device is on view, so a repaint can name the rows that moved.
 */
export interface DeviceRow {
  readonly device: DeviceSpec;
  poll?: DevicePoll;
}

/** A poll of one inventory: running, or the last one that ran. */
export interface InventoryPoll {
  uri: vscode.Uri;
  /** The inventory's workspace-relative name, as results show it. */
  name: string;
  run: PollRun;
  format: ResultsFormat;
  /** Where each device went as it ended; outputs are read back from here. */
  storage: PollStorage;
  /** The store the poll is in. */
  store: string;
  /** Only some of the inventory's devices were asked for (Poll device, Re-poll failed). */
  partial: boolean;
  /** Each device at a glance as it is stored, for the results view. */
  overview: PollOverview;
  /** Set once the poll is over. */
  totals?: PollTotals;
  /** Set once the poll was compared with the inventory's previous one: each device, by name. */
  changes?: Map<string, DeviceComparison>;
}

/**
 * How often, at most, the views repaint while devices change: ten times a second, and less
 * often for large inventories (every repaint is work for the window): 1000 devices, four.
 */
function repaintMs(devices: number): number {
  return Math.max(100, devices / 4);
}

export class DevicesModel implements vscode.Disposable {
  private shownUri: vscode.Uri | undefined;
  /** The shown inventory's devices with the latest handle of each. */
  private rowList: DeviceRow[] = [];
  private rowsByName = new Map<string, DeviceRow>();
  /** The latest poll of each inventory, by name. */
  private readonly polls = new Map<string, InventoryPoll>();
  private runningPoll: InventoryPoll | undefined;
  private lastPoll: InventoryPoll | undefined;
  /** Bumped by every write of the rows; a load that finds it moved on was superseded. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<readonly DeviceRow[] | undefined>();
  /**
   * Something shown changed; fired at most every repaintMs() while devices move. It names the
   * rows whose device moved, or none when more than rows changed (an inventory, a poll, marks).
   */
  readonly onDidChange = this.changed.event;
  private readonly movedRows = new Set<DeviceRow>();
  private everythingChanged = false;
  private readonly repaint = debounced(() => this.fireChange(), () => repaintMs(this.rowList.length));

  constructor(private readonly inventories: InventoryService) {}

  get inventory(): vscode.Uri | undefined {
    return this.shownUri;
  }

  get rows(): readonly DeviceRow[] {
    return this.rowList;
  }

  /** The poll running now, if any. */
  get running(): InventoryPoll | undefined {
    return this.runningPoll;
  }

  /** The last poll that ended, for Re-poll failed devices, Open results and Compare. */
  get last(): (InventoryPoll & { totals: PollTotals }) | undefined {
    return this.lastPoll as (InventoryPoll & { totals: PollTotals }) | undefined;
  }

  /** The poll a handle belongs to, while it is the latest of its inventory. */
  pollHolding(handle: DevicePoll): InventoryPoll | undefined {
    for (const poll of this.polls.values()) if (poll.run.executor.polls[handle.index] === handle) return poll;
    return undefined;
  }

  /** How a row's device compares with the poll before its latest one, once that is known. */
  changeOf(row: DeviceRow): DeviceComparison | undefined {
    return row.poll && this.pollHolding(row.poll)?.changes?.get(row.device.name);
  }

  /** The latest poll of an inventory, by its workspace-relative name. */
  pollOf(name: string): InventoryPoll | undefined {
    return this.polls.get(name);
  }

  /**
   * Lists an inventory as it is on disk. While a poll runs the view stays on the polled
   * inventory; a load that a newer load or a poll overtook is dropped.
   */
  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (this.runningPoll && uri?.toString() !== this.runningPoll.uri.toString()) return;
    const generation = ++this.generation;
    const devices = uri ? (await this.inventories.load(uri).catch(() => undefined))?.devices : [];
    if (generation !== this.generation || devices === undefined || this.showing(uri, devices)) return;
    this.setInventory(uri, devices);
    this.repaintAll();
  }

  /** A poll starts: from now on its handles are the rows' latest. */
  pollStarted(poll: InventoryPoll, inventoryDevices: DeviceSpec[]): void {
    this.generation++;
    this.setInventory(poll.uri, inventoryDevices);
    for (const handle of poll.run.executor.polls) {
      const row = this.rowsByName.get(handle.device.name);
      if (row) row.poll = handle;
    }
    this.runningPoll = poll;
    this.polls.set(poll.name, poll);
    this.repaintAll();
  }

  /** A device of the running poll moved. */
  pollChanged(handle: DevicePoll): void {
    const row = this.rowsByName.get(handle.device.name);
    if (row?.poll === handle) this.movedRows.add(row);
    this.repaint.schedule();
  }

  /** The running poll is over (its totals set, or none if it broke). */
  pollEnded(poll: InventoryPoll): void {
    if (this.runningPoll === poll) this.runningPoll = undefined;
    if (poll.totals) this.lastPoll = poll;
    this.repaintAll();
  }

  /** A poll was compared with the one before it. */
  pollCompared(poll: InventoryPoll, changes: Map<string, DeviceComparison>): void {
    poll.changes = changes;
    this.repaintAll();
  }

  /** These are the devices shown already (an inventory is read once per version of its text). */
  private showing(uri: vscode.Uri | undefined, devices: readonly DeviceSpec[]): boolean {
    return uri?.toString() === this.shownUri?.toString() && devices.length === this.rowList.length && devices.every((device, i) => this.rowList[i].device === device);
  }

  private setInventory(uri: vscode.Uri | undefined, devices: DeviceSpec[]): void {
    // Another inventory's handles mean nothing here; the same one's stay, whatever was reloaded.
    const sameInventory = uri?.toString() === this.shownUri?.toString();
    const before = this.rowsByName;
    this.shownUri = uri;
    this.rowList = devices.map((device) => ({ device, poll: sameInventory ? before.get(device.name)?.poll : undefined }));
    this.rowsByName = new Map(this.rowList.map((row) => [row.device.name, row]));
  }

  private repaintAll(): void {
    this.everythingChanged = true;
    this.repaint.flush();
  }

  private fireChange(): void {
    const rows = this.everythingChanged ? undefined : [...this.movedRows];
    this.everythingChanged = false;
    this.movedRows.clear();
    this.changed.fire(rows);
  }

  dispose(): void {
    this.repaint.dispose();
    this.changed.dispose();
  }
}
