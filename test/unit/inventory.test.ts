import { strict as assert } from 'node:assert';
import { parseInventory } from '../../src/core/inventory/inventory';

describe('parseInventory', () => {
  const list = `- device_type: cisco_ios
  host: 127.0.0.1
  port: 2201
  username: cisco
  password: cisco
  secret: cisco
- device_type: cisco_ios
  ip: 127.0.0.2
  username: cisco
  password: cisco
`;
  const grouped = `routers:\n${list.replace(/^/gm, '  ').trimEnd()}\n`;

  it('reads a plain list of netmiko-style devices', () => {
    const { devices, diagnostics } = parseInventory(list);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      devices.map((d) => [d.name, d.host, d.port, d.deviceType, d.username, d.line]),
      [
        ['127.0.0.1', '127.0.0.1', 2201, 'cisco_ios', 'cisco', 1],
        ['127.0.0.2', '127.0.0.2', 22, 'cisco_ios', 'cisco', 7],
      ],
    );
  });

  it('reads groups of lists (routers: [...]) as the same devices, with their group', () => {
    const plain = parseInventory(list).devices;
    const { devices, diagnostics } = parseInventory(grouped);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(devices.map(({ line, group, ...rest }) => rest), plain.map(({ line, group, ...rest }) => rest));
    assert.deepEqual(devices.map((d) => d.group), ['routers', 'routers']);
  });

  it('names devices host:port when one host has several ports', () => {
    const { devices } = parseInventory('- {host: 127.0.0.1, port: 2201}\n- {host: 127.0.0.1, port: 2202}\n- {name: core, host: 127.0.0.3}\n');
    assert.deepEqual(devices.map((d) => d.name), ['127.0.0.1:2201', '127.0.0.1:2202', 'core']);
  });

  it('skips a device without host and keeps the others, with the line and column of the bad entry', () => {
    const { devices, diagnostics } = parseInventory('- host: 127.0.0.1\n- device_type: cisco_ios\n  username: cisco\n- host: 127.0.0.2\n');
    assert.deepEqual(devices.map((d) => d.host), ['127.0.0.1', '127.0.0.2']);
    assert.deepEqual(diagnostics, [{ severity: 'error', message: 'device has no host (or ip)', line: 2, column: 3 }]);
  });

  it('reports a port out of range where it is written', () => {
    const { devices, diagnostics } = parseInventory('- host: 127.0.0.1\n  port: 70000\n');
    assert.equal(devices.length, 0);
    assert.deepEqual(diagnostics, [{ severity: 'error', message: 'port must be a whole number from 1 to 65535', line: 2, column: 9 }]);
  });

  it('reports YAML syntax errors with their position and returns no device', () => {
    const { devices, diagnostics } = parseInventory('- host: 127.0.0.1\n  port: [22\n');
    assert.equal(devices.length, 0);
    assert.equal(diagnostics[0].severity, 'error');
    assert.match(diagnostics[0].message, /^YAML syntax error/);
    assert.equal(diagnostics[0].line, 3);
  });

  it('says so when the file is empty or has the wrong shape', () => {
    assert.deepEqual(parseInventory('').diagnostics.map((d) => d.message), ['the inventory is empty: add a list of devices']);
    assert.deepEqual(parseInventory('just text\n').diagnostics.map((d) => [d.message, d.line, d.column]), [
      ['the inventory must be a list of devices, or groups of lists (routers: [...])', 1, 1],
    ]);
  });

  it('reads per-device commands', () => {
    const { devices } = parseInventory('- host: 127.0.0.1\n  commands: [show clock, show version]\n');
    assert.deepEqual(devices[0].commands, ['show clock', 'show version']);
  });

  it('reads netmiko timeouts (seconds), keys, agent, legacy algorithms and host key policy', () => {
    const { devices, diagnostics } = parseInventory(
      '- host: 127.0.0.1\n  conn_timeout: 5\n  auth_timeout: 15\n  timeout: 8\n  read_timeout: 120\n  key_file: ~/.ssh/id_ed25519\n  passphrase: pp\n  allow_agent: true\n  legacy_algorithms: true\n  host_key_policy: strict\n',
    );
    assert.deepEqual(diagnostics, []);
    const [d] = devices;
    assert.deepEqual(d.timeouts, { connect: 5, auth: 15, prompt: 8, command: 120 });
    assert.deepEqual([d.keyFile, d.passphrase, d.allowAgent, d.legacyAlgorithms, d.hostKeyPolicy], ['~/.ssh/id_ed25519', 'pp', true, true, 'strict']);
  });

  it('follows jump_host through inventory devices hop by hop, or to user@host:port', () => {
    const { devices, diagnostics } = parseInventory(
      [
        '- {name: bastion, host: 127.0.0.10, username: jumper, password: j}',
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

  it('reports a jump_host that is unknown or loops, and skips only those devices', () => {
    const { devices, diagnostics } = parseInventory(
      '- {name: a, host: 127.0.0.1, jump_host: b}\n- {name: b, host: 127.0.0.2, jump_host: a}\n- {name: c, host: 127.0.0.3, jump_host: "no such thing!"}\n- {name: d, host: 127.0.0.4}\n',
    );
    assert.deepEqual(devices.map((d) => d.name), ['d']);
    assert.deepEqual(diagnostics.map((d) => [d.message, d.line]), [
      ['jump_host loops: a -> b -> a', 1],
      ['jump_host "no such thing!" is neither a device in this inventory nor user@host:port', 3],
    ]);
  });

  it('keeps the platforms: section apart from device groups', () => {
    const { devices, platforms, diagnostics } = parseInventory('platforms:\n  my_ios:\n    extends: cisco_ios\nrouters:\n  - {host: 127.0.0.1, device_type: my_ios}\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(devices.map((d) => [d.group, d.deviceType]), [['routers', 'my_ios']]);
    assert.deepEqual(platforms, [{ name: 'my_ios', spec: { extends: 'cisco_ios' }, line: 2, column: 3 }]);
  });
});
