// The core state machine against real peers on 127.0.0.1: a raw `ws` peer for behaviour, a raw TCP
// peer for exact bytes and malformed input. See docs/behaviour.md.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ValueWebSocketReceiveResult } from '../../src/System.Net.WebSockets/ValueWebSocketReceiveResult.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageFlags } from '../../src/System.Net.WebSockets/WebSocketMessageFlags.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketReceiveResult } from '../../src/System.Net.WebSockets/WebSocketReceiveResult.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { closeAll, closeBody, clientPair, frame, rawPair, serverPair } from '../helpers/peers.js';
import { rejection } from '../helpers/errors.js';
import { receiveMessage } from '../helpers/messages.js';

afterEach(closeAll);

const None = CancellationToken.None;
const text = (s: string) => Encoding.UTF8.GetBytes(s);
const seg = (n: number) => new ArraySegment(new Uint8Array(n));

function invalidState(state: string, valid: string): string {
  return dotnetMessage('net_WebSockets_InvalidState', state, valid);
}

async function expectRejects<T extends Error>(p: Promise<unknown>, type: new (...a: never[]) => T): Promise<T> {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(type);
  return err as T;
}

describe('#ReceiveAsync and the close handshake', () => {
  it('returns the peer close as a Close result in CloseReceived and does not answer it', async () => {
    const { ws, frames, send } = await rawPair(true);
    await send(frame(0x1, 'before', { mask: true }));
    await send(frame(0x8, closeBody(4001, 'client-bye'), { mask: true }));
    const data = await receiveMessage(ws);
    expect(data.data.toString()).toBe('before');
    const r = await ws.ReceiveAsync(seg(16), None);
    expect([r.Count, r.MessageType, r.EndOfMessage]).toEqual([0, WebSocketMessageType.Close, true]);
    expect(r.CloseStatus.Value).toBe(4001);
    expect(r.CloseStatusDescription).toBe('client-bye');
    expect(ws.State).toBe(WebSocketState.CloseReceived);
    expect(ws.CloseStatus.Value).toBe(4001);
    // Still allowed to send; the peer gets that data before any close frame.
    await ws.SendAsync(new ArraySegment(text('after-close')), WebSocketMessageType.Text, true, None);
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'server-chosen', None);
    expect(ws.State).toBe(WebSocketState.Closed);
    const f1 = await frames.next();
    expect([f1?.opcode, f1?.payload.toString()]).toEqual([0x1, 'after-close']);
    const f2 = await frames.next();
    expect(f2?.opcode).toBe(0x8);
    expect(f2?.payload.readUInt16BE(0)).toBe(1000);
    expect(f2?.payload.subarray(2).toString()).toBe('server-chosen');
  });

  it('reads an empty close frame as NormalClosure with an empty description', async () => {
    const pair = await rawPair(true);
    await pair.send(frame(0x8, Buffer.alloc(0), { mask: true }));
    const r = await pair.ws.ReceiveAsync(seg(16), None);
    expect(r.MessageType).toBe(WebSocketMessageType.Close);
    expect(r.CloseStatus.Value).toBe(WebSocketCloseStatus.NormalClosure);
    expect(r.CloseStatusDescription).toBe('');
  });

  it('keeps CloseStatus empty on data results until the close frame is read', async () => {
    const { ws, peer } = await serverPair();
    expect(ws.CloseStatus.HasValue).toBe(false);
    peer.send('x');
    const r = await ws.ReceiveAsync(seg(16), None);
    expect(r.CloseStatus.HasValue).toBe(false);
    expect(r.CloseStatusDescription).toBeNull();
    peer.close(4002, 'done');
    const c = await ws.ReceiveAsync(seg(16), None);
    expect(c.CloseStatus.Value).toBe(4002);
  });

  it('runs the seed echo loop against a ws client and replies with the client close status', async () => {
    const { ws, peer } = await serverPair();
    const got: string[] = [];
    peer.on('message', (d) => got.push((d as Buffer).toString()));
    const closed = once(peer, 'close');
    peer.send('hello');
    peer.send('안녕');
    const buffer = new Uint8Array(1024 * 4);
    let receiveResult = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    let n = 0;
    while (!receiveResult.CloseStatus.HasValue) {
      const receivedMessage = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
      const responseBuffer = Encoding.UTF8.GetBytes('서버에서 응답: ' + receivedMessage);
      await ws.SendAsync(new ArraySegment(responseBuffer), WebSocketMessageType.Text, true, None);
      if (++n === 2) peer.close(1000, 'bye');
      receiveResult = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    }
    await ws.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
    const [code, reason] = (await closed) as [number, Buffer];
    expect(got).toEqual(['서버에서 응답: hello', '서버에서 응답: 안녕']);
    expect([code, reason.toString()]).toEqual([1000, 'bye']);
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('CloseOutputAsync from Open goes to CloseSent and keeps receiving data until the close arrives', async () => {
    const { ws, peer } = await clientPair();
    peer.on('close', () => {});
    // The ws peer answers our close (after 'first'); nothing is read here until the receives below.
    peer.send('first');
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'out', None);
    expect(ws.State).toBe(WebSocketState.CloseSent);
    const m = await receiveMessage(ws);
    expect(m.data.toString()).toBe('first');
    await expect(ws.SendAsync(new ArraySegment(text('no')), WebSocketMessageType.Text, true, None)).rejects.toThrow(
      invalidState('CloseSent', 'Open, CloseReceived'),
    );
    const c = await ws.ReceiveAsync(seg(8), None);
    expect(c.MessageType).toBe(WebSocketMessageType.Close);
    expect(ws.State).toBe(WebSocketState.Closed);
  });

  it('CloseAsync waits for the peer close and discards data that arrives meanwhile', async () => {
    const { ws, frames, send } = await rawPair(true);
    const closing = ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', None);
    const f = await frames.next();
    expect(f?.opcode).toBe(0x8);
    expect(ws.State).toBe(WebSocketState.CloseSent);
    await send(frame(0x2, Buffer.alloc(5000), { mask: true }));
    await send(frame(0x8, closeBody(1000), { mask: true }));
    await closing;
    expect(ws.State).toBe(WebSocketState.Closed);
    await expect(ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None)).rejects.toThrow(
      invalidState('Closed', 'Open, CloseSent, CloseReceived'),
    );
    await expect(ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None)).rejects.toBeInstanceOf(WebSocketException);
  });

  it('CloseAsync completes even when the peer flooded data the application never read', async () => {
    const { ws, peer } = await serverPair();
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 64; i++) peer.send(chunk);
    peer.close(1000, 'flooded');
    await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, 'ok', None);
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(ws.CloseStatus.Value).toBe(1000);
  });
});

describe('valid states (docs/behaviour.md#state-machine)', () => {
  type Op = 'send' | 'receive' | 'closeOutput' | 'close';
  const ops: Record<Op, (ws: WebSocket) => Promise<unknown>> = {
    send: (ws) => ws.SendAsync(new ArraySegment(text('x')), WebSocketMessageType.Text, true, None),
    receive: (ws) => ws.ReceiveAsync(seg(8), None),
    closeOutput: (ws) => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None),
    close: (ws) => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None),
  };
  const valid: Record<Op, string> = {
    send: 'Open, CloseReceived',
    receive: 'Open, CloseSent',
    closeOutput: 'Open, CloseReceived',
    close: 'Open, CloseSent, CloseReceived',
  };

  async function inState(state: WebSocketState): Promise<WebSocket> {
    const { ws, send } = await rawPair(true);
    if (state === WebSocketState.CloseSent) await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None);
    if (state === WebSocketState.CloseReceived) {
      await send(frame(0x8, closeBody(1000), { mask: true }));
      await ws.ReceiveAsync(seg(8), None);
    }
    if (state === WebSocketState.Closed) ws.Dispose();
    if (state === WebSocketState.Aborted) ws.Abort();
    expect(ws.State).toBe(state);
    return ws;
  }

  const cases: Array<[Op, string, WebSocketState]> = [];
  for (const op of Object.keys(ops) as Op[]) {
    for (const s of [WebSocketState.CloseSent, WebSocketState.CloseReceived, WebSocketState.Closed, WebSocketState.Aborted]) {
      if (!valid[op].split(', ').includes(WebSocketState[s])) cases.push([op, WebSocketState[s], s]);
    }
  }

  it.each(cases)('%s in state %s rejects with InvalidState and the exact message', async (op, _name, state) => {
    const ws = await inState(state);
    const err = await expectRejects(ops[op](ws), WebSocketException);
    expect(err.WebSocketErrorCode).toBe(WebSocketError.InvalidState);
    expect(err.message).toBe(invalidState(WebSocketState[state], valid[op]));
    expect(ws.State).toBe(state);
  });
});

describe('partial reads (docs/behaviour.md#partial-reads)', () => {
  it('delivers a message larger than the buffer in pieces', async () => {
    const { ws, peer } = await serverPair();
    peer.send(Buffer.alloc(10_000, 7));
    const results: Array<[number, boolean]> = [];
    for (;;) {
      const r = await ws.ReceiveAsync(seg(4096), None);
      expect(r.MessageType).toBe(WebSocketMessageType.Binary);
      results.push([r.Count, r.EndOfMessage]);
      if (r.EndOfMessage) break;
    }
    expect(results).toEqual([
      [4096, false],
      [4096, false],
      [1808, true],
    ]);
  });

  it('keeps frame boundaries: a three-frame text message gives three results', async () => {
    const { ws, send } = await rawPair(true);
    await send(
      Buffer.concat([
        frame(0x1, 'ab', { fin: false, mask: true }),
        frame(0x0, 'cd', { fin: false, mask: true }),
        frame(0x0, 'ef', { mask: true }),
      ]),
    );
    const seen: Array<[number, boolean, WebSocketMessageType]> = [];
    for (let i = 0; i < 3; i++) {
      const r = await ws.ReceiveAsync(seg(100), None);
      seen.push([r.Count, r.EndOfMessage, r.MessageType]);
    }
    expect(seen).toEqual([
      [2, false, WebSocketMessageType.Text],
      [2, false, WebSocketMessageType.Text],
      [2, true, WebSocketMessageType.Text],
    ]);
  });

  it.each([
    [0x1, 'text'],
    [0x2, 'binary'],
  ])('reports empty frames of a fragmented %s message as results of their own', async (opcode) => {
    const { ws, send } = await rawPair(true);
    await send(
      Buffer.concat([
        frame(opcode, '', { fin: false, mask: true }),
        frame(0x0, 'ab', { fin: false, mask: true }),
        frame(0x0, '', { fin: false, mask: true }),
        frame(0x0, 'c', { fin: false, mask: true }),
        frame(0x0, '', { mask: true }),
      ]),
    );
    const seen: Array<[number, boolean]> = [];
    for (let i = 0; i < 5; i++) {
      const r = await ws.ReceiveAsync(seg(100), None);
      seen.push([r.Count, r.EndOfMessage]);
    }
    expect(seen).toEqual([
      [0, false],
      [2, false],
      [0, false],
      [1, false],
      [0, true],
    ]);
  });

  it('splits a UTF-8 character across 1-byte reads without complaint', async () => {
    const { ws, peer } = await serverPair();
    peer.send('é');
    const a = await ws.ReceiveAsync(seg(1), None);
    const b = await ws.ReceiveAsync(seg(1), None);
    expect([a.Count, a.EndOfMessage, b.Count, b.EndOfMessage]).toEqual([1, false, 1, true]);
  });

  it('returns an empty message as Count 0 with EndOfMessage true', async () => {
    const { ws, peer } = await serverPair();
    peer.send('');
    peer.send(Buffer.alloc(0));
    const a = await ws.ReceiveAsync(seg(8), None);
    const b = await ws.ReceiveAsync(seg(8), None);
    expect([a.Count, a.MessageType, a.EndOfMessage]).toEqual([0, WebSocketMessageType.Text, true]);
    expect([b.Count, b.MessageType, b.EndOfMessage]).toEqual([0, WebSocketMessageType.Binary, true]);
  });

  it('a zero-length buffer waits for data, returns Count 0 without EndOfMessage, and leaves the payload', async () => {
    const { ws, peer } = await serverPair();
    const pending = ws.ReceiveAsync(new ArraySegment(new Uint8Array(0)), None);
    peer.send(Buffer.from([9]));
    const r = await pending;
    expect([r.Count, r.MessageType, r.EndOfMessage]).toEqual([0, WebSocketMessageType.Binary, false]);
    const next = await ws.ReceiveAsync(seg(1), None);
    expect([next.Count, next.EndOfMessage]).toEqual([1, true]);
  });

  it('the Uint8Array overload gives a ValueWebSocketReceiveResult, the segment overload a WebSocketReceiveResult', async () => {
    const { ws, peer } = await serverPair();
    peer.send('abc');
    peer.send('def');
    const memory = new Uint8Array(8);
    const v = await ws.ReceiveAsync(memory, None);
    expect(v).toBeInstanceOf(ValueWebSocketReceiveResult);
    expect([v.Count, v.EndOfMessage, Buffer.from(memory.subarray(0, 3)).toString()]).toEqual([3, true, 'abc']);
    const buffer = new Uint8Array(10);
    const r = await ws.ReceiveAsync(new ArraySegment(buffer, 4, 6), None);
    expect(r).toBeInstanceOf(WebSocketReceiveResult);
    expect(Buffer.from(buffer.subarray(4, 7)).toString()).toBe('def');
  });

  it('rejects default(ArraySegment) synchronously with ArgumentNullException buffer.Array', async () => {
    const { ws } = await serverPair();
    expect(() => ws.ReceiveAsync(new ArraySegment<Uint8Array>(), None)).toThrow(ArgumentNullException);
    try {
      void ws.ReceiveAsync(new ArraySegment<Uint8Array>(), None);
    } catch (e) {
      expect((e as ArgumentNullException).ParamName).toBe('buffer.Array');
    }
    expect(ws.State).toBe(WebSocketState.Open);
  });
});

describe('#SendAsync (docs/behaviour.md#fragmented-send, docs/behaviour.md#frame-layout)', () => {
  it('writes fragments as continuations whatever type later calls pass, masked from a client', async () => {
    const { ws, frames } = await rawPair(false);
    const payload = new Uint8Array([1, 2, 3]);
    await ws.SendAsync(new ArraySegment(payload), WebSocketMessageType.Binary, false, None);
    await ws.SendAsync(payload, WebSocketMessageType.Text, false, None);
    await ws.SendAsync(payload, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage, None);
    await ws.SendAsync(payload, WebSocketMessageType.Binary, true, None);
    const got = [await frames.next(), await frames.next(), await frames.next(), await frames.next()];
    expect(got.map((f) => [f!.opcode, f!.fin, f!.masked])).toEqual([
      [2, false, true],
      [0, false, true],
      [0, true, true],
      [2, true, true],
    ]);
    expect(got.every((f) => f!.payload.equals(Buffer.from([1, 2, 3])))).toBe(true);
    expect([...payload]).toEqual([1, 2, 3]);
  });

  it.each([125, 126, 65535, 65536])('encodes a %i-byte payload unmasked from a server', async (n) => {
    const { ws, frames } = await rawPair(true);
    await ws.SendAsync(new ArraySegment(new Uint8Array(n).fill(5)), WebSocketMessageType.Binary, true, None);
    const f = await frames.next();
    expect([f!.opcode, f!.masked, f!.payload.length]).toEqual([2, false, n]);
  });

  it('throws ArgumentException synchronously for the Close message type and stays Open', async () => {
    const { ws } = await serverPair();
    const call = () => ws.SendAsync(new ArraySegment(text('x')), WebSocketMessageType.Close, true, None);
    expect(call).toThrow(ArgumentException);
    expect(call).toThrow(
      dotnetMessage('net_WebSockets_Argument_InvalidMessageType', 'Close', 'SendAsync', 'Binary', 'Text', 'CloseOutputAsync'),
    );
    expect(ws.State).toBe(WebSocketState.Open);
  });

  it('refuses a continuation whose DisableCompression differs from the first fragment', async () => {
    const { ws } = await serverPair();
    await ws.SendAsync(text('a'), WebSocketMessageType.Text, WebSocketMessageFlags.None, None);
    let err: unknown;
    try {
      void ws.SendAsync(
        text('b'),
        WebSocketMessageType.Text,
        WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression,
        None,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgumentException);
    expect((err as ArgumentException).ParamName).toBe('messageFlags');
  });

  it('lets timers run during a loop of awaited sends that the kernel takes at once', async () => {
    const { ws } = await serverPair();
    const small = text('x'.repeat(32));
    let fired = false;
    setTimeout(() => (fired = true), 1);
    let sends = 0;
    while (!fired && sends < 100_000) {
      await ws.SendAsync(small, WebSocketMessageType.Text, true);
      sends++;
    }
    expect(fired).toBe(true);
  });

  it('resolves once the bytes are handed over, so the caller may reuse its buffer', async () => {
    const { ws, peer } = await serverPair();
    const got: Buffer[] = [];
    peer.on('message', (d: Buffer) => got.push(Buffer.from(d)));
    const buffer = new Uint8Array(256 * 1024).fill(1);
    await ws.SendAsync(new ArraySegment(buffer), WebSocketMessageType.Binary, true, None);
    buffer.fill(2);
    await ws.SendAsync(new ArraySegment(buffer), WebSocketMessageType.Binary, true, None);
    while (got.length < 2) await once(peer, 'message');
    expect(got[0]!.every((b) => b === 1)).toBe(true);
    expect(got[1]!.every((b) => b === 2)).toBe(true);
  });

  it('sends exactly the bytes of a partial ArraySegment over an array that is itself a view', async () => {
    const { ws, peer } = await serverPair();
    const got: Buffer[] = [];
    peer.on('message', (d: Buffer) => got.push(Buffer.from(d)));
    const backing = new Uint8Array(64).map((_, i) => i);
    const array = backing.subarray(10, 40);
    await ws.SendAsync(new ArraySegment(array, 5, 7), WebSocketMessageType.Binary, true, None);
    await ws.SendAsync(new ArraySegment(array, 0, 0), WebSocketMessageType.Binary, true, None);
    while (got.length < 2) await once(peer, 'message');
    expect([...got[0]!]).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(got[1]!.length).toBe(0);
  });
});

describe('close status validation (docs/behaviour.md#close-status)', () => {
  it.each([0, 999, 1006, 1015])('rejects reserved code %i synchronously with ArgumentException closeStatus', async (code) => {
    const { ws } = await serverPair();
    for (const call of [
      () => ws.CloseAsync(code as WebSocketCloseStatus, null, None),
      () => ws.CloseOutputAsync(code as WebSocketCloseStatus, null, None),
    ]) {
      expect(call).toThrow(ArgumentException);
      expect(call).toThrow(dotnetMessage('net_WebSockets_InvalidCloseStatusCode', code));
    }
    expect(ws.State).toBe(WebSocketState.Open);
  });

  it('rejects a 124-byte description and accepts 123 bytes', async () => {
    const { ws, frames } = await rawPair(true);
    const long = 'C'.repeat(124);
    const call = () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, long, None);
    expect(call).toThrow(dotnetMessage('net_WebSockets_InvalidCloseStatusDescription', long, 123));
    expect(ws.State).toBe(WebSocketState.Open);
    await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'C'.repeat(123), None);
    expect((await frames.next())!.payload.length).toBe(125);
  });

  it('rejects Empty with a description, and puts 1005 on the wire for Empty without one', async () => {
    const { ws, frames } = await rawPair(true);
    expect(() => ws.CloseOutputAsync(WebSocketCloseStatus.Empty, 'x', None)).toThrow(
      dotnetMessage('net_WebSockets_ReasonNotNull', 'x', 'Empty'),
    );
    await ws.CloseOutputAsync(WebSocketCloseStatus.Empty, null, None);
    expect((await frames.next())!.payload).toEqual(closeBody(1005));
  });

  it('sends codes .NET allows but ws refuses (4999, 2000)', async () => {
    const { ws, frames } = await rawPair(false);
    await ws.CloseOutputAsync(2000 as WebSocketCloseStatus, 'odd', None);
    const f = await frames.next();
    expect([f!.opcode, f!.masked, f!.payload.readUInt16BE(0), f!.payload.subarray(2).toString()]).toEqual([8, true, 2000, 'odd']);
  });
});

describe('#Abort and #Dispose', () => {
  it('Dispose goes to Closed without a close frame; a pending receive fails with ConnectionClosedPrematurely', async () => {
    const { ws, frames } = await rawPair(true);
    const pending = ws.ReceiveAsync(seg(8), None);
    ws.Dispose();
    expect(ws.State).toBe(WebSocketState.Closed);
    const err = await expectRejects(pending, WebSocketException);
    expect(err.WebSocketErrorCode).toBe(WebSocketError.ConnectionClosedPrematurely);
    expect(await frames.next()).toBeNull();
  });

  it('Abort goes to Aborted; a pending receive and send fail with OperationCanceledException', async () => {
    const { ws } = await serverPair();
    const pending = ws.ReceiveAsync(seg(8), None);
    ws.Abort();
    expect(ws.State).toBe(WebSocketState.Aborted);
    await expectRejects(pending, OperationCanceledException);
    ws.Dispose();
    expect(ws.State).toBe(WebSocketState.Aborted);
  });

  it('supports using: the socket is disposed at the end of the block', async () => {
    const { ws, peer } = await serverPair();
    const closed = once(peer, 'close');
    {
      using s = ws;
      expect(s.State).toBe(WebSocketState.Open);
    }
    expect(ws.State).toBe(WebSocketState.Closed);
    const [code] = (await closed) as [number];
    expect(code).toBe(1006);
  });
});

describe('cancellation (docs/behaviour.md#cancellation)', () => {
  it('cancelling a pending receive aborts the socket; later calls fail with the Aborted message', async () => {
    const { ws } = await serverPair();
    const cts = new CancellationTokenSource();
    const pending = ws.ReceiveAsync(seg(8), cts.Token);
    cts.Cancel();
    const err = await expectRejects(pending, OperationCanceledException);
    // Over a plain stream .NET 10 throws OperationCanceledException itself (a ClientWebSocket: TaskCanceledException).
    expect(err).not.toBeInstanceOf(TaskCanceledException);
    expect(err.CancellationToken.Equals(cts.Token)).toBe(true);
    expect(ws.State).toBe(WebSocketState.Aborted);
    await expect(ws.ReceiveAsync(seg(8), None)).rejects.toThrow(invalidState('Aborted', 'Open, CloseSent'));
  });

  it('a receive with an already-cancelled token aborts with TaskCanceledException', async () => {
    const { ws } = await serverPair();
    await expectRejects(ws.ReceiveAsync(seg(8), new CancellationToken(true)), TaskCanceledException);
    expect(ws.State).toBe(WebSocketState.Aborted);
  });

  it('a send with an already-cancelled token rejects with TaskCanceledException and stays Open', async () => {
    const { ws } = await serverPair();
    await expectRejects(
      ws.SendAsync(new ArraySegment(text('x')), WebSocketMessageType.Text, true, new CancellationToken(true)),
      TaskCanceledException,
    );
    expect(ws.State).toBe(WebSocketState.Open);
  });

  // The server's frame is its caller's payload written behind its header; a client's long masked frame
  // goes out in pieces, and cancelling between two of them aborts as well.
  it.each([
    ['a send cancelled mid-write', serverPair],
    ['a client’s send cancelled between the pieces of a long masked frame', clientPair],
  ])('%s aborts the socket', async (_, pair) => {
    const { ws, peer } = await pair();
    peer.pause();
    const cts = new CancellationTokenSource();
    const big = new Uint8Array(64 * 1024 * 1024);
    const sending = ws.SendAsync(new ArraySegment(big), WebSocketMessageType.Binary, true, cts.Token);
    cts.Cancel();
    await expectRejects(sending, OperationCanceledException);
    expect(ws.State).toBe(WebSocketState.Aborted);
  });
});

describe('faults (docs/behaviour.md#utf-8, docs/behaviour.md#protocol-errors, docs/behaviour.md#connection-loss)', () => {
  it('invalid UTF-8 in a text message sends close 1007, faults the receive and aborts', async () => {
    const { ws, frames, send } = await rawPair(true);
    await send(frame(0x1, Buffer.from([0xed, 0xa0, 0x80]), { mask: true }));
    const err = await expectRejects(ws.ReceiveAsync(seg(16), None), WebSocketException);
    expect(err.WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(err.message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
    expect(ws.State).toBe(WebSocketState.Aborted);
    expect((await frames.next())!.payload.readUInt16BE(0)).toBe(1007);
    await expect(ws.ReceiveAsync(seg(8), None)).rejects.toThrow(invalidState('Aborted', 'Open, CloseSent'));
  });

  const protocolErrors: Array<[string, Buffer, string, boolean]> = [
    ['reserved bits', frame(0x1, 'x', { rsv: 2, mask: true }), dotnetMessage('net_Websockets_ReservedBitsSet'), true],
    [
      'RSV1 without compression',
      frame(0x1, 'x', { rsv: 4, mask: true }),
      dotnetMessage('net_Websockets_PerMessageCompressedFlagWhenNotEnabled'),
      true,
    ],
    ['an unknown opcode', frame(0x3, 'x', { mask: true }), dotnetMessage('net_Websockets_UnknownOpcode', '3'), true],
    ['a continuation without a message', frame(0x0, 'x', { mask: true }), dotnetMessage('net_Websockets_ContinuationFromFinalFrame'), true],
    [
      'a new message inside a fragmented one',
      Buffer.concat([frame(0x1, 'a', { fin: false, mask: true }), frame(0x1, 'b', { mask: true })]),
      dotnetMessage('net_Websockets_NonContinuationAfterNonFinalFrame'),
      true,
    ],
    [
      'a control frame over 125 bytes',
      frame(0x9, Buffer.alloc(126), { mask: true }),
      dotnetMessage('net_Websockets_InvalidControlMessage'),
      true,
    ],
    [
      'a fragmented control frame',
      frame(0x9, 'x', { fin: false, mask: true }),
      dotnetMessage('net_Websockets_InvalidControlMessage'),
      true,
    ],
    ['a masked frame to a client', frame(0x1, 'x', { mask: true }), dotnetMessage('net_Websockets_ClientReceivedMaskedFrame'), false],
  ];

  it.each(protocolErrors)('%s sends close 1002 and faults with .NET message', async (_name, bytes, message, isServer) => {
    const { ws, frames, send } = await rawPair(isServer);
    await send(bytes);
    // As on .NET, what came before the fault is delivered first (the open fragment 'a').
    const before: number[] = [];
    let failure: unknown = null;
    while (failure === null) {
      await ws.ReceiveAsync(seg(16), None).then(
        (r) => before.push(r.Count),
        (e: unknown) => (failure = e),
      );
    }
    expect(before).toEqual(message === dotnetMessage('net_Websockets_NonContinuationAfterNonFinalFrame') ? [1] : []);
    const err = failure as WebSocketException;
    expect(err).toBeInstanceOf(WebSocketException);
    expect(err.WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(err.message).toBe(message);
    expect(ws.State).toBe(WebSocketState.Aborted);
    expect((await frames.next())!.payload.readUInt16BE(0)).toBe(1002);
  });

  it('a TCP drop without a close frame gives ConnectionClosedPrematurely, Aborted, no CloseStatus', async () => {
    const { ws, peer } = await rawPair(true);
    peer.destroy();
    const err = await expectRejects(ws.ReceiveAsync(seg(16), None), WebSocketException);
    expect(err.WebSocketErrorCode).toBe(WebSocketError.ConnectionClosedPrematurely);
    expect(err.message).toBe(dotnetMessage('net_WebSockets_ConnectionClosedPrematurely_Generic'));
    expect(ws.State).toBe(WebSocketState.Aborted);
    expect(ws.CloseStatus.HasValue).toBe(false);
    await expect(ws.ReceiveAsync(seg(8), None)).rejects.toThrow(invalidState('Aborted', 'Open, CloseSent'));
    await expect(ws.SendAsync(new ArraySegment(text('x')), WebSocketMessageType.Text, true, None)).rejects.toThrow(
      invalidState('Aborted', 'Open, CloseReceived'),
    );
  });

  it('delivers data received before the drop first', async () => {
    const { ws, send, peer } = await rawPair(true);
    await send(frame(0x1, 'last words', { mask: true }));
    peer.end();
    expect((await receiveMessage(ws)).data.toString()).toBe('last words');
    await expectRejects(ws.ReceiveAsync(seg(16), None), WebSocketException);
  });
});

describe('concurrency (docs/behaviour.md#concurrency)', () => {
  it('serves overlapping receives in order and completes overlapping sends in order', async () => {
    const { ws, peer } = await serverPair();
    const got: string[] = [];
    peer.on('message', (d) => got.push((d as Buffer).toString()));
    const b1 = new Uint8Array(8);
    const b2 = new Uint8Array(8);
    const r1 = ws.ReceiveAsync(new ArraySegment(b1), None);
    const r2 = ws.ReceiveAsync(new ArraySegment(b2), None);
    const sends = ['1', '2', '3'].map((s) => ws.SendAsync(new ArraySegment(text(s)), WebSocketMessageType.Text, true, None));
    peer.send('first');
    peer.send('second');
    await Promise.all([r1, r2, ...sends]);
    expect(Buffer.from(b1.subarray(0, 5)).toString()).toBe('first');
    expect(Buffer.from(b2.subarray(0, 6)).toString()).toBe('second');
    while (got.length < 3) await once(peer, 'message');
    expect(got).toEqual(['1', '2', '3']);
  });
});

describe('backpressure', () => {
  it('holds no more than a socket read or two while the application reads 4 KiB at a time', async () => {
    const { ws, peer } = await serverPair();
    const message = Buffer.alloc(64 * 1024, 1);
    const total = 16 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += message.length) peer.send(message);
    let received = 0;
    let peak = 0;
    while (received < total) {
      const r = await ws.ReceiveAsync(seg(4096), None);
      received += r.Count;
      peak = Math.max(peak, ws.receiveBufferedAmount);
    }
    // Read-ahead (64 KiB) plus the socket read that crossed it.
    expect(peak).toBeLessThanOrEqual(128 * 1024);
    expect(received).toBe(total);
  });
});

describe('keep-alive (docs/behaviour.md#keep-alive)', () => {
  it('KeepAliveInterval alone sends unsolicited pongs', async () => {
    const { peer } = await serverPair({ KeepAliveInterval: TimeSpan.FromMilliseconds(20) });
    const [data] = (await once(peer, 'pong')) as [Buffer];
    expect(data.length).toBe(0);
  });

  it('with KeepAliveTimeout, pings carry a counter and a peer that answers keeps the socket open while a receive is pending', async () => {
    const { ws, peer } = await clientPair({ KeepAliveInterval: TimeSpan.FromMilliseconds(20), KeepAliveTimeout: TimeSpan.FromSeconds(5) });
    // As on .NET 9+, pongs are read only while a ReceiveAsync is pending.
    const pending = ws.ReceiveAsync(seg(8), None);
    const [first] = (await once(peer, 'ping')) as [Buffer];
    const [second] = (await once(peer, 'ping')) as [Buffer];
    expect(first.readBigUInt64BE(0)).toBe(1n);
    expect(second.readBigUInt64BE(0)).toBe(2n);
    expect(ws.State).toBe(WebSocketState.Open);
    peer.send('done');
    expect((await pending).Count).toBe(4);
  });

  it('aborts when the pong does not come back in time', async () => {
    const { ws } = await serverPair(
      { KeepAliveInterval: TimeSpan.FromMilliseconds(10), KeepAliveTimeout: TimeSpan.FromMilliseconds(50) },
      {},
      { autoPong: false },
    );
    const err = await expectRejects(ws.ReceiveAsync(seg(8), None), OperationCanceledException);
    expect(ws.State).toBe(WebSocketState.Aborted);
    expect((err.InnerException as WebSocketException).message).toBe(dotnetMessage('net_Websockets_KeepAlivePingTimeout'));
  });
});

describe('limits and compression', () => {
  it('has no message size cap: a 120 MiB frame streams through a 64 KiB buffer', async () => {
    const { ws, peer } = await serverPair();
    const total = 120 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    // One frame, written a mebibyte at a time by ws's own framing of a fragmented send.
    for (let at = 0; at < total; at += chunk.length) peer.send(chunk, { fin: at + chunk.length === total, binary: true });
    const buffer = new Uint8Array(64 * 1024);
    let received = 0;
    let bad = 0;
    for (;;) {
      const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
      received += r.Count;
      if (buffer[0] !== 7 && r.Count > 0) bad++;
      if (r.EndOfMessage) break;
    }
    expect([received, bad, ws.State]).toEqual([total, 0, WebSocketState.Open]);
  });

  it('refuses a frame length above 2^53 - 1 (top bit clear) as too big: 1009 and the size message', async () => {
    const { ws, frames, send } = await rawPair(true);
    await send(frame(0x2, Buffer.alloc(0), { length: 1n << 60n, mask: true }));
    const err = await expectRejects(ws.ReceiveAsync(seg(16), None), WebSocketException);
    expect([err.WebSocketErrorCode, err.message]).toEqual([WebSocketError.Faulted, dotnetMessage('dotnetws_MessageTooBig')]);
    expect((await frames.next())!.payload.readUInt16BE(0)).toBe(1009);
  });

  it('accepts a 4 MiB message sent in 64-byte fragments', async () => {
    const { ws, send } = await rawPair(true);
    const total = 4 * 1024 * 1024;
    const parts: Buffer[] = [];
    for (let at = 0; at < total; at += 64)
      parts.push(frame(at === 0 ? 0x2 : 0x0, Buffer.alloc(64, 3), { fin: at + 64 === total, mask: true }));
    // Not awaited: nothing is read while no receive is pending, so the write completes as we receive.
    const sent = send(Buffer.concat(parts));
    let received = 0;
    let pieces = 0;
    for (;;) {
      const r = await ws.ReceiveAsync(seg(64 * 1024), None);
      received += r.Count;
      pieces++;
      if (r.EndOfMessage) break;
    }
    await sent;
    expect(received).toBe(total);
    expect(pieces).toBe(total / 64);
  });

  it('negotiates permessage-deflate when asked, with and without DisableCompression per message', async () => {
    const { ws, peer } = await serverPair({}, { deflate: new WebSocketDeflateOptions() }, { perMessageDeflate: true });
    expect(peer.extensions).toContain('permessage-deflate');
    const got: string[] = [];
    peer.on('message', (d) => got.push((d as Buffer).toString()));
    const big = 'x'.repeat(100_000);
    await ws.SendAsync(text(big), WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage);
    await ws.SendAsync(
      text('plain'),
      WebSocketMessageType.Text,
      WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression,
    );
    peer.send(big);
    expect((await receiveMessage(ws, 64 * 1024)).data.toString()).toBe(big);
    while (got.length < 2) await once(peer, 'message');
    expect(got).toEqual([big, 'plain']);
  });

  it('does not offer permessage-deflate unless asked', async () => {
    const { peer } = await clientPair();
    expect(peer.extensions).toBe('');
  });
});
