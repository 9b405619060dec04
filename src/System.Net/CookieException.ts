/**
 * System.Net.CookieException: a cookie name, value or attribute is invalid.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.cookieexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { FormatException } from '../System/FormatException.js';

/** Thrown when a {@link Cookie} is given an invalid part, or a Set-Cookie header cannot be parsed. */
export class CookieException extends FormatException {
  /**
   * @param message The message; omitted → FormatException's default.
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(message, innerException);
  }
}

defineExceptionType(CookieException, 'System.Net.CookieException', -2146233033);
