// The Parsed tab: for one parsed command, every device's records in one table (device first),
// sortable and filterable, exported as CSV or JSON by the extension (a save dialog).
import type { ParsedRecord } from '../core/results/report';
import { cellText } from '../core/results/recordTables';
import { h } from './dom';
import { VirtualRows } from './virtualRows';

type Row = { device: string; record: ParsedRecord };

export interface ParsedViewEvents {
  /** The user chose a command: its table is asked for. */
  choose(command: string): void;
  export(command: string, format: 'csv' | 'json'): void;
  changed(command: string | undefined, filter: string): void;
}

export class ParsedView {
  readonly element: HTMLElement;
  private readonly picker: HTMLSelectElement;
  private readonly filterBox: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly header: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly rows: VirtualRows<Row>;
  private command: string | undefined;
  private columns: string[] = [];
  private all: Row[] = [];
  private sort: { column: number; descending: boolean } = { column: 0, descending: false };

  constructor(command: string | undefined, filter: string, private readonly events: ParsedViewEvents) {
    this.command = command;
    this.picker = h('select', { 'aria-label': 'Parsed command', onchange: () => this.choose(this.picker.value) });
    this.filterBox = h('input', { type: 'search', class: 'filter', placeholder: 'Filter records', 'aria-label': 'Filter records', oninput: () => this.refresh() });
    this.filterBox.value = filter;
    this.count = h('span', { class: 'count', role: 'status' });
    this.header = h('div', { class: 'row header', role: 'row' });
    this.rows = new VirtualRows<Row>({ label: 'Records', render: (row, element) => this.renderRow(row, element) });
    this.grid = h('div', { class: 'grid', role: 'grid', 'aria-label': 'Parsed records' }, h('div', { role: 'rowgroup' }, this.header), this.rows.element);
    const exportAs = (format: 'csv' | 'json') => () => this.command && events.export(this.command, format);
    this.element = h(
      'div',
      { class: 'table-view' },
      h('div', { class: 'toolbar' }, this.picker, this.filterBox, this.count, h('button', { class: 'export', onclick: exportAs('csv') }, 'Export CSV…'), h('button', { class: 'export', onclick: exportAs('json') }, 'Export JSON…')),
      this.grid,
    );
  }

  /** The poll's parsed commands; the table of the chosen one is asked for when it changes. */
  setCommands(parsed: string[]): void {
    const current = [...this.picker.options].map((o) => o.value).join('\n');
    if (current !== parsed.join('\n')) this.picker.replaceChildren(...parsed.map((command) => h('option', { value: command }, command)));
    if (parsed.length === 0) {
      this.count.textContent = 'No command of this poll was parsed: turn on netpoll.parsing.enabled, or parse: in devices.yaml.';
      return;
    }
    if (this.command === undefined || !parsed.includes(this.command)) this.command = parsed[0];
    this.picker.value = this.command;
  }

  /** Asks for the chosen command's table again (a poll moved on). */
  reload(): void {
    if (this.command) this.events.choose(this.command);
  }

  show(command: string, columns: string[], rows: Row[]): void {
    if (command !== this.command) return;
    this.columns = ['device', ...columns];
    this.all = rows;
    this.element.style.setProperty('--columns', this.columns.map((_, i) => (i === 0 ? 'minmax(6em, 1fr)' : 'minmax(6em, 1fr)')).join(' '));
    this.renderHeader();
    this.refresh();
  }

  private choose(command: string): void {
    this.command = command;
    this.all = [];
    this.refresh();
    this.events.choose(command);
  }

  private cells(row: Row): string[] {
    return [row.device, ...this.columns.slice(1).map((column) => cellText(row.record[column]))];
  }

  private refresh(): void {
    const words = this.filterBox.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.all.filter((row) => {
      const text = this.cells(row).join('\n').toLowerCase();
      return words.every((word) => text.includes(word));
    });
    const { column, descending } = this.sort;
    shown.sort((a, b) => (descending ? -1 : 1) * this.cells(a)[column].localeCompare(this.cells(b)[column], undefined, { numeric: true }));
    if (this.command) this.count.textContent = shown.length === this.all.length ? `${this.all.length} records` : `${shown.length} of ${this.all.length} records`;
    this.grid.setAttribute('aria-rowcount', String(shown.length + 1));
    this.rows.set(shown);
    this.events.changed(this.command, this.filterBox.value);
  }

  private renderHeader(): void {
    this.header.replaceChildren(
      ...this.columns.map((name, i) => {
        const sorted = this.sort.column === i;
        return h(
          'div',
          { class: 'cell', role: 'columnheader', 'aria-sort': sorted ? (this.sort.descending ? 'descending' : 'ascending') : 'none' },
          h('button', { class: 'sort', onclick: () => this.sortBy(i) }, name, sorted ? (this.sort.descending ? ' ▾' : ' ▴') : ''),
        );
      }),
    );
  }

  private sortBy(column: number): void {
    this.sort = { column, descending: this.sort.column === column ? !this.sort.descending : false };
    this.renderHeader();
    this.refresh();
  }

  private renderRow(row: Row, element: HTMLElement): void {
    for (const cell of this.cells(row)) element.append(h('div', { class: 'cell', role: 'gridcell' }, h('span', { class: 'text', title: cell }, cell)));
  }
}
