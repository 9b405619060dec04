/**
 * System.Text.DecoderFallbackException: bytes could not be decoded (strict decoding only).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.text.decoderfallbackexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { ArgumentException } from '../System/ArgumentException.js';

/**
 * Thrown by an encoding created with `throwOnInvalidBytes: true` (e.g. `new UTF8Encoding(false, true)`)
 * when the input is not valid, with the offending bytes and their position.
 */
export class DecoderFallbackException extends ArgumentException {
  readonly #bytesUnknown: Uint8Array | null;
  readonly #index: number;

  /**
   * @param message The message; omitted → "Value does not fall within the expected range."
   * @param bytesUnknown The bytes that could not be decoded.
   * @param index Their position in the input.
   */
  constructor(message?: string | null, bytesUnknown?: Uint8Array | null, index = 0) {
    super(message);
    this.#bytesUnknown = bytesUnknown ?? null;
    this.#index = index;
  }

  /** The bytes that could not be decoded, or `null`. */
  get BytesUnknown(): Uint8Array | null {
    return this.#bytesUnknown;
  }

  /** The position of {@link DecoderFallbackException.BytesUnknown} in the input. */
  get Index(): number {
    return this.#index;
  }
}

defineExceptionType(DecoderFallbackException, 'System.Text.DecoderFallbackException', -2147024809);
