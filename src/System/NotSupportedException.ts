/**
 * System.NotSupportedException: the method or operation is not supported.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.notsupportedexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/** Thrown when an operation is not supported, e.g. `AcceptWebSocketAsync` without `app.UseWebSockets()`. */
export class NotSupportedException extends SystemException {
  /**
   * @param message The message; omitted → "Specified method is not supported."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_NotSupportedException, new.target), innerException);
  }
}

defineExceptionType(NotSupportedException, 'System.NotSupportedException', -2146233067);
