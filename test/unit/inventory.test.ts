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
});
