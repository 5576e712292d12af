// Driving VS Code (code-server) in Chromium the way a person does, for the browser tests:
// start it with NetPoll installed from the VSIX, type in the palette, read the Devices view.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { freshTempDir, installVsix, startCodeServer, writeSettings } from '../harness/codeServer.mjs';
import { launchChromium } from '../harness/launchBrowser.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const { startE2eFixture } = createRequire(import.meta.url)(path.join(root, 'out/test/e2e/fixture.js'));
/** Where the browser tests leave their screenshots. */
export const RESULTS_DIR = path.join(root, 'test-results');

/**
 * The e2e lab and its workspace, open in a fresh VS Code with the packaged VSIX installed;
 * `settings` are added to the workspace's settings. close() stops the browser, the server and the lab.
 */
export async function openLabWorkbench({ workspaceTrust = false, settings = {} } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const fixture = await startE2eFixture();
  const settingsFile = path.join(fixture.workspace, '.vscode', 'settings.json');
  writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), ...settings }, null, 2));
  let workbench;
  try {
    workbench = await openWorkbench({ workspace: fixture.workspace, vsix: path.join(root, 'netpoll.vsix'), workspaceTrust, userSettings: fixture.userSettings });
  } catch (err) {
    await fixture.stop();
    throw err;
  }
  const close = async () => {
    await workbench.close();
    await fixture.stop();
  };
  return { fixture, page: workbench.page, close };
}

/** A failing test leaves a picture of what the page showed. */
export async function screenshotIfFailed(test, page) {
  if (test?.state === 'failed') await page?.screenshot({ path: path.join(RESULTS_DIR, `failed-${test.title.replace(/\W+/g, '-').slice(0, 60)}.png`) });
}

/** Opens `workspace` in a fresh VS Code with the VSIX installed; close() stops browser and server. */
export async function openWorkbench({ workspace, vsix, workspaceTrust = false, userSettings = {} }) {
  const server = await startCodeServer({ workspaceTrust, userDataDir: userDataWithSettings({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, ...userSettings }) });
  await installVsix(vsix, server.extensionsDir);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const close = async () => {
    await browser.close();
    await server.stop();
  };
  return { page, close };
}

/** A fresh user-data folder whose user settings are `settings`. */
function userDataWithSettings(settings) {
  const dir = freshTempDir('cs-user');
  writeSettings(dir, settings);
  return dir;
}

/**
 * Types a command into the palette and runs it. The palette lists the commands there are when
 * it opens, and an extension still starting registers its own later: until the command is
 * listed, the palette is closed and opened again (within a minute).
 */
export async function runCommand(page, command) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first();
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${command}`);
    const listed = await row.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (listed) break;
    if (Date.now() > giveUpAt) throw new Error(`the command palette never listed "${command}"`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
}

/**
 * Right-clicks `target` and runs the menu entry `label`. Menus show the entries there are when
 * they open, and an extension still starting contributes its own later: until the entry is
 * there, the menu is closed and opened again (within a minute), as a person would.
 */
export async function runMenuEntry(page, target, label) {
  const entry = page.locator('.monaco-menu .action-label', { hasText: new RegExp(`^${label}$`) });
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    await target.click({ button: 'right' });
    const shown = await entry.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (shown) break;
    if (Date.now() > giveUpAt) throw new Error(`the context menu never showed "${label}"`);
    await page.keyboard.press('Escape');
  }
  // The menu ignores a click that comes too soon after it opens: point at the entry and press Enter.
  await entry.hover();
  await page.keyboard.press('Enter');
}

/**
 * Searches the active editor for `text` with its find widget. The widget opens only where the
 * editor has the keyboard: until it shows, the editor is given focus and Ctrl+F pressed again
 * (within a minute).
 */
export async function findInEditor(page, text) {
  // The active group's widget: another editor beside it may have one of its own.
  const input = page.locator('.editor-group-container.active .find-widget.visible textarea').first();
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('Control+F');
    const shown = await input.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (shown) break;
    if (Date.now() > giveUpAt) throw new Error('the find widget never opened');
    await runCommand(page, 'View: Focus Active Editor Group');
  }
  await input.fill(text);
}

/** Opens a workspace file with Quick Open, picking the entry named exactly so. */
export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(fileName);
  const exact = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${fileName.replace(/\./g, '\\.')}$`) }) });
  await exact.first().click();
  await page.locator(`.tab.active[data-resource-name="${fileName}"]`).first().waitFor();
}

export const devicesPane = (page) => page.locator('.pane:has(.pane-header[aria-label*="Devices"])');

/**
 * Clicks a device in the Devices view until its answers open (within a minute): a click that
 * lands while the tree repaints its rows only selects the row.
 */
export async function openDeviceFromTree(page, name) {
  const tab = page.locator('.tab', { hasText: `${name}.txt` });
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    await devicesPane(page).locator('.monaco-list-row', { hasText: name }).first().click();
    if (await tab.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
    if (Date.now() > giveUpAt) throw new Error(`clicking ${name} in the Devices view never opened its answers`);
  }
}

/**
 * Shows the NetPoll view; its rows appearing means the extension is up. Through the palette,
 * as a keyboard user does: the activity bar icon can be covered by its own badge mid-poll.
 */
export async function openNetPollView(page) {
  await runCommand(page, 'NetPoll: Focus on Devices View');
  await devicesPane(page).locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** A known starting point for a test: no menu, palette, widget or notification left open. */
export async function resetWorkbench(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await runCommand(page, 'Notifications: Clear All Notifications');
}

export const FINAL_ICONS = ['codicon-pass', 'codicon-error', 'codicon-circle-slash'];

/** Waits until `count` rows of the Devices view show a final state (pass, error or cancelled); returns the rows. */
export async function finalRows(page, count) {
  await page.waitForFunction(
    ([expected, icons]) => {
      const shown = [...document.querySelectorAll('.pane .monaco-list-row .custom-view-tree-node-item-icon')];
      return shown.filter((icon) => icons.some((c) => icon.classList.contains(c))).length === expected;
    },
    [count, FINAL_ICONS],
    { timeout: 60_000 },
  );
  return deviceRows(page);
}

/** The Devices view as a person sees it: label, description and icon of every row. */
export function deviceRows(page) {
  return devicesPane(page)
    .locator('.monaco-list-row')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        icon: [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-') && c !== 'codicon-') ?? '',
      })),
    );
}
