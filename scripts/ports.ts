// TCP port checks for `npm start` and its check script. A taken port should cost the user one clear line
// (which port, which variable moves it), not a stack trace from deep inside a child process.
import net from 'node:net';

export class PortInUseError extends Error {
  port: number;
  variable: string;
  constructor(host: string, port: number, variable: string) {
    super(`port ${port} on ${host} is already in use; set ${variable} to use another port`);
    this.port = port;
    this.variable = variable;
  }
}

/** Resolves when `host:port` can be bound right now, rejects with PortInUseError when it cannot. */
export function ensurePortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(host, port, variable) : e),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** The first bindable port of `[from, to]`, starting at a random offset so parallel runs rarely collide. */
export async function findFreePort(from: number, to: number, host = '127.0.0.1'): Promise<number> {
  const size = to - from + 1;
  const offset = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = from + ((offset + i) % size);
    try {
      await ensurePortFree(host, port, '');
      return port;
    } catch {
      // taken: try the next one
    }
  }
  throw new Error(`no free port in ${from}-${to} on ${host}`);
}

/** True when something accepts TCP connections on `host:port`. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
