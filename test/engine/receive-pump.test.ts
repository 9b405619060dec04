// src/engine/receive-pump.ts with bytes already buffered when a receive comes (no reader was pending
// when they arrived): whatever they hold (payload, a ping, the peer's close, a protocol fault) must come
// out exactly as for a receive that was pending when the bytes arrived. Real sockets, a raw peer.
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { ManagedWebSocket } from '../../src/System.Net.WebSockets/ManagedWebSocket.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketReceiveResult } from '../../src/System.Net.WebSockets/WebSocketReceiveResult.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { closeAll, closeBody, frame, rawPair } from '../helpers/peers.js';

const None = CancellationToken.None;
afterEach(closeAll);

/** Sends `bytes` from the raw peer and waits, a turn of the event loop at a time, until the socket holds them all. */
async function buffered(ws: WebSocket, send: (b: Buffer) => Promise<void>, bytes: Buffer): Promise<void> {
  await send(bytes);
  while ((ws as ManagedWebSocket).receiveBufferedAmount < bytes.length) await new Promise((r) => setImmediate(r));
}

describe('#read from bytes already buffered', () => {
  it('returns the same pieces, as distinct results, as for bytes that arrive while a receive is pending', async () => {
    const { ws, send } = await rawPair(true);
    const payloads = [0x11, 0x22, 0x33].map((b) => Buffer.alloc(10_000, b));
    await buffered(ws, send, Buffer.concat(payloads.map((p) => frame(0x2, p, { mask: true }))));
    const buffer = new Uint8Array(4096);
    const results: WebSocketReceiveResult[] = [];
    const data: Buffer[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      results.push(r);
      data.push(Buffer.from(buffer.subarray(0, r.Count)));
    }
    expect(results.map((r) => [r.Count, r.EndOfMessage, r.MessageType, r.CloseStatus.HasValue])).toEqual(
      Array.from({ length: 3 }, () => [
        [4096, false, WebSocketMessageType.Binary, false],
        [4096, false, WebSocketMessageType.Binary, false],
        [1808, true, WebSocketMessageType.Binary, false],
      ]).flat(),
    );
    expect(new Set(results).size).toBe(9);
    expect(Buffer.concat(data).equals(Buffer.concat(payloads))).toBe(true);
    expect((ws as ManagedWebSocket).receiveBufferedAmount).toBe(0);
  });

  it('answers a ping buffered between two fragments and returns the fragment after it', async () => {
    const { ws, send, frames } = await rawPair(true);
    await buffered(
      ws,
      send,
      Buffer.concat([frame(0x1, 'ab', { fin: false, mask: true }), frame(0x9, 'ping', { mask: true }), frame(0x0, 'cd', { mask: true })]),
    );
    const buffer = new Uint8Array(16);
    const first = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect([first.Count, first.EndOfMessage, first.MessageType]).toEqual([2, false, WebSocketMessageType.Text]);
    const second = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect([second.Count, second.EndOfMessage, second.MessageType]).toEqual([2, true, WebSocketMessageType.Text]);
    expect(Buffer.from(buffer.subarray(0, 2)).toString()).toBe('cd');
    const pong = await frames.next();
    expect([pong?.opcode, pong?.payload.toString()]).toEqual([0xa, 'ping']);
  });

  it("returns a buffered message, then the peer's buffered close with its status", async () => {
    const { ws, send } = await rawPair(true);
    await buffered(ws, send, Buffer.concat([frame(0x1, 'hi', { mask: true }), frame(0x8, closeBody(1000, 'bye'), { mask: true })]));
    const buffer = new Uint8Array(16);
    const message = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect([message.Count, message.EndOfMessage, message.MessageType, message.CloseStatus.HasValue]).toEqual([
      2,
      true,
      WebSocketMessageType.Text,
      false,
    ]);
    const close = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect([close.MessageType, close.CloseStatus.Value, close.CloseStatusDescription]).toEqual([
      WebSocketMessageType.Close,
      WebSocketCloseStatus.NormalClosure,
      'bye',
    ]);
    expect(ws.State).toBe(WebSocketState.CloseReceived);
  });

  it('faults a receive on buffered invalid UTF-8 and closes with 1007', async () => {
    const { ws, send, frames } = await rawPair(true);
    await buffered(ws, send, frame(0x1, Buffer.from([0x6f, 0x6b, 0xff]), { mask: true }));
    const err = await ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), None).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WebSocketException);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect((err as WebSocketException).message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
    const close = await frames.next();
    expect([close?.opcode, close?.payload.readUInt16BE(0)]).toEqual([0x8, 1007]);
    expect(ws.State).toBe(WebSocketState.Aborted);
  });
});
