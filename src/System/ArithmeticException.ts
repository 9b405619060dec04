/**
 * System.ArithmeticException: an arithmetic, casting or conversion error.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.arithmeticexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/** Base class of {@link OverflowException}. */
export class ArithmeticException extends SystemException {
  /**
   * @param message The message; omitted → "Overflow or underflow in the arithmetic operation."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_ArithmeticException, new.target), innerException);
  }
}

defineExceptionType(ArithmeticException, 'System.ArithmeticException', -2147024362);
