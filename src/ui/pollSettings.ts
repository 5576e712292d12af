// The settings a poll runs with, read in one place: every value falls back to its one default.
import * as vscode from 'vscode';
import { MAX_TIMEOUT_SECONDS } from '../core/inventory/keys';
import { parseThreads, ThreadsSetting } from '../core/poll/workerPool';
import { ResultsFormat } from '../core/results/render';
import { ResultsOrder } from '../core/results/report';
import { IgnoreRule } from '../core/results/volatileLines';
import { HostKeyPolicy } from '../core/session/knownHosts';
import { hostKeySettings, IgnoredSetting } from './hostKeySettings';
import { SETTING_DEFAULTS, SettingName } from './settingDefaults';

export interface PollSettings {
  commands: string[];
  maxWorkers: number;
  order: ResultsOrder;
  format: ResultsFormat;
  deadlineMs: number;
  threads: ThreadsSetting;
  /** From user or machine settings; a workspace value only where it is stricter. */
  hostKeyPolicy: HostKeyPolicy;
  /** From user or machine settings only, `~` expanded. Undefined: ~/.ssh/known_hosts. */
  knownHostsFile: string | undefined;
  /** Workspace values of the host-key settings that do not apply, for the person to be told. */
  ignored: IgnoredSetting[];
  save: boolean;
  keep: number;
  removeSecrets: boolean;
  /** Parse outputs with TextFSM unless a device says otherwise. */
  parse: boolean;
  /** The templates folder as set; empty: NET_TEXTFSM, else .netpoll/templates. */
  templates: string;
  /** Send each device's commands in one write unless the device says otherwise. */
  pipeline: boolean;
}

/** The settings that apply to an inventory (its folder's, else the workspace's, else the user's). */
export function pollSettings(inventory: vscode.Uri | undefined): PollSettings {
  const config = vscode.workspace.getConfiguration('netpoll', inventory);
  const get = <K extends SettingName>(name: K) => config.get(name, SETTING_DEFAULTS[name]);
  // settings.json is not checked against the contributed limits: a deadline past Node's timers would fire at once.
  const deviceTimeout = Math.min(Math.max(Number(get('deviceTimeout')) || SETTING_DEFAULTS.deviceTimeout, 1), MAX_TIMEOUT_SECONDS);
  const hostKeys = hostKeySettings(config.inspect('hostKeyPolicy') ?? {}, config.inspect('knownHostsFile') ?? {});
  return {
    commands: [...get('commands')],
    maxWorkers: get('maxWorkers'),
    order: get('results.order'),
    format: get('results.format'),
    deadlineMs: deviceTimeout * 1000,
    threads: parseThreads(get('engine.threads')) ?? SETTING_DEFAULTS['engine.threads'],
    ...hostKeys,
    save: get('results.save'),
    keep: get('results.keep'),
    removeSecrets: get('results.removeSecrets'),
    parse: get('parsing.enabled'),
    templates: get('parsing.templates'),
    pipeline: get('pipeline') === true,
  };
}

/**
 * The `netpoll.compare.ignoreLines` rules that apply to an inventory. Entries that are not rules
 * (settings.json is not checked against the schema) are left out.
 */
export function ignoreRules(inventory: vscode.Uri | undefined): IgnoreRule[] {
  const given = vscode.workspace.getConfiguration('netpoll', inventory).get<unknown[]>('compare.ignoreLines', []);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return (Array.isArray(given) ? given : []).flatMap((entry) => {
    const rule = (typeof entry === 'string' ? { pattern: entry } : entry) as Record<string, unknown> | null;
    const pattern = text(rule?.pattern);
    return pattern === undefined ? [] : [{ pattern, command: text(rule!.command), deviceType: text(rule!.deviceType), device: text(rule!.device) }];
  });
}
