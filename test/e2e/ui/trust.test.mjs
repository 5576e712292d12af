// Workspace Trust, as a person meets it: a folder opened without trusting its authors is in
// restricted mode; NetPoll still lists the inventory but refuses to poll, and says why.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { deviceRows, openNetPollView, openWorkbench, runCommand } from './workbench.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const { startE2eFixture } = require(path.join(root, 'out/test/e2e/fixture.js'));
const RESULTS_DIR = path.join(root, 'test-results');

describe('NetPoll in an untrusted workspace (browser)', function () {
  let fixture;
  let workbench;

  before(async function () {
    mkdirSync(RESULTS_DIR, { recursive: true });
    fixture = await startE2eFixture();
    workbench = await openWorkbench({ workspace: fixture.workspace, vsix: path.join(root, 'netpoll.vsix'), workspaceTrust: true });
  });

  after(async function () {
    await workbench?.close();
    await fixture?.stop();
  });

  it('lists the inventory but refuses to poll, explaining how to trust the folder', async function () {
    const { page } = workbench;
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: "No, I don't trust the authors" }).click();
    await openNetPollView(page);
    const rows = await deviceRows(page);
    assert.deepEqual(rows.map((r) => `${r.label}:${r.icon}`), fixture.lab.devices.filter((d) => d.name.startsWith('R')).map((d) => `${d.name}:codicon-circle-large-outline`));

    await runCommand(page, 'NetPoll: Poll devices');
    const warning = page.locator('.notification-toast', { hasText: 'NetPoll polls devices only in a trusted workspace' });
    await warning.waitFor();
    await warning.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor();
    assert.deepEqual((await deviceRows(page)).map((r) => r.icon).filter((icon) => icon !== 'codicon-circle-large-outline'), [], 'a device was polled');
    await page.mouse.move(700, 450);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'untrusted.png') });
  });
});
