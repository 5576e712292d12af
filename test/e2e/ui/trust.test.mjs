// Workspace Trust, as a person meets it: a folder opened without trusting its authors is in
// restricted mode; NetPoll still lists the inventory but refuses to poll, and says why.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { deviceRows, openLabWorkbench, openNetPollView, RESULTS_DIR, runCommand } from './workbench.mjs';

describe('NetPoll in an untrusted workspace (browser)', function () {
  let lab;
  let fixture;

  before(async function () {
    lab = await openLabWorkbench({ workspaceTrust: true });
    ({ fixture } = lab);
  });

  after(async function () {
    await lab?.close();
  });

  it('lists the inventory but refuses to poll, explaining how to trust the folder', async function () {
    const { page } = lab;
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
