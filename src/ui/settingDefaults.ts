// The default of every NetPoll setting, as package.json contributes them; the poll's come from
// core's POLL_DEFAULTS, so the command line and the extension cannot drift apart. Kept free of
// `vscode` so a unit test can hold package.json to it.
import { POLL_DEFAULTS } from '../core/poll/pollDefaults';

export const DEFAULT_INVENTORY_GLOB = '**/{devices.yaml,*.devices.yaml}';

/** Setting name (without `netpoll.`) -> default. */
export const SETTING_DEFAULTS = {
  maxWorkers: POLL_DEFAULTS.maxWorkers,
  commands: POLL_DEFAULTS.commands,
  hostKeyPolicy: POLL_DEFAULTS.hostKeyPolicy,
  knownHostsFile: '',
  inventoryGlob: DEFAULT_INVENTORY_GLOB,
  'engine.threads': POLL_DEFAULTS.threads,
  deviceTimeout: POLL_DEFAULTS.deviceTimeoutSeconds,
  'results.format': POLL_DEFAULTS.format,
  'results.order': POLL_DEFAULTS.order,
  'results.save': true,
  'results.keep': POLL_DEFAULTS.keepPolls,
  'results.removeSecrets': POLL_DEFAULTS.removeSecrets,
  'compare.ignoreLines': [] as const,
  'parsing.enabled': POLL_DEFAULTS.parse,
  'parsing.templates': '',
  pipeline: POLL_DEFAULTS.pipeline,
} as const;

export type SettingName = keyof typeof SETTING_DEFAULTS;
