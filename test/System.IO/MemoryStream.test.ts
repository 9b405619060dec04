import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { NotSupportedException } from '../../src/System/NotSupportedException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
import { UnauthorizedAccessException } from '../../src/System/UnauthorizedAccessException.js';
import { IOException } from '../../src/System.IO/IOException.js';
import { MemoryStream } from '../../src/System.IO/MemoryStream.js';
import { SeekOrigin } from '../../src/System.IO/SeekOrigin.js';
import { StreamReader } from '../../src/System.IO/StreamReader.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
// From the namespace, as a consumer gets it: `new CancellationToken(true)` needs CancellationTokenSource loaded.
import { CancellationToken } from '../../src/System.Threading/index.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import type { WebSocketReceiveResult } from '../../src/System.Net.WebSockets/WebSocketReceiveResult.js';
import { closeAll, serverPair } from '../helpers/peers.js';

afterEach(closeAll);

const CLOSED = 'Cannot access a closed Stream.';
const OFF_LEN = `${dotnetMessage('Argument_InvalidOffLen')} (Parameter 'count')`;

describe('MemoryStream', () => {
  it('assembles a fragmented message received over a real socket, as the C# receive loop does', async () => {
    const { ws, peer } = await serverPair();
    const text = 'héllo wörld, '.repeat(40);
    const bytes = Buffer.from(text);
    peer.send(bytes.subarray(0, 100), { fin: false, binary: false });
    peer.send(bytes.subarray(100, 300), { fin: false, binary: false });
    peer.send(bytes.subarray(300), { fin: true, binary: false });
    const buffer = new ArraySegment(new Uint8Array(64));
    using ms = new MemoryStream();
    let result: WebSocketReceiveResult;
    do {
      result = await ws.ReceiveAsync(buffer, CancellationToken.None);
      ms.Write(buffer.Array, buffer.Offset, result.Count);
    } while (!result.EndOfMessage);
    expect(result.MessageType).toBe(WebSocketMessageType.Text);
    expect(ms.Length).toBe(bytes.length);
    ms.Seek(0, SeekOrigin.Begin);
    using reader = new StreamReader(ms, Encoding.UTF8);
    expect(await reader.ReadToEndAsync()).toBe(text);
  });

  it('grows as .NET does: 0, then 256, then doubling', () => {
    const ms = new MemoryStream();
    expect([ms.Capacity, ms.Length]).toEqual([0, 0]);
    ms.Write(new Uint8Array(3), 0, 3);
    expect(ms.Capacity).toBe(256);
    ms.Write(new Uint8Array(300));
    expect(ms.Capacity).toBe(512);
    ms.Write(new Uint8Array(300));
    expect(ms.Capacity).toBe(1024);
    expect(ms.GetBuffer().length).toBe(1024);
  });

  it('reads, seeks from each origin, and writes past the end with a zero-filled gap', () => {
    const ms = new MemoryStream();
    ms.Write(Uint8Array.of(1, 2, 3, 4));
    expect(ms.Seek(1, SeekOrigin.Begin)).toBe(1);
    const out = new Uint8Array(8);
    expect(ms.Read(out, 2, 2)).toBe(2);
    expect([...out.subarray(2, 4)]).toEqual([2, 3]);
    expect(ms.Seek(-1, SeekOrigin.End)).toBe(3);
    expect(ms.ReadByte()).toBe(4);
    expect(ms.ReadByte()).toBe(-1);
    expect(ms.Read(out)).toBe(0);
    expect(ms.Seek(2, SeekOrigin.Current)).toBe(6);
    expect(ms.Length).toBe(4);
    ms.WriteByte(9);
    expect([...ms.ToArray()]).toEqual([1, 2, 3, 4, 0, 0, 9]);
  });

  it('SetLength truncates (moving the position back) and extends with zeros', () => {
    const ms = new MemoryStream();
    ms.Write(Uint8Array.of(1, 2, 3, 4, 5));
    ms.SetLength(2);
    expect(ms.Position).toBe(2);
    ms.SetLength(4);
    expect([...ms.ToArray()]).toEqual([1, 2, 0, 0]);
  });

  it("throws .NET's exceptions and messages for bad arguments", () => {
    const ms = new MemoryStream();
    expect(() => (ms.Position = -1)).toThrow("value ('-1') must be a non-negative value. (Parameter 'value')\nActual value was -1.");
    expect(() => ms.Seek(-1, SeekOrigin.Begin)).toThrow(new IOException(dotnetMessage('IO_SeekBeforeBegin')));
    expect(() => ms.Seek(0, 7 as SeekOrigin)).toThrow(new ArgumentException('Invalid seek origin.'));
    expect(() => ms.SetLength(-1)).toThrow(`${dotnetMessage('ArgumentOutOfRange_StreamLength')} (Parameter 'value')`);
    ms.Write(new Uint8Array(4));
    expect(() => (ms.Capacity = 1)).toThrow("capacity was less than the current size. (Parameter 'value')");
    expect(() => ms.Write(null, 0, 1)).toThrow(new ArgumentNullException('buffer'));
    expect(() => ms.Write(new Uint8Array(3), -1, 1)).toThrow("Non-negative number required. (Parameter 'offset')");
    expect(() => ms.Write(new Uint8Array(3), 0, -1)).toThrow(OFF_LEN);
    expect(() => ms.Write(new Uint8Array(3), 2, 2)).toThrow(OFF_LEN);
    expect(() => ms.Read(new Uint8Array(3), 2, 2)).toThrow(ArgumentOutOfRangeException);
    expect(() => new MemoryStream(-1)).toThrow("capacity ('-1') must be a non-negative value.");
    expect(() => new MemoryStream(new Uint8Array(3), 0, 5)).toThrow(new ArgumentException(dotnetMessage('Argument_InvalidOffLen')));
  });

  it("over a caller's array: writes go into it, it cannot grow, GetBuffer is refused", () => {
    const bytes = new Uint8Array(4);
    const fixed = new MemoryStream(bytes);
    fixed.Write(Uint8Array.of(7, 8));
    expect([...bytes]).toEqual([7, 8, 0, 0]);
    expect(() => fixed.Write(new Uint8Array(5))).toThrow(new NotSupportedException('Memory stream is not expandable.'));
    expect(() => (fixed.Capacity = 10)).toThrow('Memory stream is not expandable.');
    expect(() => fixed.SetLength(5)).toThrow('Memory stream is not expandable.');
    expect(() => fixed.GetBuffer()).toThrow(new UnauthorizedAccessException("MemoryStream's internal buffer cannot be accessed."));
    const readOnly = new MemoryStream(bytes, false);
    expect(readOnly.CanWrite).toBe(false);
    expect(() => readOnly.Write(new Uint8Array(1))).toThrow(new NotSupportedException('Stream does not support writing.'));
    expect(() => readOnly.SetLength(1)).toThrow('Stream does not support writing.');
  });

  it('a window of an array counts from its index', () => {
    const ms = new MemoryStream(Uint8Array.of(1, 2, 3, 4, 5), 1, 3, true, true);
    expect([ms.Position, ms.Length, ms.Capacity, ms.ToArray().length]).toEqual([0, 3, 3, 3]);
    expect(ms.ReadByte()).toBe(2);
    expect(() => ms.Seek(-2, SeekOrigin.Current)).toThrow(IOException);
    expect(ms.GetBuffer().length).toBe(5);
  });

  it('after Dispose: members throw "Cannot access a closed Stream.", ToArray and GetBuffer still work', async () => {
    const ms = new MemoryStream();
    ms.Write(Uint8Array.of(1, 2, 3));
    ms.Dispose();
    for (const use of [
      () => ms.Write(new Uint8Array(1)),
      () => ms.Read(new Uint8Array(1)),
      () => ms.Position,
      () => ms.Length,
      () => ms.Capacity,
      () => ms.Seek(0, SeekOrigin.Begin),
    ]) {
      expect(use).toThrow(new ObjectDisposedException(null, CLOSED));
    }
    expect(() => ms.SetLength(1)).toThrow(new NotSupportedException('Stream does not support writing.'));
    expect([...ms.ToArray()]).toEqual([1, 2, 3]);
    expect(ms.GetBuffer().length).toBe(256);
    expect([ms.CanRead, ms.CanSeek, ms.CanWrite]).toEqual([false, false, false]);
    ms.Flush();
    await expect(ms.WriteAsync(new Uint8Array(1), 0, 1)).rejects.toThrow(CLOSED);
    await expect(ms.ReadAsync(new Uint8Array(1))).rejects.toBeInstanceOf(ObjectDisposedException);
  });

  it('WriteAsync with a canceled token is a TaskCanceledException; CopyToAsync copies the rest', async () => {
    await expect(new MemoryStream().WriteAsync(new Uint8Array(1), 0, 1, new CancellationToken(true))).rejects.toBeInstanceOf(
      TaskCanceledException,
    );
    const source = new MemoryStream(Buffer.from('abcdef'));
    source.Position = 2;
    const target = new MemoryStream();
    await source.CopyToAsync(target, 3);
    expect(Buffer.from(target.ToArray()).toString()).toBe('cdef');
  });

  it('property: behaves as a byte array model under any sequence of writes, seeks, reads and SetLength', () => {
    type Op =
      | { kind: 'write'; bytes: number[] }
      | { kind: 'seek'; to: number }
      | { kind: 'read'; count: number }
      | { kind: 'setLength'; length: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }) }),
      fc.record({ kind: fc.constant('seek' as const), to: fc.nat(600) }),
      fc.record({ kind: fc.constant('read' as const), count: fc.nat(400) }),
      fc.record({ kind: fc.constant('setLength' as const), length: fc.nat(600) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const ms = new MemoryStream();
        let model: number[] = [];
        let position = 0;
        for (const o of ops) {
          if (o.kind === 'write') {
            ms.Write(Uint8Array.from(o.bytes), 0, o.bytes.length);
            // As .NET: even an empty write at a position past the end extends the stream to it.
            while (model.length < position) model.push(0);
            model.splice(position, o.bytes.length, ...o.bytes);
            position += o.bytes.length;
          } else if (o.kind === 'seek') {
            expect(ms.Seek(o.to, SeekOrigin.Begin)).toBe(o.to);
            position = o.to;
          } else if (o.kind === 'read') {
            const out = new Uint8Array(o.count);
            const n = ms.Read(out, 0, o.count);
            const expected = model.slice(position, position + o.count);
            expect([...out.subarray(0, n)]).toEqual(expected);
            position += expected.length;
          } else {
            ms.SetLength(o.length);
            model = model.slice(0, o.length);
            while (model.length < o.length) model.push(0);
            position = Math.min(position, o.length);
          }
          expect(ms.Position).toBe(position);
          expect(ms.Length).toBe(model.length);
        }
        expect([...ms.ToArray()]).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});
