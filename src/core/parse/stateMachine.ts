// Runs a template over text, line by line, as Python textfsm's ParseText does: the first rule
// of the current state that matches assigns its Values, does its record action, then either
// takes the next line (Next, maybe in a new state) or tries the following rules (Continue).
import { forEachPythonLine } from './pythonText';
import { RuleDefinition } from './ruleDefinition';
import { TextFsmError } from './templateErrors';
import { TemplateDefinition } from './templateParser';
import { Cell, ListOfNull, SkipRecord, ValueSlot } from './valueSlot';

export interface ParsedTable {
  /** The Value names, in template order. */
  header: string[];
  /** One row per record, a cell per Value: text, or a list for List values. */
  rows: Cell[][];
}

/** A rule with, for each of its named groups, the Value it fills (-1: none). */
export interface RunnableRule {
  definition: RuleDefinition;
  slotOf: number[];
}

export type RunnableStates = Map<string, RunnableRule[]>;

/** Done once per template: which Value each rule's named groups fill. */
export function runnableStates(template: TemplateDefinition): RunnableStates {
  const index = new Map(template.values.map((value, i) => [value.name, i]));
  const states: RunnableStates = new Map();
  for (const [name, state] of template.states) {
    states.set(name, state.rules.map((definition) => ({ definition, slotOf: definition.pattern.groupNames.map((group) => index.get(group) ?? -1) })));
  }
  return states;
}

export function runStateMachine(template: TemplateDefinition, states: RunnableStates, text: string): ParsedTable {
  const rows: Cell[][] = [];
  const slots = template.values.map((value, column) => new ValueSlot(value, column, rows));
  const clearRecord = () => slots.forEach((slot) => slot.clear());
  const clearAll = () => slots.forEach((slot) => slot.clearAll());
  const appendRecord = () => {
    if (slots.length === 0) return;
    const record = [];
    for (const slot of slots) {
      try {
        slot.saveRecord();
      } catch (err) {
        if (!(err instanceof SkipRecord)) throw err;
        clearRecord();
        return;
      }
      record.push(slot.value);
    }
    // A record with nothing in it is not kept (and, as in Python, not cleared either).
    if (record.every((value) => value === null || (Array.isArray(value) && value.length === 0))) return;
    rows.push(record.map((value) => value ?? ''));
    clearRecord();
  };

  clearAll();
  let rules = states.get('Start')!;
  let stateName = 'Start';
  let n = 0;
  forEachPythonLine(text, (line) => {
    n++;
    for (const rule of rules) {
      const groups = rule.definition.pattern.matchNamed(line);
      if (groups === undefined) continue;
      const { definition } = rule;
      try {
        rule.slotOf.forEach((slot, i) => {
          if (slot >= 0) slots[slot].assign(groups[i]);
        });
      } catch (err) {
        if (!(err instanceof ListOfNull)) throw err;
        throw new TextFsmError(template.fileName, definition.line, 'a List value with nested groups took no part in the match', n, line);
      }
      if (definition.recordAction === 'Record') appendRecord();
      else if (definition.recordAction === 'Clear') clearRecord();
      else if (definition.recordAction === 'Clearall') clearAll();

      if (definition.lineAction === 'Error') {
        const message = definition.target?.replace(/^"([^]*)"$/, '$1');
        throw new TextFsmError(template.fileName, definition.line, message ? `Error: ${message}` : 'the input reached an Error rule', n, line);
      }
      if (definition.lineAction === 'Continue') continue;
      if (definition.target) {
        if (definition.target !== 'End' && definition.target !== 'EOF') rules = states.get(definition.target)!;
        stateName = definition.target;
      }
      break;
    }
    return stateName !== 'End' && stateName !== 'EOF';
  });
  // The implicit record at the end of the input, unless the template declares an EOF state.
  if (stateName !== 'End' && !template.hasEofState) appendRecord();
  return { header: template.values.map((value) => value.name), rows };
}
