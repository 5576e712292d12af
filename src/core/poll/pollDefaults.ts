// The defaults of a poll, written once: the command line's options, the extension's settings
// and the settings package.json contributes all take them from here (a test holds package.json
// to them).
import { ResultsFormat } from '../results/render';
import { ResultsOrder } from '../results/report';
import { HostKeyPolicy } from '../session/knownHosts';
import { ThreadsSetting } from './workerPool';

export interface PollDefaults {
  commands: readonly string[];
  maxWorkers: number;
  order: ResultsOrder;
  format: ResultsFormat;
  /** Overall time one device may take. */
  deviceTimeoutSeconds: number;
  hostKeyPolicy: HostKeyPolicy;
  threads: ThreadsSetting;
  /** Stored polls kept per inventory; older ones are deleted. */
  keepPolls: number;
  /** Secrets removed from outputs before they are stored or written. */
  removeSecrets: boolean;
  /** Outputs parsed into records (TextFSM) unless a device says otherwise. */
  parse: boolean;
  /** Each device's commands sent in one write unless the device says otherwise. */
  pipeline: boolean;
}

export const POLL_DEFAULTS: Readonly<PollDefaults> = {
  commands: ['show clock'],
  maxWorkers: 10,
  order: 'completion',
  format: 'yaml',
  deviceTimeoutSeconds: 600,
  hostKeyPolicy: 'accept-new',
  threads: 'auto',
  keepPolls: 20,
  removeSecrets: true,
  parse: false,
  pipeline: false,
};
