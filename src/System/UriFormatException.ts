/**
 * System.UriFormatException: a string is not a valid URI.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.uriformatexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { FormatException } from './FormatException.js';

/** Thrown by the {@link Uri} constructor for an invalid URI, e.g. "Invalid URI: The URI is empty." */
export class UriFormatException extends FormatException {
  /**
   * @param message The message; omitted → FormatException's default.
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(message, innerException);
  }
}

defineExceptionType(UriFormatException, 'System.UriFormatException', -2146233033);
