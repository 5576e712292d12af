// Every key a device entry may have: what it holds and what it means. The parser checks
// entries against this table, and the editor's completion, hover help and JSON Schema come
// from it, so they can never disagree.

export type KeyKind = 'text' | 'port' | 'boolean' | 'seconds' | 'list' | 'deviceType' | 'hostKeyPolicy' | 'ignoreLines' | 'parse';

export interface KeyInfo {
  kind: KeyKind;
  description: string;
  /** Holds a credential: keep it out of the file (${secret:...}), never log it. */
  credential?: boolean;
}

export const DEVICE_KEYS: Readonly<Record<string, KeyInfo>> = {
  device_type: { kind: 'deviceType', description: 'The platform: how NetPoll talks to the device (prompts, paging, enable). Default cisco_ios.' },
  host: { kind: 'text', description: 'Address or name of the device.' },
  ip: { kind: 'text', description: 'Address of the device (netmiko name; host wins when both are given).' },
  port: { kind: 'port', description: 'SSH port, 1-65535. Default 22.' },
  username: { kind: 'text', description: 'Login name. Default: your user name.' },
  password: { kind: 'text', credential: true, description: 'Login password; also answers keyboard-interactive password prompts. Keep it out of the file: ${secret:NAME}, ${env:NAME} or ${prompt:NAME}.' },
  secret: { kind: 'text', credential: true, description: 'Enable secret, sent once when the device logs in at its user prompt (R1>).' },
  key_file: { kind: 'text', description: 'Private key file (OpenSSH, PEM or PPK); ~ is your home folder.' },
  passphrase: { kind: 'text', credential: true, description: 'Passphrase of key_file.' },
  use_keys: { kind: 'boolean', description: 'netmiko name for allow_agent: offer the ssh-agent keys.' },
  allow_agent: { kind: 'boolean', description: 'Offer the keys of the running ssh-agent (SSH_AUTH_SOCK).' },
  timeout: { kind: 'seconds', description: 'Seconds to wait for each prompt while preparing the session. Default 10.' },
  conn_timeout: { kind: 'seconds', description: 'Seconds to wait for the TCP connection. Default 10.' },
  auth_timeout: { kind: 'seconds', description: 'Seconds for the SSH handshake and login, per hop. Default 20.' },
  read_timeout: { kind: 'seconds', description: 'Seconds each command may take. Default 30.' },
  name: { kind: 'text', description: 'How the device is shown. Default: host, or host:port when one host has several ports.' },
  commands: { kind: 'list', description: "This device's commands, instead of the poll's." },
  tags: { kind: 'list', description: 'Labels for the device (shown in its tooltip and results).' },
  jump_host: { kind: 'text', description: 'Reach the device through another: the name of a device in this inventory, or [user@]host[:port].' },
  legacy_algorithms: { kind: 'boolean', description: 'Also offer SHA-1 key exchange, CBC ciphers, hmac-sha1 and ssh-dss, for old devices.' },
  pipeline: { kind: 'boolean', description: 'Once the session is set up, send all of the commands in one write and split the replies by echo and prompt: one round trip instead of one per command, for devices that buffer typed input. Default: netpoll.pipeline (--pipeline), else false.' },
  echo: { kind: 'boolean', description: "Whether the device echoes the commands it is sent. Default: the platform's (true for the built-in ones)." },
  host_key_policy: { kind: 'hostKeyPolicy', description: 'accept-new (record unknown keys, refuse changed ones), strict (refuse unknown keys) or off.' },
  parse: { kind: 'parse', description: 'Parse outputs into records with TextFSM: true or false for every command, or per command true, false or a template file (relative to this file). Commands not named follow netpoll.parsing.enabled (--parse).' },
  ignore_lines: { kind: 'ignoreLines', description: 'Lines that Compare skips for this device (they change on every poll): regular expressions, each for every command, or {command, pattern} for one command. Outputs are still stored whole.' },
};

/** netmiko tuning that NetPoll does not need: accepted, with a note, and ignored. */
export const NETMIKO_ONLY_KEYS: ReadonlySet<string> = new Set([
  'global_delay_factor',
  'fast_cli',
  'session_log',
  'session_log_record_writes',
  'session_log_file_mode',
  'verbose',
  'blocking_timeout',
  'banner_timeout',
  'session_timeout',
  'keepalive',
  'default_enter',
  'response_return',
  'encoding',
  'ssh_strict',
  'system_host_keys',
  'alt_host_keys',
  'alt_key_file',
  'ssh_config_file',
  'auto_connect',
  'allow_auto_change',
  'disabled_algorithms',
  'read_timeout_override',
  'delay_factor_compat',
]);

/** SSH's port, when a device or jump host gives none. */
export const DEFAULT_SSH_PORT = 22;

export const HOST_KEY_POLICY_VALUES = ['accept-new', 'strict', 'off'] as const;

/**
 * The longest timeout, in seconds: Node's timers hold at most 2^31-1 ms (about 24.8 days) and
 * fire at once for anything longer, so a larger value would time out immediately.
 */
export const MAX_TIMEOUT_SECONDS = 2_147_483;
