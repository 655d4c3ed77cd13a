// A free TCP port on 127.0.0.1 for a server a test or benchmark starts (servers in tests never use fixed ports).
import { createServer } from 'node:net';

/** A port the system just handed out on 127.0.0.1 (bound and released, so a server can listen on it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}
