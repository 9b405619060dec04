/**
 * System.InvalidOperationException: the call is not valid for the object's current state.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.invalidoperationexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/**
 * Thrown when a method call is invalid in the object's current state, e.g. reading `Value` of an empty
 * `Nullable`, or `ClientWebSocket.SendAsync` before `ConnectAsync`.
 */
export class InvalidOperationException extends SystemException {
  /**
   * @param message The message; omitted → "Operation is not valid due to the current state of the object."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_InvalidOperationException, new.target), innerException);
  }
}

defineExceptionType(InvalidOperationException, 'System.InvalidOperationException', -2146233079);
