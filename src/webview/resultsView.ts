// The results view's page: a heading, four tabs (Devices, Answers, Parsed, Timeline), and the
// messages that keep them current. Its state (tab, filters, sort, which poll) is kept by VS Code,
// so hiding the panel or reloading the window brings back what was shown.
import type { DeviceSort } from '../core/results/overviewQuery';
import { answerFilter } from '../core/results/overviewQuery';
import type { CommandAnswers, OverviewDevice } from '../core/results/overview';
import { AnswersView } from './answersView';
import { DevicesTable } from './devicesTable';
import { framed, h, seconds } from './dom';
import { ParsedView } from './parsedView';
import type { FromView, PollHeading, ToView, ViewState } from './protocol';
import { TimelineView } from './timelineView';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void; getState(): ViewState | undefined; setState(state: ViewState): void };

const vscode = acquireVsCodeApi();
const TABS = [
  { id: 'devices', title: 'Devices' },
  { id: 'answers', title: 'Answers' },
  { id: 'parsed', title: 'Parsed' },
  { id: 'timeline', title: 'Timeline' },
] as const;

let state: ViewState = vscode.getState() ?? { tab: 'devices', filter: '', sort: { key: 'name', descending: false }, parsedFilter: '' };
const save = (change: Partial<ViewState>) => {
  state = { ...state, ...change };
  vscode.setState(state);
};

const devices = new Map<number, OverviewDevice>();
let answers: CommandAnswers[] = [];
let heading: PollHeading | undefined;

const title = h('h1', {}, 'NetPoll results');
const summary = h('p', { class: 'summary', role: 'status' });
const table = new DevicesTable(state.sort as DeviceSort, state.filter, {
  open: (device) => vscode.postMessage({ type: 'openDevice', name: device.name }),
  repoll: (device) => vscode.postMessage({ type: 'repoll', name: device.name }),
  changed: (filter, sort) => save({ filter, sort }),
});
const answersView = new AnswersView((commandIndex, group) => {
  table.setFilter(answerFilter(commandIndex, group));
  select('devices');
});
const parsedView = new ParsedView(state.parsedCommand, state.parsedFilter, {
  choose: (command) => vscode.postMessage({ type: 'parsed', command }),
  export: (command, format) => vscode.postMessage({ type: 'export', command, format }),
  changed: (parsedCommand, parsedFilter) => save({ parsedCommand, parsedFilter }),
});
const timeline = new TimelineView();
const panels: Record<ViewState['tab'], HTMLElement> = { devices: table.element, answers: answersView.element, parsed: parsedView.element, timeline: timeline.element };

const tabButtons = TABS.map((tab) =>
  h('button', { role: 'tab', id: `tab-${tab.id}`, 'aria-controls': `panel-${tab.id}`, onclick: () => select(tab.id), onkeydown: (e) => tabKey(e as KeyboardEvent) }, tab.title),
);
const tabPanels = TABS.map((tab) => h('section', { role: 'tabpanel', id: `panel-${tab.id}`, 'aria-labelledby': `tab-${tab.id}` }, panels[tab.id]));
document.body.append(h('header', {}, title, summary), h('nav', { role: 'tablist', 'aria-label': 'Results view' }, ...tabButtons), ...tabPanels);

function select(tab: ViewState['tab']): void {
  save({ tab });
  TABS.forEach((t, i) => {
    const selected = t.id === tab;
    tabButtons[i].setAttribute('aria-selected', String(selected));
    tabButtons[i].tabIndex = selected ? 0 : -1;
    tabPanels[i].hidden = !selected;
  });
  // The Parsed tab asks for its table each time it is shown: the poll may have moved on.
  if (tab === 'parsed') showParsed();
  paint();
}

function showParsed(): void {
  parsedView.setCommands(parsedCommands());
  parsedView.reload();
}

function parsedCommands(): string[] {
  return answers.filter((a) => a.fields !== undefined).map((a) => a.command);
}

/** Arrow keys move between tabs, as in any tab list. */
function tabKey(event: KeyboardEvent): void {
  const at = TABS.findIndex((t) => t.id === state.tab);
  const next = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : undefined;
  if (next === undefined) return;
  const tab = TABS[(next + TABS.length) % TABS.length];
  select(tab.id);
  tabButtons[TABS.indexOf(tab)].focus();
}

/** Redraws the tab in view, at most once a frame however many messages came. */
const paint = framed(() => {
  if (!heading) return;
  const all = [...devices.values()].sort((a, b) => a.id - b.id);
  title.textContent = `NetPoll results: ${heading.inventory}`;
  const { summary: s } = heading;
  summary.textContent = `${heading.running ? 'Polling' : heading.state}: started ${new Date(heading.startedAt).toLocaleString()}, ${heading.workers} workers · ${s.total} devices: ${s.finished} finished, ${s.failed} failed${s.cancelled ? `, ${s.cancelled} cancelled` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}${heading.finishedAt ? ` in ${seconds(Date.parse(heading.finishedAt) - Date.parse(heading.startedAt))}` : ''}`;
  summary.classList.toggle('running', heading.running);
  const commands = commandsOf(all);
  if (state.tab === 'devices') table.show(all, commands);
  if (state.tab === 'answers') answersView.show(answers, commands);
  if (state.tab === 'parsed') parsedView.setCommands(parsedCommands());
  if (state.tab === 'timeline') timeline.show(all);
});

/** The poll's commands, and any a device has of its own, in the order first seen. */
function commandsOf(all: OverviewDevice[]): string[] {
  const seen = new Set(heading?.commands ?? []);
  for (const device of all) for (const c of device.commands) seen.add(c.command);
  return [...seen];
}

let parsedAsked = false;
window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  switch (message.type) {
    case 'poll':
    case 'update':
      if (message.type === 'poll') {
        devices.clear();
        save({ source: message.source });
      }
      heading = message.heading;
      for (const device of message.devices) devices.set(device.id, device);
      answers = message.answers;
      // A Parsed tab shown before the poll arrived asks for its table now.
      if (state.tab === 'parsed' && (!parsedAsked || message.type === 'poll')) {
        parsedAsked = true;
        showParsed();
      }
      paint();
      break;
    case 'parsed':
      parsedView.show(message.command, message.columns, message.rows);
      break;
    case 'empty':
      summary.textContent = message.message;
      break;
  }
});

select(state.tab);
vscode.postMessage({ type: 'ready' });
