// The Devices view: every inventory device with its live poll state, grouped when the
// inventory has groups. It renders the devices model and repaints when the model changes.
import * as vscode from 'vscode';
import { PollState } from '../core/poll/devicePoll';
import { DeviceChange, DeviceComparison } from '../core/results/pollCompare';
import { parseSummary } from '../core/results/recordTables';
import { messagesSummary } from '../core/results/sessionNotes';
import { DeviceRow, DevicesModel } from './devicesModel';

export type { DeviceRow } from './devicesModel';

interface GroupNode {
  group: string;
  rows: DeviceRow[];
}

type Node = GroupNode | DeviceRow;

const STATE_ICONS: Record<PollState | 'idle', vscode.ThemeIcon> = {
  idle: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground')),
  pending: new vscode.ThemeIcon('clock', new vscode.ThemeColor('descriptionForeground')),
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  finished: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

export class DevicesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;

  constructor(private readonly model: DevicesModel) {
    // Only the rows that moved: a repaint of the whole tree sends every row to the window.
    this.listening = model.onDidChange((rows) => {
      if (rows === undefined) this.changed.fire(undefined);
      else if (rows.length > 0) this.changed.fire([...rows]);
    });
  }

  /** The inventory the rows come from. */
  get inventory(): vscode.Uri | undefined {
    return this.model.inventory;
  }

  getChildren(node?: Node): Node[] {
    if (node) return 'rows' in node ? node.rows : [];
    const rows = this.model.rows;
    if (rows.every((row) => row.device.group === undefined)) return [...rows];
    const groups = new Map<string, DeviceRow[]>();
    for (const row of rows) {
      const group = row.device.group ?? '(no group)';
      const members = groups.get(group);
      if (members) members.push(row);
      else groups.set(group, [row]);
    }
    return [...groups].map(([group, rows]) => ({ group, rows }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('rows' in node) {
      const item = new vscode.TreeItem(node.group, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.iconPath = new vscode.ThemeIcon('folder');
      item.description = `${node.rows.length} devices`;
      return item;
    }
    return deviceItem(node, this.model.changeOf(node));
  }

  /** Tooltips are made when one is shown: a repaint of a thousand rows sends none of them. */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (!('rows' in node)) item.tooltip = tooltip(node, this.model.changeOf(node));
    return item;
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}

/** How the tree marks a device against the previous poll; an unchanged device gets no mark. */
const CHANGE_MARKS: Partial<Record<DeviceChange, string>> = {
  changed: 'changed',
  new: 'new',
  'now-failing': 'now failing',
  'now-answering': 'now answering',
};

function deviceItem(row: DeviceRow, change: DeviceComparison | undefined): vscode.TreeItem {
  const { device, poll } = row;
  const state = poll?.state ?? 'idle';
  const mark = change && CHANGE_MARKS[change.status];
  const item = new vscode.TreeItem(device.name, vscode.TreeItemCollapsibleState.None);
  item.id = `device:${device.group ?? ''}:${device.line}:${device.name}`;
  item.iconPath = STATE_ICONS[state];
  item.description = [describe(row), mark && `● ${mark}`].filter(Boolean).join(' · ');
  // `.changed` lets the menu offer the comparison first where there is something to see.
  item.contextValue = `device.${state}${mark ? '.changed' : ''}`;
  if (poll?.isFinal) {
    item.command = { command: 'netpoll.openDeviceOutput', title: 'Open output', arguments: [row] };
  }
  return item;
}

function describe({ device, poll }: DeviceRow): string {
  switch (poll?.state) {
    case undefined:
      return `${device.host}:${device.port}`;
    case 'pending':
      return 'pending';
    case 'running':
      return 'running…';
    case 'finished':
      return seconds(poll.elapsedMs);
    case 'failed':
      return `${poll.error?.kind ?? 'failed'} · ${seconds(poll.elapsedMs)}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function tooltip({ device, poll }: DeviceRow, change: DeviceComparison | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(device.name)}** — ${poll?.state ?? 'not polled'}\n\n`);
  md.appendMarkdown(`${escape(device.host)}:${device.port} · ${escape(device.deviceType)}${device.group ? ` · group ${escape(device.group)}` : ''}\n\n`);
  if (device.tags.length > 0) md.appendMarkdown(`Tags: ${device.tags.map(escape).join(', ')}\n\n`);
  if (poll) {
    const phases = Object.entries(poll.timings).map(([phase, ms]) => `${phase} ${seconds(ms)}`);
    if (phases.length > 0) md.appendMarkdown(`Timings: ${phases.join(', ')}\n\n`);
    if (poll.error) {
      md.appendMarkdown(`**${poll.error.kind}**: ${escape(poll.error.message)}\n\n`);
      if (poll.error.hint) md.appendMarkdown(`${escape(poll.error.hint)}\n\n`);
    }
    if (poll.uncertainEnds.length > 0) md.appendMarkdown(`Outputs that may be cut short (their end was uncertain):\n\n${poll.uncertainEnds.map((command) => `- ${escape(command)}`).join('\n')}\n\n`);
    // Counted only: their text is the device's, read in its results.
    if (poll.messageCount > 0) md.appendMarkdown(`${messagesSummary(poll.messageCount, poll.messagesDropped)}, apart from the outputs: open the device's output to read them\n\n`);
    const parsed = poll.parseNotes.map((note) => `${escape(note.command)}: ${escape(parseSummary(note, note.records))}`);
    if (parsed.length > 0) md.appendMarkdown(`Parsed (TextFSM):\n\n${parsed.map((line) => `- ${line}`).join('\n')}\n\n`);
  }
  if (change && change.status !== 'unchanged') {
    const commands = change.commands.filter((c) => c.status !== 'unchanged').map((c) => `${escape(c.command)} (${c.status})`);
    md.appendMarkdown(`Since the previous poll: ${change.status.replace('-', ' ')}${commands.length > 0 ? `: ${commands.join(', ')}` : ''}\n\n`);
  }
  return md;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
