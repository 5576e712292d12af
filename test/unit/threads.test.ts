import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import { AUTO_THREADS_FROM_DEVICES, AUTO_THREADS_FROM_SESSIONS, parseThreads, threadsFor } from '../../src/core/poll/workerPool';

describe('worker threads setting', () => {
  it('reads auto or a whole number of at least 0, from settings or the command line', () => {
    assert.deepEqual(['auto', 0, 3, '3', ' 2 '].map(parseThreads), ['auto', 0, 3, 3, 2]);
    assert.deepEqual([-1, 1.5, 'many', '', null, undefined].map(parseThreads), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('auto keeps small polls on the main thread and gives large ones a thread per core but one', () => {
    assert.equal(threadsFor('auto', AUTO_THREADS_FROM_SESSIONS - 1), 0);
    assert.equal(threadsFor('auto', 10, AUTO_THREADS_FROM_DEVICES - 1), 0);
    assert.equal(threadsFor('auto', 10, AUTO_THREADS_FROM_DEVICES), Math.min(4, Math.max(1, os.availableParallelism() - 1)), 'a long poll with few sessions at once');
    assert.equal(threadsFor('auto', AUTO_THREADS_FROM_SESSIONS), Math.min(4, Math.max(1, os.availableParallelism() - 1)));
    assert.equal(threadsFor(2, 1), 2, 'a number is taken as it is');
    assert.equal(threadsFor(0, 1000), 0);
  });
});
