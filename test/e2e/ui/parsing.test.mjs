// Parsing with TextFSM as a person sees it: the workspace's .netpoll/templates (the project's own
// templates for the lab), parsing turned on in the settings, one poll; the results document
// shows each parsed command as a table, a device's document shows its records under its output,
// and the device's tooltip says how each command parsed.
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devicesPane, findInEditor, openDeviceFromTree, openLabWorkbench, openNetPollView, quickOpen, RESULTS_DIR, resetWorkbench, runCommand, screenshotIfFailed } from './workbench.mjs';

const TEMPLATES = fileURLToPath(new URL('../../fixtures/textfsm', import.meta.url));

describe('NetPoll parses outputs into tables (browser)', function () {
  let lab;
  let page;

  before(async function () {
    lab = await openLabWorkbench({
      settings: { 'netpoll.commands': ['show ip interface brief', 'show version'], 'netpoll.parsing.enabled': true, 'netpoll.results.format': 'markdown' },
    });
    page = lab.page;
    cpSync(TEMPLATES, path.join(lab.fixture.workspace, '.netpoll', 'templates'), { recursive: true });
  });
  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });
  after(async function () {
    await lab?.close();
  });

  it('shows parsed tables in the results document, the device document and the tooltip', async function () {
    await openNetPollView(page);
    await resetWorkbench(page);
    await quickOpen(page, 'devices.yaml');
    await runCommand(page, 'NetPoll: Poll devices');
    await devicesPane(page).locator('.message', { hasText: /Last poll: 6 devices: 5 finished, 1 failed/ }).first().waitFor({ timeout: 60_000 });

    // The results document: a table for each parsed command, above the output it came from.
    const results = page.locator('.editor-instance').filter({ hasText: 'NetPoll results' });
    await results.locator('.view-line', { hasText: /Started/ }).first().waitFor({ timeout: 30_000 });
    await results.click({ position: { x: 200, y: 100 } });
    await findInEditor(page, '| FastEthernet0/1 | 127.0.1.1 |');
    // Long lines wrap: each is matched by its start.
    await results.locator('.view-line', { hasText: /^\|\sinterface\s\|\sip_address\s\|\sok\s\|\smethod\s\|/ }).first().waitFor();
    await results.locator('.view-line', { hasText: /^Parsed:\s4\srecords/ }).first().waitFor();
    await page.keyboard.press('Escape');
    // The results alone, to be seen whole.
    await runCommand(page, 'View: Close Editors in Other Groups');
    await page.locator('.tab', { hasText: 'devices.yaml' }).filter({ hasNotText: 'results' }).waitFor({ state: 'detached' });
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'parsed-results.png') });

    // R1's own document: its records in aligned columns under each output.
    await openDeviceFromTree(page, 'R1');
    const device = page.locator('.editor-instance').filter({ hasText: '# R1 (127.0.0.1' });
    await device.locator('.view-line', { hasText: /^#\sparsed:\s4\srecords\s\(cisco_ios_show_ip_interface_brief\.textfsm\)$/ }).waitFor({ timeout: 30_000 });
    await device.locator('.view-line', { hasText: /^#\sFastEthernet0\/2\s+unassigned\s+YES\s+unset/ }).waitFor();
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'parsed-device.png') });

    // The tooltip: how each command parsed.
    await devicesPane(page).locator('.monaco-list-row', { hasText: 'R2' }).first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Parsed (TextFSM)' }).first();
    await hover.waitFor({ timeout: 10_000 });
    await hover.filter({ hasText: 'show version: 1 record (cisco_ios_show_version.textfsm)' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'parsed-tooltip.png') });
  });
});
