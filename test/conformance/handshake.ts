// The HTTP/1.1 side of an RFC 6455 opening handshake (§4), written by hand for raw peers: reading a
// head off a socket, its headers, and Sec-WebSocket-Accept. Shared with test/interop.
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
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** A 101 response to the request `head`, with `extra` header lines. */
export function switchingProtocols(head: string, extra = ''): string {
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(headers(head).get('sec-websocket-key') ?? '')}\r\n${extra}\r\n`;
}

/** An opening request for `path`, and the key it carries. */
export function upgradeRequest(host: string, path: string): { request: string; key: string } {
  const key = randomBytes(16).toString('base64');
  return {
    key,
    request: `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  };
}
