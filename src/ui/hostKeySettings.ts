// Host-key checking as settings choose it, with ssh's own precedence: the user (or the machine)
// decides, and a workspace can only ask for more. A workspace's settings travel with its files,
// so `netpoll.hostKeyPolicy: off` or a known_hosts file of its choosing in a repository must not
// weaken the check of whoever opens it. Free of `vscode` (it reads what inspect() gives) so
// unit tests can hold it to that.
import { withHome } from '../core/files/homePath';
import { POLL_DEFAULTS } from '../core/poll/pollDefaults';
import { HOST_KEY_POLICIES, HostKeyPolicy } from '../core/session/knownHosts';

/** The layers of a setting, as WorkspaceConfiguration.inspect() gives them. */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** A workspace value that does not apply, and why; said once to the person. */
export interface IgnoredSetting {
  setting: 'netpoll.hostKeyPolicy' | 'netpoll.knownHostsFile';
  scope: 'workspace' | 'workspace folder';
  value: unknown;
  /** What applies instead, and why, in words. */
  why: string;
}

export interface HostKeySettings {
  hostKeyPolicy: HostKeyPolicy;
  /** Undefined: ~/.ssh/known_hosts. `~` is expanded. */
  knownHostsFile: string | undefined;
  ignored: IgnoredSetting[];
}

/** Looser first: a workspace may move a policy only to the right. */
const STRICTNESS: readonly HostKeyPolicy[] = ['off', 'accept-new', 'strict'];

export function hostKeySettings(policy: SettingLayers, knownHostsFile: SettingLayers): HostKeySettings {
  const ignored: IgnoredSetting[] = [];
  const userPolicy = isPolicy(policy.globalValue) ? policy.globalValue : POLL_DEFAULTS.hostKeyPolicy;
  const workspaceLayers = workspaceValues(policy);
  // The strictest of the user's choice and the workspace's asks.
  let hostKeyPolicy = userPolicy;
  for (const [, value] of workspaceLayers) if (isPolicy(value) && stricter(value, hostKeyPolicy)) hostKeyPolicy = value;
  for (const [scope, value] of workspaceLayers) {
    if (value === undefined || value === hostKeyPolicy) continue;
    const why = isPolicy(value)
      ? `a workspace can only make host-key checking stricter; "${hostKeyPolicy}" applies${hostKeyPolicy === userPolicy ? ' (from user settings or the default)' : ''}`
      : `it is not one of ${HOST_KEY_POLICIES.join(', ')}; "${hostKeyPolicy}" applies`;
    ignored.push({ setting: 'netpoll.hostKeyPolicy', scope, value, why });
  }

  const userFile = typeof knownHostsFile.globalValue === 'string' && knownHostsFile.globalValue !== '' ? knownHostsFile.globalValue : undefined;
  for (const [scope, value] of workspaceValues(knownHostsFile)) {
    if (value === undefined || (value || undefined) === userFile) continue;
    const why = `known_hosts is chosen in user or machine settings only; ${userFile === undefined ? 'the default ~/.ssh/known_hosts' : userFile} applies`;
    ignored.push({ setting: 'netpoll.knownHostsFile', scope, value, why });
  }
  return { hostKeyPolicy, knownHostsFile: userFile === undefined ? undefined : withHome(userFile), ignored };
}

/** One line for the log and the notification. */
export function describeIgnored(ignored: IgnoredSetting): string {
  return `NetPoll ignores ${ignored.setting} ${JSON.stringify(ignored.value)} in the ${ignored.scope} settings: ${ignored.why}.`;
}

/** A single-folder window reports its one settings file as both; it is said once. */
function workspaceValues(layers: SettingLayers): [IgnoredSetting['scope'], unknown][] {
  const folder = layers.workspaceFolderValue === layers.workspaceValue ? undefined : layers.workspaceFolderValue;
  return [
    ['workspace', layers.workspaceValue],
    ['workspace folder', folder],
  ];
}

function isPolicy(value: unknown): value is HostKeyPolicy {
  return (HOST_KEY_POLICIES as readonly unknown[]).includes(value);
}

function stricter(a: HostKeyPolicy, b: HostKeyPolicy): boolean {
  return STRICTNESS.indexOf(a) > STRICTNESS.indexOf(b);
}
