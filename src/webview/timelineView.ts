// The Timeline tab: one bar per device on a shared time axis, split into queued, connect, auth,
// prepare and each command, with the number of sessions open over time drawn above it. Hovering
// a part (or focusing its row) shows exact times.
import { pollTimeline, Segment, Timeline, TimelineBar } from '../core/results/pollTimeline';
import type { OverviewDevice } from '../core/results/overview';
import { h, seconds } from './dom';
import { VirtualRows } from './virtualRows';

const SVG = 'http://www.w3.org/2000/svg';
const CHART_HEIGHT = 64;

export class TimelineView {
  readonly element: HTMLElement;
  private readonly chart: SVGSVGElement;
  private readonly axis: HTMLElement;
  private readonly rows: VirtualRows<TimelineBar>;
  private readonly tip: HTMLElement;
  private readonly caption: HTMLElement;
  private timeline: Timeline = { bars: [], sessions: [], end: 0, peak: 0 };

  constructor() {
    this.chart = document.createElementNS(SVG, 'svg');
    this.chart.setAttribute('class', 'sessions');
    this.chart.setAttribute('role', 'img');
    this.chart.setAttribute('preserveAspectRatio', 'none');
    this.axis = h('div', { class: 'axis', 'aria-hidden': 'true' });
    this.caption = h('div', { class: 'caption' });
    this.tip = h('div', { class: 'tip', role: 'tooltip', hidden: true });
    this.rows = new VirtualRows<TimelineBar>({ label: 'Timeline, one bar per device', render: (bar, row) => this.renderBar(bar, row) });
    const legend = h('div', { class: 'legend' }, ...['queued', 'connect', 'auth', 'prepare', 'command', 'failed'].map((kind) => h('span', {}, h('span', { class: `swatch ${kind}` }), kind)));
    this.element = h('div', { class: 'timeline', onmouseleave: () => (this.tip.hidden = true) }, h('div', { class: 'toolbar' }, this.caption, legend), h('div', { class: 'chart-row' }, h('div', { class: 'label quiet' }, 'sessions open'), this.chart), h('div', { class: 'chart-row' }, h('div', { class: 'label' }), this.axis), this.rows.element, this.tip);
  }

  show(devices: OverviewDevice[]): void {
    this.timeline = pollTimeline(devices);
    const { end, peak, bars } = this.timeline;
    this.caption.textContent = bars.length === 0 ? 'No device has started yet.' : `${bars.length} devices over ${seconds(end)}; at most ${peak} sessions open at once`;
    this.drawChart();
    this.drawAxis();
    this.rows.set(bars);
  }

  /** A step line of the sessions open, scaled to the poll's length and its peak. */
  private drawChart(): void {
    const { sessions, end, peak } = this.timeline;
    const width = 1000;
    this.chart.setAttribute('viewBox', `0 0 ${width} ${CHART_HEIGHT}`);
    this.chart.setAttribute('aria-label', `Sessions open over time, at most ${peak}`);
    const x = (ms: number) => (end === 0 ? 0 : (ms / end) * width);
    const y = (open: number) => CHART_HEIGHT - 2 - (peak === 0 ? 0 : (open / peak) * (CHART_HEIGHT - 4));
    let path = `M0 ${y(0)}`;
    for (const point of sessions) path += ` H${x(point.at).toFixed(1)} V${y(point.open).toFixed(1)}`;
    path += ` H${width}`;
    const line = document.createElementNS(SVG, 'path');
    line.setAttribute('d', path);
    line.setAttribute('class', 'line');
    line.setAttribute('vector-effect', 'non-scaling-stroke');
    this.chart.replaceChildren(line);
  }

  private drawAxis(): void {
    const { end } = this.timeline;
    const ticks = 5;
    this.axis.replaceChildren(
      ...Array.from({ length: ticks + 1 }, (_, i) => {
        const tick = h('span', { class: 'tick' }, seconds((end * i) / ticks));
        tick.style.left = `${(i / ticks) * 100}%`;
        return tick;
      }),
    );
  }

  private renderBar(bar: TimelineBar, row: HTMLElement): void {
    const { end } = this.timeline;
    const percent = (ms: number) => (end === 0 ? 0 : (ms / end) * 100);
    const track = h('div', { class: 'track' });
    bar.segments.forEach((segment, i) => {
      const part = h('div', {
        class: `segment ${segment.kind}${segment.kind === 'command' && i % 2 === 1 ? ' alternate' : ''}`,
        onmouseenter: (event) => this.showTip(bar, segment, event as MouseEvent),
        onmousemove: (event) => this.moveTip(event as MouseEvent),
      });
      // Set through the style object: the page's Content-Security-Policy refuses style attributes.
      part.style.left = `${percent(segment.start)}%`;
      part.style.width = `max(1px, ${percent(segment.end - segment.start)}%)`;
      track.append(part);
    });
    row.classList.add('bar', bar.status);
    row.setAttribute('aria-label', `${bar.name}, ${bar.status}: ${bar.segments.map(describe).join('; ')}`);
    row.append(h('div', { class: 'label', role: 'rowheader' }, bar.name), h('div', { class: 'cell', role: 'gridcell' }, track));
  }

  private showTip(bar: TimelineBar, segment: Segment, event: MouseEvent): void {
    this.tip.replaceChildren(h('strong', {}, bar.name), ` (${bar.status})`, h('br'), describe(segment), h('br'), h('span', { class: 'quiet' }, bar.segments.map((s) => `${s.label} ${seconds(s.end - s.start)}`).join(' · ')));
    this.tip.hidden = false;
    this.moveTip(event);
  }

  private moveTip(event: MouseEvent): void {
    const box = this.element.getBoundingClientRect();
    this.tip.style.left = `${Math.min(event.clientX - box.left + 12, box.width - 320)}px`;
    this.tip.style.top = `${event.clientY - box.top + 16}px`;
  }
}

function describe(segment: Segment): string {
  return `${segment.label}: ${seconds(segment.start)} → ${seconds(segment.end)} (${seconds(segment.end - segment.start)})`;
}
