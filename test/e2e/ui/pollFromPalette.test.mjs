// What a person does: open the workspace in VS Code (code-server, in Chromium), run
// "NetPoll: Poll devices" from the command palette, and read the Devices tree off the page.
// Saves screenshots under test-results/ to look at.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { freshTempDir, installVsix, startCodeServer } from '../harness/codeServer.mjs';
import { launchChromium } from '../harness/launchBrowser.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const { startE2eFixture } = require(path.join(root, 'out/test/e2e/fixture.js'));
const RESULTS_DIR = path.join(root, 'test-results');
const VSIX = path.join(root, 'netpoll.vsix');

describe('Poll devices from the command palette (browser)', function () {
  let fixture;
  let server;
  let browser;
  let page;

  before(async function () {
    mkdirSync(RESULTS_DIR, { recursive: true });
    fixture = await startE2eFixture();
    server = await startCodeServer({ userDataDir: userDataWithSettings({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false }) });
    await installVsix(VSIX, server.extensionsDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(fixture.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async function () {
    await browser?.close();
    await server?.stop();
    await fixture?.stop();
  });

  /** A fresh user-data folder whose user settings are `settings`. */
  function userDataWithSettings(settings) {
    const dir = freshTempDir('cs-user');
    mkdirSync(path.join(dir, 'User'), { recursive: true });
    writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(settings));
    return dir;
  }

  /** Types a command into the palette, as a person would, and runs it. */
  async function runFromPalette(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await page.keyboard.press('Enter');
  }

  /** The Devices tree as a person sees it: label, description and icon of every row. */
  async function deviceRows() {
    return page.locator('.pane:has(.pane-header[aria-label*="Devices"]) .monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        icon: [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-') && c !== 'codicon-') ?? '',
      })),
    );
  }

  it('shows every lab device reach its final state in the Devices tree', async function () {
    // Open devices.yaml with Quick Open, then the NetPoll view from the activity bar.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('devices.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'devices.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'devices.yaml' }).first().waitFor();
    await page.locator('.activitybar .action-item a[aria-label^="NetPoll"]').click();
    const devicesPane = page.locator('.pane:has(.pane-header[aria-label*="Devices"])');
    await devicesPane.locator('.monaco-list-row').first().waitFor();

    await runFromPalette('NetPoll: Poll devices');

    const expected = fixture.lab.devices.map((d) => d.name);
    // Every row final: a pass or error icon, with the time (or the error kind) beside it.
    await page.waitForFunction(
      (count) => {
        const icons = [...document.querySelectorAll('.pane .monaco-list-row .custom-view-tree-node-item-icon')];
        return icons.filter((icon) => icon.classList.contains('codicon-pass') || icon.classList.contains('codicon-error')).length === count;
      },
      expected.length,
      { timeout: 60_000 },
    );
    const rows = await deviceRows();
    assert.deepEqual(rows.map((r) => r.label).sort(), [...expected].sort());
    for (const row of rows) {
      if (row.label === 'R4') {
        assert.equal(row.icon, 'codicon-error');
        assert.match(row.description, /^auth · \d+\.\d\d s$/);
      } else {
        assert.equal(row.icon, 'codicon-pass', `${row.label}: ${JSON.stringify(row)}`);
        assert.match(row.description, /^\d+\.\d\d s$/);
      }
    }
    await assertPaneMessage(devicesPane, /Last poll: 6 devices: 5 finished, 1 failed in \d+\.\d s/);

    // The results document beside the inventory ends up final, and the progress toast goes away.
    const results = page.locator('.editor-instance', { has: page.locator('.view-lines') }).filter({ hasText: 'inventory:' });
    await results.locator('.view-line', { hasText: /finishedAt:\s20\d\d-/ }).waitFor({ timeout: 10_000 });
    await page.locator('.notification-toast', { hasText: 'Polling' }).waitFor({ state: 'detached', timeout: 10_000 });
    await page.mouse.move(700, 450); // no hover tooltip in the picture
    await page.screenshot({ path: path.join(RESULTS_DIR, 'poll-devices.png') });
  });

  async function assertPaneMessage(pane, pattern) {
    const text = await pane.locator('.message').first().textContent();
    assert.match(text ?? '', pattern);
  }
});
