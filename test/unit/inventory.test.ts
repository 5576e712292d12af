import { strict as assert } from 'node:assert';
import { parseInventory } from '../../src/core/inventory/inventory';

const DEVICE_TYPES = ['cisco_ios', 'cisco_xe', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos', 'linux', 'generic'];
const parse = (text: string) => parseInventory(text, { deviceTypes: DEVICE_TYPES });
const PLAIN = 'is in plain text; keep it out of the file with ${secret:NAME}, ${env:NAME} or ${prompt:NAME}';

/** [severity, line, column, message] of every diagnostic, in order. */
type Expected = [string, number, number, string][];

describe('parseInventory', () => {
  const list = `- device_type: cisco_ios
  host: 127.0.0.1
  port: 2201
  username: cisco
  password: \${secret:lab}
  secret: \${secret:lab_enable}
- device_type: cisco_ios
  ip: 127.0.0.2
  username: cisco
  password: \${env:HOME}
`;
  const grouped = `routers:\n${list.replace(/^/gm, '  ').trimEnd()}\n`;

  it('reads a plain list of netmiko-style devices', () => {
    const { devices, diagnostics, skipped } = parse(list);
    assert.deepEqual(diagnostics, []);
    assert.equal(skipped, 0);
    assert.deepEqual(
      devices.map((d) => [d.name, d.host, d.port, d.deviceType, d.username, d.password, d.line]),
      [
        ['127.0.0.1', '127.0.0.1', 2201, 'cisco_ios', 'cisco', '${secret:lab}', 1],
        ['127.0.0.2', '127.0.0.2', 22, 'cisco_ios', 'cisco', '${env:HOME}', 7],
      ],
    );
  });

  it('reads groups of lists (routers: [...]) as the same devices, with their group', () => {
    const plain = parse(list).devices;
    const { devices, diagnostics } = parse(grouped);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(devices.map(({ line, group, ...rest }) => rest), plain.map(({ line, group, ...rest }) => rest));
    assert.deepEqual(devices.map((d) => d.group), ['routers', 'routers']);
  });

  it('applies top-level and group defaults, the device value winning', () => {
    const { devices, diagnostics } = parse(
      'defaults:\n  username: ops\n  device_type: cisco_ios\nswitches:\n  defaults:\n    device_type: arista_eos\n    read_timeout: 90\n  devices:\n    - {host: 127.0.0.1}\n    - {host: 127.0.0.2, device_type: cisco_nxos, username: admin}\nrouters:\n  - {host: 127.0.0.3}\n',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      devices.map((d) => [d.host, d.group, d.deviceType, d.username, d.timeouts.command]),
      [
        ['127.0.0.1', 'switches', 'arista_eos', 'ops', 90],
        ['127.0.0.2', 'switches', 'cisco_nxos', 'admin', 90],
        ['127.0.0.3', 'routers', 'cisco_ios', 'ops', undefined],
      ],
    );
  });

  it('names devices host:port when one host has several ports', () => {
    const { devices } = parse('- {host: 127.0.0.1, port: 2201}\n- {host: 127.0.0.1, port: 2202}\n- {name: core, host: 127.0.0.3}\n');
    assert.deepEqual(devices.map((d) => d.name), ['127.0.0.1:2201', '127.0.0.1:2202', 'core']);
  });

  it('reads netmiko timeouts (seconds), keys, agent, tags, legacy algorithms and host key policy', () => {
    const { devices, diagnostics } = parse(
      '- host: 127.0.0.1\n  conn_timeout: 5\n  auth_timeout: 15\n  timeout: 8\n  read_timeout: 120\n  key_file: ~/.ssh/id_ed25519\n  passphrase: ${prompt:key}\n  use_keys: true\n  legacy_algorithms: true\n  host_key_policy: strict\n  tags: [core, lab]\n',
    );
    assert.deepEqual(diagnostics, []);
    const [d] = devices;
    assert.deepEqual(d.timeouts, { connect: 5, auth: 15, prompt: 8, command: 120 });
    assert.deepEqual([d.keyFile, d.passphrase, d.allowAgent, d.legacyAlgorithms, d.hostKeyPolicy, d.tags], ['~/.ssh/id_ed25519', '${prompt:key}', true, true, 'strict', ['core', 'lab']]);
  });

  it('follows jump_host through inventory devices hop by hop, or to user@host:port', () => {
    const { devices, diagnostics } = parse(
      [
        '- {name: bastion, host: 127.0.0.10, username: jumper}',
        '- {name: core, host: 127.0.0.11, jump_host: bastion}',
        '- {name: leaf, host: 127.0.0.12, jump_host: core}',
        '- {name: edge, host: 127.0.0.13, username: ops, jump_host: "admin@127.0.0.14:2222"}',
      ].join('\n') + '\n',
    );
    assert.deepEqual(diagnostics, []);
    const hops = (name: string) => devices.find((d) => d.name === name)!.jumps.map((j) => `${j.username}@${j.host}:${j.port}`);
    assert.deepEqual(hops('bastion'), []);
    assert.deepEqual(hops('core'), ['jumper@127.0.0.10:22']);
    assert.deepEqual(hops('leaf'), ['jumper@127.0.0.10:22', 'undefined@127.0.0.11:22']);
    assert.deepEqual(hops('edge'), ['admin@127.0.0.14:2222']);
  });

  it('keeps the platforms: section apart from device groups', () => {
    const { devices, platforms, diagnostics } = parse('platforms:\n  my_ios:\n    extends: cisco_ios\nrouters:\n  - {host: 127.0.0.1, device_type: my_ios}\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(devices.map((d) => [d.group, d.deviceType]), [['routers', 'my_ios']]);
    assert.deepEqual(platforms, [{ name: 'my_ios', spec: { extends: 'cisco_ios' }, line: 2, column: 3 }]);
  });

  it('marks a plain-text credential for the quick fix, once where it is written', () => {
    const { diagnostics } = parse('defaults:\n  secret: en\nrouters:\n  - {name: R1, host: 127.0.0.1, password: pw}\n  - {name: R2, host: 127.0.0.2}\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.column, d.endColumn, d.plaintextCredential]),
      [
        [2, 11, 13, { key: 'secret', device: 'defaults' }],
        [4, 43, 45, { key: 'password', device: 'R1' }],
      ],
    );
  });

  // Each malformed inventory: the exact diagnostics, and how many devices are still polled.
  const malformed: { title: string; text: string; polled: number; expected: Expected }[] = [
    { title: 'a YAML syntax error', text: '- host: 127.0.0.1\n  port: [22\n', polled: 0, expected: [['error', 3, 1, 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']] },
    { title: 'an empty file', text: '', polled: 0, expected: [['error', 1, 1, 'the inventory is empty: add a list of devices']] },
    { title: 'only comments', text: '# nothing yet\n', polled: 0, expected: [['error', 1, 1, 'the inventory is empty: add a list of devices']] },
    { title: 'a scalar instead of a list', text: 'just text\n', polled: 0, expected: [['error', 1, 1, 'the inventory must be a list of devices, or groups of lists (routers: [...])']] },
    { title: 'only a platforms section', text: 'platforms:\n  my: {extends: cisco_ios}\n', polled: 0, expected: [['error', 1, 1, 'the inventory lists no devices']] },
    { title: 'a device that is not a mapping', text: '- 127.0.0.1\n- host: 127.0.0.2\n', polled: 1, expected: [['error', 1, 3, 'a device must be a mapping of keys (device_type, host, username, ...)']] },
    { title: 'a group that is not a list', text: 'routers: R1\nswitches:\n  - host: 127.0.0.2\n', polled: 1, expected: [['error', 1, 10, 'group "routers" must be a list of devices, or {defaults: ..., devices: [...]}']] },
    { title: 'group devices that are not a list', text: 'routers:\n  defaults: {username: u}\n  devices: R1\n', polled: 0, expected: [['error', 3, 12, 'routers.devices must be a list of devices']] },
    { title: 'a group with a stray key', text: 'routers:\n  devices: [{host: 127.0.0.1}]\n  colour: blue\n', polled: 1, expected: [['error', 3, 3, 'group "routers" may hold only defaults and devices, not "colour"']] },
    { title: 'defaults that are not a mapping', text: 'defaults: yes\nrouters:\n  - host: 127.0.0.1\n', polled: 1, expected: [['error', 1, 11, 'defaults must be a mapping of device keys']] },
    { title: 'platforms that are not a mapping', text: 'platforms: cisco\nrouters:\n  - host: 127.0.0.1\n', polled: 1, expected: [['error', 1, 12, 'platforms must map platform names to their definitions']] },
    { title: 'a device without host', text: '- device_type: cisco_ios\n  username: u\n- host: 127.0.0.2\n', polled: 1, expected: [['error', 1, 3, 'device has no host (or ip)']] },
    { title: 'an empty host', text: '- host: ""\n', polled: 0, expected: [['error', 1, 9, 'host must not be empty']] },
    { title: 'a port that is text', text: '- host: 127.0.0.1\n  port: ssh\n', polled: 0, expected: [['error', 2, 9, 'port must be a whole number from 1 to 65535']] },
    { title: 'a port out of range', text: '- host: 127.0.0.1\n  port: 70000\n', polled: 0, expected: [['error', 2, 9, 'port must be a whole number from 1 to 65535']] },
    { title: 'a port with a fraction', text: '- host: 127.0.0.1\n  port: 22.5\n', polled: 0, expected: [['error', 2, 9, 'port must be a whole number from 1 to 65535']] },
    { title: 'a misspelled device_type', text: '- host: 127.0.0.1\n  device_type: cisco_iso\n', polled: 0, expected: [['error', 2, 16, 'unknown device_type "cisco_iso"; did you mean "cisco_ios"?']] },
    { title: 'an unknown device_type', text: '- host: 127.0.0.1\n  device_type: mikrotik_routeros\n', polled: 0, expected: [['error', 2, 16, 'unknown device_type "mikrotik_routeros"']] },
    { title: 'a misspelled key', text: '- host: 127.0.0.1\n  usernme: admin\n', polled: 1, expected: [['warning', 2, 3, 'unknown key "usernme"; did you mean "username"?']] },
    { title: 'netmiko-only tuning keys', text: '- host: 127.0.0.1\n  global_delay_factor: 2\n  fast_cli: true\n', polled: 1, expected: [['info', 2, 3, 'global_delay_factor is netmiko tuning that NetPoll does not need; it is ignored'], ['info', 3, 3, 'fast_cli is netmiko tuning that NetPoll does not need; it is ignored']] },
    { title: 'a username that is a list', text: '- host: 127.0.0.1\n  username: [a, b]\n', polled: 0, expected: [['error', 2, 13, 'username must be a text value']] },
    { title: 'a name that is a list', text: '- name: [R1]\n  host: 127.0.0.1\n', polled: 0, expected: [['error', 1, 9, 'name must be a text value']] },
    { title: 'a flag written as text', text: '- host: 127.0.0.1\n  legacy_algorithms: "yes"\n', polled: 0, expected: [['error', 2, 22, 'legacy_algorithms must be true or false']] },
    { title: 'a negative timeout', text: '- host: 127.0.0.1\n  read_timeout: -5\n', polled: 0, expected: [['error', 2, 17, 'read_timeout must be a number of seconds greater than 0']] },
    { title: 'commands that are not a list', text: '- host: 127.0.0.1\n  commands: show clock\n', polled: 0, expected: [['error', 2, 13, 'commands must be a list of text lines']] },
    { title: 'tags that are numbers', text: '- host: 127.0.0.1\n  tags: [1, 2]\n', polled: 0, expected: [['error', 2, 9, 'tags must be a list of text lines']] },
    { title: 'an unknown host_key_policy', text: '- host: 127.0.0.1\n  host_key_policy: sometimes\n', polled: 0, expected: [['error', 2, 20, 'host_key_policy must be accept-new, strict, off, not "sometimes"']] },
    { title: 'a key given twice', text: '- host: 127.0.0.1\n  host: 127.0.0.2\n- host: 127.0.0.3\n', polled: 1, expected: [['error', 2, 3, 'host is given twice in this entry']] },
    { title: 'a duplicate device name', text: '- {name: R1, host: 127.0.0.1}\n- {name: R1, host: 127.0.0.2}\n', polled: 1, expected: [['error', 2, 10, 'duplicate device name "R1" (first at line 1)']] },
    { title: 'a duplicate host and port', text: '- {name: R1, host: 127.0.0.1, port: 2201}\n- {name: R2, host: 127.0.0.1, port: 2201}\n', polled: 2, expected: [['warning', 2, 3, 'R2 has the same host and port as R1 (line 1)']] },
    { title: 'an unset environment variable', text: '- host: 127.0.0.1\n  password: ${env:NETPOLL_TEST_UNSET_VAR}\n', polled: 1, expected: [['warning', 2, 13, 'password: environment variable NETPOLL_TEST_UNSET_VAR is not set']] },
    { title: 'a reference of an unknown kind', text: '- host: 127.0.0.1\n  password: ${vault:core}\n', polled: 0, expected: [['error', 2, 13, 'password: "${vault:core}" is not a reference NetPoll knows; use ${env:NAME}, ${secret:NAME} or ${prompt:NAME}']] },
    { title: 'a password and a secret in plain text', text: '- name: R1\n  host: 127.0.0.1\n  password: cisco\n  secret: enable-me\n', polled: 1, expected: [['warning', 3, 13, `password ${PLAIN}`], ['warning', 4, 11, `secret ${PLAIN}`]] },
    { title: 'a jump_host that is nothing known', text: '- {name: a, host: 127.0.0.1, jump_host: "no such!"}\n', polled: 0, expected: [['error', 1, 41, 'jump_host "no such!" is neither a device in this inventory nor user@host:port']] },
    { title: 'jump hosts in a loop', text: '- {name: a, host: 127.0.0.1, jump_host: b}\n- {name: b, host: 127.0.0.2, jump_host: a}\n- {name: c, host: 127.0.0.3}\n', polled: 1, expected: [['error', 1, 41, 'jump_host loops: a -> b -> a']] },
  ];

  for (const { title, text, polled, expected } of malformed) {
    it(`reports ${title}`, () => {
      const inventory = parse(text);
      assert.deepEqual(inventory.diagnostics.map((d) => [d.severity, d.line, d.column, d.message]), expected);
      assert.equal(inventory.devices.length, polled, 'devices still polled');
    });
  }

  it(`covers at least 25 malformed inventories (${malformed.length})`, () => assert.ok(malformed.length >= 25));
});
