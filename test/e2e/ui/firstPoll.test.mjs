// A new user in a hurry: polls from the explorer the moment the window shows, before NetPoll
// has listed anything, then edits devices.yaml and polls in the same instant as saving it.
// Whichever of the listing and the poll ends last, the Devices view must show the poll.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { finalRows, findInEditor, openLabWorkbench, openNetPollView, quickOpen, resetWorkbench, RESULTS_DIR, runCommand, runMenuEntry, screenshotIfFailed } from './workbench.mjs';

describe('NetPoll for a user who does not wait (browser)', function () {
  let lab;
  let fixture;
  let page;

  before(async function () {
    lab = await openLabWorkbench();
    ({ fixture, page } = lab);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await lab?.close();
  });

  /** The lab's R devices as rows should end: R4 (a wrong password) failed, the others finished. */
  function assertPolled(rows, names, marks = {}) {
    assert.deepEqual(rows.map((r) => r.label).sort(), [...names].sort());
    for (const row of rows) {
      const failed = row.label === 'R4';
      assert.equal(row.icon, failed ? 'codicon-error' : 'codicon-pass', `${row.label}: ${JSON.stringify(row)}`);
      const mark = marks[row.label] ? ` · ● ${marks[row.label]}` : '';
      assert.equal(row.description.replace(/\d+\.\d\d s/, 'N s'), `${failed ? 'auth · ' : ''}N s${mark}`, row.label);
    }
  }

  /** The poll is over once the view's message sums it up. */
  const pollEnded = () => page.locator('.pane .message', { hasText: /Last poll: 6 devices: 5 finished, 1 failed/ }).first().waitFor({ timeout: 60_000 });

  const labNames = () => fixture.lab.devices.filter((d) => d.name.startsWith('R')).map((d) => d.name);

  it('polls from the explorer as soon as the window shows; the tree ends with every device in its final state', async function () {
    // No waiting for NetPoll's listing: devices.yaml is right-clicked as soon as the explorer shows it.
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^devices\.yaml$/ }).first();
    await runMenuEntry(page, file, 'Poll devices');
    await openNetPollView(page);
    assertPolled(await finalRows(page, 6), labNames());
    await pollEnded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'first-poll.png') });
  });

  it('saves devices.yaml and polls in the same instant: the poll and the tree use what was saved', async function () {
    await resetWorkbench(page);
    await page.locator('.notification-toast', { hasText: 'Polling' }).waitFor({ state: 'detached', timeout: 30_000 });
    await quickOpen(page, 'devices.yaml');
    // Rename R6: find its name (typed into the find widget once it is open), and type over the match.
    await findInEditor(page, 'name: R6');
    await page.locator('.find-widget .matchesCount', { hasText: /^1 of 1$/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.type('name: R6-renamed');
    // Save, and poll at once.
    await page.keyboard.press('Control+S');
    await runCommand(page, 'NetPoll: Poll devices');
    const names = labNames().map((name) => (name === 'R6' ? 'R6-renamed' : name));
    await page.locator('.pane .monaco-list-row', { hasText: 'R6-renamed' }).first().waitFor({ timeout: 60_000 });
    // Compared with the first poll: R6-renamed is new (and R6 gone).
    await page.locator('.pane .message', { hasText: 'Since the previous poll: 0 devices changed, 5 unchanged, 1 new, 1 gone' }).waitFor({ timeout: 60_000 });
    assertPolled(await finalRows(page, 6), names, { 'R6-renamed': 'new' });
    await pollEnded();
    await page.screenshot({ path: path.join(RESULTS_DIR, 'save-and-poll.png') });
  });
});
