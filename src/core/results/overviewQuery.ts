// The results view's filter and sort, as plain functions (the view runs them in its page, the
// tests in Node). A filter is words, all of which a device must match: `status:failed`,
// `group:core`, `platform:cisco_ios`, `kind:auth`, `answer:N:G` (the devices that gave answer G
// to the N-th command), or any other text, found in the name, host, group, platform, error or
// first lines of the answers. Quotes keep spaces in a word: `"show version"`.
import type { OverviewDevice } from './overview';

export type SortKey = 'name' | 'status' | 'group' | 'platform' | 'host' | 'elapsed' | 'error' | `command:${number}`;

export interface DeviceSort {
  key: SortKey;
  descending: boolean;
}

type Term = { field: 'status' | 'group' | 'platform' | 'kind' | 'text'; value: string } | { field: 'answer'; command: string; group: number };

/** The words of a filter, with their fields; `commands` are the poll's, for `answer:`. */
export function parseFilter(filter: string, commands: readonly string[]): Term[] {
  const words = filter.match(/"[^"]*"|\S+/g) ?? [];
  return words.map((word): Term => {
    const unquoted = word.replace(/^"|"$/g, '');
    const answer = /^answer:(\d+):(\d+)$/.exec(unquoted);
    if (answer && commands[Number(answer[1])] !== undefined) return { field: 'answer', command: commands[Number(answer[1])], group: Number(answer[2]) };
    const field = /^(status|group|platform|kind):(.*)$/.exec(unquoted);
    if (field) return { field: field[1] as 'status', value: field[2].toLowerCase() };
    return { field: 'text', value: unquoted.toLowerCase() };
  });
}

/** A filter word that selects the devices of one answer group. */
export function answerFilter(commandIndex: number, group: number): string {
  return `answer:${commandIndex}:${group}`;
}

export function matches(device: OverviewDevice, terms: readonly Term[]): boolean {
  return terms.every((term) => {
    switch (term.field) {
      case 'status':
        return device.status === term.value;
      case 'group':
        return (device.group ?? '').toLowerCase() === term.value;
      case 'platform':
        return device.deviceType.toLowerCase() === term.value;
      case 'kind':
        return (device.error?.kind ?? '').toLowerCase() === term.value;
      case 'answer':
        return device.commands.some((c) => c.command === term.command && c.answer === term.group);
      case 'text':
        return searchText(device).includes(term.value);
    }
  });
}

export function filterDevices(devices: readonly OverviewDevice[], filter: string, commands: readonly string[]): OverviewDevice[] {
  const terms = parseFilter(filter, commands);
  return terms.length === 0 ? [...devices] : devices.filter((device) => matches(device, terms));
}

/** Sorted by the key, then by name; a stable order whatever the key. */
export function sortDevices(devices: OverviewDevice[], sort: DeviceSort, commands: readonly string[]): OverviewDevice[] {
  const value = sortValue(sort.key, commands);
  const direction = sort.descending ? -1 : 1;
  return devices.sort((a, b) => direction * compareValues(value(a), value(b)) || a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** Status in the order a person reads a poll: what went wrong first. */
const STATUS_ORDER = ['failed', 'cancelled', 'skipped', 'running', 'pending', 'finished'];

function sortValue(key: SortKey, commands: readonly string[]): (d: OverviewDevice) => string | number {
  switch (key) {
    case 'name':
      return (d) => d.name;
    case 'status':
      return (d) => STATUS_ORDER.indexOf(d.status);
    case 'group':
      return (d) => d.group ?? '';
    case 'platform':
      return (d) => d.deviceType;
    case 'host':
      return (d) => `${d.host}:${String(d.port).padStart(5, '0')}`;
    case 'elapsed':
      return (d) => d.elapsedMs ?? -1;
    case 'error':
      return (d) => (d.error ? `${d.error.kind} ${d.error.message}` : '');
    default: {
      const command = commands[Number(key.slice('command:'.length))];
      return (d) => answerCell(d, command);
    }
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A device's answer to a command in a few words: the record count when parsed, else its first line. */
export function answerCell(device: OverviewDevice, command: string): string {
  const answer = device.commands.find((c) => c.command === command);
  if (!answer) return '';
  if (answer.parse?.status === 'parsed') return `${answer.parse.records} ${answer.parse.records === 1 ? 'record' : 'records'}`;
  return answer.firstLine;
}

function searchText(device: OverviewDevice): string {
  return [device.name, device.host, device.group ?? '', device.deviceType, device.status, device.error?.kind ?? '', device.error?.message ?? '', ...device.commands.map((c) => c.firstLine)].join('\n').toLowerCase();
}
