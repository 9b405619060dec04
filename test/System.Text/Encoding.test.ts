import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { UTF8Encoding } from '../../src/System.Text/UTF8Encoding.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

const bytes = (...values: number[]) => new Uint8Array(values);

describe('Encoding', () => {
  describe('.UTF8', () => {
    it('is one shared UTF8Encoding with code page 65001', () => {
      expect(Encoding.UTF8).toBe(Encoding.UTF8);
      expect(Encoding.UTF8).toBeInstanceOf(UTF8Encoding);
      expect(Encoding.UTF8.CodePage).toBe(65001);
      expect(Encoding.UTF8.WebName).toBe('utf-8');
      expect(Encoding.UTF8.EncodingName).toBe('Unicode (UTF-8)');
    });

    it('has the BOM as its preamble, while Encoding.Default has none', () => {
      expect(Array.from(Encoding.UTF8.GetPreamble())).toEqual([0xef, 0xbb, 0xbf]);
      expect(Encoding.Default.GetPreamble().length).toBe(0);
    });
  });

  describe('#GetBytes', () => {
    it('encodes UTF-8 without a BOM', () => {
      expect(Array.from(Encoding.UTF8.GetBytes('Aé€😀'))).toEqual([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    });

    it('returns a Uint8Array', () => {
      expect(Encoding.UTF8.GetBytes('x')).toBeInstanceOf(Uint8Array);
    });

    it('encodes a lone surrogate as U+FFFD (EF BF BD)', () => {
      expect(Array.from(Encoding.UTF8.GetBytes('a\ud800b'))).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
    });

    it('throws ArgumentNullException("s") for null', () => {
      const error = thrown(() => Encoding.UTF8.GetBytes(null as unknown as string));
      expect(error).toBeInstanceOf(ArgumentNullException);
      expect(error.message).toBe(`${dotnetMessage('ArgumentNull_String')} (Parameter 's')`);
    });
  });

  describe('#GetByteCount', () => {
    it.each([
      ['', 0],
      ['abc', 3],
      ['é', 2],
      ['€', 3],
      ['😀', 4],
      ['\ud800', 3],
    ])('counts %j as %i bytes', (text, count) => {
      expect(Encoding.UTF8.GetByteCount(text)).toBe(count);
    });

    it('throws ArgumentNullException("chars") for null', () => {
      expect(thrown(() => Encoding.UTF8.GetByteCount(null as unknown as string)).message).toBe(
        `${dotnetMessage('ArgumentNull_Generic')} (Parameter 'chars')`,
      );
    });
  });

  describe('#GetString', () => {
    it('decodes a whole array', () => {
      expect(Encoding.UTF8.GetString(bytes(0x48, 0x69))).toBe('Hi');
    });

    it("decodes a range (the seed's GetString(buffer, 0, receiveResult.Count))", () => {
      const buffer = new Uint8Array(1024 * 4);
      buffer.set(Encoding.UTF8.GetBytes('hello'));
      expect(Encoding.UTF8.GetString(buffer, 0, 5)).toBe('hello');
      expect(Encoding.UTF8.GetString(buffer, 1, 3)).toBe('ell');
      expect(Encoding.UTF8.GetString(buffer, 4096, 0)).toBe('');
    });

    it('decodes a subarray view and a Buffer', () => {
      const whole = bytes(0x00, 0x61, 0x62, 0x00);
      expect(Encoding.UTF8.GetString(whole.subarray(1, 3))).toBe('ab');
      expect(Encoding.UTF8.GetString(Buffer.from('xyz'), 1, 2)).toBe('yz');
    });

    it('keeps a BOM as U+FEFF, as .NET does', () => {
      expect(Encoding.UTF8.GetString(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    });

    it.each([
      ['a lead byte without its continuation', [0xc3, 0x28], '\ufffd('],
      ['a truncated 3-byte sequence (one U+FFFD for the maximal subpart)', [0xe2, 0x82], '\ufffd'],
      ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98], '\ufffd'],
      ['an encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
      ['an overlong encoding (C0 80)', [0xc0, 0x80], '\ufffd\ufffd'],
      ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
      ['0xFF', [0xff], '\ufffd'],
      ['a stray continuation byte', [0x41, 0x80, 0x42], 'A\ufffdB'],
    ])('replaces %s with U+FFFD as .NET does', (_, input, expected) => {
      expect(Encoding.UTF8.GetString(Uint8Array.from(input))).toBe(expected);
    });

    it.each([
      [
        'null bytes',
        () => Encoding.UTF8.GetString(null as unknown as Uint8Array),
        ArgumentNullException,
        `${dotnetMessage('ArgumentNull_Array')} (Parameter 'bytes')`,
      ],
      [
        'null bytes with a range',
        () => Encoding.UTF8.GetString(null as unknown as Uint8Array, 0, 0),
        ArgumentNullException,
        `${dotnetMessage('ArgumentNull_Array')} (Parameter 'bytes')`,
      ],
      [
        'a negative index',
        () => Encoding.UTF8.GetString(bytes(1, 2), -1, 1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'index')`,
      ],
      [
        'a negative count',
        () => Encoding.UTF8.GetString(bytes(1, 2), 0, -1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'count')`,
      ],
      [
        'both negative (index first)',
        () => Encoding.UTF8.GetString(bytes(1, 2), -1, -1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'index')`,
      ],
      [
        'a range past the end',
        () => Encoding.UTF8.GetString(bytes(1, 2), 1, 2),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_IndexCountBuffer')} (Parameter 'bytes')`,
      ],
      [
        'an index past the end',
        () => Encoding.UTF8.GetString(bytes(1, 2), 3, 0),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_IndexCountBuffer')} (Parameter 'bytes')`,
      ],
    ])("rejects %s with .NET's exception", (_, action, type, message) => {
      const error = thrown(action);
      expect(error.constructor).toBe(type);
      expect(error.message).toBe(message);
    });
  });

  describe('#GetMaxByteCount', () => {
    it('is (n + 1) * 3', () => {
      expect(Encoding.UTF8.GetMaxByteCount(0)).toBe(3);
      expect(Encoding.UTF8.GetMaxByteCount(10)).toBe(33);
    });

    it('throws ArgumentOutOfRangeException for a negative count', () => {
      expect(thrown(() => Encoding.UTF8.GetMaxByteCount(-1)).message).toBe(
        "charCount ('-1') must be a non-negative value. (Parameter 'charCount')\nActual value was -1.",
      );
    });

    it('throws ArgumentOutOfRangeException when the result exceeds int.MaxValue', () => {
      expect(thrown(() => Encoding.UTF8.GetMaxByteCount(0x7fffffff)).message).toBe(
        `${dotnetMessage('ArgumentOutOfRange_GetByteCountOverflow')} (Parameter 'charCount')`,
      );
    });
  });

  describe('#GetMaxCharCount', () => {
    it('is n + 1', () => {
      expect(Encoding.UTF8.GetMaxCharCount(4)).toBe(5);
    });

    it('throws ArgumentOutOfRangeException when the result exceeds int.MaxValue', () => {
      expect(thrown(() => Encoding.UTF8.GetMaxCharCount(0x7fffffff))).toBeInstanceOf(ArgumentOutOfRangeException);
    });
  });
});
