// Writes in one tick leave a socket as one write: what ssh2's three-part packets need on a
// socket with Nagle off. Counted at the stream's own writes to the system, on real sockets.
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import * as net from 'node:net';
import { writeOncePerTick } from '../../src/core/session/tickWrites';

type Internals = Record<'_write' | '_writev', (...args: unknown[]) => void>;

describe('one write per tick on a socket', () => {
  let server: net.Server;
  before(async () => {
    server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  after(() => server.close());

  /** Writes each burst in a tick of its own; gives the writes to the system and what arrived. */
  async function writeBursts(bursts: string[][], coalesce: boolean): Promise<{ writes: number; received: string }> {
    const received = new Promise<string>((resolve) =>
      server.once('connection', (peer) => {
        let text = '';
        peer.on('data', (chunk: Buffer) => (text += chunk.toString()));
        peer.on('end', () => resolve(text));
      }),
    );
    const socket = net.connect({ port: (server.address() as net.AddressInfo).port, host: '127.0.0.1', noDelay: true });
    await once(socket, 'connect');
    if (coalesce) writeOncePerTick(socket);
    let writes = 0;
    const internals = socket as unknown as Internals;
    for (const name of ['_write', '_writev'] as const) {
      const original = internals[name].bind(socket);
      internals[name] = (...args: unknown[]) => {
        writes++;
        original(...args);
      };
    }
    for (const burst of bursts) {
      for (const part of burst) socket.write(part);
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.end();
    return { writes, received: await received };
  }

  it('a burst of three parts is one write, and each burst its own', async () => {
    assert.deepEqual(await writeBursts([['len', 'payload', 'tag'], ['LEN', 'PAYLOAD', 'TAG'], ['alone']], true), { writes: 3, received: 'lenpayloadtagLENPAYLOADTAGalone' });
  });

  it('without it, every part is a write of its own', async () => {
    assert.deepEqual(await writeBursts([['len', 'payload', 'tag']], false), { writes: 3, received: 'lenpayloadtag' });
  });
});
