import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main';
import { CliIo } from '../../src/cli/poll';
import { terminalValues } from '../../src/cli/terminalValues';
import { parseInventory } from '../../src/core/inventory/inventory';
import { PollRun } from '../../src/core/poll/pollRun';
import { PollReport } from '../../src/core/results/report';
import { DeviceLab } from '../lab/lab';
import { closedLoopbackPort } from '../lab/ports';
import { assertValidReport } from './resultsSchema';

/** The command line's input and output, captured; no terminal, so ${prompt:...} has no answer. */
function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), onInterrupt: () => () => undefined, values: terminalValues(env), interactive: false };
}

describe('polling the lab', function () {
  let lab: DeviceLab;
  let dir: string;
  before(async () => {
    lab = await DeviceLab.start(Array.from({ length: 8 }, (_, i) => ({ name: `R${i + 1}`, password: 'lab-pw-31e7', secret: 'lab-en-88aa', showDelayMs: 5 * i })));
    dir = await mkdtemp(path.join(tmpdir(), 'netpoll-poll-'));
  });
  after(() => lab.stop());

  it('never has more than maxWorkers sessions open, as seen by the devices', async () => {
    const before = lab.stats.totalConnections;
    lab.stats.peakConnections = lab.stats.activeConnections;
    const run = new PollRun({ inventory: 'lab', devices: parseInventory(lab.inventoryYaml()).devices, commands: ['show clock', 'show version'], maxWorkers: 3, ssh: { knownHostsFile: path.join(dir, 'known_hosts') } });
    run.start();
    await run.finish();
    const report = run.report();
    assert.equal(report.summary.finished, 8);
    assert.equal(lab.stats.totalConnections - before, 8);
    assert.equal(lab.stats.peakConnections, 3);
  });

  it('a device with a wrong password fails alone; the others finish', async () => {
    const inventory = parseInventory(lab.inventoryYaml({ R3: { password: 'not-the-password' } }));
    const run = new PollRun({ inventory: 'lab', devices: inventory.devices, commands: ['show clock'], maxWorkers: 4, order: 'inventory', ssh: { knownHostsFile: path.join(dir, 'known_hosts') } });
    run.start();
    await run.finish();
    const report = run.report();
    assert.deepEqual(report.devices.map((d) => `${d.name}:${d.status}`), ['R1:finished', 'R2:finished', 'R3:failed', 'R4:finished', 'R5:finished', 'R6:finished', 'R7:finished', 'R8:finished']);
    assert.equal(report.devices[2].error?.kind, 'auth');
    assert.ok(!JSON.stringify(report).includes('not-the-password'), 'a password leaked into the report');
  });

  it('netpoll poll writes every device to the results file and exits 1 when one failed', async () => {
    const inventoryPath = path.join(dir, 'devices.yaml');
    const deadPort = await closedLoopbackPort();
    await writeFile(inventoryPath, lab.inventoryYaml() + `- {name: gone, device_type: cisco_ios, host: 127.0.0.1, port: ${deadPort}, username: u, password: p}\n`);
    const resultsPath = path.join(dir, 'results.json');
    const io = captureIo();
    const code = await main(['poll', inventoryPath, '-c', 'show clock', '-w', '4', '--format', 'json', '-o', resultsPath, '--known-hosts', path.join(dir, 'known_hosts')], io);
    assert.equal(code, 1);
    assert.deepEqual(io.out, [], 'results belong in the file');
    const stderr = io.err;
    const report = JSON.parse(await readFile(resultsPath, 'utf8')) as PollReport;
    assertValidReport(report);
    assert.deepEqual(report.summary, { total: 9, finished: 8, failed: 1, cancelled: 0, skipped: 0 });
    assert.equal(report.devices.find((d) => d.name === 'gone')?.error?.kind, 'refused');
    const log = stderr.join('');
    assert.match(log, /^===> \d\d:\d\d:\d\d\.\d{3} Connection: R1 \(127\.0\.0\.1:\d+\)$/m);
    assert.match(log, /^<=== \d\d:\d\d:\d\d\.\d{3} Received: R1 in \d+\.\d\d s$/m);
    assert.match(log, /^!!! \d\d:\d\d:\d\d\.\d{3} Failed: gone refused: /m);
    assert.ok(!log.includes('password: cisco') && !log.includes(lab.devices[0].password + '\n'));
  });

  it('netpoll poll exits 0 when all finished and prints YAML results to stdout', async () => {
    const inventoryPath = path.join(dir, 'ok.devices.yaml');
    await writeFile(inventoryPath, lab.inventoryYaml());
    const io = captureIo();
    const code = await main(['poll', inventoryPath, '--known-hosts', path.join(dir, 'known_hosts')], io);
    assert.equal(code, 0);
    const report = parse(io.out.join('')) as PollReport;
    assertValidReport(report);
    assert.equal(report.devices.length, 8);
    assert.deepEqual(report.commands, ['show clock']);
  });

  it('netpoll exits 2 on a usage error or an inventory with nothing to poll', async () => {
    const quiet = captureIo();
    assert.equal(await main(['poll'], quiet), 2);
    assert.equal(await main(['poll', path.join(dir, 'missing.yaml')], quiet), 2);
    const empty = path.join(dir, 'empty.yaml');
    await writeFile(empty, '');
    assert.equal(await main(['poll', empty], quiet), 2);
  });

  it('resolves ${env:...} and ${secret:...} per device; one that cannot be resolved fails alone, its value never shown', async () => {
    const [r1, r2, r3] = lab.devices;
    const entry = (d: typeof r1, password: string) => `- {name: ${d.name}, device_type: cisco_ios, host: ${d.host}, port: ${d.port}, username: ${d.username}, password: "${password}", secret: "\${secret:enable}"}\n`;
    const inventoryPath = path.join(dir, 'refs.devices.yaml');
    await writeFile(inventoryPath, entry(r1, '${env:LAB_PASSWORD}') + entry(r2, '${secret:lab_pw}') + entry(r3, '${prompt:r3_password}'));
    const io = captureIo({ LAB_PASSWORD: r1.password, NETPOLL_SECRET_LAB_PW: r2.password, NETPOLL_SECRET_ENABLE: r1.secret });
    const code = await main(['poll', inventoryPath, '--format', 'json', '--known-hosts', path.join(dir, 'known_hosts')], io);
    assert.equal(code, 1);
    const report = JSON.parse(io.out.join('')) as PollReport;
    assertValidReport(report);
    const status = Object.fromEntries(report.devices.map((d) => [d.name, d.status]));
    assert.deepEqual(status, { R1: 'finished', R2: 'finished', R3: 'failed' });
    const r3Error = report.devices.find((d) => d.name === 'R3')!.error!;
    assert.equal(r3Error.kind, 'config');
    assert.equal(r3Error.message, '${prompt:r3_password} has no value: none was given');
    const printed = io.out.join('') + io.err.join('');
    for (const value of [r1.password, r1.secret!]) assert.ok(!printed.includes(value), 'a resolved credential was printed');
  });

  it('uses a platform defined in the inventory, and fails only the devices whose platform is wrong', async () => {
    const [r1, r2] = lab.devices;
    const inventoryPath = path.join(dir, 'platforms.devices.yaml');
    await writeFile(
      inventoryPath,
      [
        'platforms:',
        '  quiet_ios:',
        '    extends: cisco_ios',
        '    on_open: [terminal length 0]',
        '  broken:',
        '    prompt: "["',
        'routers:',
        `  - {name: ${r1.name}, device_type: quiet_ios, host: 127.0.0.1, port: ${r1.port}, username: cisco, password: "${r1.password}", secret: "${r1.secret}"}`,
        `  - {name: ${r2.name}, device_type: broken, host: 127.0.0.1, port: ${r2.port}, username: cisco, password: "${r2.password}", secret: "${r2.secret}"}`,
        '',
      ].join('\n'),
    );
    const io = captureIo();
    const code = await main(['poll', inventoryPath, '--format', 'json', '--known-hosts', path.join(dir, 'known_hosts')], io);
    assert.equal(code, 1);
    const report = JSON.parse(io.out.join('')) as PollReport;
    assert.deepEqual(report.devices.map((d) => `${d.name}:${d.status}`).sort(), [`${r1.name}:finished`, `${r2.name}:failed`]);
    const broken = report.devices.find((d) => d.name === r2.name)!.error!;
    assert.equal(broken.kind, 'config');
    assert.match(broken.message, /platforms\.devices\.yaml:5:3: platform "broken": prompt is not a valid regular expression/);
    assert.match(io.err.join(''), /platform "broken": prompt is not a valid regular expression/);
  });
});
