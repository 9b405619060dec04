import { EOL } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { MemoryStream } from '../../src/System.IO/MemoryStream.js';
import { StreamReader } from '../../src/System.IO/StreamReader.js';
import { StreamWriter } from '../../src/System.IO/StreamWriter.js';
import { Encoding } from '../../src/System.Text/Encoding.js';

const hex = (ms: MemoryStream): string => Buffer.from(ms.ToArray()).toString('hex');

describe('StreamWriter', () => {
  it('buffers until Flush; the default encoding has no BOM', () => {
    const ms = new MemoryStream();
    const writer = new StreamWriter(ms);
    writer.WriteLine('hi');
    expect(ms.Length).toBe(0);
    writer.Flush();
    expect(Buffer.from(ms.ToArray()).toString()).toBe(`hi${EOL}`);
    expect(writer.Encoding.GetPreamble().length).toBe(0);
    expect(writer.AutoFlush).toBe(false);
  });

  it('Encoding.UTF8 writes its BOM first, only at the start of the stream, even for no text', () => {
    const ms = new MemoryStream();
    const writer = new StreamWriter(ms, Encoding.UTF8);
    writer.Write('hi');
    writer.Flush();
    expect(hex(ms)).toBe('efbbbf6869');
    const later = new MemoryStream();
    later.WriteByte(1);
    const second = new StreamWriter(later, Encoding.UTF8);
    second.Write('a');
    second.Flush();
    expect(hex(later)).toBe('0161');
    const empty = new MemoryStream();
    new StreamWriter(empty, Encoding.UTF8, -1, true).Dispose();
    expect(empty.Length).toBe(3);
  });

  it('AutoFlush writes through on every Write; booleans print as .NET prints them', () => {
    const ms = new MemoryStream();
    const writer = new StreamWriter(ms);
    writer.AutoFlush = true;
    writer.Write(true);
    writer.Write(42);
    writer.Write(null);
    expect(Buffer.from(ms.ToArray()).toString()).toBe('True42');
  });

  it('a full buffer goes to the stream without Flush, and a surrogate pair split at its edge survives', () => {
    const ms = new MemoryStream();
    const writer = new StreamWriter(ms, null, 3);
    writer.Write('ab\ud83d');
    writer.Write('\ude00c');
    writer.Flush();
    expect(Buffer.from(ms.ToArray()).toString()).toBe('ab😀c');
  });

  it("Dispose flushes and disposes the stream; then writes throw .NET's ObjectDisposedException", async () => {
    const ms = new MemoryStream();
    const writer = new StreamWriter(ms);
    await writer.WriteLineAsync('x');
    writer.Dispose();
    expect(() => ms.Length).toThrow('Cannot access a closed Stream.');
    expect(Buffer.from(ms.ToArray()).toString()).toBe(`x${EOL}`);
    expect(() => writer.Write('y')).toThrow(new ObjectDisposedException('StreamWriter', 'Cannot write to a closed TextWriter.'));
  });

  it('round-trips through StreamReader', async () => {
    const ms = new MemoryStream();
    const w = new StreamWriter(ms, Encoding.UTF8, -1, true);
    await w.WriteLineAsync('ünïcode');
    await w.WriteAsync('end');
    await w.DisposeAsync();
    ms.Position = 0;
    const reader = new StreamReader(ms);
    expect(reader.ReadLine()).toBe('ünïcode');
    expect(reader.ReadToEnd()).toBe('end');
  });

  it('refuses an unwritable stream and a bad buffer size', () => {
    expect(() => new StreamWriter(new MemoryStream(new Uint8Array(1), false))).toThrow(new ArgumentException('Stream was not writable.'));
    expect(() => new StreamWriter(new MemoryStream(), Encoding.UTF8, -2)).toThrow(
      "bufferSize ('-2') must be a non-negative and non-zero value. (Parameter 'bufferSize')\nActual value was -2.",
    );
  });
});
