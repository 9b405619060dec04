// permessage-deflate (RFC 7692) as dotnet-ws puts it on the wire, read by a raw peer: RSV1 on the first
// frame of a compressed message only, payloads that inflate to the data sent (the sender keeping its
// context from message to message, as .NET does by default), WebSocketMessageFlags.DisableCompression
// per message, and no compression when it was not negotiated. What .NET 10 sends was observed with a
// ClientWebSocket against the same kind of raw server: offer "permessage-deflate; client_max_window_bits";
// "hello…" → RSV1, FIN, deflated; a fragment → RSV1 on the first frame, RSV1 clear on the continuation;
// DisableCompression → RSV1 clear, the bytes as given; an empty message → RSV1 and one byte (00).
import { constants, inflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { WebSocketMessageFlags } from '../../src/System.Net.WebSockets/WebSocketMessageFlags.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { headers } from '../helpers/handshake.js';
import { receiveMessage } from '../helpers/messages.js';
import { appServer, closePayload, closeWirePeers, clientRole, encodeFrame, MessageInflater, Opcode, streamRole } from '../helpers/wire.js';
import type { RoleOptions, WireFrame, WirePeer } from '../helpers/wire.js';

const None = CancellationToken.None;
afterEach(closeWirePeers);

const text = (s: string) => Buffer.from(s, 'utf8');
/** Compressible, and long enough that deflate must be seen to work. */
const sample = (n: number) =>
  Buffer.from(
    Array.from({ length: n }, (_, i) => `line ${i % 97} of the sample;`)
      .join(' ')
      .slice(0, n),
  );

/** The roles where compression is negotiated in the handshake, each with compression on. */
const negotiated: Record<string, () => Promise<WirePeer>> = {
  'server (WebApplication, DangerousEnableCompression)': () =>
    appServer({ compression: new WebSocketDeflateOptions(), offerExtensions: 'permessage-deflate; client_max_window_bits' }),
  'ClientWebSocket (DangerousDeflateOptions)': () =>
    clientRole({ compression: new WebSocketDeflateOptions(), answerExtensions: 'permessage-deflate' }),
};

/** Expects `frames` to be one compressed message of `opcode` and returns its inflated data. */
async function compressedMessage(c: WirePeer, frames: WireFrame[], opcode: number, inflater: MessageInflater): Promise<Buffer> {
  expect(frames.map((f) => [f.opcode, f.fin, f.rsv1, f.rsv2, f.rsv3])).toEqual(
    frames.map((_, i) => [i === 0 ? opcode : Opcode.Continuation, i === frames.length - 1, i === 0, false, false]),
  );
  for (const f of frames) expect(f.masked).toBe(!c.peerMasks);
  return inflater.inflate(frames.map((f) => f.payload));
}

describe.each(Object.keys(negotiated))('%s, compression negotiated', (role) => {
  it('agrees on permessage-deflate in the handshake', async () => {
    const c = await negotiated[role]!();
    const request = headers(c.request).get('sec-websocket-extensions');
    const response = headers(c.response).get('sec-websocket-extensions');
    if (role.startsWith('ClientWebSocket')) {
      // .NET 10's offer for default WebSocketDeflateOptions, word for word.
      expect(request).toBe('permessage-deflate; client_max_window_bits');
    } else {
      expect(response?.split(';')[0]?.trim()).toBe('permessage-deflate');
    }
  });

  it('sends a message as one frame with RSV1 set whose payload inflates to the data', async () => {
    const c = await negotiated[role]!();
    const data = sample(3000);
    await c.ws.SendAsync(data, WebSocketMessageType.Text, true, None);
    const { frames } = await c.wire.message();
    const inflater = new MessageInflater();
    expect((await compressedMessage(c, frames, Opcode.Text, inflater)).toString()).toBe(data.toString());
    expect(frames[0]!.payload.length).toBeLessThan(data.length / 4);
    inflater.close();
  });

  it('keeps its deflate context from message to message: each inflates in turn on one stream', async () => {
    const c = await negotiated[role]!();
    const inflater = new MessageInflater();
    const messages = [sample(500), sample(500), text('hello hello hello hello'), text('hello hello hello hello')];
    for (const m of messages) await c.ws.SendAsync(m, WebSocketMessageType.Binary, true, None);
    const seen: string[] = [];
    for (let i = 0; i < messages.length; i++) {
      const { frames } = await c.wire.message();
      seen.push((await compressedMessage(c, frames, Opcode.Binary, inflater)).toString());
    }
    expect(seen).toEqual(messages.map((m) => m.toString()));
    inflater.close();
  });

  it('sets RSV1 on the first frame of a fragmented message only; the fragments inflate together', async () => {
    const c = await negotiated[role]!();
    const first = sample(1000);
    const second = text('and the end of it');
    await c.ws.SendAsync(first, WebSocketMessageType.Binary, false, None);
    // The type of a continuation is ignored (docs/behaviour.md#fragmented-send).
    await c.ws.SendAsync(second, WebSocketMessageType.Text, true, None);
    const { frames } = await c.wire.message();
    expect(frames).toHaveLength(2);
    const inflater = new MessageInflater();
    expect((await compressedMessage(c, frames, Opcode.Binary, inflater)).toString()).toBe(first.toString() + second.toString());
    inflater.close();
  });

  it('sends a message flagged DisableCompression as it is, RSV1 clear, and compresses the next one again', async () => {
    const c = await negotiated[role]!();
    const inflater = new MessageInflater();
    await c.ws.SendAsync(text('squeezed squeezed squeezed'), WebSocketMessageType.Text, true, None);
    await c.ws.SendAsync(
      text('plain'),
      WebSocketMessageType.Text,
      WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression,
      None,
    );
    await c.ws.SendAsync(text('squeezed squeezed squeezed'), WebSocketMessageType.Text, true, None);
    const one = await c.wire.message();
    const two = await c.wire.message();
    const three = await c.wire.message();
    expect((await compressedMessage(c, one.frames, Opcode.Text, inflater)).toString()).toBe('squeezed squeezed squeezed');
    expect(two.frames.map((f) => [f.opcode, f.fin, f.rsv1, f.payload.toString()])).toEqual([[Opcode.Text, true, false, 'plain']]);
    expect((await compressedMessage(c, three.frames, Opcode.Text, inflater)).toString()).toBe('squeezed squeezed squeezed');
    inflater.close();
  });

  it('keeps DisableCompression for every fragment of an uncompressed fragmented message', async () => {
    const c = await negotiated[role]!();
    const flags = WebSocketMessageFlags.DisableCompression;
    await c.ws.SendAsync(text('ab'), WebSocketMessageType.Text, flags, None);
    await c.ws.SendAsync(text('cd'), WebSocketMessageType.Text, flags | WebSocketMessageFlags.EndOfMessage, None);
    const { frames } = await c.wire.message();
    expect(frames.map((f) => [f.opcode, f.fin, f.rsv1, f.payload.toString()])).toEqual([
      [Opcode.Text, false, false, 'ab'],
      [Opcode.Continuation, true, false, 'cd'],
    ]);
  });

  it('compresses an empty message too: RSV1 set, inflating to nothing', async () => {
    const c = await negotiated[role]!();
    await c.ws.SendAsync(new Uint8Array(0), WebSocketMessageType.Text, true, None);
    const { frames } = await c.wire.message();
    const inflater = new MessageInflater();
    expect(await compressedMessage(c, frames, Opcode.Text, inflater)).toEqual(Buffer.alloc(0));
    inflater.close();
  });

  it('never compresses control frames: the pong and the close frame have RSV1 clear', async () => {
    const c = await negotiated[role]!();
    // As on .NET, a ping is answered while a receive is pending (this one ends with the close below).
    const pending = c.ws.ReceiveAsync(new Uint8Array(16), None).catch((e: unknown) => e);
    await c.write(encodeFrame(Opcode.Ping, 'are you there', { mask: c.peerMasks }));
    const pong = await c.wire.next();
    expect([pong!.opcode, pong!.rsv1, pong!.payload.toString()]).toEqual([Opcode.Pong, false, 'are you there']);
    await c.ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'done done done done', None);
    const close = await c.wire.next();
    expect([close!.opcode, close!.rsv1, close!.payload]).toEqual([Opcode.Close, false, closePayload(1000, 'done done done done')]);
    c.ws.Abort();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('reads a compressed message from the peer', async () => {
    const c = await negotiated[role]!();
    // "Hello" deflated, its 00 00 FF FF removed (the example of RFC 7692 §7.2.3.1).
    await c.write(encodeFrame(Opcode.Text, Buffer.from([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]), { rsv1: true, mask: c.peerMasks }));
    const m = await receiveMessage(c.ws);
    expect([m.type, m.data.toString()]).toEqual([WebSocketMessageType.Text, 'Hello']);
  });
});

/** Roles where compression is asked for on one side only, or not at all: nothing may be compressed. */
const uncompressed: Record<string, (o?: RoleOptions) => Promise<WirePeer>> = {
  'server (WebApplication), compression not enabled, the client offering it': () =>
    appServer({ offerExtensions: 'permessage-deflate; client_max_window_bits' }),
  'server (WebApplication), compression enabled, the client not offering it': () =>
    appServer({ compression: new WebSocketDeflateOptions() }),
  'ClientWebSocket offering compression, the server not accepting it': () => clientRole({ compression: new WebSocketDeflateOptions() }),
  'ClientWebSocket without DangerousDeflateOptions': () => clientRole(),
  'server (CreateFromStream) without DangerousDeflateOptions': () => streamRole(true),
  'client (CreateFromStream) without DangerousDeflateOptions': () => streamRole(false),
};

describe.each(Object.keys(uncompressed))('%s', (role) => {
  it('sends every message as it is, RSV1 clear, and answers without the extension', async () => {
    const c = await uncompressed[role]!();
    if (c.response !== '') expect(headers(c.response).has('sec-websocket-extensions')).toBe(false);
    await c.ws.SendAsync(sample(2000), WebSocketMessageType.Text, true, None);
    await c.ws.SendAsync(
      text('flagged'),
      WebSocketMessageType.Binary,
      WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression,
      None,
    );
    const frames = await c.wire.take(2);
    expect(frames.map((f) => [f.opcode, f.fin, f.rsv1, f.rsv2, f.rsv3, f.masked])).toEqual([
      [Opcode.Text, true, false, false, false, !c.peerMasks],
      [Opcode.Binary, true, false, false, false, !c.peerMasks],
    ]);
    expect(frames[0]!.payload).toEqual(sample(2000));
    expect(frames[1]!.payload.toString()).toBe('flagged');
  });
});

// As .NET does, a bare stream compresses when DangerousDeflateOptions says so: there is no handshake, so
// both ends take the options as agreed.
describe.each([
  ['server', true],
  ['client', false],
] as const)('%s (CreateFromStream) with DangerousDeflateOptions', (_name, isServer) => {
  it('sends the message compressed: RSV1 set, the payload inflating to the data', async () => {
    const c = await streamRole(isServer, { compression: new WebSocketDeflateOptions() });
    await c.ws.SendAsync(sample(500), WebSocketMessageType.Text, true, None);
    const f = (await c.wire.next())!;
    expect([f.opcode, f.fin, f.rsv1]).toEqual([Opcode.Text, true, true]);
    expect(inflateRawSync(Buffer.concat([f.payload, Buffer.from([0, 0, 0xff, 0xff])]), { finishFlush: constants.Z_SYNC_FLUSH })).toEqual(
      sample(500),
    );
  });
});
