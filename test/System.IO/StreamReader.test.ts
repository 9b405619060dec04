import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { MemoryStream } from '../../src/System.IO/MemoryStream.js';
import type { Stream } from '../../src/System.IO/Stream.js';
import { StreamReader } from '../../src/System.IO/StreamReader.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { UTF8Encoding } from '../../src/System.Text/UTF8Encoding.js';

const ms = (...bytes: number[]): MemoryStream => new MemoryStream(Uint8Array.from(bytes));
const text = (s: string): MemoryStream => new MemoryStream(Buffer.from(s));

describe('StreamReader', () => {
  it('ReadLine splits on \\r\\n, \\r and \\n, skips the UTF-8 BOM, and returns null at the end', () => {
    const reader = new StreamReader(ms(0xef, 0xbb, 0xbf, 0x68, 0x69, 0x0d, 0x0a, 0x78, 0x0d, 0x79, 0x0a), Encoding.UTF8);
    expect([reader.ReadLine(), reader.ReadLine(), reader.ReadLine(), reader.ReadLine()]).toEqual(['hi', 'x', 'y', null]);
    expect(reader.CurrentEncoding.WebName).toBe('utf-8');
    expect(reader.EndOfStream).toBe(true);
  });

  it("the BOM stays without detection unless the encoding's preamble is that BOM (as .NET)", () => {
    expect(new StreamReader(ms(0xef, 0xbb, 0xbf, 0x61), Encoding.UTF8, false).ReadToEnd()).toBe('a');
    expect(new StreamReader(ms(0xef, 0xbb, 0xbf, 0x61), new UTF8Encoding(false), false).ReadToEnd()).toBe('\ufeffa');
    expect(new StreamReader(ms(0xef, 0xbb, 0xbf, 0x61)).ReadToEnd()).toBe('a');
  });

  it('invalid bytes become U+FFFD; a sequence split across reads is decoded whole', () => {
    expect(new StreamReader(ms(0x61, 0xc3, 0x62)).ReadToEnd()).toBe('a\ufffdb');
    const long = 'é'.repeat(200);
    expect(new StreamReader(text(long), null, true, 129).ReadToEnd()).toBe(long);
  });

  it('Peek and Read give UTF-16 codes, -1 at the end', () => {
    const reader = new StreamReader(text('ab'));
    expect([reader.Peek(), reader.Read(), reader.Read(), reader.Read(), reader.Peek()]).toEqual([97, 97, 98, -1, -1]);
  });

  it('ReadLineAsync and ReadToEndAsync read through ReadAsync', async () => {
    const reader = new StreamReader(text('one\r\ntwo\nrest'));
    expect(await reader.ReadLineAsync()).toBe('one');
    expect(await reader.ReadLineAsync()).toBe('two');
    expect(await reader.ReadToEndAsync()).toBe('rest');
    expect(await reader.ReadLineAsync()).toBeNull();
  });

  it("Dispose disposes the stream unless leaveOpen; then reads throw .NET's ObjectDisposedException", () => {
    const stream = text('x');
    const reader = new StreamReader(stream);
    reader.Dispose();
    expect(() => stream.Position).toThrow('Cannot access a closed Stream.');
    expect(() => reader.ReadToEnd()).toThrow(new ObjectDisposedException('StreamReader', 'Cannot read from a closed TextReader.'));
    expect(() => reader.Peek()).toThrow("Cannot read from a closed TextReader.\nObject name: 'StreamReader'.");
    const kept = text('y');
    new StreamReader(kept, Encoding.UTF8, true, -1, true).Dispose();
    expect(kept.Position).toBe(0);
  });

  it('refuses a null or unreadable stream and a bad buffer size', () => {
    expect(() => new StreamReader(null as unknown as Stream)).toThrow(new ArgumentNullException('stream'));
    const closed = new MemoryStream();
    closed.Dispose();
    expect(() => new StreamReader(closed)).toThrow(new ArgumentException('Stream was not readable.'));
    expect(() => new StreamReader(text(''), null, true, 0)).toThrow("bufferSize ('0') must be a non-negative and non-zero value.");
  });

  it('property: ReadLine gives the lines of any text, whatever the buffer size', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 10 },
        ),
        fc.constantFrom('\n', '\r', '\r\n'),
        fc.integer({ min: 128, max: 300 }),
        (lines, newline, size) => {
          const reader = new StreamReader(text(lines.map((l) => l + newline).join('')), null, true, size);
          const read: string[] = [];
          for (let line = reader.ReadLine(); line !== null; line = reader.ReadLine()) read.push(line);
          expect(read).toEqual(lines);
        },
      ),
    );
  });
});
