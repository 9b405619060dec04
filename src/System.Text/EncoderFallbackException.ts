/**
 * System.Text.EncoderFallbackException: a string could not be encoded (strict encoding only).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.text.encoderfallbackexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { ArgumentException } from '../System/ArgumentException.js';

/**
 * Thrown by an encoding created with `throwOnInvalidBytes: true` when the string contains a lone
 * surrogate, with the character and its position.
 */
export class EncoderFallbackException extends ArgumentException {
  readonly #charUnknown: string;
  readonly #index: number;

  /**
   * @param message The message; omitted → "Value does not fall within the expected range."
   * @param charUnknown The character that could not be encoded.
   * @param index Its position in the string.
   */
  constructor(message?: string | null, charUnknown = '\0', index = 0) {
    super(message);
    this.#charUnknown = charUnknown;
    this.#index = index;
  }

  /** The character that could not be encoded. */
  get CharUnknown(): string {
    return this.#charUnknown;
  }

  /** The position of {@link EncoderFallbackException.CharUnknown} in the string. */
  get Index(): number {
    return this.#index;
  }
}

defineExceptionType(EncoderFallbackException, 'System.Text.EncoderFallbackException', -2147024809);
