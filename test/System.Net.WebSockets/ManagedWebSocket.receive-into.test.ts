// A whole message of 1 KiB or more that a waiting ReceiveAsync can take is read by ws straight into
// the application's buffer (RawEventSink[kReceiveInto]): one copy, from the socket's chunks. These cases
// check that the bytes, the results and the memory around the target are what the queued path gives.
import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeAll, frame, rawPair } from '../helpers/peers.js';
import { until } from '../helpers/wait.js';

afterEach(closeAll);

const None = CancellationToken.None;

/**
 * Writes `bytes` in `parts` pieces, each once the receiving end (`receiver`) has read everything before
 * it, so that the receiver sees them in separate socket reads.
 */
async function sendInPieces(send: (b: Buffer) => Promise<void>, receiver: net.Socket, bytes: Buffer, parts: number): Promise<void> {
  const size = Math.ceil(bytes.length / parts);
  const start = receiver.bytesRead;
  for (let at = 0; at < bytes.length; at += size) {
    await send(bytes.subarray(at, at + size));
    const end = Math.min(at + size, bytes.length);
    await until(() => receiver.bytesRead >= start + end, `the receiver to read ${end} bytes`);
  }
}

describe.each([
  ['server (masked frames)', true],
  ['client (unmasked frames)', false],
])('a large whole message received as %s', (_role, isServer) => {
  it('arrives intact in the waiting buffer when its frame spans several socket reads', async () => {
    const { ws, send, socket } = await rawPair(isServer);
    const payload = randomBytes(200_000);
    const buffer = new Uint8Array(256 * 1024);
    const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
    await sendInPieces(send, socket, frame(0x2, payload, { mask: isServer }), 4);
    const result = await pending;
    expect([result.Count, result.MessageType, result.EndOfMessage]).toEqual([payload.length, WebSocketMessageType.Binary, true]);
    expect(Buffer.from(buffer.subarray(0, payload.length)).equals(payload)).toBe(true);
  });

  it('lands at the segment offset and leaves the bytes around it alone', async () => {
    const { ws, send } = await rawPair(isServer);
    const payload = randomBytes(5000);
    const buffer = new Uint8Array(8000).fill(0xee);
    const pending = ws.ReceiveAsync(new ArraySegment(buffer, 100, 6000), None);
    await send(frame(0x2, payload, { mask: isServer }));
    const result = await pending;
    expect(result.Count).toBe(5000);
    expect(Buffer.from(buffer.subarray(100, 5100)).equals(payload)).toBe(true);
    expect(buffer.subarray(0, 100).every((b) => b === 0xee)).toBe(true);
    expect(buffer.subarray(5100).every((b) => b === 0xee)).toBe(true);
  });

  it('reads a large text message with multi-byte characters split between reads', async () => {
    const { ws, send, socket } = await rawPair(isServer);
    const text = '한글 텍스트 '.repeat(400);
    const bytes = Buffer.from(text);
    const buffer = new Uint8Array(bytes.length);
    const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
    // 7 pieces of a length that is not a multiple of 3: characters are cut between reads.
    await sendInPieces(send, socket, frame(0x1, bytes, { mask: isServer }), 7);
    const result = await pending;
    expect([result.Count, result.MessageType, result.EndOfMessage]).toEqual([bytes.length, WebSocketMessageType.Text, true]);
    expect(Buffer.from(buffer).toString('utf8')).toBe(text);
  });

  it('faults a large text message with invalid UTF-8 as the queued path does (1007, Aborted)', async () => {
    const { ws, send, frames } = await rawPair(isServer);
    const bytes = Buffer.from('a'.repeat(3000));
    bytes[2000] = 0xff;
    const pending = ws.ReceiveAsync(new ArraySegment(new Uint8Array(4096)), None);
    await send(frame(0x1, bytes, { mask: isServer }));
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WebSocketException);
    expect((error as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    const close = await frames.next();
    expect(close?.opcode).toBe(0x8);
    expect(close?.payload.readUInt16BE(0)).toBe(1007);
    expect(ws.State).toBe(WebSocketState.Aborted);
  });

  it('keeps a second message that came in the same read apart from the buffer the first went into', async () => {
    const { ws, send } = await rawPair(isServer);
    const first = randomBytes(3000);
    const second = randomBytes(3000);
    const buffer = new Uint8Array(4096);
    const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
    await send(Buffer.concat([frame(0x2, first, { mask: isServer }), frame(0x2, second, { mask: isServer })]));
    const r1 = await pending;
    expect(Buffer.from(buffer.subarray(0, r1.Count)).equals(first)).toBe(true);
    // The application reuses its buffer, as the seed's loop does: the queued second message is unharmed.
    buffer.fill(0);
    const r2 = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    expect(r2.Count).toBe(3000);
    expect(Buffer.from(buffer.subarray(0, r2.Count)).equals(second)).toBe(true);
  });

  it('still splits a message larger than the waiting buffer into partial reads', async () => {
    const { ws, send } = await rawPair(isServer);
    const payload = randomBytes(10_000);
    const buffer = new Uint8Array(4096);
    const pending = ws.ReceiveAsync(new ArraySegment(buffer), None);
    await send(frame(0x2, payload, { mask: isServer }));
    const parts: Buffer[] = [];
    let result = await pending;
    parts.push(Buffer.from(buffer.subarray(0, result.Count)));
    while (!result.EndOfMessage) {
      result = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      parts.push(Buffer.from(buffer.subarray(0, result.Count)));
    }
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(parts).equals(payload)).toBe(true);
  });
});
