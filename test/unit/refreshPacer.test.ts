// When a live document is told it changed: once VS Code took its last text, after a rest that
// grows with its length; a change in between makes one refresh, a poll's start or end at once.
import { strict as assert } from 'node:assert';
import { FOLLOWED_UP_TO_CHARACTERS, RefreshPacer } from '../../src/ui/refreshPacer';

/** Lets timers due now run (a pacer with no rest left tells on a timer of 0 ms). */
const timersDue = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RefreshPacer', () => {
  let told: string[];
  let pacer: RefreshPacer;
  beforeEach(() => {
    told = [];
    pacer = new RefreshPacer((uri) => told.push(uri));
  });
  afterEach(() => pacer.dispose());

  it('tells once while VS Code has not taken the text, then once more for the changes in between', async () => {
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, ['doc']);
    for (let i = 0; i < 5; i++) {
      pacer.changed('doc', false);
      await timersDue();
    }
    assert.deepEqual(told, ['doc'], 'no change event piles up behind one VS Code has not handled');
    pacer.rendered('doc', 0, 0);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc'], 'the changes in between make one refresh');
    pacer.rendered('doc', 0, 0);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc'], 'nothing changed since');
  });

  it('rests after the text of a long document, except for a change to show at once', async () => {
    pacer.rendered('doc', 0, FOLLOWED_UP_TO_CHARACTERS / 2);
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, [], 'a document of 50,000 characters rests');
    pacer.changed('doc', true);
    await timersDue();
    assert.deepEqual(told, ['doc'], "a poll's start or end does not wait for the rest");
  });

  it('tells a document too long to follow only of a change to show at once', async () => {
    pacer.rendered('doc', 0, FOLLOWED_UP_TO_CHARACTERS + 1);
    pacer.changed('doc', false);
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, []);
    pacer.changed('doc', true);
    await timersDue();
    assert.deepEqual(told, ['doc']);
    pacer.rendered('doc', 0, 0);
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc'], 'short again, it follows every change again');
  });

  it('shows at once, after the text VS Code is taking, a change to show at once', async () => {
    pacer.changed('doc', false);
    await timersDue();
    pacer.changed('doc', true);
    pacer.rendered('doc', 0, 1_000_000);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc']);
  });

  it('rests as many times as long as the render took', async () => {
    pacer.rendered('doc', 60_000, 0);
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, []);
  });

  it('forgets a closed document: nothing is told, and it is told again once it reopens', async () => {
    pacer.changed('doc', false);
    pacer.closed('doc');
    await timersDue();
    assert.deepEqual(told, []);
    pacer.changed('doc', false);
    await timersDue();
    pacer.closed('doc');
    pacer.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc'], 'a document closed before it was rendered is not left waiting');
  });

  it('tells again a document whose text VS Code did not ask for in time', async () => {
    const impatient = new RefreshPacer((uri) => told.push(uri), 0);
    impatient.changed('doc', false);
    await timersDue();
    impatient.changed('doc', false);
    await timersDue();
    assert.deepEqual(told, ['doc', 'doc']);
    impatient.dispose();
  });

  it('paces each document on its own', async () => {
    pacer.changed('a', false);
    pacer.changed('b', false);
    await timersDue();
    assert.deepEqual(told.sort(), ['a', 'b']);
  });
});
