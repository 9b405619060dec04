/**
 * System.Net.WebSockets.WebSocketException: a WebSocket operation failed.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError } from '../runtime/exception-type.js';
import { Win32Exception } from '../System/Win32Exception.js';
import { WebSocketError } from './WebSocketError.js';

/** Arguments of the `(int nativeError, …)` constructors, handed over by {@link WebSocketException.fromNativeError}. */
let nativeRequest: { nativeError: number; message: string | null | undefined; inner: Error | null } | null = null;

/**
 * The error a WebSocket operation fails with. {@link WebSocketException.WebSocketErrorCode} says what went
 * wrong; when no message is given, the message is .NET's canned text for that error code, word for word.
 *
 * @example
 * try {
 *   await ws.ReceiveAsync(buffer, CancellationToken.None);
 * } catch (e) {
 *   if (e instanceof WebSocketException && e.WebSocketErrorCode === WebSocketError.ConnectionClosedPrematurely) {
 *     // the peer vanished without a close frame
 *   }
 * }
 */
export class WebSocketException extends Win32Exception {
  /** The error category. */
  readonly #webSocketErrorCode: WebSocketError;

  /**
   * `()`: error code Success, the generic message.
   *
   * @remarks Differs from .NET: .NET reads the last P/Invoke error here (usually 0, with the operating
   * system's text for it); this uses the generic "An internal WebSocket error occurred…" message.
   */
  constructor();
  /** `(error)`: the canned message for `error`. */
  constructor(error: WebSocketError);
  /** `(error, message)` */
  constructor(error: WebSocketError, message: string | null | undefined);
  /** `(error, innerException)`: the canned message for `error`. */
  constructor(error: WebSocketError, innerException: Error | null);
  /** `(error, message, innerException)` */
  constructor(error: WebSocketError, message: string | null | undefined, innerException: Error | null | undefined);
  /** `(error, nativeError)`: the canned message; a negative `nativeError` becomes the HResult. */
  constructor(error: WebSocketError, nativeError: number);
  /** `(error, nativeError, message)` */
  constructor(error: WebSocketError, nativeError: number, message: string | null | undefined);
  /** `(error, nativeError, innerException)`: the canned message. */
  constructor(error: WebSocketError, nativeError: number, innerException: Error | null);
  /** `(error, nativeError, message, innerException)` */
  constructor(error: WebSocketError, nativeError: number, message: string | null | undefined, innerException: Error | null | undefined);
  /** `(message)`: error code Success. */
  constructor(message: string | null);
  /** `(message, innerException)`: error code Success. */
  constructor(message: string | null | undefined, innerException: Error | null | undefined);
  constructor(...args: unknown[]) {
    const request = nativeRequest;
    nativeRequest = null;
    let error = WebSocketError.Success;
    let nativeError: number | undefined;
    let message: string | null | undefined;
    let inner: Error | null = null;

    if (request !== null) {
      // The (int nativeError, …) constructors: NativeError when the code is a failure HRESULT.
      error = request.nativeError < 0 ? WebSocketError.NativeError : WebSocketError.Success;
      nativeError = request.nativeError;
      if (request.inner !== null) {
        super(SR.net_WebSockets_Generic, request.inner);
      } else if (request.message === undefined) {
        super(request.nativeError);
      } else {
        super(request.nativeError, request.message);
      }
    } else {
      if (args.length === 0) {
        message = SR.net_WebSockets_Generic;
      } else if (typeof args[0] === 'number') {
        error = args[0] as WebSocketError;
        let rest = args.slice(1);
        if (typeof rest[0] === 'number') {
          nativeError = rest[0];
          rest = rest.slice(1);
        }
        if (isError(rest[0])) {
          message = WebSocketException.#messageFor(error);
          inner = rest[0];
        } else {
          message = rest[0] === undefined ? WebSocketException.#messageFor(error) : (rest[0] as string | null);
          inner = isError(rest[1]) ? rest[1] : null;
        }
      } else {
        message = args[0] as string | null | undefined;
        inner = isError(args[1]) ? args[1] : null;
      }
      super(message, inner);
    }
    this.#webSocketErrorCode = error;
    if (nativeError !== undefined && nativeError < 0) this.HResult = nativeError;
  }

  /** What went wrong; `WebSocketError.Success` for the constructors that take no error code. */
  get WebSocketErrorCode(): WebSocketError {
    return this.#webSocketErrorCode;
  }

  /** The native error code (.NET's override returns {@link Win32Exception.NativeErrorCode}). */
  override get ErrorCode(): number {
    return this.NativeErrorCode;
  }

  /**
   * Creates the exception C#'s `new WebSocketException(int nativeError[, message | innerException])` creates:
   * error code NativeError when `nativeError` < 0 (it also becomes the HResult), else Success.
   *
   * @remarks Node.js extension. In JavaScript an `int` and a `WebSocketError` are both numbers, so
   * `new WebSocketException(n)` always means the `WebSocketError` overload; use this for the native one.
   */
  static fromNativeError(nativeError: number, messageOrInnerException?: string | Error | null): WebSocketException {
    nativeRequest = {
      nativeError,
      message: isError(messageOrInnerException) ? undefined : messageOrInnerException,
      inner: isError(messageOrInnerException) ? messageOrInnerException : null,
    };
    try {
      return new WebSocketException();
    } finally {
      nativeRequest = null;
    }
  }

  /** .NET's canned message for each error code. */
  static #messageFor(error: WebSocketError): string {
    switch (error) {
      case WebSocketError.InvalidMessageType:
        return SR.Format(SR.net_WebSockets_InvalidMessageType_Generic, 'WebSocket.CloseAsync', 'WebSocket.CloseOutputAsync');
      case WebSocketError.Faulted:
        return SR.net_Websockets_WebSocketBaseFaulted;
      case WebSocketError.NotAWebSocket:
        return SR.net_WebSockets_NotAWebSocket_Generic;
      case WebSocketError.UnsupportedVersion:
        return SR.net_WebSockets_UnsupportedWebSocketVersion_Generic;
      case WebSocketError.UnsupportedProtocol:
        return SR.net_WebSockets_UnsupportedProtocol_Generic;
      case WebSocketError.HeaderError:
        return SR.net_WebSockets_HeaderError_Generic;
      case WebSocketError.ConnectionClosedPrematurely:
        return SR.net_WebSockets_ConnectionClosedPrematurely_Generic;
      case WebSocketError.InvalidState:
        return SR.net_WebSockets_InvalidState_Generic;
      default:
        return SR.net_WebSockets_Generic;
    }
  }
}

defineExceptionType(WebSocketException, 'System.Net.WebSockets.WebSocketException', -2147467259);
