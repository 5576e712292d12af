// What a person does in VS Code (code-server, in Chromium) with NetPoll installed from the
// VSIX: poll from the explorer's context menu and from the command palette, read the
// Devices tree, hover a failed device, open a device's output, read the log, search the
// results, cancel a long poll from its notification. Screenshots go to test-results/.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { deviceRows as rowsOf, devicesPane as paneOf, finalRows as finalRowsOf, findInEditor, openDeviceFromTree, openLabWorkbench, openNetPollView as openViewOf, quickOpen as quickOpenIn, RESULTS_DIR, resetWorkbench, runCommand, runMenuEntry, screenshotIfFailed } from './workbench.mjs';

const FINAL_ICONS_OF_LAB = ['codicon-pass', 'codicon-error'];

describe('NetPoll in the browser, as a person uses it', function () {
  let lab;
  let fixture;
  let page;

  before(async function () {
    lab = await openLabWorkbench();
    ({ fixture, page } = lab);
  });

  // Every test starts from the same workbench: one that failed leaves nothing open for the next.
  beforeEach(async function () {
    await resetWorkbench(page);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await lab?.close();
  });

  async function screenshot(name) {
    await page.mouse.move(700, 450); // no stray hover in the picture
    await page.screenshot({ path: path.join(RESULTS_DIR, name) });
  }

  const quickPick = (command) => runCommand(page, command);
  const quickOpen = (fileName) => quickOpenIn(page, fileName);
  const devicesPane = () => paneOf(page);
  const openNetPollView = () => openViewOf(page);
  const deviceRows = () => rowsOf(page);

  const finalRows = (count) => finalRowsOf(page, count);

  /** The lab inventory polled and shown: polls it unless an earlier test already did. */
  async function polledInventory() {
    await openNetPollView();
    const rows = await deviceRows();
    if (rows.length === 6 && rows.every((r) => FINAL_ICONS_OF_LAB.includes(r.icon))) return;
    await quickOpen('devices.yaml');
    await quickPick('NetPoll: Poll devices');
    await finalRows(6);
    await waitForPollToEnd();
  }

  function assertLabRows(rows) {
    assert.deepEqual(rows.map((r) => r.label).sort(), fixture.lab.devices.filter((d) => d.name.startsWith('R')).map((d) => d.name).sort());
    for (const row of rows) {
      if (row.label === 'R4') {
        assert.equal(row.icon, 'codicon-error');
        assert.match(row.description, /^auth · \d+\.\d\d s$/);
      } else {
        assert.equal(row.icon, 'codicon-pass', `${row.label}: ${JSON.stringify(row)}`);
        assert.match(row.description, /^\d+\.\d\d s$/);
      }
    }
  }

  async function waitForPollToEnd() {
    await page.locator('.notification-toast', { hasText: 'Polling' }).waitFor({ state: 'detached', timeout: 30_000 });
  }

  it('right-click devices.yaml in the explorer → Poll devices: every device reaches its final state', async function () {
    // The Devices view listing the inventory means the extension host is up and NetPoll active.
    await openNetPollView();
    await page.keyboard.press('Control+Shift+E');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^devices\.yaml$/ }).first();
    await runMenuEntry(page, file, 'Poll devices');
    await openNetPollView();
    assertLabRows(await finalRows(6));
    // The summary replaces "Polling…" once the results are written, just after the last row settles.
    await devicesPane().locator('.message', { hasText: /Last poll: 6 devices: 5 finished, 1 failed in \d+\.\d s/ }).first().waitFor();
    await waitForPollToEnd();
    assert.match(await page.locator('.statusbar-item', { hasText: 'NetPoll' }).first().textContent(), /NetPoll 5\/6/);
    await screenshot('explorer-poll.png');
  });

  it('Poll devices from the command palette, with devices.yaml open: the tree and the results beside it', async function () {
    // The earlier poll's rows are final too: close its results first, so that the summary
    // below can only come from this poll, and the rows are read once it has ended.
    await quickPick('View: Close All Editors');
    await quickOpen('devices.yaml');
    await quickPick('NetPoll: Poll devices');
    await openNetPollView();
    const results = page.locator('.editor-instance').filter({ hasText: 'inventory:' });
    await results.locator('.view-line', { hasText: /#\s6\sdevices:\s5\sfinished,\s1\sfailed\sin\s\d+\.\d\ss/ }).waitFor({ timeout: 60_000 });
    await waitForPollToEnd();
    assertLabRows(await finalRows(6));
    // The view's title bar offers Poll devices again (not Cancel poll): the poll is over.
    await page.locator('.part.sidebar .title-actions .action-label[aria-label="Poll devices"]').waitFor();
    await screenshot('poll-devices.png');
  });

  it('the results document holds every device (searching it finds all six)', async function () {
    await polledInventory();
    await quickPick('NetPoll: Open results');
    // A list of the stored polls, newest first: take the newest.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/ }).first().waitFor();
    await page.keyboard.press('Enter');
    // The stored poll's results, in focus: search them as a person would, typing into the find widget once it is open.
    await page.locator('.tab.active[data-resource-name^="devices.yaml "]').waitFor();
    // Once it shows the poll and has the keyboard: a Ctrl+F sooner goes to the editor it replaced.
    const stored = page.locator('.editor-group-container.active .monaco-editor.focused');
    await stored.locator('.view-line', { hasText: /^startedAt:/ }).waitFor();
    await findInEditor(page, '- name: R');
    await page.locator('.editor-group-container.active .find-widget .matchesCount', { hasText: /of 6$/ }).waitFor({ timeout: 10_000 });
    await screenshot('results-search.png');
    await page.keyboard.press('Escape');
  });

  it("a failed device's tooltip shows its error", async function () {
    await polledInventory();
    await devicesPane().locator('.monaco-list-row', { hasText: 'R4' }).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'authentication failed' }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.textContent();
    assert.match(text, /R4 — failed/);
    assert.match(text, /auth: authentication failed for 127\.0\.0\.1:\d+/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'failed-tooltip.png') });
  });

  it("clicking a device opens its output", async function () {
    await polledInventory();
    await openDeviceFromTree(page, 'R1');
    const editor = page.locator('.editor-instance').filter({ hasText: '# R1 (127.0.0.1' });
    await editor.locator('.view-line', { hasText: 'R1> show clock' }).waitFor();
    await editor.locator('.view-line', { hasText: /\*\d\d:\d\d:\d\d\.\d{3}\sUTC/ }).waitFor();
    await screenshot('device-output.png');
  });

  it("a device's syslog lines are kept apart from its answers, in its output and its tooltip", async function () {
    await polledInventory();
    await devicesPane().locator('.monaco-list-row', { hasText: 'R5' }).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: '1 message from the device' }).first();
    await hover.waitFor({ timeout: 10_000 });
    await openDeviceFromTree(page, 'R5');
    const editor = page.locator('.editor-instance').filter({ hasText: '# R5 (127.0.0.1' });
    await editor.locator('.view-line', { hasText: 'R5> show clock' }).waitFor();
    const heading = editor.locator('.view-line', { hasText: '# 1 message from the device, sent on its own and kept out of the outputs:' });
    const message = editor.locator('.view-line', { hasText: '%LINK-3-UPDOWN: Interface FastEthernet0/1, changed state to down' });
    await heading.waitFor();
    await message.waitFor();
    // The message is under its heading, below the output, and nowhere else.
    assert.equal(await message.count(), 1);
    assert.ok((await message.boundingBox()).y > (await heading.boundingBox()).y);
    await screenshot('device-messages.png');
  });

  it('the NetPoll output channel shows each connection, result and failure', async function () {
    await polledInventory();
    await quickPick('NetPoll: Show log');
    const panel = page.locator('.part.panel');
    const lines = panel.locator('.monaco-editor .view-line');
    await lines.filter({ hasText: /<===\sReceived:\sR\d\sin\s\d+\.\d\d\ss/ }).first().waitFor();
    await lines.filter({ hasText: '!!! Failed: R4 auth: authentication failed' }).first().waitFor();
    await lines.filter({ hasText: /6\sdevices:\s5\sfinished,\s1\sfailed\sin\s\d+\.\d\ss/ }).first().waitFor();
    // The connection lines scrolled away: filter the log for them, as a person would.
    await panel.locator('input[placeholder^="Filter"]').fill('===> Connection');
    await lines.filter({ hasText: /===>\sConnection:\sR1\s\(127\.0\.0\.1:\d+\)/ }).first().waitFor();
    await screenshot('output-channel.png');
    await panel.locator('input[placeholder^="Filter"]').fill('');
  });

  it('a long poll is cancelled from its progress notification', async function () {
    await quickOpen('slow.devices.yaml');
    await quickPick('NetPoll: Poll devices');
    const toast = page.locator('.notification-toast', { hasText: 'Polling' });
    await toast.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.pane .monaco-list-row .codicon-sync').length > 0, undefined, { timeout: 10_000 });
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const rows = await finalRows(3);
    assert.deepEqual(rows.map((r) => `${r.label}:${r.icon}:${r.description}`), ['S1:codicon-circle-slash:cancelled', 'S2:codicon-circle-slash:cancelled', 'S3:codicon-circle-slash:cancelled']);
    await screenshot('cancelled.png');
  });
});
