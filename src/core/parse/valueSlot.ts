// A Value while input is being parsed: its current text and what its options do when it is
// assigned, cleared and recorded. The options act in the order the template lists them, as in
// Python textfsm, where that order can matter (Required before or after List).
import { ValueDefinition } from './valueDefinition';

/** A List value's item: the text, or its nested named groups. */
export type ListItem = string | null | { [group: string]: string | null };
export type Cell = string | ListItem[];
/** While parsing, a value may also be unset (null) before it is recorded as ''. */
export type SlotValue = string | null | ListItem[];

/** Thrown by Required when the record must be dropped. */
export class SkipRecord extends Error {}

export class ListOfNull extends Error {}

export const isFilled = (value: SlotValue | Cell): boolean => (Array.isArray(value) ? value.length > 0 : value !== null && value !== '');

interface OptionBehaviour {
  onAssign?(): void;
  onClear?(): void;
  onClearAll?(): void;
  onSaveRecord?(): void;
}

export class ValueSlot {
  value: SlotValue = null;
  private readonly behaviours: OptionBehaviour[];

  constructor(
    readonly definition: ValueDefinition,
    /** This value's column in the rows recorded so far (for Fillup). */
    readonly column: number,
    rows: Cell[][],
  ) {
    this.behaviours = definition.options.map((option) => behaviour(option, this, rows));
  }

  assign(text: string | null): void {
    this.value = text;
    for (const b of this.behaviours) b.onAssign?.();
  }

  clear(): void {
    this.value = null;
    for (const b of this.behaviours) b.onClear?.();
  }

  clearAll(): void {
    this.value = null;
    for (const b of this.behaviours) b.onClearAll?.();
  }

  saveRecord(): void {
    for (const b of this.behaviours) b.onSaveRecord?.();
  }
}

function behaviour(option: ValueDefinition['options'][number], slot: ValueSlot, rows: Cell[][]): OptionBehaviour {
  switch (option) {
    case 'Key':
      return {};
    case 'Required':
      return {
        onSaveRecord() {
          if (!isFilled(slot.value)) throw new SkipRecord();
        },
      };
    case 'Filldown': {
      // The last assigned text comes back after each record, until Clearall.
      let kept: SlotValue = null;
      return {
        onAssign: () => void (kept = slot.value),
        onClear: () => void (slot.value = kept),
        onClearAll: () => void (kept = null),
      };
    }
    case 'Fillup':
      return {
        // A new text also fills this column upwards in the rows recorded without one.
        onAssign() {
          if (!isFilled(slot.value)) return;
          for (let i = rows.length - 1; i >= 0; i--) {
            if (isFilled(rows[i][slot.column])) break;
            rows[i][slot.column] = slot.value as Cell;
          }
        },
      };
    case 'List':
      return listBehaviour(slot);
  }
}

function listBehaviour(slot: ValueSlot): OptionBehaviour {
  let items: ListItem[] = [];
  const pattern = slot.definition.listPattern!;
  const keepsItems = slot.definition.options.includes('Filldown');
  return {
    onAssign() {
      const text = slot.value as string | null;
      // Nested named groups make each item an object of them (only when there is more than
      // the value's own group, as in Python).
      if (pattern.groupCount > 1) {
        if (text === null) throw new ListOfNull();
        const groups = pattern.matchNamed(text);
        if (groups && pattern.groupNames.length > 0) {
          items.push(Object.fromEntries(pattern.groupNames.map((name, i) => [name, groups[i]])));
          return;
        }
      }
      items.push(text);
    },
    onClear() {
      if (!keepsItems) items = [];
    },
    onClearAll() {
      items = [];
    },
    onSaveRecord() {
      slot.value = [...items];
    },
  };
}
