/**
 * System.OverflowException: an arithmetic operation overflowed.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.overflowexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { ArithmeticException } from './ArithmeticException.js';

/** Thrown when a value does not fit its type, e.g. a `TimeSpan` longer than `TimeSpan.MaxValue`. */
export class OverflowException extends ArithmeticException {
  /**
   * @param message The message; omitted → "Arithmetic operation resulted in an overflow."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_OverflowException, new.target), innerException);
  }
}

defineExceptionType(OverflowException, 'System.OverflowException', -2146233066);
