/**
 * System.FormatException: an argument's format is invalid (base of UriFormatException and CookieException).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.formatexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/** Thrown when the format of an argument is invalid. */
export class FormatException extends SystemException {
  /**
   * @param message The message; omitted → "One of the identified items was in an invalid format."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_FormatException, new.target), innerException);
  }
}

defineExceptionType(FormatException, 'System.FormatException', -2146233033);
