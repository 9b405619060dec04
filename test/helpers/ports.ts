// Ports on 127.0.0.1 for tests that need a number before anything listens on it.
import net from 'node:net';

/** A port nothing listens on: bound on 127.0.0.1, then released (a connection to it is refused). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
