/**
 * System.ArgumentNullException: a required argument was null.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.argumentnullexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError, resolveMessage } from '../runtime/exception-type.js';
import { ArgumentException } from './ArgumentException.js';

/**
 * Thrown when `null` (or `undefined`) is passed where a value is required. The default message is
 * "Value cannot be null." followed by ` (Parameter 'name')`.
 *
 * @example
 * ArgumentNullException.ThrowIfNull(options, 'options');
 */
export class ArgumentNullException extends ArgumentException {
  /**
   * @param paramName The parameter that was null.
   * @param message The message; omitted → "Value cannot be null."
   */
  constructor(paramName?: string | null, message?: string | null);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  constructor(paramNameOrMessage?: string | null, messageOrInner?: string | Error | null) {
    if (isError(messageOrInner)) {
      super(resolveMessage(paramNameOrMessage, SR.ArgumentNull_Generic, new.target), messageOrInner);
    } else {
      super(resolveMessage(messageOrInner, SR.ArgumentNull_Generic, new.target), paramNameOrMessage);
    }
  }

  /**
   * Throws when `argument` is `null` or `undefined`.
   *
   * @param paramName The name to report (C# fills it in with CallerArgumentExpression; here pass it).
   * @throws {ArgumentNullException} `argument` is null or undefined.
   */
  static ThrowIfNull<T>(argument: T, paramName?: string): asserts argument is NonNullable<T> {
    if (argument == null) throw new ArgumentNullException(paramName);
  }
}

defineExceptionType(ArgumentNullException, 'System.ArgumentNullException', -2147467261);
