// Limits, for every role: the maximum message size (a Node.js extension: .NET has none; 100 MiB by
// default, refused with 1009) and RFC 6455 §5.2's 64-bit length whose most significant bit must be 0.
// Spec §3.8; ManagedWebSocket's "Differs from .NET" remark.
import { describe, expect, it } from 'vitest';
import { SR } from '../../src/Resources/SR.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import type { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { frame } from '../helpers/peers.js';
import { closeCode, expectFailure, nextClose, receive, receiveUntilError, roleNames, roles } from './roles.js';

const MAX = 100 * 1024 * 1024;

describe.each(roleNames)('message size limits: %s', (role) => {
  it('refuses a frame that announces more than the maximum message size with 1009, before its payload', async () => {
    const c = await roles[role]();
    await c.send(frame(0x2, Buffer.alloc(0), { length: BigInt(MAX + 1), mask: c.mask }));
    await expectFailure(c, 1009, SR.dotnetws_MessageTooBig);
  });

  it('refuses a text frame over the maximum the same way', async () => {
    const c = await roles[role]();
    await c.send(frame(0x1, Buffer.alloc(0), { length: BigInt(MAX) * 2n, mask: c.mask }));
    await expectFailure(c, 1009, SR.dotnetws_MessageTooBig);
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
    expect([err.WebSocketErrorCode, err.message]).toEqual([WebSocketError.Faulted, SR.net_Websockets_InvalidPayloadLength]);
  });

  // Spec §3.8, §11 case 10: a protocol error, answered 1002.
  it('answers it with 1002', async () => {
    const c = await roles[role]();
    await c.send(frame(0x2, Buffer.alloc(0), { length: 1n << 63n, mask: c.mask }));
    await receiveUntilError(c.ws);
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
  });
});
