// A list that draws only the rows in sight, so ten thousand devices scroll as smoothly as ten.
// Rows have one fixed height; the list keeps a roving focus (one row in the tab order, arrows
// move it) so it is usable from the keyboard.
import { framed, h } from './dom';

export const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
const OVERSCAN = 8;

export interface VirtualRowsOptions<T> {
  /** Draws one row's cells into `row`. */
  render(item: T, row: HTMLElement): void;
  /** Enter on a row, or a click. */
  activate?(item: T): void;
  label: string;
}

export class VirtualRows<T> {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private items: readonly T[] = [];
  private focused = 0;
  private readonly paint = framed(() => this.draw());

  constructor(private readonly options: VirtualRowsOptions<T>) {
    this.rows = h('div', { class: 'rows', role: 'rowgroup' });
    this.spacer = h('div', { class: 'spacer' }, this.rows);
    this.element = h('div', { class: 'viewport', 'aria-label': options.label, onscroll: () => this.paint(), onkeydown: (e) => this.key(e as KeyboardEvent) }, this.spacer);
    new ResizeObserver(() => this.paint()).observe(this.element);
  }

  set(items: readonly T[]): void {
    this.items = items;
    this.focused = Math.min(this.focused, Math.max(0, items.length - 1));
    this.spacer.style.height = `${items.length * ROW_HEIGHT}px`;
    this.paint();
  }

  private draw(): void {
    const top = this.element.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((top + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const hadFocus = this.rows.contains(document.activeElement);
    this.rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const drawn: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const item = this.items[i];
      const row = h('div', {
        class: 'row',
        role: 'row',
        'aria-rowindex': i + 2,
        tabindex: i === this.focused ? 0 : -1,
        onclick: () => {
          this.focused = i;
          this.options.activate?.(item);
        },
        onfocus: () => (this.focused = i),
      });
      this.options.render(item, row);
      drawn.push(row);
    }
    this.rows.replaceChildren(...drawn);
    // A focused row that was redrawn keeps the keyboard where it was.
    if (hadFocus) (this.rows.querySelector('[tabindex="0"]') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private key(event: KeyboardEvent): void {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key === 'Enter' && (event.target as HTMLElement).classList.contains('row')) {
      const item = this.items[this.focused];
      if (item !== undefined) this.options.activate?.(item);
      return;
    }
    let next: number | undefined;
    if (event.key in moves) next = this.focused + moves[event.key];
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = this.items.length - 1;
    if (next === undefined || this.items.length === 0) return;
    event.preventDefault();
    this.focused = Math.max(0, Math.min(this.items.length - 1, next));
    const rowTop = this.focused * ROW_HEIGHT;
    if (rowTop < this.element.scrollTop) this.element.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > this.element.scrollTop + this.element.clientHeight) this.element.scrollTop = rowTop + ROW_HEIGHT - this.element.clientHeight;
    this.draw();
    (this.rows.querySelector('[tabindex="0"]') as HTMLElement | null)?.focus({ preventScroll: true });
  }
}
