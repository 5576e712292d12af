// One rule line of a state, `  ^regex -> LineAction.RecordAction NewState`, read with Python
// textfsm's grammar: the last ` ->` splits regex from action, `${NAME}` is substituted, and the
// regex is compiled once, here.
import { compilePythonRegex, PythonPattern, RegexSyntaxError } from './pythonRegex';
import { PYTHON_SPACE_CHARS, pythonStrip } from './pythonText';
import { SubstitutionError, substituteValues } from './substitution';
import { TemplateError } from './templateErrors';

export type LineAction = 'Next' | 'Continue' | 'Error';
export type RecordAction = 'NoRecord' | 'Record' | 'Clear' | 'Clearall';

export const LINE_ACTIONS: readonly LineAction[] = ['Continue', 'Next', 'Error'];
export const RECORD_ACTIONS: readonly RecordAction[] = ['Clear', 'Clearall', 'Record', 'NoRecord'];

export interface RuleDefinition {
  line: number;
  /** The regex after substitution, as Python sees it. */
  regex: string;
  pattern: PythonPattern;
  lineAction: LineAction;
  recordAction: RecordAction;
  /** The state to go to (for Next); for Error, its message, quotes and all, if any. */
  target?: string;
}

// Python's `.` and `\s`/`\w` are Unicode-wide; these keep its reading of the action.
const SPACE = `[${PYTHON_SPACE_CHARS}]`;
const WORD = '[\\p{L}\\p{N}_]';
const MATCH_ACTION = new RegExp(`^([^\\n]*)${SPACE}->([^\\n]*)$`, 'u');
const NEW_STATE = `(${WORD}+|"[^\\n]*")`;
const LINE_AND_RECORD = new RegExp(`^${SPACE}+(Continue|Next|Error)(?:\\.(Clear|Clearall|Record|NoRecord))?(?:${SPACE}+${NEW_STATE})?$`, 'u');
const RECORD_ONLY = new RegExp(`^${SPACE}+(Clear|Clearall|Record|NoRecord)(?:${SPACE}+${NEW_STATE})?$`, 'u');
const STATE_ONLY = new RegExp(`^(?:${SPACE}+${NEW_STATE})?$`, 'u');
const STARTS_WITH_WORD = new RegExp(`^${WORD}`, 'u');

export function parseRuleLine(text: string, file: string, line: number, regexOf: ReadonlyMap<string, string>): RuleDefinition {
  const fail = (reason: string) => new TemplateError(file, line, reason);
  const rule = pythonStrip(text);
  const split = MATCH_ACTION.exec(rule);
  const written = split ? split[1] : rule;
  let regex = written;
  // As in Python, a template without Values substitutes nothing, so a `$` stays a `$`.
  if (regexOf.size > 0) {
    try {
      regex = substituteValues(written, regexOf);
    } catch (err) {
      if (err instanceof SubstitutionError) throw fail(`${err.message}: ${written}`);
      throw err;
    }
  }
  let pattern: PythonPattern;
  try {
    pattern = compilePythonRegex(regex);
  } catch (err) {
    if (err instanceof RegexSyntaxError) throw fail(`invalid regular expression: ${err.message}: ${regex}`);
    throw err;
  }
  const definition: RuleDefinition = { line, regex, pattern, lineAction: 'Next', recordAction: 'NoRecord' };
  if (!split) return definition;

  const action = split[2];
  let lineAction: string | undefined;
  let recordAction: string | undefined;
  let target: string | undefined;
  let parts = LINE_AND_RECORD.exec(action);
  if (parts) [, lineAction, recordAction, target] = parts;
  else if ((parts = RECORD_ONLY.exec(action))) [, recordAction, target] = parts;
  else if ((parts = STATE_ONLY.exec(action))) [, target] = parts;
  else throw fail(`badly formatted rule: "${rule}" (expected: ^regex -> [Next|Continue|Error][.Record|.NoRecord|.Clear|.Clearall] [State])`);

  definition.lineAction = (lineAction as LineAction | undefined) ?? 'Next';
  definition.recordAction = (recordAction as RecordAction | undefined) ?? 'NoRecord';
  definition.target = target;
  if (definition.lineAction === 'Continue' && target) throw fail(`Continue cannot go to another state (${target}): the line would be read again there`);
  if (definition.lineAction !== 'Error' && target && !STARTS_WITH_WORD.test(target)) throw fail(`a state name is letters, digits and underscores only, not ${target}`);
  return definition;
}
