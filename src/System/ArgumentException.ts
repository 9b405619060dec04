/**
 * System.ArgumentException: an argument was not valid.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.argumentexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/**
 * Thrown when an argument is not valid. As on .NET, when {@link ArgumentException.ParamName} is set the
 * message ends with ` (Parameter 'name')`.
 *
 * @example
 * throw new ArgumentException(SR.net_WebSockets_InvalidEmptySubProtocol, 'subProtocol');
 */
export class ArgumentException extends SystemException {
  /** The name of the offending parameter, or `null`. */
  readonly #paramName: string | null;

  /** @param message The message; omitted → "Value does not fall within the expected range." */
  constructor(message?: string | null);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  /** (message, paramName, innerException?) */
  constructor(message: string | null | undefined, paramName: string | null | undefined, innerException?: Error | null);
  constructor(message?: string | null, paramNameOrInner?: string | Error | null, innerException?: Error | null) {
    let paramName: string | null = null;
    if (isError(paramNameOrInner)) innerException = paramNameOrInner;
    else paramName = paramNameOrInner ?? null;
    super(ArgumentException.withParamName(resolveMessage(message, SR.Arg_ArgumentException, new.target), paramName), innerException);
    this.#paramName = paramName;
  }

  /** The name of the parameter that caused this exception, or `null`. */
  get ParamName(): string | null {
    return this.#paramName;
  }

  /** Appends .NET's " (Parameter 'name')" suffix when a parameter name is given. */
  protected static withParamName(message: string, paramName: string | null): string {
    return paramName ? `${message} ${SR.Format(SR.Arg_ParamName_Name, paramName)}` : message;
  }
}

defineExceptionType(ArgumentException, 'System.ArgumentException', -2147024809);
