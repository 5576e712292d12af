// A stored poll's folder given from outside (a webview's saved state, a document's address) is
// opened only when it is a poll folder of a known store: such text can name any folder on the
// machine, and what is read from it is shown as NetPoll's results.
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { StoreError } from './pollStoreWriter';
import { POLL_ID } from './storeIndex';

/** A folder that is not a poll folder of a known store (rather than a poll that is gone). */
export class OutsideStoreError extends StoreError {}

/**
 * The poll folder `dir` names, with symbolic links resolved, when it is `<store>/<inventory>/<poll id>`
 * in one of `stores`; otherwise an OutsideStoreError, or a StoreError when it is gone.
 */
export async function pollInStores(dir: string, stores: readonly string[]): Promise<string> {
  const outside = () => new OutsideStoreError(`NetPoll opens stored polls only from its poll stores, and ${dir} is not a poll folder in one (${stores.join(', ') || 'no store is known'})`);
  if (typeof dir !== 'string' || !path.isAbsolute(dir)) throw outside();
  if (!stores.some((store) => isPollFolderOf(store, dir))) throw outside();
  // The name is right; what it points to must be too (a link inside a store can lead anywhere).
  const real = await realpath(path.resolve(dir)).catch(() => {
    throw new StoreError(`${dir} is not a stored poll: it no longer exists`);
  });
  const realStores = await Promise.all(stores.map((store) => realpath(store).catch(() => undefined)));
  if (!realStores.some((store) => store !== undefined && isPollFolderOf(store, real))) throw outside();
  return real;
}

function isPollFolderOf(store: string, dir: string): boolean {
  const relative = path.relative(path.resolve(store), path.resolve(dir));
  const parts = relative.split(path.sep);
  return !path.isAbsolute(relative) && parts.length === 2 && parts[0] !== '..' && parts[0] !== '' && POLL_ID.test(parts[1]);
}
