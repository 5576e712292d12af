// One `Value [Option,...] NAME (regex)` line, read as Python textfsm reads it: the line is cut
// at single spaces, options come as one comma-separated word, and the regex is the rest.
import { compilePythonRegex, PythonPattern, RegexSyntaxError } from './pythonRegex';
import { TemplateError } from './templateErrors';

export const VALUE_OPTIONS = ['Filldown', 'Fillup', 'Key', 'List', 'Required'] as const;
export type ValueOption = (typeof VALUE_OPTIONS)[number];

/** Value and state names: Python's limit. */
export const MAX_NAME_LENGTH = 48;

export interface ValueDefinition {
  name: string;
  /** In the order written: their effects run in that order. */
  options: ValueOption[];
  /** The regex as written, `(...)`. */
  regex: string;
  /** What `${NAME}` becomes in a rule: the regex with its outer group named. */
  namedRegex: string;
  /** For List values: the regex on its own, to pull nested named groups out of each match. */
  listPattern?: PythonPattern;
  line: number;
}

export function parseValueLine(text: string, file: string, line: number): ValueDefinition {
  const fail = (reason: string) => new TemplateError(file, line, reason);
  const words = text.split(' ');
  if (words.length < 3) throw fail('a Value line needs at least a name and a regex: Value [Options] NAME (regex)');
  let options: ValueOption[] = [];
  let name: string;
  let regex: string;
  if (!words[2].startsWith('(')) {
    options = parseOptions(words[1], words.length === 3, fail);
    name = words[2];
    regex = words.slice(3).join(' ');
  } else {
    name = words[1];
    regex = words.slice(2).join(' ');
  }
  if (name.length > MAX_NAME_LENGTH) throw fail(`the Value name "${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  if (!/^\([^\n]*\)$/.test(regex) || count(regex, '(') !== count(regex, ')')) {
    throw fail(`the regex of Value ${name} must be one group in parentheses, with as many "(" as ")": ${regex}`);
  }
  const definition: ValueDefinition = { name, options, regex, namedRegex: `(?P<${name}>${regex.slice(1)}`, line };
  if (options.includes('List')) {
    try {
      definition.listPattern = compilePythonRegex(regex);
    } catch (err) {
      if (err instanceof RegexSyntaxError) throw fail(`the regex of Value ${name}: ${err.message}: ${regex}`);
      throw err;
    }
  }
  return definition;
}

function parseOptions(word: string, nameIsLast: boolean, fail: (reason: string) => Error): ValueOption[] {
  const options: ValueOption[] = [];
  for (const option of word.split(',')) {
    if (options.includes(option as ValueOption)) throw fail(`the option ${option} is given twice`);
    if (!(VALUE_OPTIONS as readonly string[]).includes(option)) {
      // `Value NAME regex` without parentheses reads as options NAME and name regex.
      const hint = nameIsLast ? '; is the regex in parentheses?' : '';
      throw fail(`unknown option "${option}" (the options are ${VALUE_OPTIONS.join(', ')}${hint})`);
    }
    options.push(option as ValueOption);
  }
  return options;
}

const count = (text: string, char: string) => text.split(char).length - 1;
