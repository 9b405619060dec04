/**
 * System.Runtime.InteropServices.ExternalException: the base of exceptions that carry a native error code.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.runtime.interopservices.externalexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/**
 * Base class of {@link Win32Exception} (and so of `WebSocketException`).
 *
 * @remarks Differs from .NET: lives in the System folder/barrel, not System.Runtime.InteropServices.
 */
export class ExternalException extends SystemException {
  /** @param message The message; omitted → "External component has thrown an exception." */
  constructor(message?: string | null);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  /** (message, errorCode): the error code becomes the HResult. */
  constructor(message: string | null | undefined, errorCode: number);
  constructor(message?: string | null, second?: Error | number | null) {
    super(resolveMessage(message, SR.Arg_ExternalException, new.target), isError(second) ? second : null);
    if (typeof second === 'number') this.HResult = second;
  }

  /** The HResult of the error. */
  get ErrorCode(): number {
    return this.HResult;
  }
}

defineExceptionType(ExternalException, 'System.Runtime.InteropServices.ExternalException', -2147467259);
