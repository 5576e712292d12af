// Entry point of a poll worker thread: runs the SSH sessions it is given (their crypto and
// parsing off the main thread) and reports every step back.
import { parentPort, workerData } from 'node:worker_threads';
import { toFailure } from './devicePoll';
import { knownHostsCache, runWork } from './deviceWork';
import { runInBackground } from './threadPriority';
import { FromWorker, ToWorker, WorkerOptions } from './workerProtocol';

if ((workerData as WorkerOptions | undefined)?.background) runInBackground();
const port = parentPort!;
const knownHosts = knownHostsCache();
const running = new Map<number, AbortController>();
const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const { id, work } = message;
  const controller = new AbortController();
  running.set(id, controller);
  runWork(work, {
    signal: controller.signal,
    onPhase: (phase, ms) => post({ type: 'phase', id, phase, ms }),
    onCommand: (result) => post({ type: 'command', id, result }),
    onMessage: (message) => post({ type: 'message', id, message }),
    onNotice: (text) => post({ type: 'notice', id, text }),
    onNewKey: (key, notRecorded) => post({ type: 'new-key', id, key, notRecorded }),
    knownHosts,
  })
    .then(
      () => post({ type: 'done', id }),
      (err: unknown) => post({ type: 'failed', id, failure: toFailure(err) }),
    )
    .finally(() => running.delete(id));
});
