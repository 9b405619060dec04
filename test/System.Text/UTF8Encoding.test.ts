import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { DecoderFallbackException } from '../../src/System.Text/DecoderFallbackException.js';
import { EncoderFallbackException } from '../../src/System.Text/EncoderFallbackException.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import { UTF8Encoding } from '../../src/System.Text/UTF8Encoding.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

describe('UTF8Encoding', () => {
  describe('constructor', () => {
    it('has no preamble by default', () => {
      expect(new UTF8Encoding().GetPreamble().length).toBe(0);
      expect(Array.from(new UTF8Encoding(true).GetPreamble())).toEqual([0xef, 0xbb, 0xbf]);
    });

    it('is an Encoding', () => {
      expect(new UTF8Encoding()).toBeInstanceOf(Encoding);
    });
  });

  describe('#GetString with throwOnInvalidBytes', () => {
    const strict = new UTF8Encoding(false, true);

    it('decodes valid input', () => {
      expect(strict.GetString(Uint8Array.from([0xe2, 0x82, 0xac]))).toBe('€');
    });

    it('throws DecoderFallbackException naming the bytes and their index', () => {
      const error = thrown(() => strict.GetString(Uint8Array.from([0x41, 0x42, 0xc3, 0x28]), 1, 3));
      expect(error).toBeInstanceOf(DecoderFallbackException);
      expect(error).toBeInstanceOf(ArgumentException);
      expect(error.message).toBe(dotnetMessage('Argument_InvalidCodePageBytesIndex', '[C3]', 1));
      expect(error.message).toBe('Unable to translate bytes [C3] at index 1 from specified code page to Unicode.');
      expect(Array.from((error as DecoderFallbackException).BytesUnknown!)).toEqual([0xc3]);
      expect((error as DecoderFallbackException).Index).toBe(1);
    });

    it('reports the maximal subpart of a truncated sequence', () => {
      const error = thrown(() => strict.GetString(Uint8Array.from([0xf0, 0x9f, 0x98])));
      expect(error.message).toBe(dotnetMessage('Argument_InvalidCodePageBytesIndex', '[F0][9F][98]', 0));
    });

    it.each([
      [[0xed, 0xa0, 0x80], '[ED]'],
      [[0xc0, 0x80], '[C0]'],
      [[0xf4, 0x90, 0x80, 0x80], '[F4]'],
      [[0xe0, 0x80, 0x80], '[E0]'],
    ])('rejects %j, reporting %s', (input, reported) => {
      expect(thrown(() => strict.GetString(Uint8Array.from(input))).message).toBe(
        dotnetMessage('Argument_InvalidCodePageBytesIndex', reported, 0),
      );
    });
  });

  describe('#GetBytes with throwOnInvalidBytes', () => {
    const strict = new UTF8Encoding(false, true);

    it('throws EncoderFallbackException for a lone surrogate', () => {
      const error = thrown(() => strict.GetBytes('ab\ud83d'));
      expect(error).toBeInstanceOf(EncoderFallbackException);
      expect(error.message).toBe('Unable to translate Unicode character \\uD83D at index 2 to specified code page.');
      expect((error as EncoderFallbackException).CharUnknown).toBe('\ud83d');
      expect((error as EncoderFallbackException).Index).toBe(2);
    });

    it('accepts surrogate pairs', () => {
      expect(strict.GetByteCount('😀')).toBe(4);
    });

    it('throws from GetByteCount too', () => {
      expect(thrown(() => strict.GetByteCount('\udc00'))).toBeInstanceOf(EncoderFallbackException);
    });
  });

  describe('#Equals', () => {
    it('compares the preamble and error handling', () => {
      expect(new UTF8Encoding().Equals(new UTF8Encoding())).toBe(true);
      expect(new UTF8Encoding(true).Equals(Encoding.UTF8)).toBe(true);
      expect(new UTF8Encoding().Equals(Encoding.UTF8)).toBe(false);
      expect(new UTF8Encoding(false, true).Equals(new UTF8Encoding())).toBe(false);
    });
  });
});
