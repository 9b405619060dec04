// Limits, for every role: like .NET, no maximum message size (a frame is read into the caller's buffer as
// it arrives, whatever it announces), and RFC 6455 §5.2's 64-bit length whose most significant bit must be 0.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import type { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { frame } from '../helpers/peers.js';
import { closeCode, nextClose, receive, receiveUntilError, roleNames, roles } from './roles.js';

describe.each(roleNames)('no message size limit: %s', (role) => {
  it('returns the first 4 KiB of a frame that announces 1 GiB as soon as they arrive', async () => {
    const c = await roles[role]();
    const head = frame(0x2, Buffer.alloc(0), { length: 1n << 30n, mask: c.mask });
    // The header (a masked one carries its key) and the first 8 KiB of the payload, nothing more.
    await c.send(Buffer.concat([head, Buffer.alloc(8192, c.mask ? 0x12 ^ 0x33 : 0x33)]));
    const first = await receive(c.ws, 4096);
    const second = await receive(c.ws, 4096);
    expect([first.r.Count, first.r.MessageType, first.r.EndOfMessage, second.r.Count, second.r.EndOfMessage, c.ws.State]).toEqual([
      4096,
      WebSocketMessageType.Binary,
      false,
      4096,
      false,
      WebSocketState.Open,
    ]);
  });

  it('takes an 8 MiB message in one frame', async () => {
    const c = await roles[role]();
    const payload = Buffer.alloc(8 * 1024 * 1024, 0x5a);
    void c.send(frame(0x2, payload, { mask: c.mask }));
    const { r, data } = await receive(c.ws, payload.length);
    expect([r.Count, r.EndOfMessage, data.equals(payload)]).toEqual([payload.length, true, true]);
  }, 60_000);
});

describe.each(roleNames)('RFC 6455 §5.2 64-bit length with the most significant bit set: %s', (role) => {
  it('faults with the invalid payload length message', async () => {
    const c = await roles[role]();
    await c.send(frame(0x2, Buffer.alloc(0), { length: 1n << 63n, mask: c.mask }));
    const err = (await receiveUntilError(c.ws)) as WebSocketException;
    expect([err.WebSocketErrorCode, err.message]).toEqual([WebSocketError.Faulted, dotnetMessage('net_Websockets_InvalidPayloadLength')]);
  });

  // docs/behaviour.md#protocol-errors, docs/behaviour.md#net-test-cases case 10: a protocol error, answered 1002.
  it('answers it with 1002', async () => {
    const c = await roles[role]();
    await c.send(frame(0x2, Buffer.alloc(0), { length: 1n << 63n, mask: c.mask }));
    await receiveUntilError(c.ws);
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
  });
});
