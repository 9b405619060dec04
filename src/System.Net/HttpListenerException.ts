/**
 * System.Net.HttpListenerException: an error while HttpListener listens or answers.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistenerexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { Win32Exception } from '../System/Win32Exception.js';

/**
 * Thrown by {@link HttpListener} when the operating system refuses it, e.g. a prefix's port is in use
 * (on Linux: `ErrorCode` 98, "Address already in use").
 */
export class HttpListenerException extends Win32Exception {
  /** (errorCode?, message?) */
  constructor(errorCode?: number, message?: string | null);
  constructor(errorCode?: number, message?: string | null) {
    if (errorCode === undefined) super();
    else if (message === undefined) super(errorCode);
    else super(errorCode, message);
  }

  /** The error code: on .NET it is the native error code. */
  override get ErrorCode(): number {
    return this.NativeErrorCode;
  }
}

defineExceptionType(HttpListenerException, 'System.Net.HttpListenerException', -2147467259);
