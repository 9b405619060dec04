/**
 * Microsoft.AspNetCore.Connections.ConnectionAbortedException: the connection under a request was aborted.
 *
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.connections.connectionabortedexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType } from '../runtime/exception-type.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';

/** .NET 10's parameterless message. */
const DEFAULT_MESSAGE = 'The connection was aborted';

/**
 * What a pending `ReceiveAsync` of a WebSocket accepted by the WebApplication host (over HTTP/1.1) fails
 * with once the socket is aborted: by `Abort()`, or by a keep-alive timeout. Kestrel's message is then
 * "The connection was aborted by the application.". It is an {@link OperationCanceledException}, so
 * `catch (OperationCanceledException)` ports keep catching it. Sockets from `WebSocket.CreateFromStream`
 * and `ClientWebSocket` fail with OperationCanceledException "Aborted", as on .NET.
 *
 * @example
 * try {
 *   await webSocket.ReceiveAsync(buffer, CancellationToken.None);
 * } catch (e) {
 *   if (e instanceof ConnectionAbortedException) console.log('aborted:', e.Message);
 * }
 */
export class ConnectionAbortedException extends OperationCanceledException {
  /** @param message The message; omitted → "The connection was aborted"; null → "The operation was canceled." */
  constructor(message?: string | null, innerException?: Error | null) {
    // .NET's () passes its own text; (string) with null shows OperationCanceledException's.
    super(message === undefined ? DEFAULT_MESSAGE : (message ?? SR.OperationCanceled), innerException);
  }
}

defineExceptionType(ConnectionAbortedException, 'Microsoft.AspNetCore.Connections.ConnectionAbortedException', -2146233029);
