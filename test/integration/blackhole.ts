// A loopback port that never answers a connection: a listening socket whose accept queue is
// already full and never drained, so the kernel drops new SYNs and connect() hangs. Node
// cannot hold a listener without accepting, so a small Python process holds it.
import { spawn } from 'node:child_process';

const SCRIPT = `
import socket, sys
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(0)
port = listener.getsockname()[1]
fillers = []
for _ in range(2):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex(("127.0.0.1", port))
    fillers.append(s)
print(port, flush=True)
sys.stdin.read()
`;

export interface Blackhole {
  port: number;
  close(): void;
}

export function startBlackhole(): Promise<Blackhole> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout.once('data', (data: Buffer) => {
      // Closing stdin ends the script (it waits on it), which releases the port.
      resolve({ port: Number(data.toString().trim()), close: () => child.stdin.end() });
    });
  });
}
