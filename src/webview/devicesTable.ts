// The Devices tab: one row per device, a column per command, sortable columns, a filter box.
// A row opens the device's output; a failed row has Re-poll.
import { answerCell, DeviceSort, filterDevices, SortKey, sortDevices } from '../core/results/overviewQuery';
import type { OverviewDevice } from '../core/results/overview';
import { h, seconds } from './dom';
import { VirtualRows } from './virtualRows';

export const STATE_GLYPHS: Record<OverviewDevice['status'], string> = {
  pending: '◌',
  running: '◔',
  finished: '✓',
  failed: '✗',
  cancelled: '⊘',
  skipped: '–',
};

interface Column {
  key: SortKey;
  title: string;
  width: string;
  cell(device: OverviewDevice): Node | string;
}

export interface DevicesTableEvents {
  open(device: OverviewDevice): void;
  repoll(device: OverviewDevice): void;
  /** The filter or sort changed (to keep in the page's state). */
  changed(filter: string, sort: DeviceSort): void;
}

export class DevicesTable {
  readonly element: HTMLElement;
  private readonly filterBox: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly header: HTMLElement;
  private readonly rows: VirtualRows<OverviewDevice>;
  private devices: OverviewDevice[] = [];
  private commands: string[] = [];
  private columns: Column[] = [];

  constructor(private sort: DeviceSort, filter: string, private readonly events: DevicesTableEvents) {
    this.filterBox = h('input', {
      type: 'search',
      class: 'filter',
      placeholder: 'Filter: text, status:failed, group:core, platform:…, kind:auth',
      'aria-label': 'Filter devices',
      oninput: () => this.refresh(),
    });
    this.filterBox.value = filter;
    this.count = h('span', { class: 'count', role: 'status' });
    this.header = h('div', { class: 'row header', role: 'row' });
    this.rows = new VirtualRows<OverviewDevice>({ label: 'Devices', render: (device, row) => this.renderRow(device, row), activate: (device) => events.open(device) });
    const grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Devices of the poll' }, h('div', { role: 'rowgroup' }, this.header), this.rows.element);
    this.element = h('div', { class: 'table-view' }, h('div', { class: 'toolbar' }, this.filterBox, this.count), grid);
  }

  get filter(): string {
    return this.filterBox.value;
  }

  /** Filters the table (as typing in the box does). */
  setFilter(filter: string): void {
    this.filterBox.value = filter;
    this.refresh();
  }

  show(devices: OverviewDevice[], commands: string[]): void {
    this.devices = devices;
    if (commands.join('\n') !== this.commands.join('\n')) {
      this.commands = commands;
      this.columns = this.columnsFor(commands);
      this.element.style.setProperty('--columns', this.columns.map((c) => c.width).join(' '));
      this.renderHeader();
    }
    this.refresh();
  }

  private refresh(): void {
    const shown = sortDevices(filterDevices(this.devices, this.filterBox.value, this.commands), this.sort, this.commands);
    this.count.textContent = shown.length === this.devices.length ? `${this.devices.length} devices` : `${shown.length} of ${this.devices.length} devices`;
    this.rows.element.parentElement!.setAttribute('aria-rowcount', String(shown.length + 1));
    this.rows.set(shown);
    this.events.changed(this.filterBox.value, this.sort);
  }

  private columnsFor(commands: string[]): Column[] {
    const text = (value: string) => h('span', { class: 'text', title: value }, value);
    return [
      { key: 'status', title: 'State', width: '7.5em', cell: (d) => h('span', { class: `state ${d.status}`, title: d.status }, `${STATE_GLYPHS[d.status]} `, h('span', { class: 'state-name' }, d.status)) },
      { key: 'name', title: 'Name', width: 'minmax(6em, 1fr)', cell: (d) => text(d.name) },
      { key: 'group', title: 'Group', width: 'minmax(4em, 0.6fr)', cell: (d) => text(d.group ?? '') },
      { key: 'platform', title: 'Platform', width: 'minmax(5em, 0.7fr)', cell: (d) => text(d.deviceType) },
      { key: 'host', title: 'Host', width: 'minmax(7em, 0.9fr)', cell: (d) => text(`${d.host}:${d.port}`) },
      { key: 'elapsed', title: 'Elapsed', width: '5em', cell: (d) => h('span', { class: 'number' }, seconds(d.elapsedMs)) },
      {
        key: 'error',
        title: 'Error',
        width: 'minmax(8em, 1.4fr)',
        cell: (d) =>
          d.error
            ? h('span', { class: 'error-cell' }, d.status === 'failed' ? h('button', { class: 'repoll', title: `Poll ${d.name} again`, onclick: (e) => (e.stopPropagation(), this.events.repoll(d)) }, 'Re-poll') : undefined, text(`${d.error.kind}: ${d.error.message}`))
            : '',
      },
      ...commands.map((command, i): Column => ({
        key: `command:${i}`,
        title: command,
        width: 'minmax(8em, 1.2fr)',
        cell: (d) => {
          const answer = d.commands.find((c) => c.command === command);
          return h('span', { class: `text${answer?.failed ? ' failed' : ''}${answer?.parse?.status === 'error' ? ' parse-error' : ''}`, title: answer?.parse && answer.parse.status !== 'parsed' ? `${answer.parse.status}: ${answer.parse.message ?? ''}` : answerCell(d, command) }, answerCell(d, command));
        },
      })),
    ];
  }

  private renderHeader(): void {
    this.header.replaceChildren(
      ...this.columns.map((column) => {
        const sorted = this.sort.key === column.key;
        return h(
          'div',
          { class: 'cell', role: 'columnheader', 'aria-sort': sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none' },
          h('button', { class: 'sort', title: `Sort by ${column.title}`, onclick: () => this.sortBy(column.key) }, column.title, sorted ? (this.sort.descending ? ' ▾' : ' ▴') : ''),
        );
      }),
    );
  }

  private sortBy(key: SortKey): void {
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : false };
    this.renderHeader();
    this.refresh();
  }

  private renderRow(device: OverviewDevice, row: HTMLElement): void {
    row.classList.add(device.status);
    row.setAttribute('aria-label', `${device.name}, ${device.status}`);
    for (const column of this.columns) row.append(h('div', { class: 'cell', role: 'gridcell' }, column.cell(device)));
  }
}
