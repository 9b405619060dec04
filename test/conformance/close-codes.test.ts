// RFC 6455 §7.4 close codes received, for every role: valid codes reach CloseStatus, invalid ones (reserved,
// unassigned, out of range), a 1-byte payload and an empty payload. See docs/behaviour.md#state-machine (close frames with an
// invalid code), §3.3 (the codes a receiver accepts: 1000–1003, 1007–1014, 3000–4999), §3.8.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeBody, frame } from '../helpers/peers.js';
import type { Conn } from './roles.js';
import { closeCode, nextClose, None, receive, receiveUntilError, roleNames, roles } from './roles.js';

const validCodes = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999];
const invalidCodes = [0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];

function closeFrame(c: Conn, payload: Buffer): Buffer {
  return frame(0x8, payload, { mask: c.mask });
}

describe.each(roleNames)('RFC 6455 §7.4 close codes received: %s', (role) => {
  it.each(validCodes)('reports code %i in the Close result and CloseStatus, and leaves the reply to us', async (code) => {
    const c = await roles[role]();
    await c.send(closeFrame(c, closeBody(code, `code ${code}`)));
    const { r } = await receive(c.ws, 16);
    expect([r.Count, r.MessageType, r.EndOfMessage, r.CloseStatus.Value, r.CloseStatusDescription]).toEqual([
      0,
      WebSocketMessageType.Close,
      true,
      code,
      `code ${code}`,
    ]);
    expect([c.ws.State, c.ws.CloseStatus.Value]).toEqual([WebSocketState.CloseReceived, code]);
    await c.ws.CloseOutputAsync(r.CloseStatus.Value, r.CloseStatusDescription, None);
    const reply = await nextClose(c.frames);
    expect([closeCode(reply), reply!.payload.subarray(2).toString()]).toEqual([code, `code ${code}`]);
    expect(c.ws.State).toBe(WebSocketState.Closed);
  });

  it('reads an empty close payload as NormalClosure with an empty description', async () => {
    const c = await roles[role]();
    await c.send(closeFrame(c, Buffer.alloc(0)));
    const { r } = await receive(c.ws, 16);
    expect([r.MessageType, r.CloseStatus.Value, r.CloseStatusDescription]).toEqual([
      WebSocketMessageType.Close,
      WebSocketCloseStatus.NormalClosure,
      '',
    ]);
  });

  it.each(invalidCodes)('answers code %i with 1002 and faults the receive with the generic message', async (code) => {
    const c = await roles[role]();
    await c.send(closeFrame(c, closeBody(code)));
    const err = await receiveUntilError(c.ws);
    expect(err).toBeInstanceOf(WebSocketException);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect((err as WebSocketException).message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
    expect(c.ws.CloseStatus.HasValue).toBe(false);
  });

  it('answers a 1-byte close payload with 1002', async () => {
    const c = await roles[role]();
    await c.send(closeFrame(c, Buffer.from([0x03])));
    const err = await receiveUntilError(c.ws);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
  });

  // docs/behaviour.md#protocol-errors: a 1-byte close payload faults with the generic Faulted message.
  it('faults a 1-byte close payload with the generic message', async () => {
    const c = await roles[role]();
    await c.send(closeFrame(c, Buffer.from([0x03])));
    expect(((await receiveUntilError(c.ws)) as Error).message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
  });

  // docs/behaviour.md#state-machine: the close frame was received, the 1002 reply completes the handshake, so the state is
  // Closed, not Aborted.
  it.each([1005, 1004, 5000])('ends in Closed after answering code %i with 1002', async (code) => {
    const c = await roles[role]();
    await c.send(closeFrame(c, closeBody(code)));
    await receiveUntilError(c.ws);
    expect(c.ws.State).toBe(WebSocketState.Closed);
  });

  it('takes a close frame with the longest reason (123 bytes)', async () => {
    const c = await roles[role]();
    await c.send(closeFrame(c, closeBody(4000, 'r'.repeat(123))));
    const { r } = await receive(c.ws, 16);
    expect(r.CloseStatusDescription).toBe('r'.repeat(123));
  });

  it('delivers queued data before the close and refuses to receive after it', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, 'last', { mask: c.mask }), closeFrame(c, closeBody(1001))]));
    expect((await receive(c.ws, 16)).data.toString()).toBe('last');
    expect((await receive(c.ws, 16)).r.CloseStatus.Value).toBe(1001);
    await expect(c.ws.ReceiveAsync(new ArraySegment(new Uint8Array(4)), None)).rejects.toThrow(
      dotnetMessage('net_WebSockets_InvalidState', 'CloseReceived', 'Open, CloseSent'),
    );
  });
});
