// A TextFSM template, read and compiled once, then run on as many texts as needed.
import { ParsedTable, RunnableStates, runnableStates, runStateMachine } from './stateMachine';
import { parseTemplateDefinition, TemplateDefinition } from './templateParser';
import { Cell } from './valueSlot';

export type { ParsedTable } from './stateMachine';
export type { Cell, ListItem } from './valueSlot';

/** One record as netmiko and ntc-templates return it: keys are the Value names in lowercase. */
export type ParsedRecord = Record<string, Cell>;

export class Template {
  private readonly states: RunnableStates;

  constructor(readonly definition: TemplateDefinition) {
    this.states = runnableStates(definition);
  }

  get fileName(): string {
    return this.definition.fileName;
  }

  /** The Value names, in order. */
  get header(): string[] {
    return this.definition.values.map((value) => value.name);
  }

  /** The names of the Values marked Key. */
  get keys(): string[] {
    return this.definition.values.filter((value) => value.options.includes('Key')).map((value) => value.name);
  }

  /** Throws TextFsmError when an Error rule stops the parse. */
  parse(text: string): ParsedTable {
    return runStateMachine(this.definition, this.states, text);
  }
}

/** Throws TemplateError (naming the file and line) for a template Python textfsm would refuse. */
export function parseTemplate(text: string, fileName: string): Template {
  return new Template(parseTemplateDefinition(text, fileName));
}

/** The keys toRecords() gives, in order: the lowercased Value names, each once. */
export function recordColumns(header: string[]): string[] {
  return [...new Set(header.map((name) => name.toLowerCase()))];
}

/** Rows as objects keyed by the lowercased Value names (a later duplicate wins, as in Python). */
export function toRecords(table: ParsedTable): ParsedRecord[] {
  const keys = table.header.map((name) => name.toLowerCase());
  // fromEntries makes own properties even of a name like __proto__.
  return table.rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i]])));
}
