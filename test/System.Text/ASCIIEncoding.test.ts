// Encoding.ASCII, with the values .NET 10 gives (checked with a console app on this machine).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { ASCIIEncoding } from '../../src/System.Text/ASCIIEncoding.js';

describe('Encoding.ASCII', () => {
  it('is one ASCIIEncoding, us-ascii, code page 20127', () => {
    expect(Encoding.ASCII).toBeInstanceOf(ASCIIEncoding);
    expect(Encoding.ASCII).toBe(Encoding.ASCII);
    expect([Encoding.ASCII.WebName, Encoding.ASCII.CodePage]).toEqual(['us-ascii', 20127]);
  });

  it('decodes a byte above 0x7F as "?" and encodes a character above U+007F as 0x3F, as .NET', () => {
    expect(Encoding.ASCII.GetString(Uint8Array.of(0x41, 0xc3, 0xa9, 0x7f))).toBe('A??\x7f');
    expect([...Encoding.ASCII.GetBytes('Aé\u007f€')]).toEqual([0x41, 0x3f, 0x7f, 0x3f]);
    expect(Encoding.ASCII.GetString(Uint8Array.of(0x20, 0x41, 0x42, 0x20), 1, 2)).toBe('AB');
  });

  it('round-trips ASCII text and gives one byte below 0x80 per character of any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), fc.string({ unit: 'grapheme' }), (plain, any) => {
        expect(Encoding.ASCII.GetString(Encoding.ASCII.GetBytes(plain))).toBe(plain);
        const bytes = Encoding.ASCII.GetBytes(any);
        expect(bytes.length).toBe([...any].length);
        expect(bytes.every((b) => b < 0x80)).toBe(true);
      }),
    );
  });
});
