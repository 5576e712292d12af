// The inventory's data: what parsing devices.yaml gives the rest of NetPoll (devices,
// diagnostics, platforms), and the shapes the inventory modules hand each other.
import type { Node, YAMLMap } from 'yaml';
import type { HOST_KEY_POLICY_VALUES } from './keys';

export interface DeviceSpec {
  /** Unique within the inventory: `name`, else host, else host:port when ports differ. */
  name: string;
  group?: string;
  deviceType: string;
  host: string;
  port: number;
  /** Credentials may hold ${env:...}, ${secret:...} or ${prompt:...} references. */
  username?: string;
  password?: string;
  secret?: string;
  keyFile?: string;
  passphrase?: string;
  /** Offer the ssh-agent's keys (netmiko's allow_agent / use_keys). */
  allowAgent?: boolean;
  /** Commands for this device instead of the poll's default. */
  commands?: string[];
  tags: string[];
  timeouts: DeviceTimeouts;
  /** Jump hosts to go through, nearest first (from jump_host, followed hop by hop). */
  jumps: JumpHost[];
  legacyAlgorithms?: boolean;
  hostKeyPolicy?: (typeof HOST_KEY_POLICY_VALUES)[number];
  /** Send every command in one write (absent: as the poll says). */
  pipeline?: boolean;
  /** Whether the device echoes typed commands (absent: as its platform says). */
  echo?: boolean;
  /** Lines a comparison of this device's polls skips (besides its platform's). */
  ignoreLines?: IgnoreLine[];
  /** Whether its outputs are parsed into records (absent: as the poll says). */
  parse?: ParseSetting;
  /** 1-based line of the entry in the file, to reveal it. */
  line: number;
}

/** `parse`: for every command, or per command (the others as the poll says). */
export type ParseSetting = boolean | ReadonlyMap<string, ParseChoice>;

/** true: the template the index gives; `template`: that file, as written (relative to the inventory). */
export type ParseChoice = boolean | { template: string };

/** A regular expression; the lines it finds are not compared. Only for `command` when given. */
export interface IgnoreLine {
  pattern: string;
  command?: string;
}

/** Seconds, from netmiko's names: conn_timeout, auth_timeout, timeout (prompts), read_timeout (commands). */
export interface DeviceTimeouts {
  connect?: number;
  auth?: number;
  prompt?: number;
  command?: number;
}

export interface JumpHost {
  host: string;
  port: number;
  username?: string;
  password?: string;
  keyFile?: string;
  passphrase?: string;
  allowAgent?: boolean;
  legacyAlgorithms?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface InventoryDiagnostic {
  severity: Severity;
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where the problem ends (1-based, exclusive column), for squiggles. */
  endLine: number;
  endColumn: number;
  /** Set for a credential written in plain text: the editor offers to move it to secret storage. */
  plaintextCredential?: { key: string; device: string };
}

export interface PlatformEntry {
  name: string;
  /** The spec as written; core/platforms checks it. */
  spec: unknown;
  line: number;
  column: number;
}

export interface Inventory {
  devices: DeviceSpec[];
  diagnostics: InventoryDiagnostic[];
  /** The `platforms:` section: user platforms and overrides of built-in ones. */
  platforms: PlatformEntry[];
  /** Entries that are not polled because of an error. */
  skipped: number;
}

export interface ParseOptions {
  /** Known device_type names (the inventory's own platforms are added); unchecked if absent. */
  deviceTypes?: Iterable<string>;
}

/** A device entry as read: its merged keys (defaults first) and where it was written. */
export interface DeviceEntry {
  device: DeviceSpec;
  node: YAMLMap;
  /** Where the entry is written: its mapping, or the alias that stands for it or for its list. */
  at: Node;
  jumpHost?: { value: string; node: Node };
}

/** Says one diagnostic where `node` is written (the start of the file without a node). */
export type Report = (severity: Severity, message: string, node?: Node | null, extra?: Partial<InventoryDiagnostic>) => void;

/** A 1-based line and column, as an editor shows them. */
export interface Position {
  line: number;
  column: number;
}

/** A source offset as an editor position. */
export type PositionOf = (offset: number) => Position;
