// A long link emulated on loopback: a TCP proxy in front of any server on this machine (a lab
// device, a test's OpenSSH) that holds every byte half the round-trip time in each direction,
// so each round trip a client makes costs what it costs over distance. Bytes keep their order;
// a close or a reset travels behind the bytes sent before it. The TCP handshake itself is
// not delayed: the kernel completes it before the proxy sees the connection.
import * as net from 'node:net';

export interface DelayedLink {
  /** The port to connect to, on 127.0.0.1. */
  port: number;
  /** Stops listening and drops every connection through the link at once. */
  close(): Promise<void>;
}

export interface DelayedLinkOptions {
  /** Each connection from a client, as it is accepted (for counting). */
  onConnection?(socket: net.Socket): void;
}

const LOOPBACK = '127.0.0.1';

export async function startDelayedLink(targetHost: string, targetPort: number, rttMs: number, options: DelayedLinkOptions = {}): Promise<DelayedLink> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a reset is relayed by the delay line, not thrown
    socket.setNoDelay(true); // the delay is the link's; Nagle would add its own
  };
  // Half-open on both sides, so each direction's end is relayed on its own, in its turn.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
    track(client);
    track(upstream);
    options.onConnection?.(client);
    delayLine(client, upstream, rttMs / 2);
    delayLine(upstream, client, rttMs / 2);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...sockets].map((socket) => new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      })));
      await closed;
    },
  };
}

type Item = { at: number } & ({ data: Buffer } | { end: true } | { reset: true });

/** Relays what `from` receives to `to`, each piece `delayMs` after it arrived, in order. */
function delayLine(from: net.Socket, to: net.Socket, delayMs: number): void {
  const queue: Item[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let waitingForDrain = false;

  const deliver = (item: Item) => {
    if (to.destroyed) return;
    if ('data' in item) {
      // Backpressure: stop reading the sender while the receiver's buffer is full.
      if (!to.write(item.data) && !waitingForDrain) {
        waitingForDrain = true;
        from.pause();
        to.once('drain', () => {
          waitingForDrain = false;
          from.resume();
        });
      }
    } else if ('end' in item) {
      to.end();
    } else {
      to.resetAndDestroy();
    }
  };
  const release = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0].at <= now) deliver(queue.shift()!);
    // A timer may fire a little early by this clock: whatever is not due yet waits again.
    if (queue.length > 0) timer = setTimeout(release, Math.max(1, Math.ceil(queue[0].at - now)));
  };
  const push = (item: Item) => {
    if (to.destroyed) return;
    queue.push(item);
    timer ??= setTimeout(release, Math.max(1, Math.ceil(item.at - performance.now())));
  };

  from.on('data', (data: Buffer) => push({ at: performance.now() + delayMs, data }));
  from.once('end', () => {
    ended = true;
    push({ at: performance.now() + delayMs, end: true });
  });
  // Closed without an orderly end (a reset, a refused connect, a drop): the peer is reset too.
  from.once('close', () => {
    if (!ended) push({ at: performance.now() + delayMs, reset: true });
  });
  to.once('close', () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    queue.length = 0;
    // Gone after an orderly end while the sender still sends: nobody is left to receive it
    // (the receiver's kernel would answer with a reset). Gone otherwise, the other line relays
    // the reset; a sender that has ended is closed by the other line's end.
    if (to.readableEnded && !from.readableEnded && !from.destroyed) setTimeout(() => from.destroy(), delayMs);
  });
}
