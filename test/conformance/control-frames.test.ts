// RFC 6455 §5.4–§5.5 control frames and §5.2 reserved bits and opcodes, for every role: pings answered
// with their payload, pongs ignored, control frames too long or fragmented, RSV bits, unknown opcodes.
// See docs/behaviour.md#protocol-errors, docs/behaviour.md#partial-reads, docs/behaviour.md#net-test-cases cases 1, 2 and 9.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import type { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeBody, frame } from '../helpers/peers.js';
import { closeCode, expectFailure, fragmentFirst, nextClose, None, receive, receiveUntilError, roleNames, roles } from './roles.js';

describe.each(roleNames)('RFC 6455 §5.5.2–§5.5.3 ping and pong: %s', (role) => {
  it.each([0, 1, 125])('answers a ping with a %i-byte payload with a pong carrying the same bytes', async (n) => {
    const c = await roles[role]();
    const payload = Buffer.alloc(n);
    for (let i = 0; i < n; i++) payload[i] = (i * 13 + 1) & 0xff;
    const pending = receive(c.ws, 64);
    await c.send(frame(0x9, payload, { mask: c.mask }));
    const pong = await c.frames.next();
    expect([pong!.opcode, pong!.fin, pong!.masked]).toEqual([0xa, true, !c.mask]);
    expect(pong!.payload.equals(payload)).toBe(true);
    // The ping itself is not a result: the pending receive gets the next data message.
    await c.send(frame(0x1, 'after', { mask: c.mask }));
    const { r, data } = await pending;
    expect([r.MessageType, data.toString()]).toEqual([WebSocketMessageType.Text, 'after']);
  });

  it('answers several pings in order', async () => {
    const c = await roles[role]();
    const pending = receive(c.ws, 64);
    await c.send(Buffer.concat(['a', 'bb', 'ccc'].map((p) => frame(0x9, p, { mask: c.mask }))));
    const pongs = [await c.frames.next(), await c.frames.next(), await c.frames.next()];
    expect(pongs.map((f) => [f!.opcode, f!.payload.toString()])).toEqual([
      [0xa, 'a'],
      [0xa, 'bb'],
      [0xa, 'ccc'],
    ]);
    await c.send(frame(0x2, Buffer.from([1]), { mask: c.mask }));
    expect((await pending).r.Count).toBe(1);
  });

  it('consumes an unsolicited pong silently', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0xa, 'unasked', { mask: c.mask }), frame(0x1, 'data', { mask: c.mask })]));
    const { r, data } = await receive(c.ws, 64);
    expect([r.MessageType, data.toString()]).toEqual([WebSocketMessageType.Text, 'data']);
    // The first frame the peer gets is our own message, not an answer to the pong.
    await c.ws.SendAsync(new ArraySegment(Buffer.from('mine')), WebSocketMessageType.Text, true, None);
    const f = await c.frames.next();
    expect([f!.opcode, f!.payload.toString()]).toEqual([0x1, 'mine']);
  });
});

describe.each(roleNames)('RFC 6455 §5.5 control frame limits: %s', (role) => {
  it.each([
    ['ping', 0x9],
    ['pong', 0xa],
    ['close', 0x8],
  ] as const)('closes with 1002 when a %s frame carries more than 125 bytes', async (_name, opcode) => {
    const c = await roles[role]();
    const payload = opcode === 0x8 ? closeBody(1000, 'x'.repeat(124)) : Buffer.alloc(126, 0x61);
    await c.send(frame(opcode, payload, { mask: c.mask }));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_InvalidControlMessage'));
  });

  it.each([
    ['ping', 0x9],
    ['pong', 0xa],
    ['close', 0x8],
  ] as const)('closes with 1002 when a %s frame is fragmented (FIN clear)', async (_name, opcode) => {
    const c = await roles[role]();
    const payload = opcode === 0x8 ? closeBody(1000) : Buffer.from('x');
    await c.send(frame(opcode, payload, { fin: false, mask: c.mask }));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_InvalidControlMessage'));
  });

  it('accepts a ping of exactly 125 bytes inside a fragmented message', async () => {
    const c = await roles[role]();
    await c.send(
      Buffer.concat([
        frame(0x1, 'ab', { fin: false, mask: c.mask }),
        frame(0x9, Buffer.alloc(125, 0x70), { mask: c.mask }),
        frame(0x0, 'cd', { mask: c.mask }),
      ]),
    );
    const a = await receive(c.ws, 64);
    const b = await receive(c.ws, 64);
    expect([a.data.toString(), a.r.EndOfMessage, b.data.toString(), b.r.EndOfMessage]).toEqual(['ab', false, 'cd', true]);
    const pong = await c.frames.next();
    expect([pong!.opcode, pong!.payload.length]).toEqual([0xa, 125]);
  });
});

describe.each(roleNames)('RFC 6455 §5.2 reserved bits: %s', (role) => {
  it.each([
    [1, 0x1, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [2, 0x1, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [3, 0x2, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [6, 0x1, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [7, 0x2, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [1, 0x9, dotnetMessage('net_Websockets_ReservedBitsSet')],
    [4, 0x1, dotnetMessage('net_Websockets_PerMessageCompressedFlagWhenNotEnabled')],
    [4, 0x2, dotnetMessage('net_Websockets_PerMessageCompressedFlagWhenNotEnabled')],
  ] as const)('closes with 1002 for RSV bits %i on opcode %i', async (rsv, opcode, message) => {
    const c = await roles[role]();
    await c.send(frame(opcode, 'x', { rsv, mask: c.mask }));
    await expectFailure(c, 1002, message);
  });

  it('closes with 1002 for a reserved bit on a continuation frame', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, 'a', { fin: false, mask: c.mask }), frame(0x0, 'b', { rsv: 2, mask: c.mask })]));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_ReservedBitsSet'), fragmentFirst(WebSocketMessageType.Text, 'a'));
  });
});

describe.each(roleNames)('RFC 6455 §5.2 reserved opcodes: %s', (role) => {
  // .NET formats the MessageOpcode enum, which has no name for these: '0x' + the decimal value.
  it.each([3, 4, 5, 6, 7])('closes with 1002 for data opcode %i', async (opcode) => {
    const c = await roles[role]();
    await c.send(frame(opcode, 'x', { mask: c.mask }));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_UnknownOpcode', String(opcode)));
  });

  // docs/behaviour.md#protocol-errors: .NET prints the enum's decimal value ('0x11' for 0xB).
  it.each([0xb, 0xc, 0xd, 0xe, 0xf])('closes with 1002 for control opcode %i', async (opcode) => {
    const c = await roles[role]();
    await c.send(frame(opcode, 'x', { mask: c.mask }));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_UnknownOpcode', String(opcode)));
  });

  it.each([0xb, 0xf])('closes with 1002 and faults for control opcode %i', async (opcode) => {
    const c = await roles[role]();
    await c.send(frame(opcode, 'x', { mask: c.mask }));
    const err = await receiveUntilError(c.ws);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
    expect(c.ws.State).toBe(WebSocketState.Aborted);
  });

  it('closes with 1002 for a reserved opcode inside a fragmented message', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x2, 'a', { fin: false, mask: c.mask }), frame(0x4, 'b', { mask: c.mask })]));
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_UnknownOpcode', '4'), fragmentFirst(WebSocketMessageType.Binary, 'a'));
  });
});
