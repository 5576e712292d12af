import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { DelayedLink, startDelayedLink } from '../../lab/delayedLink';

const HOST = '127.0.0.1';

/** A loopback TCP server; `onSocket` decides what it does with each connection. */
async function server(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => srv.listen(0, HOST, resolve));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => srv.close(() => resolve()));
    },
  };
}

/** Echoes every byte, and ends when the client ends. */
const echo = (socket: net.Socket) => socket.pipe(socket);

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, HOST, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the socket receives until its end, and whether it ended with an error (a reset). */
function receiveAll(socket: net.Socket): Promise<{ data: Buffer; error?: Error }> {
  const chunks: Buffer[] = [];
  let error: Error | undefined;
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', (err) => (error = err));
  return new Promise((resolve) => socket.once('close', () => resolve({ data: Buffer.concat(chunks), error })));
}

describe('lab delayed link', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function linkTo(onSocket: (socket: net.Socket) => void, rttMs: number): Promise<DelayedLink> {
    const target = await server(onSocket);
    cleanups.push(target.close);
    const link = await startDelayedLink(HOST, target.port, rttMs);
    cleanups.push(link.close);
    return link;
  }

  it('makes every round trip take at least the RTT', async () => {
    const rttMs = 80;
    const link = await linkTo(echo, rttMs);
    const socket = await connect(link.port);
    cleanups.push(async () => void socket.destroy());
    for (const word of ['ping', 'pong', 'again']) {
      const sentAt = performance.now();
      socket.write(word);
      let got = '';
      while (got !== word) got += (await new Promise<Buffer>((resolve) => socket.once('data', resolve))).toString();
      const took = performance.now() - sentAt;
      assert.ok(took >= rttMs, `a round trip took ${took.toFixed(1)} ms`);
      assert.ok(took < rttMs + 1000, `a round trip took ${took.toFixed(1)} ms`);
    }
  });

  it('passes a large transfer through intact and in order, then the end', async () => {
    const link = await linkTo(echo, 20);
    const socket = await connect(link.port);
    const sent = randomBytes(8 * 1024 * 1024);
    const received = receiveAll(socket);
    // Many writes of odd sizes, so the delay line holds many pieces at once.
    for (let at = 0; at < sent.length; at += 40_009) socket.write(sent.subarray(at, at + 40_009));
    socket.end();
    const { data, error } = await received;
    assert.equal(error, undefined);
    assert.equal(data.length, sent.length);
    assert.ok(data.equals(sent), 'the bytes came back as sent');
  });

  it('relays a half-close: what the server says after the client ended still arrives', async () => {
    const link = await linkTo((socket) => socket.once('end', () => socket.end('bye')), 20);
    const socket = await connect(link.port);
    const received = receiveAll(socket);
    socket.end();
    assert.equal((await received).data.toString(), 'bye');
  });

  it('relays a reset, half the RTT after it happened', async () => {
    const rttMs = 60;
    let resetAt = 0;
    const link = await linkTo((socket) => {
      resetAt = performance.now();
      socket.resetAndDestroy();
    }, rttMs);
    const socket = await connect(link.port);
    const { error } = await receiveAll(socket);
    assert.equal((error as NodeJS.ErrnoException | undefined)?.code, 'ECONNRESET');
    assert.ok(performance.now() - resetAt >= rttMs / 2);
  });

  it('reports each connection, and drops them all on close, then refuses', async () => {
    const target = await server(echo);
    cleanups.push(target.close);
    const accepted: net.Socket[] = [];
    const link = await startDelayedLink(HOST, target.port, 20, { onConnection: (socket) => accepted.push(socket) });
    const socket = await connect(link.port);
    const received = receiveAll(socket);
    await new Promise<void>((resolve) => socket.write('x', () => resolve()));
    while (accepted.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(accepted.length, 1);
    await link.close();
    await received;
    assert.ok(accepted[0].destroyed);
    await assert.rejects(connect(link.port), { code: 'ECONNREFUSED' });
  });
});
