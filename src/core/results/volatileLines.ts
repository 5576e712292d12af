// Lines that differ on every poll of an unchanged device (the clock, uptime, counters, "last
// input"), which a comparison skips. Each platform has default rules; a person adds their own
// per device, per platform and per command. Rules apply to comparing only: what is stored is
// exactly what the device said.

export interface IgnoreRule {
  /** A regular expression (JavaScript syntax), searched in each line. */
  pattern: string;
  /** Only for this command (compared with spaces collapsed, case ignored); every command when absent. */
  command?: string;
  /** Only for devices of this device_type. */
  deviceType?: string;
  /** Only for the device of this name. */
  device?: string;
}

/** A clock as platforms print it: `*10:21:03.123 UTC Tue Dec 1 2026`, `2026-12-01 10:21:03`, `Tue Dec  1 10:21:03 UTC 2026`. */
const CLOCK = String.raw`(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}:\d{2}|\d{1,2}:\d{2}:\d{2}(\.\d+)? \S+ \w{3} \w{3} +\d{1,2} \d{4}|\w{3} \w{3} +\d{1,2} \d{1,2}:\d{2}:\d{2}(\.\d+)?( \S+)? \d{4}|\w{3} \w{3} +\d{1,2} \d{4} \d{1,2}:\d{2}:\d{2})`;

/** Lines every platform's `show` outputs share: a line that is only a clock, uptime, counters' age. */
const COMMON = [
  String.raw`^\s*[*.]?${CLOCK}\s*$`,
  String.raw`\buptime is\b`,
  String.raw`^\s*Last input .*, output `,
  String.raw`^\s*Last clearing of `,
  String.raw`^\s*\d+ (minute|second) (input|output) rate `,
  String.raw`^\s*\d+ packets (input|output)\b`,
];

const CISCO_IOS = [
  ...COMMON,
  String.raw`^! (Last configuration change|NVRAM config last updated) at `,
  String.raw`^Current configuration : \d+ bytes$`,
  String.raw`^ntp clock-period `,
  String.raw`^Load for `,
  String.raw`^Time source is `,
  String.raw`^Uptime for this control processor is `,
  String.raw`^System restarted at `,
];

const VOLATILE_BY_TYPE: Record<string, readonly string[]> = {
  cisco_ios: CISCO_IOS,
  cisco_xe: CISCO_IOS,
  cisco_xr: [...CISCO_IOS, String.raw`^!! Last configuration change at `, String.raw`^Building configuration\.\.\.$`, String.raw`^\w{3} \w{3} +\d{1,2} \d{1,2}:\d{2}:\d{2}\.\d{3} \S+$`],
  cisco_nxos: [...COMMON, String.raw`^!Time: `, String.raw`^!Running configuration last done at: `, String.raw`^Kernel uptime is `, String.raw`\blast link flapped\b`, String.raw`^\s*\d+ (input|output) packets\b`],
  arista_eos: [...COMMON, String.raw`^Uptime: `, String.raw`^Current system time: `, String.raw`^! Time: `, String.raw`^\s*Up \d+ (days?|hours?|minutes?)`],
  juniper_junos: [
    ...COMMON,
    String.raw`^## Last (commit|changed): `,
    String.raw`^\s*(Current time|System booted|Protocols started|Last configured|Time source):`,
    String.raw`\bLast flapped\s*:`,
    String.raw`^\s*(Input|Output) (rate|packets)\s*:`,
  ],
  linux: [String.raw`\bup\s+(\d+\s+(days?|min)|\d+:\d+),`, String.raw`\bload average:`, String.raw`^\s*${CLOCK}\s*$`],
};

/** The default rules of a device type (a type without its own gets those every platform shares). */
export function defaultVolatileLines(deviceType: string): readonly string[] {
  return VOLATILE_BY_TYPE[deviceType] ?? COMMON;
}

export interface LineContext {
  device: string;
  deviceType: string;
  command: string;
}

export class InvalidIgnoreRule extends Error {}

/**
 * Which lines of one command's output to skip, from the platform's defaults and the rules that
 * apply to this device and command. Throws InvalidIgnoreRule naming a pattern that is not a
 * regular expression.
 */
export function ignoredLines(rules: readonly IgnoreRule[], context: LineContext, useDefaults = true): (line: string) => boolean {
  const command = normaliseCommand(context.command);
  const patterns = [
    ...(useDefaults ? defaultVolatileLines(context.deviceType) : []),
    ...rules
      .filter((r) => (r.command === undefined || normaliseCommand(r.command) === command) && (r.deviceType === undefined || r.deviceType === context.deviceType) && (r.device === undefined || r.device === context.device))
      .map((r) => r.pattern),
  ];
  const regexes = patterns.map(compile);
  return (line) => regexes.some((re) => re.test(line));
}

/** Compiled once per pattern: a comparison asks for the same few rules for every device. */
const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  const known = compiled.get(pattern);
  if (known) return known;
  try {
    const regex = new RegExp(pattern);
    compiled.set(pattern, regex);
    return regex;
  } catch (err) {
    throw new InvalidIgnoreRule(`ignore_lines: ${JSON.stringify(pattern)} is not a regular expression: ${(err as Error).message}`);
  }
}

function normaliseCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ').toLowerCase();
}
