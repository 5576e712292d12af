import { strict as assert } from 'node:assert';
import { parseInventory } from '../../src/core/inventory/inventory';
import { MAX_TIMEOUT_SECONDS } from '../../src/core/inventory/keys';

const DEVICE_TYPES = ['cisco_ios', 'cisco_xe', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos', 'linux', 'generic'];
const parse = (text: string) => parseInventory(text, { deviceTypes: DEVICE_TYPES });
const PLAIN = 'is in plain text; keep it out of the file with ${secret:NAME}, ${env:NAME} or ${prompt:NAME}';
const TOO_LONG = (key: string) => `${key} must be a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS} (about 24 days)`;
/** Node's timers hold at most 2^31-1 milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

  it('reads pipeline and echo from a device, its group defaults or the top-level defaults, the nearest winning', () => {
    const { devices, diagnostics } = parse(
      [
        'defaults:',
        '  pipeline: true',
        'routers:',
        '  defaults: {echo: false}',
        '  devices:',
        '    - {name: R1, host: 127.0.0.1}',
        '    - {name: R2, host: 127.0.0.2, pipeline: false, echo: true}',
        'switches:',
        '  - {name: S1, host: 127.0.0.3}',
        '  - {name: S2, host: 127.0.0.4, echo: false}',
      ].join('\n') + '\n',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      devices.map((d) => [d.name, d.pipeline, d.echo]),
      [
        ['R1', true, false],
        ['R2', false, true],
        ['S1', true, undefined],
        ['S2', true, false],
      ],
    );
    // Not written anywhere: the poll's option and the platform decide.
    assert.deepEqual(parse('- {host: 127.0.0.1}\n').devices.map((d) => [d.pipeline, d.echo]), [[undefined, undefined]]);
  });

  it('says a wrong pipeline in defaults once, where it is written, and skips the devices it applies to', () => {
    const { devices, diagnostics, skipped } = parse('defaults:\n  pipeline: sometimes\nrouters:\n  - {host: 127.0.0.1}\n  - {host: 127.0.0.2}\nswitches:\n  - {host: 127.0.0.3, pipeline: false}\n');
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.line, d.column, d.endColumn, d.message]), [['error', 2, 13, 22, 'pipeline must be true or false']]);
    assert.deepEqual([devices.map((d) => d.host), skipped], [['127.0.0.3'], 2]);
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

  it('accepts timeouts up to the longest that Node timers can hold', () => {
    assert.ok(MAX_TIMEOUT_SECONDS * 1000 <= MAX_TIMER_MS && (MAX_TIMEOUT_SECONDS + 1) * 1000 > MAX_TIMER_MS);
    const { devices, diagnostics } = parse(`- {host: 127.0.0.1, read_timeout: ${MAX_TIMEOUT_SECONDS}, timeout: 0.5}\n`);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(devices[0].timeouts, { command: MAX_TIMEOUT_SECONDS, prompt: 0.5, connect: undefined, auth: undefined });
  });

  it('takes text values exactly as written, even when YAML would read a number or a flag', () => {
    const { devices, diagnostics } = parse(
      [
        '- name: 1e3',
        '  host: 127.0.0.1',
        '  username: true',
        '  password: 0123',
        '  secret: 1.10',
        '  passphrase: 0x1F',
        '  tags: [1.10, "0x1F", 007, lab]',
        '  commands: [0123, show clock]',
        '- {host: 127.0.0.2, password: "0123", secret: \'1.10\', username: ~, key_file: }',
      ].join('\n') + '\n',
    );
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    const [first, second] = devices;
    assert.deepEqual([first.name, first.username, first.password, first.secret, first.passphrase, first.tags, first.commands], ['1e3', 'true', '0123', '1.10', '0x1F', ['1.10', '0x1F', '007', 'lab'], ['0123', 'show clock']]);
    assert.deepEqual([second.password, second.secret, second.username, second.keyFile], ['0123', '1.10', undefined, undefined]);
    // A credential that looks like a number is still a credential in plain text.
    assert.deepEqual(diagnostics.filter((d) => d.plaintextCredential?.device === '1e3').map((d) => d.plaintextCredential?.key), ['password', 'secret', 'passphrase']);
  });

  it('reads an inventory that starts with a byte order mark, with positions as an editor shows them', () => {
    for (const text of ['- {host: 127.0.0.1, usernme: a}\n', 'routers: [{host: 127.0.0.1, usernme: a}]\n']) {
      const withMark = parse(`\uFEFF${text}`);
      assert.deepEqual(withMark, parse(text));
      assert.equal(withMark.devices.length, 1, text);
    }
  });

  it('jumps through user@name, name:port, dotted names, IP addresses and localhost, but not a bare unknown word', () => {
    const jumps = ['ops@gw', 'gw:2222', 'gw.example', '127.0.0.9', '::1', 'localhost', 'gw'];
    const { devices, diagnostics } = parse(jumps.map((jump, i) => `- {name: device-${i}, host: 127.0.0.${i + 1}, jump_host: "${jump}"}`).join('\n') + '\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.message]),
      [[7, 'jump_host "gw" is not a device in this inventory; to jump through a host by name, write user@gw or gw:22']],
    );
    assert.deepEqual(
      devices.map((d) => d.jumps.map((j) => `${j.username ?? ''}@${j.host}:${j.port}`)),
      [['ops@gw:22'], ['@gw:2222'], ['@gw.example:22'], ['@127.0.0.9:22'], ['@::1:22'], ['@localhost:22']],
    );
  });

  it('applies every defaults block, in order, when defaults is given twice', () => {
    const { devices } = parse(
      [
        'defaults:',
        '  username: ops',
        '  port: 2201',
        'routers:',
        '  defaults: {device_type: cisco_xe}',
        '  devices: [{host: 127.0.0.1}]',
        '  defaults: {read_timeout: 60}',
        '  devices: [{host: 127.0.0.2}]',
        'defaults:',
        '  password: ${env:HOME}',
        '  port: 2202',
      ].join('\n') + '\n',
    );
    assert.deepEqual(
      devices.map((d) => [d.host, d.username, d.password, d.port, d.deviceType, d.timeouts.command]),
      [
        ['127.0.0.1', 'ops', '${env:HOME}', 2202, 'cisco_xe', 60],
        ['127.0.0.2', 'ops', '${env:HOME}', 2202, 'cisco_xe', 60],
      ],
    );
  });

  it('checks host and ip where they are written, but leaves values from references to the poll', () => {
    const { devices, diagnostics } = parse('- host: ssh://admin@127.0.0.1:2222\n- ip: ${env:HOME}\n- host: router-1.example.\n');
    assert.deepEqual(diagnostics.map((d) => [d.line, d.column, d.message]), [[1, 9, 'host must be an address or name, not a URL: write host: 127.0.0.1, port: 2222, username: admin']]);
    assert.deepEqual(devices.map((d) => d.host), ['${env:HOME}', 'router-1.example.']);
  });

  it('follows YAML aliases and merge keys (<<) in devices, defaults, group lists and values', () => {
    const { devices, diagnostics, platforms } = parse(
      [
        'defaults: &common',
        '  username: ops',
        '  password: &pw ${secret:pw}',
        'platforms:',
        '  my_ios: &ios {extends: cisco_ios}',
        '  my_xe: *ios',
        'routers:',
        '  - &r1 {name: R1, host: 127.0.0.1, device_type: cisco_xe, tags: [&lab lab]}',
        '  - <<: *r1',
        '    name: R2',
        '    host: 127.0.0.2',
        '  - <<: [{device_type: arista_eos, port: 2222}, *r1]',
        '    name: R3',
        '    host: 127.0.0.3',
        'switches:',
        '  defaults:',
        '    <<: *common',
        '    username: sw',
        '  devices: &switches',
        '    - {name: S1, host: 127.0.0.4, secret: *pw, tags: [*lab, core]}',
      ].join('\n') + '\n',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      devices.map((d) => [d.name, d.host, d.port, d.deviceType, d.username, d.password, d.secret, d.tags]),
      [
        ['R1', '127.0.0.1', 22, 'cisco_xe', 'ops', '${secret:pw}', undefined, ['lab']],
        ['R2', '127.0.0.2', 22, 'cisco_xe', 'ops', '${secret:pw}', undefined, ['lab']],
        ['R3', '127.0.0.3', 2222, 'arista_eos', 'ops', '${secret:pw}', undefined, ['lab']],
        ['S1', '127.0.0.4', 22, 'cisco_ios', 'sw', '${secret:pw}', '${secret:pw}', ['lab', 'core']],
      ],
    );
    assert.deepEqual(platforms.map((p) => [p.name, p.spec]), [['my_ios', { extends: 'cisco_ios' }], ['my_xe', { extends: 'cisco_ios' }]]);
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
    // The slips YAML beginners make are explained where they are (yamlErrors.test.ts); others keep the parser's words.
    { title: 'a YAML syntax error', text: '- host: @router\n', polled: 0, expected: [['error', 1, 9, 'YAML syntax error: Plain value cannot start with reserved character @']] },
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
    { title: 'pipeline written as text', text: '- host: 127.0.0.1\n  pipeline: "true"\n', polled: 0, expected: [['error', 2, 13, 'pipeline must be true or false']] },
    { title: 'pipeline written as a number', text: '- host: 127.0.0.1\n  pipeline: 1\n', polled: 0, expected: [['error', 2, 13, 'pipeline must be true or false']] },
    { title: 'echo written the YAML 1.1 way', text: '- host: 127.0.0.1\n  echo: off\n', polled: 0, expected: [['error', 2, 9, 'echo must be true or false: write false, not off']] },
    { title: 'pipeline written the YAML 1.1 way, in group defaults', text: 'routers:\n  defaults: {pipeline: Yes}\n  devices: [{host: 127.0.0.1}]\n', polled: 0, expected: [['error', 2, 24, 'pipeline must be true or false: write true, not Yes']] },
    { title: 'echo given as a list', text: '- host: 127.0.0.1\n  echo: [false]\n', polled: 0, expected: [['error', 2, 9, 'echo must be true or false']] },
    { title: 'a misspelled pipeline key', text: '- host: 127.0.0.1\n  pipline: true\n', polled: 1, expected: [['warning', 2, 3, 'unknown key "pipline"; did you mean "pipeline"?']] },
    { title: 'a negative timeout', text: '- host: 127.0.0.1\n  read_timeout: -5\n', polled: 0, expected: [['error', 2, 17, TOO_LONG('read_timeout')]] },
    { title: 'commands that are not a list', text: '- host: 127.0.0.1\n  commands: show clock\n', polled: 0, expected: [['error', 2, 13, 'commands must be a list of text lines']] },
    { title: 'tags that are lists', text: '- host: 127.0.0.1\n  tags: [[core], {lab: 1}]\n', polled: 0, expected: [['error', 2, 9, 'tags must be a list of text lines']] },
    { title: 'an unknown host_key_policy', text: '- host: 127.0.0.1\n  host_key_policy: sometimes\n', polled: 0, expected: [['error', 2, 20, 'host_key_policy must be accept-new, strict, off, not "sometimes"']] },
    { title: 'a key given twice', text: '- host: 127.0.0.1\n  host: 127.0.0.2\n- host: 127.0.0.3\n', polled: 1, expected: [['error', 2, 3, 'host is given twice in this entry (first at line 1)']] },
    { title: 'a duplicate device name', text: '- {name: R1, host: 127.0.0.1}\n- {name: R1, host: 127.0.0.2}\n', polled: 1, expected: [['error', 2, 10, 'duplicate device name "R1" (first at line 1)']] },
    { title: 'a duplicate host and port', text: '- {name: R1, host: 127.0.0.1, port: 2201}\n- {name: R2, host: 127.0.0.1, port: 2201}\n', polled: 2, expected: [['warning', 2, 3, 'R2 has the same host and port as R1 (line 1)']] },
    { title: 'an unset environment variable', text: '- host: 127.0.0.1\n  password: ${env:NETPOLL_TEST_UNSET_VAR}\n', polled: 1, expected: [['warning', 2, 13, 'password: environment variable NETPOLL_TEST_UNSET_VAR is not set']] },
    { title: 'a reference of an unknown kind', text: '- host: 127.0.0.1\n  password: ${vault:core}\n', polled: 0, expected: [['error', 2, 13, 'password: "${vault:core}" is not a reference NetPoll knows; use ${env:NAME}, ${secret:NAME} or ${prompt:NAME}']] },
    { title: 'a password and a secret in plain text', text: '- name: R1\n  host: 127.0.0.1\n  password: cisco\n  secret: enable-me\n', polled: 1, expected: [['warning', 3, 13, `password ${PLAIN}`], ['warning', 4, 11, `secret ${PLAIN}`]] },
    { title: 'a jump_host that is nothing known', text: '- {name: a, host: 127.0.0.1, jump_host: "no such!"}\n', polled: 0, expected: [['error', 1, 41, 'jump_host "no such!" is neither a device in this inventory nor user@host:port']] },
    { title: 'a timeout too long for Node timers', text: '- host: 127.0.0.1\n  read_timeout: 3000000\n', polled: 0, expected: [['error', 2, 17, TOO_LONG('read_timeout')]] },
    { title: 'an infinite timeout', text: '- host: 127.0.0.1\n  conn_timeout: .inf\n  auth_timeout: 2147484\n', polled: 0, expected: [['error', 2, 17, TOO_LONG('conn_timeout')], ['error', 3, 17, TOO_LONG('auth_timeout')]] },
    { title: 'a jump_host that names no device', text: '- {name: CORE1, host: 127.0.0.1}\n- {name: edge, host: 127.0.0.2, jump_host: CORE9}\n', polled: 1, expected: [['error', 2, 44, 'jump_host "CORE9" is not a device in this inventory; did you mean "CORE1"?; to jump through a host by name, write user@CORE9 or CORE9:22']] },
    { title: 'a jump_host that names a skipped device', text: '- {name: CORE9, host: 127.0.0.1, port: 0}\n- {name: edge, host: 127.0.0.2, jump_host: CORE9}\n', polled: 0, expected: [['error', 1, 40, 'port must be a whole number from 1 to 65535'], ['error', 2, 44, 'jump_host "CORE9" is a device that is not polled because of its errors']] },
    { title: 'a jump_host with a malformed host', text: '- {name: a, host: 127.0.0.1, jump_host: "ops@gw..example:22"}\n', polled: 0, expected: [['error', 1, 41, 'jump_host: host "gw..example" has an empty part between dots']] },
    { title: 'defaults given twice', text: 'defaults:\n  username: ops\nrouters:\n  - host: 127.0.0.1\ndefaults:\n  password: ${env:HOME}\n', polled: 1, expected: [['warning', 5, 1, 'defaults is given twice (first at line 1); both apply, later keys win — merge them into one']] },
    {
      title: 'defaults and devices given twice in a group',
      text: 'routers:\n  defaults: {username: ops}\n  devices: [{host: 127.0.0.1}]\n  defaults: {port: 2222}\n  devices: [{host: 127.0.0.2}]\n',
      polled: 2,
      expected: [['warning', 4, 3, 'defaults is given twice (first at line 2); both apply, later keys win — merge them into one'], ['warning', 5, 3, 'devices is given twice (first at line 3); both lists are polled — merge them into one']],
    },
    { title: 'a host written as a URL', text: '- host: ssh://127.0.0.1\n- host: 127.0.0.2\n', polled: 1, expected: [['error', 1, 9, 'host must be an address or name, not a URL: write host: 127.0.0.1']] },
    { title: 'a host with a port in it', text: '- ip: 127.0.0.1:22000\n', polled: 0, expected: [['error', 1, 7, 'host has a port in it: write host: 127.0.0.1 and port: 22000']] },
    { title: 'a host with spaces around it', text: '- host: " 127.0.0.1 "\n', polled: 0, expected: [['error', 1, 9, 'host has spaces around it: write 127.0.0.1']] },
    { title: 'IPv6 hosts in brackets', text: '- host: "[::1]"\n- host: "[::ffff:127.0.0.1]"\n', polled: 0, expected: [['error', 1, 9, 'write an IPv6 address without brackets: ::1'], ['error', 2, 9, 'write an IPv6 address without brackets: ::ffff:127.0.0.1']] },
    { title: 'a host with a space in it', text: '- host: "lab router.example"\n', polled: 0, expected: [['error', 1, 9, 'host has a space in it: "lab router.example"']] },
    { title: 'a host with a control character', text: '- host: "127.0.0.1\\u0007"\n', polled: 0, expected: [['error', 1, 9, 'host has a control character in it: 127.0.0.1\\u0007']] },
    { title: 'an unclosed reference', text: '- host: 127.0.0.1\n  password: "${env:A"\n', polled: 0, expected: [['error', 2, 13, 'password: "${env:A" is not closed: add } after the name']] },
    { title: 'a value alias with no anchor', text: '- host: 127.0.0.1\n  password: *nope\n', polled: 0, expected: [['error', 2, 13, 'alias *nope has no anchor: write &nope on a value before it']] },
    { title: 'a device alias with no anchor', text: '- *nope\n- host: 127.0.0.2\n', polled: 1, expected: [['error', 1, 3, 'alias *nope has no anchor: write &nope on a value before it']] },
    { title: 'a merge key that merges text', text: '- <<: text\n  host: 127.0.0.1\n', polled: 0, expected: [['error', 1, 7, '<< must merge a mapping (<<: *name) or a list of them (<<: [*a, *b])']] },
    { title: 'a device listed again by alias', text: '- &r1 {name: R1, host: 127.0.0.1}\n- *r1\n', polled: 1, expected: [['error', 2, 3, 'duplicate device name "R1" (first at line 1)']] },
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
