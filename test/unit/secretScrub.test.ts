// Secrets out of stored outputs: each platform's real-looking configuration, every secret in it
// replaced by the same mark, and every other line exactly as the device said it.
import { strict as assert } from 'node:assert';
import { REMOVED, removeSecrets, removeSecretsInMessage } from '../../src/core/results/secretScrub';

/** A configuration line with its secret, and the line as it must be stored. */
type Case = [line: string, secret: string | string[]];

const CASES: Record<string, Case[]> = {
  cisco_ios: [
    ['enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM', '$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM'],
    ['enable password 7 0822455D0A16', '0822455D0A16'],
    ['username admin privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', '$1$mERr$hx5rVt7rPNoS4wqbXKX7m0'],
    ['username ops password 7 094F471A1A0A', '094F471A1A0A'],
    ['snmp-server community N3tw0rkRO RO 10', 'N3tw0rkRO'],
    ['snmp-server community private RW', 'private'],
    ['snmp-server host 127.0.0.1 version 2c TrapC0mm', 'TrapC0mm'],
    ['snmp-server user monitor grp v3 auth sha AuthPass123 priv aes 128 PrivPass456', ['AuthPass123', 'PrivPass456']],
    ['tacacs-server key 7 0832585B1910010713181F', '0832585B1910010713181F'],
    ['radius-server host 127.0.0.1 auth-port 1645 acct-port 1646 key RadKey99', 'RadKey99'],
    [' key 7 070C285F4D06485744', '070C285F4D06485744'],
    ['  key-string 7 104D000A0618', '104D000A0618'],
    [' neighbor 127.0.0.2 password 7 13061E010803', '13061E010803'],
    [' ip ospf message-digest-key 1 md5 7 01100F175804', '01100F175804'],
    [' ip ospf authentication-key 7 045802150C2E', '045802150C2E'],
    ['crypto isakmp key Pr3Shared address 127.0.0.3', 'Pr3Shared'],
    [' pre-shared-key local 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB', 'FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB'],
    [' password 7 0822455D0A16', '0822455D0A16'],
    [' standby 1 authentication md5 key-string 7 0822455D0A16A5', '0822455D0A16A5'],
  ],
  cisco_nxos: [
    ['username admin password 5 $5$PHIAJO$1X1K8ra0pvWOkYFxt7EdxHH9D9z0e/QeTbC.rEnHW70  role network-admin', '$5$PHIAJO$1X1K8ra0pvWOkYFxt7EdxHH9D9z0e/QeTbC.rEnHW70'],
    ['snmp-server user admin network-admin auth md5 0x7f629f5b9316839d9b9e8a4d1a2b3c4d priv 0x7f629f5b9316839d9b9e8a4d1a2b3c4e localizedkey', ['0x7f629f5b9316839d9b9e8a4d1a2b3c4d', '0x7f629f5b9316839d9b9e8a4d1a2b3c4e']],
    ['snmp-server user ops network-operator auth sha 0x11aa priv aes-128 0x22bb localizedkey', ['0x11aa', '0x22bb']],
    ['tacacs-server host 127.0.0.4 key 7 "fewhg123"', '"fewhg123"'],
    ['snmp-server community public group network-operator', 'public'],
  ],
  cisco_xr: [
    [' secret 10 $6$5aP3K/6XLOt0tK/.$ZtDPCNBp4p.vhJ1nhT5ph9pSsB6ENQkJyxdwqpO3nNyr.gk8fyqGBLHo7u/gNJ0wLsnmzlP6PGHa0Uq0T5l/0', '$6$5aP3K/6XLOt0tK/.$ZtDPCNBp4p.vhJ1nhT5ph9pSsB6ENQkJyxdwqpO3nNyr.gk8fyqGBLHo7u/gNJ0wLsnmzlP6PGHa0Uq0T5l/0'],
    ['  password encrypted 0822455D0A16', '0822455D0A16'],
    ['snmp-server community Xr0Comm RO', 'Xr0Comm'],
  ],
  arista_eos: [
    ['username admin privilege 15 role network-admin secret sha512 $6$Vt8nV0Pp$8xJv2JgkEqT3', '$6$Vt8nV0Pp$8xJv2JgkEqT3'],
    ['enable password sha512 $6$EnAbLe$Qz', '$6$EnAbLe$Qz'],
    ['snmp-server community AristaRO ro', 'AristaRO'],
    ['tacacs-server host 127.0.0.5 key 7 070E33455D1D18544541', '070E33455D1D18544541'],
  ],
  juniper_junos: [
    ['            encrypted-password "$6$ABC$xyzHashValue"; ## SECRET-DATA', '"$6$ABC$xyzHashValue"'],
    ['    secret "$9$Hk5FCtOhclM87dsYo"; ## SECRET-DATA', '"$9$Hk5FCtOhclM87dsYo"'],
    ['set system root-authentication encrypted-password "$6$rootHash"', '"$6$rootHash"'],
    ['set snmp community JunComm authorization read-only', 'JunComm'],
    ['    community J2Comm {', 'J2Comm'],
    ['                authentication-key "$9$IKeYvAl"; ## SECRET-DATA', '"$9$IKeYvAl"'],
  ],
};

// Lines that only look close to a secret: their text is not one and must stay as it is.
const KEPT: Record<string, string[]> = {
  cisco_ios: ['key chain OSPF-KEYS', ' key 1', 'snmp-server host 127.0.0.1 version 3 priv monitor', 'hostname R1', 'service password-encryption', 'aaa authentication login default group tacacs+ local', 'snmp-server enable traps'],
  juniper_junos: ['    host-name core1;', 'set system services ssh'],
};

describe('secrets are removed from outputs before they are stored', () => {
  for (const [platform, cases] of Object.entries(CASES)) {
    it(`${platform}: every secret in a real-looking configuration`, () => {
      const config = cases.map(([line]) => line).join('\n') + '\n';
      const stored = removeSecrets(config, platform);
      const storedLines = stored.split('\n');
      cases.forEach(([line, secrets], i) => {
        for (const secret of [secrets].flat()) {
          assert.ok(!stored.includes(secret), `${platform}: ${secret} is still in: ${storedLines[i]}`);
          assert.ok(line.includes(secret));
        }
        // The rest of the line stays: the mark stands exactly where the secret was.
        const expected = [secrets].flat().reduce((text, secret) => text.replace(secret, secret.startsWith('"') ? `"${REMOVED}"` : REMOVED), line);
        assert.equal(storedLines[i], expected);
      });
    });
  }

  for (const [platform, lines] of Object.entries(KEPT)) {
    it(`${platform}: lines that hold no secret are kept as they are`, () => {
      const text = lines.join('\n');
      assert.equal(removeSecrets(text, platform), text);
    });
  }

  it('is stable: scrubbing twice changes nothing more, and whatever the secret, the stored line is the same', () => {
    const config = CASES.cisco_ios.map(([line]) => line).join('\n');
    const once = removeSecrets(config, 'cisco_ios');
    assert.equal(removeSecrets(once, 'cisco_ios'), once);
    // A secret that differs between two polls is no difference a comparison can show.
    assert.equal(removeSecrets(config.replace('0822455D0A16', '1511021F0725'), 'cisco_ios'), once);
  });

  it('gives a device type without rules of its own every rule, and leaves a shell alone', () => {
    assert.equal(removeSecrets('enable secret 5 $1$abc', 'vendor_x'), `enable secret 5 ${REMOVED}`);
    assert.equal(removeSecrets('    secret "$9$x"; ## SECRET-DATA', 'vendor_x'), `    secret "${REMOVED}"; ## SECRET-DATA`);
    assert.equal(removeSecrets('enable secret 5 $1$abc', 'linux'), 'enable secret 5 $1$abc');
  });

  it('removes a secret from a configuration line a message quotes after a colon, and leaves other messages alone', () => {
    const logged = '*Dec  7 10:00:00.123: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:username ops secret 0 Zq7-secret';
    const scrubbed = removeSecretsInMessage(logged, 'cisco_ios');
    assert.ok(!scrubbed.includes('Zq7-secret'), scrubbed);
    assert.ok(scrubbed.startsWith('*Dec  7 10:00:00.123: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:username ops secret'), scrubbed);
    const plain = '*Dec  7 10:00:00.123: %LINK-3-UPDOWN: Interface FastEthernet0/1, changed state to down';
    assert.equal(removeSecretsInMessage(plain, 'cisco_ios'), plain);
  });
});
