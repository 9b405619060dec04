/**
 * System.Text.Encoding: converts between strings and bytes. Also declares System.Text.UTF8Encoding.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.text.encoding
 * @see https://learn.microsoft.com/dotnet/api/system.text.utf8encoding
 */
import { isUtf8 } from 'node:buffer';
import { SR } from '../Resources/SR.js';
import { findInvalidUtf8 } from '../runtime/utf8.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { DecoderFallbackException } from './DecoderFallbackException.js';
import { EncoderFallbackException } from './EncoderFallbackException.js';

/** .NET caps byte and char counts at int.MaxValue. */
const INT_MAX = 0x7fffffff;
const UTF8_PREAMBLE = [0xef, 0xbb, 0xbf] as const;

/**
 * A character encoding. dotnet-ws provides UTF-8, the one WebSockets use: {@link Encoding.UTF8}.
 *
 * @example
 * const bytes = Encoding.UTF8.GetBytes('Hello');
 * const text = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
 */
export abstract class Encoding {
  /** The code page number (65001 for UTF-8). */
  abstract get CodePage(): number;
  /** The IANA name (e.g. "utf-8"). */
  abstract get WebName(): string;
  /** The human-readable name (e.g. "Unicode (UTF-8)"). */
  abstract get EncodingName(): string;

  /** Encodes `s`. */
  abstract GetBytes(s: string): Uint8Array;
  /** The number of bytes {@link Encoding.GetBytes} produces for `s`. */
  abstract GetByteCount(s: string): number;
  /** Decodes all of `bytes`. */
  abstract GetString(bytes: Uint8Array): string;
  /** Decodes `count` bytes of `bytes` from `index`. */
  abstract GetString(bytes: Uint8Array, index: number, count: number): string;
  /** The largest byte count `charCount` UTF-16 code units can encode to. */
  abstract GetMaxByteCount(charCount: number): number;
  /** The largest number of UTF-16 code units `byteCount` bytes can decode to. */
  abstract GetMaxCharCount(byteCount: number): number;
  /** The byte order mark this encoding writes at the start of a file (may be empty). */
  abstract GetPreamble(): Uint8Array;

  /**
   * UTF-8 that replaces invalid bytes with U+FFFD and whose preamble is the UTF-8 BOM (as .NET's
   * `Encoding.UTF8`). `GetBytes` never writes the BOM.
   */
  static get UTF8(): Encoding {
    return utf8WithBom;
  }

  /** UTF-8 without a preamble: .NET (Core)'s `Encoding.Default`. */
  static get Default(): Encoding {
    return utf8NoBom;
  }

  /**
   * US-ASCII (7 bits), as .NET's `Encoding.ASCII`: a character above U+007F encodes as "?" (0x3F) and a
   * byte above 0x7F decodes as "?".
   */
  static get ASCII(): Encoding {
    return ascii;
  }
}

/**
 * UTF-8, optionally with a BOM preamble and strict (throwing) error handling. Declared in Encoding.ts
 * because `Encoding.UTF8` constructs one while this module is evaluated; UTF8Encoding.ts re-exports it.
 *
 * @example
 * const strict = new UTF8Encoding(false, true);
 * strict.GetString(new Uint8Array([0xc3, 0x28])); // throws DecoderFallbackException
 */
export class UTF8Encoding extends Encoding {
  readonly #emitIdentifier: boolean;
  readonly #throwOnInvalid: boolean;

  /**
   * @param encoderShouldEmitUTF8Identifier true: {@link UTF8Encoding.GetPreamble} returns the BOM.
   * @param throwOnInvalidBytes true: invalid input throws instead of being replaced with U+FFFD.
   */
  constructor(encoderShouldEmitUTF8Identifier = false, throwOnInvalidBytes = false) {
    super();
    this.#emitIdentifier = encoderShouldEmitUTF8Identifier;
    this.#throwOnInvalid = throwOnInvalidBytes;
  }

  override get CodePage(): number {
    return 65001;
  }

  override get WebName(): string {
    return 'utf-8';
  }

  override get EncodingName(): string {
    return 'Unicode (UTF-8)';
  }

  /**
   * Encodes `s` as UTF-8 (a lone surrogate becomes EF BF BD, U+FFFD). The result is a Buffer.
   *
   * @throws {ArgumentNullException} `s` is null ("s").
   * @throws {EncoderFallbackException} Strict mode and `s` contains a lone surrogate.
   */
  override GetBytes(s: string): Uint8Array {
    if (s == null) throw new ArgumentNullException('s', SR.ArgumentNull_String);
    if (this.#throwOnInvalid) this.#checkWellFormed(s);
    return Buffer.from(s, 'utf8');
  }

  /**
   * The number of UTF-8 bytes in `chars`.
   *
   * @throws {ArgumentNullException} `chars` is null ("chars").
   * @throws {EncoderFallbackException} Strict mode and `chars` contains a lone surrogate.
   */
  override GetByteCount(chars: string): number {
    if (chars == null) throw new ArgumentNullException('chars');
    if (this.#throwOnInvalid) this.#checkWellFormed(chars);
    return Buffer.byteLength(chars, 'utf8');
  }

  /**
   * Decodes UTF-8: all of `bytes`, or `count` bytes from `index`. Each ill-formed sequence (its maximal
   * subpart, Unicode §3.9) becomes one U+FFFD, as in .NET (Core); a BOM is kept as U+FEFF.
   *
   * @throws {ArgumentNullException} `bytes` is null ("bytes", "Array cannot be null.").
   * @throws {ArgumentOutOfRangeException} `index` or `count` is negative ("index"/"count", "Non-negative
   * number required."), or they run past the end ("bytes", "Index and count must refer to a location within
   * the buffer.").
   * @throws {DecoderFallbackException} Strict mode and the bytes are not valid UTF-8.
   * @example
   * const text = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
   */
  override GetString(bytes: Uint8Array): string;
  override GetString(bytes: Uint8Array, index: number, count: number): string;
  override GetString(bytes: Uint8Array, index?: number, count?: number): string {
    if (bytes == null) throw new ArgumentNullException('bytes', SR.ArgumentNull_Array);
    if (index === undefined && count === undefined) {
      index = 0;
      count = bytes.length;
    } else {
      const badIndex = !isNonNegativeInt(index);
      if (badIndex || !isNonNegativeInt(count)) {
        throw new ArgumentOutOfRangeException(badIndex ? 'index' : 'count', SR.ArgumentOutOfRange_NeedNonNegNum);
      }
      if (bytes.length - index! < count!) throw new ArgumentOutOfRangeException('bytes', SR.ArgumentOutOfRange_IndexCountBuffer);
    }
    if (count === 0) return '';
    const start = index!;
    const end = start + count!;
    if (this.#throwOnInvalid) this.#checkUtf8(bytes, start, end);
    if (Buffer.isBuffer(bytes)) return bytes.toString('utf8', start, end);
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  }

  /**
   * `(charCount + 1) * 3`: the worst case, a pending high surrogate that falls back to U+FFFD.
   *
   * @throws {ArgumentOutOfRangeException} `charCount` is negative, or the result exceeds int.MaxValue ("charCount").
   */
  override GetMaxByteCount(charCount: number): number {
    ArgumentOutOfRangeException.ThrowIfNegative(charCount, 'charCount');
    const max = (charCount + 1) * 3;
    if (max > INT_MAX) throw new ArgumentOutOfRangeException('charCount', SR.ArgumentOutOfRange_GetByteCountOverflow);
    return max;
  }

  /**
   * `byteCount + 1`.
   *
   * @throws {ArgumentOutOfRangeException} `byteCount` is negative, or the result exceeds int.MaxValue ("byteCount").
   */
  override GetMaxCharCount(byteCount: number): number {
    ArgumentOutOfRangeException.ThrowIfNegative(byteCount, 'byteCount');
    const max = byteCount + 1;
    if (max > INT_MAX) throw new ArgumentOutOfRangeException('byteCount', SR.ArgumentOutOfRange_GetCharCountOverflow);
    return max;
  }

  /** EF BB BF when constructed with `encoderShouldEmitUTF8Identifier`, else empty (a new array each call). */
  override GetPreamble(): Uint8Array {
    return this.#emitIdentifier ? Uint8Array.from(UTF8_PREAMBLE) : new Uint8Array(0);
  }

  /** True for a UTF8Encoding with the same preamble and error handling. */
  Equals(value: unknown): boolean {
    return (
      value instanceof UTF8Encoding && value.#emitIdentifier === this.#emitIdentifier && value.#throwOnInvalid === this.#throwOnInvalid
    );
  }

  #checkUtf8(bytes: Uint8Array, start: number, end: number): void {
    if (isUtf8(bytes.subarray(start, end))) return;
    const bad = findInvalidUtf8(bytes, start, end)!;
    const unknown = bytes.slice(bad.index, bad.index + bad.length);
    let text = '';
    for (let i = 0; i < unknown.length && i < 20; i++) text += `[${unknown[i]!.toString(16).toUpperCase().padStart(2, '0')}]`;
    if (unknown.length > 20) text += ' ...';
    const index = bad.index - start;
    throw new DecoderFallbackException(SR.Format(SR.Argument_InvalidCodePageBytesIndex, text, index), unknown, index);
  }

  #checkWellFormed(s: string): void {
    if ((s as string & { isWellFormed(): boolean }).isWellFormed()) return;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      } else if (c < 0xdc00 || c > 0xdfff) {
        continue;
      }
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      throw new EncoderFallbackException(SR.Format(SR.Argument_InvalidCodePageConversionIndex, hex, i), s[i], i);
    }
  }
}

function isNonNegativeInt(value: number | undefined): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** US-ASCII with .NET's replacement fallbacks ("?" both ways). */
export class ASCIIEncoding extends Encoding {
  override get CodePage(): number {
    return 20127;
  }

  override get WebName(): string {
    return 'us-ascii';
  }

  override get EncodingName(): string {
    return 'US-ASCII';
  }

  override GetBytes(s: string): Uint8Array {
    if (s == null) throw new ArgumentNullException('s', SR.ArgumentNull_String);
    const bytes = Buffer.alloc(s.length);
    // A surrogate pair is one character to the fallback: one "?", as .NET writes for "€" or "😀".
    let n = 0;
    for (const ch of s) bytes[n++] = ch.length === 1 && ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f;
    return bytes.subarray(0, n);
  }

  override GetByteCount(chars: string): number {
    if (chars == null) throw new ArgumentNullException('chars');
    return [...chars].length;
  }

  override GetString(bytes: Uint8Array): string;
  override GetString(bytes: Uint8Array, index: number, count: number): string;
  override GetString(bytes: Uint8Array, index = 0, count?: number): string {
    if (bytes == null) throw new ArgumentNullException('bytes', SR.ArgumentNull_Array);
    count ??= bytes.length - index;
    const badIndex = !isNonNegativeInt(index);
    if (badIndex || !isNonNegativeInt(count)) {
      throw new ArgumentOutOfRangeException(badIndex ? 'index' : 'count', SR.ArgumentOutOfRange_NeedNonNegNum);
    }
    if (bytes.length - index < count) throw new ArgumentOutOfRangeException('bytes', SR.ArgumentOutOfRange_IndexCountBuffer);
    let text = '';
    for (let i = index; i < index + count; i++) text += bytes[i]! < 0x80 ? String.fromCharCode(bytes[i]!) : '?';
    return text;
  }

  override GetMaxByteCount(charCount: number): number {
    ArgumentOutOfRangeException.ThrowIfNegative(charCount, 'charCount');
    return charCount + 1;
  }

  override GetMaxCharCount(byteCount: number): number {
    ArgumentOutOfRangeException.ThrowIfNegative(byteCount, 'byteCount');
    return byteCount;
  }

  override GetPreamble(): Uint8Array {
    return new Uint8Array(0);
  }
}

const ascii = Object.freeze(new ASCIIEncoding());
const utf8WithBom = Object.freeze(new UTF8Encoding(true));
const utf8NoBom = Object.freeze(new UTF8Encoding(false));
