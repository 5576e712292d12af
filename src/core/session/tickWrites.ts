// One TCP segment per burst of writes. ssh2's JavaScript ciphers (the extension's, and the
// command line's where ssh2's addon is not built) write each packet in three parts: length,
// payload, authentication tag. With Nagle off (a CLI exchange waits on every reply), each part
// would leave as a segment of its own: three system calls and three packets on the network.
import { Socket } from 'node:net';

/** From now on, whatever is written to `socket` in one tick of the event loop leaves in one write. */
export function writeOncePerTick(socket: Socket): void {
  const write = socket.write as (...args: unknown[]) => boolean;
  let corked = false;
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write.apply(socket, args);
  }) as Socket['write'];
}
