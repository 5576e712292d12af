// Typed reads of one device's values (text, port, flags, seconds, lists, device_type,
// host_key_policy): each value as the device means it, or a diagnostic where it is written.
import { isMap, isScalar, isSeq, Node } from 'yaml';
import type { Aliases } from './aliases';
import { hostProblem } from './hosts';
import { HOST_KEY_POLICY_VALUES, MAX_TIMEOUT_SECONDS } from './keys';
import { hasReference, referenceProblems } from './references';
import { didYouMean } from './suggest';
import type { DeviceSpec, IgnoreLine, ParseChoice, ParseSetting, Report } from './types';

const SECONDS_PER_DAY = 86_400;

/** Words YAML 1.1 (PyYAML, so netmiko) reads as flags and YAML 1.2 reads as text. */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['on', true],
  ['no', false],
  ['off', false],
]);

/**
 * A scalar's text exactly as written: a plain 0123 is "0123", not the number 123 (a password
 * or a tag must not change); quoted and block scalars are their text. Undefined for null or
 * anything that is not a scalar.
 */
export function writtenText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  if (node.type === 'PLAIN' && node.source !== undefined) return node.source;
  return typeof node.value === 'string' ? node.value : undefined;
}

/** Absent in YAML's eyes: nothing written, `~` or `null`. */
export function isNull(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** Typed reads of one device's values; a wrong type is reported where it is written. */
export class ValueReader {
  constructor(private readonly values: Map<string, unknown>, private readonly report: Report, private readonly aliases: Aliases) {}

  /** Where a key's value is written (the alias, when it is one). */
  where(key: string): Node | undefined {
    return this.values.get(key) as Node | undefined;
  }

  /** The node a key's value stands for (aliases followed), with where it is written. */
  private value(key: string): { node: unknown; at: Node } | undefined {
    const at = this.where(key);
    if (at === undefined) return undefined;
    const node = this.aliases.follow(at, this.report);
    return node === undefined ? undefined : { node, at };
  }

  /** Given, and not null (`~` or empty means absent). */
  isSet(key: string): boolean {
    const value = this.value(key);
    return value !== undefined && !isNull(value.node);
  }

  /** Text as written in the file; numbers and booleans too (a password 0123 stays 0123). */
  text(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || isNull(value.node)) return undefined;
    const text = writtenText(value.node);
    if (text === undefined) {
      this.report('error', `${key} must be a text value`, value.at);
      return undefined;
    }
    for (const problem of referenceProblems(text)) this.report('error', `${key}: ${problem}`, value.at);
    return text;
  }

  /** A malformed host is an error here; one from a reference is checked when it is resolved. */
  checkHost(key: string, host: string): void {
    const problem = hasReference(host) ? undefined : hostProblem(host);
    if (problem) this.report('error', problem, this.where(key));
  }

  port(): number | undefined {
    const value = this.value('port');
    if (value === undefined) return undefined;
    const port = isScalar(value.node) && typeof value.node.value === 'number' ? value.node.value : NaN;
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
    this.report('error', 'port must be a whole number from 1 to 65535', value.at);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    if (isScalar(value.node) && typeof value.node.value === 'boolean') return value.node.value;
    // Inventories written for netmiko (PyYAML) may say off or yes: say what to write instead.
    const written = isScalar(value.node) && value.node.type === 'PLAIN' ? writtenText(value.node) : undefined;
    const meant = written === undefined ? undefined : YAML11_BOOLEANS.get(written.toLowerCase());
    this.report('error', `${key} must be true or false${meant === undefined ? '' : `: write ${meant}, not ${written}`}`, value.at);
    return undefined;
  }

  /** Seconds that Node's timers can hold: longer ones (or .inf) would fire at once. */
  seconds(key: string): number | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    const seconds = isScalar(value.node) && typeof value.node.value === 'number' ? value.node.value : NaN;
    if (Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS) return seconds;
    const days = Math.floor(MAX_TIMEOUT_SECONDS / SECONDS_PER_DAY);
    this.report('error', `${key} must be a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS} (about ${days} days)`, value.at);
    return undefined;
  }

  list(key: string): string[] | undefined {
    const value = this.value(key);
    if (value === undefined) return undefined;
    const lines = isSeq(value.node) ? value.node.items.map((item) => writtenText(this.aliases.follow(item, this.report))) : [undefined];
    if (lines.every((line): line is string => line !== undefined)) return lines;
    this.report('error', `${key} must be a list of text lines`, value.at);
    return undefined;
  }

  /** `ignore_lines`: regular expressions, each for every command or (as {command, pattern}) for one. */
  ignoreLines(): IgnoreLine[] | undefined {
    const value = this.value('ignore_lines');
    if (value === undefined || isNull(value.node)) return undefined;
    if (!isSeq(value.node)) {
      this.report('error', 'ignore_lines must be a list of regular expressions, or of {command, pattern}', value.at);
      return undefined;
    }
    const rules: IgnoreLine[] = [];
    for (const written of value.node.items) {
      const item = this.aliases.follow(written, this.report);
      const rule = isMap(item) ? { command: writtenText(item.get('command', true)), pattern: writtenText(item.get('pattern', true)) } : { pattern: writtenText(item) };
      const problem = rule.pattern === undefined ? 'each ignore_lines item must be a regular expression, or a mapping with command and pattern' : regexProblem(rule.pattern);
      if (problem) this.report('error', problem, (written ?? value.at) as Node);
      else rules.push(rule.command === undefined ? { pattern: rule.pattern! } : { pattern: rule.pattern!, command: rule.command });
    }
    return rules.length === value.node.items.length ? rules : undefined;
  }

  /** `parse`: true or false, or a mapping of commands to true, false or a template file. */
  parse(): ParseSetting | undefined {
    const value = this.value('parse');
    if (value === undefined || isNull(value.node)) return undefined;
    if (isScalar(value.node) && typeof value.node.value === 'boolean') return value.node.value;
    if (!isMap(value.node)) {
      this.report('error', 'parse must be true, false, or a mapping of commands to true, false or a template file', value.at);
      return undefined;
    }
    const commands = new Map<string, ParseChoice>();
    let valid = true;
    for (const pair of value.node.items) {
      const command = writtenText(pair.key);
      const choice = this.aliases.follow(pair.value, this.report);
      const template = isScalar(choice) && typeof choice.value === 'boolean' ? choice.value : writtenText(choice);
      const at = (pair.value ?? pair.key ?? value.at) as Node;
      if (command === undefined || command.trim() === '') {
        this.report('error', 'each parse key must be a command, as the poll sends it', (pair.key ?? value.at) as Node);
        valid = false;
      } else if (template === undefined || template === '') {
        this.report('error', `parse: "${command}" must be true, false or a template file`, at);
        valid = false;
      } else {
        commands.set(command, typeof template === 'boolean' ? template : { template });
      }
    }
    return valid ? commands : undefined;
  }

  deviceType(known: Set<string> | undefined): string | undefined {
    const type = this.text('device_type');
    if (type === undefined || !known || known.has(type)) return type;
    this.report('error', `unknown device_type "${type}"${didYouMean(type, known)}`, this.where('device_type'));
    return undefined;
  }

  hostKeyPolicy(): DeviceSpec['hostKeyPolicy'] {
    const policy = this.text('host_key_policy');
    if (policy === undefined || (HOST_KEY_POLICY_VALUES as readonly string[]).includes(policy)) return policy as DeviceSpec['hostKeyPolicy'];
    this.report('error', `host_key_policy must be ${HOST_KEY_POLICY_VALUES.join(', ')}, not "${policy}"`, this.where('host_key_policy'));
    return undefined;
  }
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (err) {
    return `ignore_lines: ${JSON.stringify(pattern)} is not a regular expression (${(err as Error).message})`;
  }
}
