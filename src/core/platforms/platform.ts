// How to drive one kind of network OS, kept as data: prompts, what to send on open,
// how to reach privileged mode, and which replies mean a command failed.
// A PlatformSpec is what a file holds (patterns as text); compilePlatform checks it and
// turns it into the PlatformDefinition a session uses.

export interface PlatformSpec {
  /** Start from this platform and change only the keys given. */
  extends?: string;
  /** The prompt in any mode, as a regular expression matched against the last line. */
  prompt?: string;
  /** The unprivileged exec prompt, where enable applies (e.g. `>$`). Absent: no enable level. */
  user_prompt?: string;
  /** Sent once after the first prompt, before any user command. */
  on_open?: string[];
  enable?: { command: string; secret_prompt: string } | null;
  /** The pager's "press a key for more" marker, matched at the end of the received text. */
  pager?: string;
  /** Text in a reply that means the command failed (the session lives on). */
  failure_indicators?: string[];
  strip_ansi?: boolean;
  /** What ends a line sent to the device: "\n" (default), "\r" or "\r\n". */
  newline?: string;
  /** Lines some devices print just above the prompt (Junos `{master:0}`), matched whole; they are not output. */
  prompt_context?: string[];
  /** The Platform name in a TextFSM templates index (ntc-templates), when it is not this platform's own name. */
  textfsm_platform?: string;
  /** Whether the device echoes typed commands (default true); a device's own echo: wins. */
  echo?: boolean;
  /** Lines the device sends on its own (syslog from `terminal monitor`), each a regular expression matched against a whole line. */
  unsolicited?: string[];
  /** Commands (regular expressions) whose output is itself a log: lines there that look like messages are output. */
  log_commands?: string[];
}

export interface EnableDefinition {
  command: string;
  secretPrompt: RegExp;
}

export interface PlatformDefinition {
  name: string;
  /** Matches a prompt, in any mode, at the end of the received text. */
  prompt: RegExp;
  userPrompt?: RegExp;
  onOpen: string[];
  enable?: EnableDefinition;
  pager: RegExp;
  failureIndicators: string[];
  stripAnsi: boolean;
  newline: Newline;
  promptContext: RegExp[];
  /** Looked up in a templates index as Platform: its own name unless the platform says otherwise. */
  textfsmPlatform: string;
  /** The device echoes typed commands back before it answers them. */
  echo: boolean;
  /** Unsolicited message lines (compiled with the m flag, so one test finds them anywhere in a text). */
  unsolicited: RegExp[];
  logCommands: RegExp[];
}

export const NEWLINES = ['\n', '\r', '\r\n'] as const;
export type Newline = (typeof NEWLINES)[number];

const SPEC_KEYS: ReadonlySet<string> = new Set(['extends', 'prompt', 'user_prompt', 'on_open', 'enable', 'pager', 'failure_indicators', 'strip_ansi', 'newline', 'prompt_context', 'textfsm_platform', 'echo', 'unsolicited', 'log_commands']);

export class PlatformError extends Error {}

/**
 * Checks a spec and builds the definition, starting from `base` when the spec extends one.
 * Throws PlatformError naming the key that is wrong.
 */
export function compilePlatform(name: string, spec: unknown, base?: PlatformDefinition): PlatformDefinition {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new PlatformError(`platform "${name}" must be a mapping of keys (prompt, on_open, enable, ...)`);
  const s = spec as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!SPEC_KEYS.has(key)) throw new PlatformError(`platform "${name}": unknown key "${key}" (known: ${[...SPEC_KEYS].join(', ')})`);
  }
  const prompt = s.prompt === undefined ? base?.prompt : endAnchored(pattern(name, 'prompt', s.prompt));
  if (!prompt) throw new PlatformError(`platform "${name}" needs a prompt pattern (or extends: an existing platform)`);
  const pager = s.pager === undefined ? base?.pager ?? /\s?-+\s?More\s?-+\s?$/ : endAnchored(pattern(name, 'pager', s.pager));
  return {
    name,
    prompt,
    userPrompt: s.user_prompt === undefined ? base?.userPrompt : endAnchored(pattern(name, 'user_prompt', s.user_prompt)),
    onOpen: s.on_open === undefined ? base?.onOpen ?? [] : stringList(name, 'on_open', s.on_open),
    enable: s.enable === undefined ? base?.enable : enableDefinition(name, s.enable),
    pager,
    failureIndicators: s.failure_indicators === undefined ? base?.failureIndicators ?? [] : stringList(name, 'failure_indicators', s.failure_indicators),
    stripAnsi: s.strip_ansi === undefined ? base?.stripAnsi ?? true : bool(name, 'strip_ansi', s.strip_ansi),
    newline: s.newline === undefined ? base?.newline ?? '\n' : newline(name, s.newline),
    promptContext: s.prompt_context === undefined ? base?.promptContext ?? [] : stringList(name, 'prompt_context', s.prompt_context).map((p) => wholeLine(pattern(name, 'prompt_context', p))),
    // As netmiko, a device_type is its own index platform: one that extends another is not its base.
    textfsmPlatform: s.textfsm_platform === undefined ? name : text(name, 'textfsm_platform', s.textfsm_platform),
    echo: s.echo === undefined ? base?.echo ?? true : bool(name, 'echo', s.echo),
    unsolicited: s.unsolicited === undefined ? base?.unsolicited ?? [] : stringList(name, 'unsolicited', s.unsolicited).map((p) => lineStart(pattern(name, 'unsolicited', p))),
    logCommands: s.log_commands === undefined ? base?.logCommands ?? [] : stringList(name, 'log_commands', s.log_commands).map((p) => pattern(name, 'log_commands', p)),
  };
}

function newline(platform: string, value: unknown): Newline {
  if ((NEWLINES as readonly unknown[]).includes(value)) return value as Newline;
  throw new PlatformError(`platform "${platform}": newline must be "\\n", "\\r" or "\\r\\n" (in double quotes)`);
}

/** A message pattern describes a line from its start; the m flag lets it find one in a whole text. */
function lineStart(re: RegExp): RegExp {
  return new RegExp(`^(?:${re.source})`, `${re.flags.replace('m', '')}m`);
}

/** A context pattern describes a whole line. */
function wholeLine(re: RegExp): RegExp {
  return new RegExp(`^(?:${re.source})$`, re.flags);
}

function pattern(platform: string, key: string, value: unknown): RegExp {
  if (typeof value !== 'string' || value === '') throw new PlatformError(`platform "${platform}": ${key} must be a regular expression in quotes`);
  try {
    return new RegExp(value);
  } catch (err) {
    throw new PlatformError(`platform "${platform}": ${key} is not a valid regular expression: ${(err as Error).message}`);
  }
}

/** Prompts and pagers only ever match at the very end of what was received. */
function endAnchored(re: RegExp): RegExp {
  return re.source.endsWith('$') ? re : new RegExp(`(?:${re.source})\\s*$`, re.flags);
}

function stringList(platform: string, key: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new PlatformError(`platform "${platform}": ${key} must be a list of text lines`);
}

function text(platform: string, key: string, value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new PlatformError(`platform "${platform}": ${key} must be a name, such as cisco_ios`);
}

function bool(platform: string, key: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw new PlatformError(`platform "${platform}": ${key} must be true or false`);
}

function enableDefinition(platform: string, value: unknown): EnableDefinition | undefined {
  if (value === null || value === false) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || typeof v.command !== 'string' || v.secret_prompt === undefined) {
    throw new PlatformError(`platform "${platform}": enable must be {command: ..., secret_prompt: ...}, or null for none`);
  }
  return { command: v.command, secretPrompt: endAnchored(pattern(platform, 'enable.secret_prompt', v.secret_prompt)) };
}
