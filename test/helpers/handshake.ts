// The HTTP/1.1 side of an RFC 6455 opening handshake (§4), written by hand for raw peers: the client's
// request, reading a head off a socket, its headers, Sec-WebSocket-Accept and a 101 answer. Shared by
// the conformance, host, ClientWebSocket and interop tests.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Socket } from 'node:net';

/** RFC 6455 §1.3: the GUID appended to the client's key. */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Reads an HTTP request or response head; whatever follows it is pushed back onto the socket. */
export async function readHead(socket: Socket): Promise<string> {
  let buffered = Buffer.alloc(0);
  for (;;) {
    const end = buffered.indexOf('\r\n\r\n');
    if (end >= 0) {
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      return buffered.subarray(0, end).toString('latin1');
    }
    const chunk = socket.read() as Buffer | null;
    if (chunk) {
      buffered = Buffer.concat([buffered, chunk]);
      continue;
    }
    if (socket.readableEnded || socket.destroyed) throw new Error('connection closed during the head');
    await Promise.race([once(socket, 'readable'), once(socket, 'end'), once(socket, 'close')]);
  }
}

/** The head's header fields, names lower-cased. */
export function headers(head: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

/** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
export function acceptKey(key: string): string {
  return createHash('sha1')
    .update(key + GUID)
    .digest('base64');
}

/** The Sec-WebSocket-Accept a server owes the request `head` (its Sec-WebSocket-Key, hashed). */
export function acceptKeyOf(head: string): string {
  return acceptKey(headers(head).get('sec-websocket-key') ?? '');
}

/** A 101 response to the request `head`, with `extra` header lines (each ending in CRLF). */
export function switchingProtocols(head: string, extra = ''): string {
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKeyOf(head)}\r\n${extra}\r\n`;
}

/** A fresh Sec-WebSocket-Key: 16 random bytes in base64. */
export function newKey(): string {
  return randomBytes(16).toString('base64');
}

/**
 * An opening request for `path` as a client writes it. `headers` replace the defaults or, with
 * undefined, drop them; `key` defaults to a fresh one (read it back with `headers(request)`).
 */
export function upgradeRequest(
  path: string,
  o: { host?: string; method?: string; key?: string; headers?: Record<string, string | undefined> } = {},
): string {
  const fields: Record<string, string | undefined> = {
    Host: o.host ?? '127.0.0.1',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': o.key ?? newKey(),
    'Sec-WebSocket-Version': '13',
    ...o.headers,
  };
  let text = `${o.method ?? 'GET'} ${path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) text += `${name}: ${value}\r\n`;
  return `${text}\r\n`;
}
