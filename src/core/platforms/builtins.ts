// The platforms NetPoll knows out of the box, as data. Values follow what netmiko's
// drivers and scrapli's definitions agree on for each OS.
import { compilePlatform, PlatformDefinition, PlatformError, PlatformSpec } from './platform';

// A hostname (XR's `RP/0/RP0/CPU0:xr1` included), an optional (config...) mode, then the mode mark.
const CISCO_PROMPT = String.raw`[\w.@/:-]{1,63}(?:\([\w.-]{1,32}\))?[>#]\s?$`;
const CISCO_FAILURES = ['% Invalid input detected', '% Incomplete command', '% Ambiguous command', '% Unknown command', 'Command authorization failed'];
const ENABLE = { command: 'enable', secret_prompt: String.raw`[Pp]assword:\s?$` };
// A syslog line as `terminal monitor` shows it: an optional sequence number and timestamp
// (`000042: *Dec  7 10:00:00.123 UTC: `, NX-OS `2026 Dec  7 10:00:00 sw1 `, EOS `Dec  7 10:00:00 sw1 Ebra: `),
// then %FACILITY-SEVERITY-MNEMONIC and a colon. The lookahead takes the prefix in one step (it
// cannot backtrack), so a text with no message is scanned once.
const SYSLOG_LINE = String.raw`(?=([^%\n]{0,80}))\1%[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*-[0-7]-[A-Z0-9_]+ ?:`;
// Outputs that are logs: their lines are output, however much they look like messages.
const LOG_COMMANDS = [String.raw`^\s*sh(?:o(?:w)?)?\s+log`];

export const BUILTIN_SPECS: Readonly<Record<string, PlatformSpec>> = {
  cisco_ios: {
    prompt: CISCO_PROMPT,
    user_prompt: String.raw`>\s?$`,
    on_open: ['terminal width 511', 'terminal length 0'],
    enable: ENABLE,
    pager: String.raw`\s?--More--\s?$`,
    failure_indicators: CISCO_FAILURES,
    strip_ansi: true,
    unsolicited: [SYSLOG_LINE],
    log_commands: LOG_COMMANDS,
  },
  cisco_xe: { extends: 'cisco_ios' },
  cisco_nxos: {
    extends: 'cisco_ios',
    failure_indicators: [...CISCO_FAILURES, '% Invalid command', '% Permission denied'],
  },
  cisco_xr: {
    prompt: String.raw`[\w.@/:-]{1,63}(?:\([\w.-]{1,32}\))?#\s?$`,
    on_open: ['terminal exec prompt no-timestamp', 'terminal length 0', 'terminal width 511'],
    enable: null,
    pager: String.raw`\s?--More--\s?$`,
    failure_indicators: CISCO_FAILURES,
    strip_ansi: true,
    unsolicited: [SYSLOG_LINE],
    log_commands: LOG_COMMANDS,
  },
  arista_eos: {
    extends: 'cisco_ios',
    on_open: ['terminal width 32767', 'terminal length 0'],
    failure_indicators: ['% Invalid input', '% Incomplete command', '% Ambiguous command', '% Unknown command', '% Authorization denied'],
  },
  juniper_junos: {
    prompt: String.raw`[\w.-]{1,64}@[\w.-]{1,64}[>#%]\s?$`,
    on_open: ['set cli screen-width 511', 'set cli screen-length 0', 'set cli complete-on-space off'],
    enable: null,
    pager: String.raw`---\(more(?: \d{1,3}%)?\)---\s?$`,
    failure_indicators: ['unknown command', 'syntax error', 'error:', 'missing argument', 'is ambiguous'],
    strip_ansi: true,
    // The routing engine of a virtual chassis or dual-RE system, and the configuration level.
    prompt_context: [String.raw`\{(?:master|backup|linecard|primary|secondary)(?::[\w-]+)?\}\s*`, String.raw`\[edit(?: .*)?\]\s*`],
  },
  linux: {
    prompt: String.raw`[\w.@:~/()[\] -]{1,128}[$#]\s?$`,
    on_open: [],
    enable: null,
    pager: String.raw`--More--(?:\(\d{1,3}%\))?\s?$`,
    failure_indicators: [': command not found'],
    strip_ansi: true,
  },
  generic: {
    prompt: String.raw`[\w.@:~/()[\] -]{1,128}[>#$%]\s?$`,
    on_open: [],
    enable: null,
    failure_indicators: [],
    strip_ansi: true,
  },
};

export interface CompiledPlatforms {
  platforms: Map<string, PlatformDefinition>;
  /** Specs that could not be used, with why; devices naming them fail with that reason. */
  errors: Map<string, string>;
}

/**
 * Compiles specs that may extend each other or a `known` platform, in any order. A spec named
 * like a known platform and without `extends` changes only the keys it gives.
 */
export function compileSpecs(specs: Readonly<Record<string, PlatformSpec>>, known: ReadonlyMap<string, PlatformDefinition> = new Map()): CompiledPlatforms {
  const platforms = new Map<string, PlatformDefinition>();
  const errors = new Map<string, string>();
  const visiting: string[] = [];
  const build = (name: string): PlatformDefinition => {
    const ready = platforms.get(name);
    if (ready) return ready;
    const failed = errors.get(name);
    if (failed) throw new PlatformError(failed);
    if (visiting.includes(name)) throw new PlatformError(`platform "${name}" extends itself (${[...visiting, name].join(' -> ')})`);
    visiting.push(name);
    try {
      const spec = specs[name];
      const parent = typeof spec === 'object' && spec !== null ? spec.extends : undefined;
      let base = known.get(name);
      if (parent !== undefined) {
        base = parent in specs && parent !== name ? build(parent) : known.get(parent);
        if (!base) throw new PlatformError(`platform "${name}" extends "${parent}", which is not a known platform`);
      }
      const definition = compilePlatform(name, withoutExtends(spec), base);
      platforms.set(name, definition);
      return definition;
    } finally {
      visiting.pop();
    }
  };
  for (const name of Object.keys(specs)) {
    try {
      build(name);
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      errors.set(name, err.message);
    }
  }
  return { platforms, errors };
}

function withoutExtends(spec: unknown): unknown {
  if (typeof spec !== 'object' || spec === null) return spec;
  const { extends: _parent, ...rest } = spec as PlatformSpec;
  return rest;
}

export const BUILTIN_PLATFORMS: ReadonlyMap<string, PlatformDefinition> = compileSpecs(BUILTIN_SPECS).platforms;
