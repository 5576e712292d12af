import { strict as assert } from 'node:assert';
import { hostProblem } from '../../src/core/inventory/hosts';

describe('hostProblem', () => {
  it('accepts IPv4 and IPv6 addresses and DNS names', () => {
    const good = ['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost', 'router-1.example', 'core_sw.lab.example.', `${'a'.repeat(63)}.example`];
    assert.deepEqual(good.map(hostProblem), good.map(() => undefined));
  });

  const bad: [string, string][] = [
    ['', 'host must not be empty'],
    ['ssh://127.0.0.1', 'host must be an address or name, not a URL: write host: 127.0.0.1'],
    ['ssh://[::1]:2222/', 'host must be an address or name, not a URL: write host: ::1, port: 2222'],
    ['127.0.0.1:22000', 'host has a port in it: write host: 127.0.0.1 and port: 22000'],
    ['[::1]:2222', 'host has a port in it: write host: ::1 and port: 2222'],
    [' 127.0.0.1 ', 'host has spaces around it: write 127.0.0.1'],
    ['[::1]', 'write an IPv6 address without brackets: ::1'],
    ['[::ffff:127.0.0.1]', 'write an IPv6 address without brackets: ::ffff:127.0.0.1'],
    ['[router.example]', 'host has brackets around it, which only an IPv6 address may have in a URL: write router.example'],
    ['lab router', 'host has a space in it: "lab router"'],
    ['r1\u001b[31m.example', 'host has a control character in it: r1\\u001b[31m.example'],
    ['r1/24', 'host "r1/24" has "/" in it; write an address, or a name of letters, digits, hyphens, underscores and dots'],
    ['127.0.0.256', 'host 127.0.0.256 is not an IPv4 address: four numbers from 0 to 255, like 127.0.0.1'],
    ['r1..example', 'host "r1..example" has an empty part between dots'],
    [`${'a'.repeat(64)}.example`, `host has a part longer than 63 characters, the most between two dots: ${'a'.repeat(20)}...`],
    [`${'a.'.repeat(127)}ab`, 'host is longer than 253 characters, the most a DNS name may have'],
  ];
  for (const [host, message] of bad) {
    it(`says what is wrong with ${JSON.stringify(host)}`, () => assert.equal(hostProblem(host), message));
  }
});
