import { strict as assert } from 'node:assert';
import { AUTO_THREADS_FROM_DEVICES, AUTO_THREADS_FROM_SESSIONS, parseThreads, threadsFor } from '../../src/core/poll/workerPool';

describe('worker threads setting', () => {
  it('reads auto or a whole number of at least 0, from settings or the command line', () => {
    assert.deepEqual(['auto', 0, 3, '3', ' 2 '].map(parseThreads), ['auto', 0, 3, 3, 2]);
    assert.deepEqual([-1, 1.5, 'many', '', null, undefined].map(parseThreads), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('auto keeps small polls on the main thread and gives large ones a thread per core but one', () => {
    const auto = (sessionsAtOnce: number, devices: number, cores: number, servesEditor = true) => threadsFor('auto', { sessionsAtOnce, devices, cores, servesEditor });
    assert.equal(auto(AUTO_THREADS_FROM_SESSIONS - 1, AUTO_THREADS_FROM_SESSIONS - 1, 8), 0);
    assert.equal(auto(10, AUTO_THREADS_FROM_DEVICES - 1, 8), 0);
    assert.equal(auto(10, AUTO_THREADS_FROM_DEVICES, 8), 4, 'a long poll with few sessions at once; at most 4');
    assert.equal(auto(AUTO_THREADS_FROM_SESSIONS, AUTO_THREADS_FROM_SESSIONS, 3), 2);
    assert.equal(threadsFor(2, { sessionsAtOnce: 1, devices: 1, servesEditor: false }), 2, 'a number is taken as it is');
    assert.equal(threadsFor(0, { sessionsAtOnce: 1000, devices: 1000, servesEditor: true }), 0);
  });

  it('auto gives an editor one worker thread even on two cores, and a process that only polls none unless it can spread them', () => {
    const large = { sessionsAtOnce: AUTO_THREADS_FROM_SESSIONS, devices: AUTO_THREADS_FROM_DEVICES };
    assert.equal(threadsFor('auto', { ...large, cores: 2, servesEditor: true }), 1);
    assert.equal(threadsFor('auto', { ...large, cores: 1, servesEditor: true }), 1);
    assert.equal(threadsFor('auto', { ...large, cores: 2, servesEditor: false }), 0);
    assert.equal(threadsFor('auto', { ...large, cores: 3, servesEditor: false }), 2);
    assert.equal(threadsFor('auto', { ...large, cores: 16, servesEditor: false }), 4);
  });
});
