import { once } from 'node:events';
import { EOL } from 'node:os';
import type { WebSocket as WsClient } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { NotSupportedException } from '../../src/System/NotSupportedException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { SeekOrigin } from '../../src/System.IO/SeekOrigin.js';
import { StreamReader } from '../../src/System.IO/StreamReader.js';
import { StreamWriter } from '../../src/System.IO/StreamWriter.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { WebSocketStream } from '../../src/System.Net.WebSockets/WebSocketStream.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { closeAll, serverPair } from '../helpers/peers.js';

afterEach(closeAll);

/** The next message the `ws` peer receives: its text and whether it was binary. */
async function nextMessage(peer: WsClient): Promise<{ text: string; binary: boolean }> {
  const [data, binary] = (await once(peer, 'message')) as [Buffer, boolean];
  return { text: data.toString(), binary };
}

/** Collects every message the peer receives from now on. */
function messages(peer: WsClient): Array<{ text: string; binary: boolean }> {
  const got: Array<{ text: string; binary: boolean }> = [];
  peer.on('message', (data: Buffer, binary: boolean) => got.push({ text: data.toString(), binary }));
  return got;
}

const NOT_READABLE = new NotSupportedException('The base stream is not readable.');

describe('WebSocketStream', () => {
  describe('.Create', () => {
    it('each write is one message of the given type, an empty write an empty message', async () => {
      const { ws, peer } = await serverPair();
      const got = messages(peer);
      const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary);
      expect([stream.CanRead, stream.CanWrite, stream.CanSeek, stream.CanTimeout]).toEqual([true, true, false, false]);
      expect(stream.WebSocket).toBe(ws);
      await stream.WriteAsync(Buffer.from('abc'));
      await stream.WriteAsync(Buffer.from('xdex'), 1, 2);
      await stream.WriteAsync(new Uint8Array(0));
      while (got.length < 3) await once(peer, 'message');
      expect(got).toEqual([
        { text: 'abc', binary: true },
        { text: 'de', binary: true },
        { text: '', binary: true },
      ]);
    });

    it("reads run across messages and return 0 after the peer's close; then the stream is not readable", async () => {
      const { ws, peer } = await serverPair();
      const stream = WebSocketStream.Create(ws, WebSocketMessageType.Text);
      peer.send('xy');
      peer.send(Buffer.from('z'), { binary: true });
      peer.send(new Uint8Array(0));
      peer.close(1000, 'bye');
      const buffer = new Uint8Array(10);
      expect(await stream.ReadAsync(buffer, 0, 10)).toBe(2);
      expect(await stream.ReadAsync(buffer)).toBe(1);
      expect(await stream.ReadAsync(buffer, CancellationToken.None)).toBe(0);
      expect(ws.State).toBe(WebSocketState.CloseReceived);
      expect([stream.CanRead, stream.CanWrite]).toEqual([false, true]);
      await expect(stream.ReadAsync(buffer)).rejects.toThrow(NOT_READABLE);
    });

    it('a canceled read throws OperationCanceledException and leaves the WebSocket open', async () => {
      const { ws } = await serverPair();
      const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary);
      const error = await stream.ReadAsync(new Uint8Array(4), new CancellationToken(true)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperationCanceledException);
      expect(ws.State).toBe(WebSocketState.Open);
    });

    it('without ownership, Dispose leaves the WebSocket alone; then reads and writes throw ObjectDisposedException', async () => {
      const { ws } = await serverPair();
      const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary);
      stream.Dispose();
      expect(ws.State).toBe(WebSocketState.Open);
      expect([stream.CanRead, stream.CanWrite]).toEqual([false, false]);
      const disposed = new ObjectDisposedException('System.Net.WebSockets.WebSocketStream+ReadWriteStream');
      await expect(stream.WriteAsync(new Uint8Array(1))).rejects.toThrow(disposed);
      await expect(stream.ReadAsync(new Uint8Array(1))).rejects.toThrow(disposed);
    });

    it('an owning stream closes with NormalClosure on DisposeAsync, then disposes the WebSocket', async () => {
      const { ws, peer } = await serverPair();
      const closed = once(peer, 'close');
      await WebSocketStream.Create(ws, WebSocketMessageType.Text, true).DisposeAsync();
      const [code, reason] = (await closed) as [number, Buffer];
      expect([code, reason.toString()]).toEqual([1000, '']);
      expect(ws.State).toBe(WebSocketState.Closed);
    });

    it('the close-timeout overload owns the WebSocket too', async () => {
      const { ws, peer } = await serverPair();
      const closed = once(peer, 'close');
      await WebSocketStream.Create(ws, WebSocketMessageType.Text, TimeSpan.FromSeconds(5)).DisposeAsync();
      expect(((await closed) as [number])[0]).toBe(1000);
      expect(ws.State).toBe(WebSocketState.Closed);
    });

    it('is neither seekable nor synchronous', async () => {
      const { ws } = await serverPair();
      const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary);
      const plain = new NotSupportedException();
      expect(() => stream.Length).toThrow(plain);
      expect(() => stream.Position).toThrow(plain);
      expect(() => (stream.Position = 0)).toThrow(plain);
      expect(() => stream.Seek(0, SeekOrigin.Begin)).toThrow(plain);
      expect(() => stream.SetLength(0)).toThrow(plain);
      expect(() => stream.Read(new Uint8Array(1))).toThrow(dotnetMessage('dotnetws_WebSocketStream_SyncNotSupported'));
      expect(() => stream.Write(new Uint8Array(1))).toThrow(dotnetMessage('dotnetws_WebSocketStream_SyncNotSupported'));
      stream.Flush();
      await stream.FlushAsync();
    });

    it('validates its arguments as .NET', async () => {
      const { ws } = await serverPair();
      expect(() => WebSocketStream.Create(null as unknown as WebSocket, WebSocketMessageType.Binary)).toThrow(
        new ArgumentNullException('webSocket'),
      );
      const close = dotnetMessage('net_WebSockets_Argument_InvalidMessageType', 'Close', 'SendAsync', 'Binary', 'Text', 'CloseOutputAsync');
      expect(() => WebSocketStream.Create(ws, WebSocketMessageType.Close)).toThrow(new ArgumentException(close, 'writeMessageType'));
      expect(() => WebSocketStream.CreateWritableMessageStream(ws, 7 as WebSocketMessageType)).toThrow(close);
      expect(() => WebSocketStream.Create(ws, WebSocketMessageType.Text, TimeSpan.FromMilliseconds(-2))).toThrow(
        new ArgumentOutOfRangeException('closeTimeout', dotnetMessage('net_WebSockets_TimeoutOutOfRange')),
      );
      expect(() => WebSocketStream.CreateReadableMessageStream(null as unknown as WebSocket)).toThrow(ArgumentNullException);
    });

    it('a StreamWriter with AutoFlush sends each WriteLineAsync as one message', async () => {
      const { ws, peer } = await serverPair();
      const writer = new StreamWriter(WebSocketStream.Create(ws, WebSocketMessageType.Text));
      writer.AutoFlush = true;
      const got = messages(peer);
      await writer.WriteLineAsync('hello');
      await writer.WriteAsync('world');
      while (got.length < 2) await once(peer, 'message');
      expect(got).toEqual([
        { text: `hello${EOL}`, binary: false },
        { text: 'world', binary: false },
      ]);
    });
  });

  describe('.CreateWritableMessageStream', () => {
    it('writes are fragments of one message; DisposeAsync ends it', async () => {
      const { ws, peer } = await serverPair();
      const got = messages(peer);
      const fragments: number[] = [];
      const stream = WebSocketStream.CreateWritableMessageStream(ws, WebSocketMessageType.Text);
      expect([stream.CanRead, stream.CanWrite]).toEqual([false, true]);
      await expect(stream.ReadAsync(new Uint8Array(1))).rejects.toThrow(new NotSupportedException());
      await stream.WriteAsync(Buffer.from('ab'));
      await stream.WriteAsync(Buffer.from('cd'));
      fragments.push(got.length);
      const arrived = nextMessage(peer);
      await stream.DisposeAsync();
      expect(await arrived).toEqual({ text: 'abcd', binary: false });
      expect(fragments).toEqual([0]);
      expect(ws.State).toBe(WebSocketState.Open);
      await expect(stream.WriteAsync(new Uint8Array(1))).rejects.toThrow(
        new ObjectDisposedException('System.Net.WebSockets.WebSocketStream+WriteMessageStream'),
      );
    });
  });

  describe('.CreateReadableMessageStream', () => {
    it('reads exactly one message, then 0; the next message stays for ReceiveAsync', async () => {
      const { ws, peer } = await serverPair();
      const stream = WebSocketStream.CreateReadableMessageStream(ws);
      expect([stream.CanRead, stream.CanWrite]).toEqual([true, false]);
      await expect(stream.WriteAsync(new Uint8Array(1))).rejects.toThrow(new NotSupportedException());
      peer.send('hel', { fin: false });
      peer.send('lo', { fin: true });
      peer.send('next');
      const buffer = new Uint8Array(2);
      const counts: number[] = [];
      for (let n = await stream.ReadAsync(buffer); ; n = await stream.ReadAsync(buffer)) {
        counts.push(n);
        if (n === 0) break;
      }
      counts.push(await stream.ReadAsync(buffer));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
      expect(counts.slice(-2)).toEqual([0, 0]);
      const rest = new Uint8Array(8);
      const result = await ws.ReceiveAsync(rest);
      expect(Buffer.from(rest.subarray(0, result.Count)).toString()).toBe('next');
      await stream.DisposeAsync();
      expect(ws.State).toBe(WebSocketState.Open);
    });

    it('a StreamReader reads the message as text', async () => {
      const { ws, peer } = await serverPair();
      peer.send('línea uno\nlínea dos');
      const reader = new StreamReader(WebSocketStream.CreateReadableMessageStream(ws), Encoding.UTF8);
      expect(await reader.ReadLineAsync()).toBe('línea uno');
      expect(await reader.ReadToEndAsync()).toBe('línea dos');
    });

    it("disposing it before the message's end aborts the WebSocket", async () => {
      const { ws, peer } = await serverPair();
      peer.send('long message');
      const stream = WebSocketStream.CreateReadableMessageStream(ws);
      expect(await stream.ReadAsync(new Uint8Array(4))).toBe(4);
      stream.Dispose();
      expect(ws.State).toBe(WebSocketState.Aborted);
    });

    it('returns 0 when the peer closes instead of sending a message', async () => {
      const { ws, peer } = await serverPair();
      peer.close(1000);
      const stream = WebSocketStream.CreateReadableMessageStream(ws);
      expect(await stream.ReadAsync(new Uint8Array(4))).toBe(0);
      expect(ws.State).toBe(WebSocketState.CloseReceived);
      await expect(WebSocketStream.CreateReadableMessageStream(ws).ReadAsync(new Uint8Array(4))).rejects.toThrow(NOT_READABLE);
    });
  });
});
