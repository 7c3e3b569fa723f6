/**
 * A TCP port on 127.0.0.1 that was free a moment ago (bound, read and closed again), for a
 * child process or server that must be told its port before it starts. Also a port nothing
 * listens on, for "connection refused" cases.
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
