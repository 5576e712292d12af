// The results view as a person uses it, after a poll of the lab (one device with a wrong
// password, parsing on): every device in the table with its state, the filter narrowing the
// rows, a group of identical answers filtering to its devices, a parsed table exported as CSV,
// and the timeline with one bar per device; each in a light and a dark theme.
import { strict as assert } from 'node:assert';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devicesPane, openLabWorkbench, openNetPollView, quickOpen, RESULTS_DIR, resetWorkbench, runCommand, screenshotIfFailed } from './workbench.mjs';

const TEMPLATES = fileURLToPath(new URL('../../fixtures/textfsm', import.meta.url));
const BRIEF = 'show ip interface brief';

describe('NetPoll results view (browser)', function () {
  let lab;
  let page;
  /** The page inside the webview panel. */
  const view = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const tab = (name) => view().locator('[role="tab"]', { hasText: name });
  const rows = () => view().locator('[role="tabpanel"]:not([hidden]) .rows .row');

  before(async function () {
    lab = await openLabWorkbench({ settings: { 'netpoll.commands': ['show version', BRIEF], 'netpoll.parsing.enabled': true } });
    page = lab.page;
    cpSync(TEMPLATES, path.join(lab.fixture.workspace, '.netpoll', 'templates'), { recursive: true });
    await openNetPollView(page);
    await resetWorkbench(page);
    await quickOpen(page, 'devices.yaml');
    await runCommand(page, 'NetPoll: Poll devices');
    await devicesPane(page).locator('.message', { hasText: /Last poll: 6 devices: 5 finished, 1 failed/ }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'NetPoll: Show results view');
    await view().locator('h1', { hasText: 'NetPoll results: devices.yaml' }).waitFor({ timeout: 30_000 });
  });
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });
  after(async function () {
    await lab?.close();
  });

  /** Saves a picture of the view in the theme now set. */
  const picture = async (name) => {
    await page.mouse.move(5, 845);
    await page.screenshot({ path: path.join(RESULTS_DIR, name) });
  };

  it('shows every device with its state, and the filter narrows the rows', async function () {
    await tab('Devices').click();
    await rows().nth(5).waitFor();
    const states = Object.fromEntries(await rows().evaluateAll((all) => all.map((row) => [row.children[1].textContent.trim(), row.children[0].textContent.trim()])));
    assert.deepEqual(states, { R1: '✓ finished', R2: '✓ finished', R3: '✓ finished', R4: '✗ failed', R5: '✓ finished', R6: '✓ finished' });
    assert.match(await rows().filter({ hasText: 'R4' }).textContent(), /auth: authentication failed/);
    assert.match(await rows().filter({ hasText: 'R1' }).textContent(), /4 records/);
    await picture('results-view-table.png');

    await view().locator('input.filter').first().fill('status:failed');
    await view().locator('.count', { hasText: '1 of 6 devices' }).waitFor();
    assert.equal(await rows().count(), 1);
    assert.match(await rows().first().textContent(), /R4/);
    await view().locator('input.filter').first().fill('');
    await view().locator('.count', { hasText: /^6 devices$/ }).waitFor();
  });

  it('groups identical answers across devices, and a group filters the table to its devices', async function () {
    await tab('Answers').click();
    const heading = view().locator('h2', { hasText: BRIEF });
    await heading.waitFor();
    assert.match(await heading.textContent(), /show ip interface brief: 1 distinct answer: 5$/);
    // Parsed fields: the values across every device's records.
    await view().locator('dd .value', { hasText: 'FastEthernet0/1× 5' }).first().waitFor();
    await picture('results-view-answers.png');
    await view().locator('section.command-answers', { has: heading }).locator('button.group').first().click();
    await view().locator('.count', { hasText: '5 of 6 devices' }).waitFor();
    const names = await rows().evaluateAll((all) => all.map((row) => row.children[1].textContent.trim()));
    assert.deepEqual(names, ['R1', 'R2', 'R3', 'R5', 'R6']);
    await view().locator('input.filter').first().fill('');
  });

  it('shows a parsed table of every device and exports it as CSV with the same records', async function () {
    await tab('Parsed').click();
    await view().locator('select').selectOption(BRIEF);
    await view().locator('.count', { hasText: '20 records' }).waitFor();
    await picture('results-view-parsed.png');

    const target = path.join(lab.fixture.workspace, 'brief-export.csv');
    await view().locator('button.export', { hasText: 'Export CSV' }).click();
    // The save dialog fills in its own suggestion first (brief-export replaces it once it is there).
    const input = page.locator('.quick-input-widget input');
    await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value.endsWith('.csv'), undefined, { timeout: 30_000 });
    await input.fill(target);
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: `20 records of ${BRIEF} written to brief-export.csv` }).waitFor({ timeout: 30_000 });
    const [header, ...lines] = readFileSync(target, 'utf8').trimEnd().split('\n');
    assert.equal(header, 'device,interface,ip_address,ok,method,status,proto');
    // The records as stored, device by device.
    const pollsDir = path.join(lab.fixture.workspace, '.netpoll', 'polls', 'devices.yaml');
    const pollDir = path.join(pollsDir, readdirSync(pollsDir).sort().at(-1));
    const expected = readdirSync(path.join(pollDir, 'devices'))
      .sort()
      .flatMap((file) => {
        const device = JSON.parse(readFileSync(path.join(pollDir, 'devices', file), 'utf8'));
        const records = device.commands.find((c) => c.command === BRIEF)?.parsed ?? [];
        return records.map((r) => [device.name, r.interface, r.ip_address, r.ok, r.method, r.status, r.proto].join(','));
      });
    assert.equal(lines.length, 20);
    assert.deepEqual([...lines].sort(), [...expected].sort());
  });

  it('draws the timeline with one bar per device', async function () {
    await tab('Timeline').click();
    await view().locator('.timeline .bar').nth(5).waitFor();
    assert.equal(await view().locator('.timeline .bar').count(), 6);
    assert.match(await view().locator('.timeline .caption').textContent(), /^6 devices over \d+\.\d\d s; at most \d sessions open at once$/);
    const r4 = view().locator('.timeline .bar', { hasText: 'R4' });
    assert.match(await r4.getAttribute('aria-label'), /^R4, failed: queued: /);
    await r4.locator('.segment').last().hover();
    await view().locator('.tip:not([hidden])', { hasText: 'R4' }).waitFor();
    await picture('results-view-timeline.png');
  });

  it('looks right in a dark theme too', async function () {
    const settings = path.join(lab.fixture.workspace, '.vscode', 'settings.json');
    writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), 'workbench.colorTheme': 'Default Dark Modern' }, null, 2));
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
    for (const [name, file] of [['Devices', 'table'], ['Answers', 'answers'], ['Parsed', 'parsed'], ['Timeline', 'timeline']]) {
      await tab(name).click();
      await view().locator(`[role="tab"][aria-selected="true"]`, { hasText: name }).waitFor();
      await view().locator('[role="tabpanel"]:not([hidden]) .row, [role="tabpanel"]:not([hidden]) h2').first().waitFor();
      await picture(`results-view-${file}-dark.png`);
    }
  });

  it('keeps its tab and filter when hidden, and comes back with the poll and its filter after the window reloads', async function () {
    await tab('Devices').click();
    await view().locator('input.filter').first().fill('R2');
    await view().locator('.count', { hasText: '1 of 6 devices' }).waitFor();
    await tab('Timeline').click();
    // Hidden behind another editor, then shown again.
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.tab.active', { hasText: 'Untitled-1' }).waitFor();
    await page.locator('.tab', { hasText: 'NetPoll results' }).click();
    await view().locator('[role="tab"][aria-selected="true"]', { hasText: 'Timeline' }).waitFor({ timeout: 30_000 });
    await view().locator('.timeline .bar').nth(5).waitFor();

    // A reload comes at once, as a person's does, with Developer: Reload Window: VS Code saves the
    // window's state before it reloads (the browser's own reload leaves that save unfinished, and
    // a busy machine can lose it). The view comes back with its filter, its poll read back from the
    // poll store.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'NetPoll results' }).click();
    await view().locator('h1', { hasText: 'NetPoll results: devices.yaml' }).waitFor({ timeout: 60_000 });
    await tab('Devices').click();
    assert.equal(await view().locator('input.filter').first().inputValue(), 'R2');
    await view().locator('.count', { hasText: '1 of 6 devices' }).waitFor();
    await picture('results-view-restored.png');
  });
});
