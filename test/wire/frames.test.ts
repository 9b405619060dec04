// The frames dotnet-ws writes, byte for byte as a raw peer reads them (RFC 6455 §5; docs/behaviour.md#fragmented-send, docs/behaviour.md#frame-layout,
// §6): FIN, RSV, opcode, the mask bit and key (a client masks every frame with a fresh key, a server
// never masks), one frame per SendAsync, continuation frames, close frames, pongs answering pings and the
// keep-alive frames (unsolicited pongs; pings with a payload when KeepAliveTimeout is set). For every
// way dotnet-ws meets the wire: WebApplication's accept, CreateFromStream in both roles, ClientWebSocket.
import { afterEach, describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { receive } from '../helpers/messages.js';
import { appServer, closePayload, closeWirePeers, clientRole, encodeFrame, Opcode, streamRole } from '../helpers/wire.js';
import type { RoleOptions, WireFrame, WirePeer } from '../helpers/wire.js';

const None = CancellationToken.None;
afterEach(closeWirePeers);

const roles: Record<string, (o?: RoleOptions) => Promise<WirePeer>> = {
  'server (WebApplication)': (o) => appServer(o),
  'server (CreateFromStream)': (o) => streamRole(true, o),
  'client (CreateFromStream)': (o) => streamRole(false, o),
  ClientWebSocket: (o) => clientRole(o),
};

/** [opcode, FIN, RSV1, RSV2, RSV3, payload as text] of a frame. */
const shape = (f: WireFrame | null) => f && [f.opcode, f.fin, f.rsv1, f.rsv2, f.rsv3, f.payload.toString('latin1')];

describe.each(Object.keys(roles))('%s', (role) => {
  const open = (o?: RoleOptions) => roles[role]!(o);

  it('writes a text and a binary message as one final frame each, masked with a key only by a client', async () => {
    const c = await open();
    await c.ws.SendAsync(Buffer.from('héllo'), WebSocketMessageType.Text, true, None);
    await c.ws.SendAsync(new Uint8Array([0, 1, 254, 255]), WebSocketMessageType.Binary, true, None);
    const frames = await c.wire.take(2);
    expect(frames.map(shape)).toEqual([
      [Opcode.Text, true, false, false, false, Buffer.from('héllo').toString('latin1')],
      [Opcode.Binary, true, false, false, false, '\x00\x01\xfe\xff'],
    ]);
    for (const f of frames) {
      expect(f.masked).toBe(!c.peerMasks);
      expect(f.maskKey?.length ?? 0).toBe(c.peerMasks ? 0 : 4);
    }
  });

  if (!role.startsWith('server')) {
    it('masks each frame with a fresh key and leaves the caller’s buffer as it was', async () => {
      const c = await open();
      const data = new Uint8Array(64).fill(0x61);
      for (let i = 0; i < 4; i++) await c.ws.SendAsync(data, WebSocketMessageType.Binary, true, None);
      const frames = await c.wire.take(4);
      expect(new Set(frames.map((f) => f.maskKey!.toString('hex'))).size).toBeGreaterThan(1);
      expect(frames.every((f) => f.payload.equals(Buffer.from(data)))).toBe(true);
      expect(Buffer.from(data).equals(Buffer.alloc(64, 0x61))).toBe(true);
    });
  }

  it('writes one frame per SendAsync: a fragmented message as the first opcode, then continuations', async () => {
    const c = await open();
    await c.ws.SendAsync(Buffer.from('one,'), WebSocketMessageType.Text, false, None);
    await c.ws.SendAsync(new Uint8Array(0), WebSocketMessageType.Text, false, None);
    // The message type of a continuation is ignored (docs/behaviour.md#fragmented-send).
    await c.ws.SendAsync(Buffer.from('two'), WebSocketMessageType.Binary, true, None);
    await c.ws.SendAsync(Buffer.from('next'), WebSocketMessageType.Binary, true, None);
    expect((await c.wire.take(4)).map(shape)).toEqual([
      [Opcode.Text, false, false, false, false, 'one,'],
      [Opcode.Continuation, false, false, false, false, ''],
      [Opcode.Continuation, true, false, false, false, 'two'],
      [Opcode.Binary, true, false, false, false, 'next'],
    ]);
  });

  it('does not split a large message: 200 KB go in one frame with a 64-bit length', async () => {
    const c = await open();
    const data = Buffer.alloc(200 * 1024, 0x5a);
    await c.ws.SendAsync(data, WebSocketMessageType.Binary, true, None);
    const f = (await c.wire.next())!;
    expect([f.opcode, f.fin, f.payload.length, f.payload.equals(data)]).toEqual([Opcode.Binary, true, data.length, true]);
  });

  it('writes only an ArraySegment’s window, at every payload size the writer copies or masks differently', async () => {
    const c = await open();
    // Short payloads are copied byte by byte, longer ones in one go, the longest (unmasked) written apart.
    const sizes = [1, 31, 63, 64, 65, 125, 126, 16 * 1024, 16 * 1024 + 1, 65536];
    const array = Buffer.alloc(65536 + 10);
    for (let i = 0; i < array.length; i++) array[i] = (i * 7 + 3) & 0xff;
    const before = Buffer.from(array);
    for (const size of sizes) await c.ws.SendAsync(new ArraySegment(array, 5, size), WebSocketMessageType.Binary, true, None);
    const frames = await c.wire.take(sizes.length);
    expect(frames.map((f) => f.payload.length)).toEqual(sizes);
    expect(frames.every((f, i) => f.payload.equals(before.subarray(5, 5 + sizes[i]!)))).toBe(true);
    expect(array.equals(before)).toBe(true);
  });

  it('writes an empty message as a final frame with no payload', async () => {
    const c = await open();
    await c.ws.SendAsync(new Uint8Array(0), WebSocketMessageType.Text, true, None);
    expect(shape(await c.wire.next())).toEqual([Opcode.Text, true, false, false, false, '']);
  });

  it('answers a ping with a pong carrying the same payload, while a receive is pending', async () => {
    const c = await open();
    const pending = c.ws.ReceiveAsync(new Uint8Array(16), None).catch((e: unknown) => e);
    await c.write(encodeFrame(Opcode.Ping, 'p1', { mask: c.peerMasks }));
    await c.write(encodeFrame(Opcode.Ping, '', { mask: c.peerMasks }));
    const pongs = await c.wire.take(2);
    expect(pongs.map(shape)).toEqual([
      [Opcode.Pong, true, false, false, false, 'p1'],
      [Opcode.Pong, true, false, false, false, ''],
    ]);
    expect(pongs.every((f) => f.masked === !c.peerMasks)).toBe(true);
    c.ws.Abort();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('writes no frame for a pong it receives', async () => {
    const c = await open();
    await c.write(encodeFrame(Opcode.Pong, 'unsolicited', { mask: c.peerMasks }));
    await c.write(encodeFrame(Opcode.Text, 'after', { mask: c.peerMasks }));
    // The text after the pong has been read: had the pong been answered, its frame would be on the wire first.
    expect((await receive(c.ws)).data.toString()).toBe('after');
    await c.ws.SendAsync(Buffer.from('marker'), WebSocketMessageType.Text, true, None);
    expect(shape(await c.wire.next())).toEqual([Opcode.Text, true, false, false, false, 'marker']);
  });

  it('CloseOutputAsync writes one close frame with the code and the UTF-8 reason, and sends nothing after it', async () => {
    const c = await open();
    await c.ws.CloseOutputAsync(4001 as WebSocketCloseStatus, 'bye ✓', None);
    expect(c.ws.State).toBe(WebSocketState.CloseSent);
    const f = (await c.wire.next())!;
    expect([f.opcode, f.fin, f.rsv1, f.masked, f.payload]).toEqual([Opcode.Close, true, false, !c.peerMasks, closePayload(4001, 'bye ✓')]);
    await expect(c.ws.SendAsync(Buffer.from('late'), WebSocketMessageType.Text, true, None)).rejects.toThrow();
    await c.write(encodeFrame(Opcode.Close, closePayload(4001, 'bye ✓'), { mask: c.peerMasks }));
    const r = await receive(c.ws);
    expect([r.r.MessageType, c.ws.State]).toEqual([WebSocketMessageType.Close, WebSocketState.Closed]);
    expect(c.wire.frames).toHaveLength(1);
  });

  // .NET 10 writes the code even for Empty: a ClientWebSocket's CloseAsync(Empty) put 03 ED on the wire.
  it('CloseAsync with Empty writes a close frame carrying 1005', async () => {
    const c = await open();
    const closing = c.ws.CloseAsync(WebSocketCloseStatus.Empty, null, None);
    closing.catch(() => {}); // awaited below; a failure above must not leave it unhandled
    const f = (await c.wire.next())!;
    expect([f.opcode, f.fin, f.payload]).toEqual([Opcode.Close, true, closePayload(1005)]);
    await c.write(encodeFrame(Opcode.Close, '', { mask: c.peerMasks }));
    await closing;
    expect(c.ws.State).toBe(WebSocketState.Closed);
  });

  it('answers the peer’s close with a close frame echoing its code (CloseAsync after CloseReceived)', async () => {
    const c = await open();
    await c.write(encodeFrame(Opcode.Close, closePayload(1001, 'going'), { mask: c.peerMasks }));
    const r = await receive(c.ws);
    expect([r.r.MessageType, r.r.CloseStatus.Value, r.r.CloseStatusDescription, c.ws.State]).toEqual([
      WebSocketMessageType.Close,
      1001,
      'going',
      WebSocketState.CloseReceived,
    ]);
    // Nothing is written until the application answers (spec: .NET does not auto-reply).
    await c.ws.SendAsync(Buffer.from('still mine'), WebSocketMessageType.Text, true, None);
    await c.ws.CloseAsync(r.r.CloseStatus.Value, r.r.CloseStatusDescription, None);
    expect((await c.wire.take(2)).map(shape)).toEqual([
      [Opcode.Text, true, false, false, false, 'still mine'],
      [Opcode.Close, true, false, false, false, closePayload(1001, 'going').toString('latin1')],
    ]);
    expect(c.ws.State).toBe(WebSocketState.Closed);
  });

  it('keep-alive with only KeepAliveInterval: unsolicited empty pongs, no pings', async () => {
    const c = await open({ keepAliveInterval: TimeSpan.FromMilliseconds(30) });
    const frames = await c.wire.take(3);
    expect(frames.map(shape)).toEqual(Array(3).fill([Opcode.Pong, true, false, false, false, '']));
    expect(frames.every((f) => f.masked === !c.peerMasks)).toBe(true);
    expect(c.ws.State).toBe(WebSocketState.Open);
  });

  it('keep-alive with KeepAliveTimeout: pings with an 8-byte payload, each answered, the socket staying open', async () => {
    const c = await open({ keepAliveInterval: TimeSpan.FromMilliseconds(30), keepAliveTimeout: TimeSpan.FromSeconds(10) });
    // As on .NET 9+, pongs are read only while a receive is pending.
    const pending = c.ws.ReceiveAsync(new Uint8Array(16), None).catch((e: unknown) => e);
    const payloads: string[] = [];
    for (let i = 0; i < 3; i++) {
      const f = (await c.wire.next())!;
      expect([f.opcode, f.fin, f.rsv1, f.masked, f.payload.length]).toEqual([Opcode.Ping, true, false, !c.peerMasks, 8]);
      payloads.push(f.payload.toString('hex'));
      await c.write(encodeFrame(Opcode.Pong, f.payload, { mask: c.peerMasks }));
    }
    expect(new Set(payloads).size).toBe(3);
    expect(c.ws.State).toBe(WebSocketState.Open);
    c.ws.Abort();
    expect(await pending).toBeInstanceOf(Error);
  });
});
