// What the ClientWebSocket tests open, undone after each test: the clients disposed first, then the servers
// and proxies closed, last opened first. A test file imports these instead of keeping its own lists.
import { afterEach } from 'vitest';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { startWsPeer } from './servers.js';
import type { Closable, WsPeer, WsPeerOptions } from './servers.js';

const clients: ClientWebSocket[] = [];
const closables: Closable[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.Dispose();
  while (closables.length) await closables.pop()!.close();
});

/** A new ClientWebSocket, disposed after the test. */
export function client(): ClientWebSocket {
  const ws = new ClientWebSocket();
  clients.push(ws);
  return ws;
}

/** Closes `closable` after the test. */
export function closeAfter<T extends Closable>(closable: T): T {
  closables.push(closable);
  return closable;
}

/** A ws server on 127.0.0.1 (test/helpers/servers.ts), closed after the test. */
export async function peer(options: WsPeerOptions = {}): Promise<WsPeer> {
  return closeAfter(await startWsPeer(options));
}

/** The Authorization value of HTTP Basic for `user` and `password`. */
export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
