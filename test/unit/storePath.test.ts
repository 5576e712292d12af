// A stored poll's folder that comes from outside (a webview's saved state, a document's
// address) is opened only when it is a poll folder of a known store, links resolved.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { StoreError } from '../../src/core/results/pollStoreWriter';
import { OutsideStoreError, pollInStores } from '../../src/core/results/storePath';

describe('stored poll folders from outside', () => {
  let root: string;
  let store: string;
  let poll: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'netpoll-storepath-'));
    store = path.join(root, 'ws', '.netpoll', 'polls');
    poll = path.join(store, 'devices.yaml', '20260101-000000-000');
    await mkdir(poll, { recursive: true });
    await mkdir(path.join(root, 'elsewhere', '20260101-000000-000'), { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const refused = (dir: string, stores = [store]) => assert.rejects(pollInStores(dir, stores), (err: Error) => err instanceof OutsideStoreError && err.message.includes(`${dir} is not a poll folder in one (${stores.join(', ') || 'no store is known'})`));

  it('opens a poll folder of a known store', async () => {
    assert.equal(await pollInStores(poll, [path.join(root, 'other'), store]), poll);
    assert.equal(await pollInStores(`${store}/x/../devices.yaml/20260101-000000-000`, [store]), poll);
  });

  it('refuses any other folder, saying so, before reading anything there', async () => {
    await refused(path.join(root, 'elsewhere', '20260101-000000-000'));
    await refused(path.join(store, '..', '..', '..', 'elsewhere', '20260101-000000-000'));
    await refused(path.join(store, 'devices.yaml'), [store]);
    await refused(path.join(poll, 'devices'));
    await refused(path.join(store, 'devices.yaml', 'not-a-poll'));
    await refused('devices.yaml/20260101-000000-000');
    await refused(poll, []);
  });

  it('follows links: a link in a store that leads out of it is refused', async () => {
    const link = path.join(store, 'devices.yaml', '20260102-000000-000');
    await symlink(path.join(root, 'elsewhere', '20260101-000000-000'), link);
    await refused(link);
    // A store known by a linked path (a workspace opened through a link) is still that store.
    const linkedStore = path.join(root, 'linked');
    await symlink(store, linkedStore);
    assert.equal(await pollInStores(path.join(linkedStore, 'devices.yaml', '20260101-000000-000'), [linkedStore]), poll);
  });

  it('says a poll folder of a store that no longer exists is gone, not outside', async () => {
    const gone = path.join(store, 'devices.yaml', '20260103-000000-000');
    await assert.rejects(pollInStores(gone, [store]), (err: Error) => err instanceof StoreError && !(err instanceof OutsideStoreError) && /no longer exists/.test(err.message));
  });
});
