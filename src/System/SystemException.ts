/**
 * System.SystemException: the base of the exceptions the runtime itself throws.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.systemexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { Exception } from './Exception.js';

/** Base class for the exceptions of the System namespace (argument, state, cancellation errors, …). */
export class SystemException extends Exception {
  /**
   * @param message The message; omitted → "System error."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_SystemException, new.target), innerException);
  }
}

defineExceptionType(SystemException, 'System.SystemException', -2146233087);
