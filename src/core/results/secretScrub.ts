// Secrets out of stored outputs: per-platform rules that find the secret in a configuration line
// (hashed or reversible passwords, SNMP communities, TACACS+/RADIUS and routing keys, pre-shared
// keys) and put the same mark in its place every time, so that two polls of an unchanged device
// still read the same and comparisons keep working. A device type with no rules of its own gets
// every rule: an unknown platform is scrubbed too much rather than too little.

/** What stands where a secret was. */
export const REMOVED = '<removed>';

interface ScrubRule {
  /** Group 1: what stays before the secret; group 2: the secret; group 3 (optional): what stays after. */
  pattern: RegExp;
}

const rule = (source: string): ScrubRule => ({ pattern: new RegExp(source, 'gm') });

/** A secret written as one word, or quoted. */
const WORD = String.raw`("[^"\n]*"|\S+)`;

// Cisco IOS, IOS XE, IOS XR, NX-OS, ASA and Arista EOS share most of their configuration syntax.
const CISCO_LIKE: ScrubRule[] = [
  // enable secret 9 $9$..., enable password 7 0822455D0A16, enable secret sha512 $6$... (EOS)
  rule(String.raw`^(\s*enable (?:secret|password)(?: level \d+)?(?: (?:\d+|sha512))? )${WORD}`),
  // username admin privilege 15 secret 5 $1$..., username x password 7 ..., ... role network-admin secret sha512 ...
  rule(String.raw`^(\s*username \S+ .*?\b(?:secret|password)(?: (?:\d+|sha512))? )${WORD}`),
  // IOS XR and others: `secret 10 $6$...`, `password 7 ...`, `password encrypted ...` under a user or neighbor
  rule(String.raw`^(\s+(?:secret|password)(?: \d+| encrypted| clear)? )${WORD}`),
  // snmp-server community public RO
  rule(String.raw`^(\s*snmp-server community )${WORD}`),
  // snmp-server host 192.0.2.1 [traps|informs] version 2c public
  rule(String.raw`^(\s*snmp-server host \S+(?: (?:traps|informs))?(?: version (?:1|2c))? )(?!version\b)${WORD}`),
  // snmp-server user u g v3 auth sha AUTHKEY priv aes 128 PRIVKEY (and NX-OS's auth md5 0x...)
  rule(String.raw`^(\s*snmp-server user .*?\bauth \S+ )${WORD}`),
  rule(String.raw`^(\s*snmp-server user .*?\bpriv (?:(?:aes|des|3des)(?:[- ]\d+)? )?)(?!(?:aes|des|3des)\b)${WORD}`),
  // tacacs-server key 7 ..., radius-server key ..., tacacs-server host h key ..., server-private h key ...
  rule(String.raw`^(\s*(?:tacacs-server|radius-server|tacacs server|radius server|server-private|aaa-server)\b.*?\bkey(?: [067])? )${WORD}`),
  // `key 7 ...` under `tacacs server X`; not a key chain's `key 1`, whose number is only its id
  rule(String.raw`^(\s+key(?: [067])? )(?!\d+\s*$)${WORD}`),
  rule(String.raw`^(\s*key-string(?: [067])? )${WORD}`),
  // neighbor 192.0.2.1 password 7 ... (BGP)
  rule(String.raw`^(\s*neighbor \S+ password(?: \d+)? )${WORD}`),
  // ip ospf authentication-key 7 ..., ip ospf message-digest-key 1 md5 7 ..., isis password ...
  rule(String.raw`^(\s*ip (?:ospf|rip) (?:authentication-key|message-digest-key \d+ md5)(?: \d+)? )${WORD}`),
  rule(String.raw`^(\s*(?:isis|area|domain) password(?: \d+)? )${WORD}`),
  // crypto isakmp key SECRET address ..., pre-shared-key [local|remote] [0|6] SECRET, wpa-psk ascii 7 ...
  rule(String.raw`^(\s*crypto isakmp key(?: \d+)? )${WORD}`),
  rule(String.raw`^(\s*pre-shared-key(?: (?:local|remote))?(?: \d+)? )${WORD}`),
  rule(String.raw`^(\s*(?:wpa-psk|authentication-key) (?:ascii|hex)(?: \d+)? )${WORD}`),
  // ppp chap password 7 ..., standby 1 authentication md5 key-string 7 ..., vrrp 1 authentication text ...
  rule(String.raw`^(\s*ppp (?:chap|pap) (?:password|sent-username \S+ password)(?: \d+)? )${WORD}`),
  rule(String.raw`^(\s*(?:standby|vrrp) \d+ authentication (?:md5 key-string|text)(?: \d+)? )${WORD}`),
];

// Junos marks every secret it prints: `encrypted-password "$6$..."; ## SECRET-DATA`, in both the
// curly-brace and the `set` form; SNMP communities are names, and are secrets too.
const JUNOS: ScrubRule[] = [
  rule(String.raw`^(.*\s)("[^"\n]*"|\S+?)(;?\s*## SECRET-DATA)$`),
  rule(String.raw`^(\s*(?:set snmp )?community )${WORD}`),
  rule(String.raw`^(\s*(?:set .*\s)?(?:encrypted-password|authentication-key|secret|pre-shared-key ascii-text|pre-shared-key hexadecimal|simple-password|plain-text-password-value) )${WORD}`),
];

const RULES_BY_TYPE: Record<string, ScrubRule[]> = {
  cisco_ios: CISCO_LIKE,
  cisco_xe: CISCO_LIKE,
  cisco_xr: CISCO_LIKE,
  cisco_nxos: CISCO_LIKE,
  cisco_asa: CISCO_LIKE,
  arista_eos: CISCO_LIKE,
  juniper_junos: JUNOS,
  // A shell's outputs have no configuration syntax to find secrets in.
  linux: [],
};

const ALL_RULES = [...CISCO_LIKE, ...JUNOS];

/** The output with every secret its platform's rules find replaced by REMOVED. */
export function removeSecrets(output: string, deviceType: string): string {
  let text = output;
  for (const { pattern } of RULES_BY_TYPE[deviceType] ?? ALL_RULES) {
    // With two groups, replace() passes the match's offset where a third group would be.
    text = text.replace(pattern, (_whole, before: string, secret: string, after: unknown) => {
      const mark = secret.startsWith('"') ? `"${REMOVED}"` : REMOVED;
      return `${before}${mark}${typeof after === 'string' ? after : ''}`;
    });
  }
  return text;
}

/**
 * A message the device sent on its own may quote a configuration line after a colon (IOS logs
 * each configuration command as `... logged command:username x secret 0 ...`): the text after
 * each colon is scrubbed as a line of its own.
 */
export function removeSecretsInMessage(message: string, deviceType: string): string {
  let text = removeSecrets(message, deviceType);
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    text = text.slice(0, at + 1) + removeSecrets(text.slice(at + 1), deviceType);
  }
  return text;
}
