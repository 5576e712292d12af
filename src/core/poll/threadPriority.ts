// A poll's worker threads in the editor run below the editor's own threads: when the machine is
// busy, the extension host's thread and the window get the CPU first and the poll the rest.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice steps below the thread's own: it gets about a tenth of a core another thread also wants. */
const BACKGROUND_STEPS = 10;
/** The lowest priority there is. */
const MAX_NICE = 19;

/**
 * Lowers the calling thread's priority. Only Linux lets a thread find its own id
 * (/proc/thread-self) and set a priority for it alone; elsewhere, and if anything refuses,
 * the thread runs as it was.
 */
export function runInBackground(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, Math.min(MAX_NICE, getPriority(threadId) + BACKGROUND_STEPS));
  } catch {
    // No /proc (macOS, Windows), or a priority that cannot change: run as it is.
  }
}
