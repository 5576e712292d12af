import { PlatformDefinition } from './platform';

// IOS-style prompts: a hostname, then > (exec) or # (privileged), possibly with (config...) in between.
const IOS_PROMPT = /[\w.@/:-]{1,63}(?:\([\w.-]{1,32}\))?[>#]\s?$/;
const IOS_FAILURES = ['% Invalid input detected', '% Incomplete command', '% Ambiguous command', '% Unknown command', 'Command authorization failed'];
const MORE = /\s?-+\s?More\s?-+\s?$/;

const ciscoIos: PlatformDefinition = {
  name: 'cisco_ios',
  prompt: IOS_PROMPT,
  userPrompt: />\s?$/,
  onOpen: ['terminal width 511', 'terminal length 0'],
  enable: { command: 'enable', secretPrompt: /[Pp]assword:\s?$/ },
  pager: MORE,
  failureIndicators: IOS_FAILURES,
  stripAnsi: false,
};

const generic: PlatformDefinition = {
  name: 'generic',
  prompt: /[\w.@/:~()[\] -]{1,128}[>#$%]\s?$/,
  onOpen: [],
  pager: MORE,
  failureIndicators: [],
  stripAnsi: true,
};

export const BUILTIN_PLATFORMS: ReadonlyMap<string, PlatformDefinition> = new Map(
  [ciscoIos, { ...ciscoIos, name: 'cisco_xe' }, generic].map((p) => [p.name, p]),
);

export function findPlatform(deviceType: string): PlatformDefinition | undefined {
  return BUILTIN_PLATFORMS.get(deviceType);
}
