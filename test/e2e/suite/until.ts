// Waiting on VS Code the event-driven way: check a condition now and after each event.
import * as vscode from 'vscode';

/** Resolves with `probe`'s value once it has one; rejects after `timeoutMs` saying `what` was awaited. */
export function until<T>(event: vscode.Event<unknown>, probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined || value === false) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    };
    const listener = event(check);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    check();
  });
}
