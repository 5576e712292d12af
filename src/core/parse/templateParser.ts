// A template's text -> its Values and states, checked the way Python textfsm checks them:
// Values first (up to the first blank line), then states, each a name line followed by rule
// lines up to a blank line. Every fault names the file and the line.
import { fileLines, PYTHON_SPACE_CHARS, pythonRstrip } from './pythonText';
import { LINE_ACTIONS, parseRuleLine, RECORD_ACTIONS, RuleDefinition } from './ruleDefinition';
import { TemplateError } from './templateErrors';
import { MAX_NAME_LENGTH, parseValueLine, ValueDefinition } from './valueDefinition';

export interface StateDefinition {
  name: string;
  line: number;
  rules: RuleDefinition[];
}

export interface TemplateDefinition {
  fileName: string;
  values: ValueDefinition[];
  /** By name; `End` is not kept (it only ends parsing). */
  states: Map<string, StateDefinition>;
  /** An explicit (empty) EOF state turns off the record Python makes at the end of the input. */
  hasEofState: boolean;
}

const COMMENT = new RegExp(`^[${PYTHON_SPACE_CHARS}]*#`, 'u');
const STATE_NAME = /^[\p{L}\p{N}_]+$/u;
const RULE_INDENT = [' ^', '  ^', '\t^'];

export function parseTemplateDefinition(text: string, fileName: string): TemplateDefinition {
  const lines = fileLines(text.startsWith('\ufeff') ? text.slice(1) : text);
  let next = 0;
  const fail = (line: number | undefined, reason: string) => new TemplateError(fileName, line, reason);

  // Values: a block at the top, ended by the first blank line.
  const values: ValueDefinition[] = [];
  const regexOf = new Map<string, string>();
  while (next < lines.length) {
    const lineNumber = ++next;
    const line = pythonRstrip(lines[lineNumber - 1]);
    if (line === '') break;
    if (COMMENT.test(line)) continue;
    if (!line.startsWith('Value ')) {
      throw fail(lineNumber, values.length === 0 ? 'a template starts with its Value lines (Value [Options] NAME (regex))' : 'expected a blank line after the last Value line');
    }
    const value = parseValueLine(line, fileName, lineNumber);
    if (regexOf.has(value.name)) throw fail(lineNumber, `Value ${value.name} is declared twice`);
    values.push(value);
    regexOf.set(value.name, value.namedRegex);
  }

  // States: a name line, then rules up to a blank line.
  const states = new Map<string, StateDefinition>();
  const order: StateDefinition[] = [];
  while (next < lines.length) {
    let state: StateDefinition | undefined;
    while (next < lines.length) {
      const lineNumber = ++next;
      const line = pythonRstrip(lines[lineNumber - 1]);
      if (line === '' || COMMENT.test(line)) continue;
      const reserved = (LINE_ACTIONS as readonly string[]).includes(line) || (RECORD_ACTIONS as readonly string[]).includes(line);
      if (!STATE_NAME.test(line) || line.length > MAX_NAME_LENGTH || reserved) {
        const why = reserved ? ' (an action cannot be a state name)' : line.startsWith(' ') || line.startsWith('\t') ? ' (a rule must follow a state name, with no blank line between)' : '';
        throw fail(lineNumber, `invalid state name "${line}"${why}: a state name is letters, digits and underscores, at most ${MAX_NAME_LENGTH}`);
      }
      if (states.has(line)) throw fail(lineNumber, `state ${line} is defined twice`);
      state = { name: line, line: lineNumber, rules: [] };
      states.set(line, state);
      order.push(state);
      break;
    }
    if (!state) break;
    while (next < lines.length) {
      const lineNumber = ++next;
      const line = pythonRstrip(lines[lineNumber - 1]);
      if (line === '') break;
      if (COMMENT.test(line)) continue;
      if (!RULE_INDENT.some((indent) => line.startsWith(indent))) throw fail(lineNumber, 'a rule starts with one or two spaces or a tab, then "^"');
      state.rules.push(parseRuleLine(line, fileName, lineNumber, regexOf));
    }
  }

  const lastLine = Math.max(lines.length, 1);
  if (!states.has('Start')) throw fail(order[0]?.line ?? lastLine, 'the template has no Start state');
  for (const special of ['End', 'EOF']) {
    const state = states.get(special);
    if (state && state.rules.length > 0) throw fail(state.rules[0].line, `the ${special} state must be empty`);
  }
  states.delete('End');
  for (const state of states.values()) {
    for (const rule of state.rules) {
      if (rule.lineAction === 'Error' || !rule.target || rule.target === 'End' || rule.target === 'EOF') continue;
      if (!states.has(rule.target)) throw fail(rule.line, `state ${rule.target} is not defined (used in state ${state.name})`);
    }
  }
  return { fileName, values, states, hasEofState: states.has('EOF') };
}
