/**
 * System.ComponentModel.Win32Exception: an error from the operating system, with its native error code.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.componentmodel.win32exception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError, resolveMessage } from '../runtime/exception-type.js';
import { ExternalException } from './ExternalException.js';

/**
 * Base class of `WebSocketException`; carries a {@link Win32Exception.NativeErrorCode}.
 *
 * @remarks Differs from .NET: lives in the System folder/barrel; there is no "last P/Invoke error", so the
 * parameterless forms use error 0, and the default message for an error code is
 * "Unknown error (0x{code})" instead of the operating system's text.
 */
export class Win32Exception extends ExternalException {
  /** The native error code. */
  readonly #nativeErrorCode: number;

  /** (error?): message "Unknown error (0x…)". */
  constructor(error?: number);
  /** (error, message) */
  constructor(error: number, message: string | null | undefined);
  /** (message) */
  constructor(message: string | null);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  constructor(first?: number | string | null, second?: string | Error | null) {
    let error = 0;
    let message: string | null | undefined;
    let inner: Error | null = null;
    if (typeof first === 'number') {
      error = first;
      message = second === undefined ? SR.Format(SR.UnknownError_Num, (error >>> 0).toString(16)) : (second as string | null);
    } else {
      message = first;
      if (isError(second)) inner = second;
    }
    super(resolveMessage(message, SR.Format(SR.UnknownError_Num, '0'), new.target), inner);
    this.#nativeErrorCode = error;
  }

  /** The native error code of this exception (0 when none was given). */
  get NativeErrorCode(): number {
    return this.#nativeErrorCode;
  }
}

defineExceptionType(Win32Exception, 'System.ComponentModel.Win32Exception', -2147467259);
