// What changed since the last poll, as a person sees it: poll, change the network (two devices
// swap places, one gets a wrong password), poll again; the Devices tree marks the devices that
// changed, a device's Compare opens the diff editor, and Compare with previous poll sums it up.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deviceRows, devicesPane, openLabWorkbench, openNetPollView, quickOpen, resetWorkbench, RESULTS_DIR, runCommand, runMenuEntry, screenshotIfFailed } from './workbench.mjs';

describe('NetPoll shows what changed since the previous poll (browser)', function () {
  let lab;
  let page;

  before(async function () {
    // show running-config names the device (hostname ...): a device in another's place shows.
    lab = await openLabWorkbench({ settings: { 'netpoll.commands': ['show clock', 'show running-config'] } });
    page = lab.page;
  });
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });
  after(async function () {
    await lab?.close();
  });

  const lastPoll = (pattern) => devicesPane(page).locator('.message', { hasText: pattern }).first().waitFor({ timeout: 60_000 });

  async function pollFromPalette() {
    await resetWorkbench(page);
    await quickOpen(page, 'devices.yaml');
    await runCommand(page, 'NetPoll: Poll devices');
  }

  it('marks the devices that changed in the tree, and opens a device\'s change in the diff editor', async function () {
    await openNetPollView(page);
    await pollFromPalette();
    await lastPoll(/Last poll: 6 devices: 5 finished, 1 failed/);

    // The network changes: R2 and R3 swap ports, R1's password is now wrong.
    const file = lab.fixture.inventory;
    const port = (name) => lab.fixture.lab.devices.find((d) => d.name === name).port;
    const text = readFileSync(file, 'utf8')
      .replace(`port: ${port('R2')}\n`, 'port: R3-PORT\n')
      .replace(`port: ${port('R3')}\n`, `port: ${port('R2')}\n`)
      .replace('port: R3-PORT\n', `port: ${port('R3')}\n`)
      .replace(/(- name: R1\n(?: {2}.*\n)*? {2}password: ).*/, '$1not-the-password');
    writeFileSync(file, text);
    await pollFromPalette();
    // The tree learns the changes once the new poll is compared with the one before.
    await lastPoll(/Since the previous poll: 2 devices changed, 3 unchanged, 1 now failing/);
    // The view's message can show before the tree has drawn its rows again.
    await devicesPane(page).locator('.monaco-list-row', { hasText: '● now failing' }).first().waitFor({ timeout: 30_000 });
    await devicesPane(page).locator('.monaco-list-row', { hasText: '● changed' }).nth(1).waitFor({ timeout: 30_000 });
    const rows = Object.fromEntries((await deviceRows(page)).map((r) => [r.label, r.description]));
    assert.match(rows.R1, /^auth · \d+\.\d\d s · ● now failing$/);
    assert.match(rows.R2, /^\d+\.\d\d s · ● changed$/);
    assert.match(rows.R3, /^\d+\.\d\d s · ● changed$/);
    for (const name of ['R4', 'R5', 'R6']) assert.doesNotMatch(rows[name], /●/, name);
    // The results document (six running-configs, large) ends on the poll's summary too.
    const results = page.locator('.editor-instance').filter({ hasText: 'startedAt' });
    await results.locator('.view-line', { hasText: /^#\s6\sdevices:\s4\sfinished,\s2\sfailed\sin\s/ }).first().waitFor({ timeout: 30_000 });
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'changes-tree.png') });

    // R2's Compare with previous poll: its changed command first, then the diff editor.
    await runMenuEntry(page, devicesPane(page).locator('.monaco-list-row', { hasText: 'R2' }).first(), 'Compare with previous poll');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'show running-config' }).first().waitFor();
    await page.keyboard.press('Enter');
    const diff = page.locator('.monaco-diff-editor');
    await diff.locator('.editor.modified .view-line', { hasText: /hostname\sR3/ }).first().waitFor({ timeout: 30_000 });
    await diff.locator('.editor.original .view-line', { hasText: /hostname\sR2/ }).first().waitFor();
    await page.locator('.tab.active', { hasText: 'R2> show running-config' }).waitFor();
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'device-diff.png') });
  });

  it('Compare with previous poll: one document, the summary first, each change with its diff', async function () {
    await resetWorkbench(page);
    await runCommand(page, 'NetPoll: Compare with previous poll');
    const doc = page.locator('.editor-instance').filter({ hasText: 'before:' });
    await doc.locator('.view-line', { hasText: /^#\s2\sdevices\schanged,\s3\sunchanged,\s1\snow\sfailing$/ }).waitFor({ timeout: 30_000 });
    await doc.locator('.view-line', { hasText: /^##\sR1:\snow\sfailing\s\(auth:\s/ }).waitFor();
    await doc.locator('.view-line', { hasText: /^\+hostname\sR3$/ }).first().waitFor();
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'compare.png') });
  });
});
