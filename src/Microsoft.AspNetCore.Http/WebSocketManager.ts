/**
 * Microsoft.AspNetCore.Http.WebSocketManager: `HttpContext.WebSockets`.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.websocketmanager
 */
import { NotSupportedException } from '../System/NotSupportedException.js';
import type { WebSocket } from '../System.Net.WebSockets/WebSocket.js';
import { SR } from '../Resources/SR.js';
import type { Exchange } from '../host/features/exchange.js';
import { commaSeparatedValues } from '../host/features/websocket-feature.js';
import { WebSocketAcceptContext } from './WebSocketAcceptContext.js';

/**
 * Tells whether the request is a WebSocket request and accepts it. Works once `app.UseWebSockets()` is in
 * the pipeline; without it no request is a WebSocket request.
 *
 * @example
 * ```ts
 * if (context.WebSockets.IsWebSocketRequest) {
 *   using webSocket = await context.WebSockets.AcceptWebSocketAsync();
 *   await Echo(webSocket);
 * } else {
 *   context.Response.StatusCode = StatusCodes.Status400BadRequest;
 * }
 * ```
 */
export class WebSocketManager {
  /** The host's record of this exchange. */
  readonly #exchange: Exchange;

  /** @internal Created by the host for each request. */
  constructor(exchange: Exchange) {
    this.#exchange = exchange;
  }

  /**
   * True when UseWebSockets is installed and the request is a WebSocket upgrade by ASP.NET Core's rules:
   * GET, `Sec-WebSocket-Version` 13, `Upgrade: websocket`, `Connection: Upgrade` and a
   * `Sec-WebSocket-Key` that is base64 of 16 bytes.
   */
  get IsWebSocketRequest(): boolean {
    return this.#exchange.webSocketFeature?.IsWebSocketRequest ?? false;
  }

  /** The subprotocols the client asked for (the comma-separated `Sec-WebSocket-Protocol` values), in order. */
  get WebSocketRequestedProtocols(): readonly string[] {
    return Object.freeze(commaSeparatedValues(this.#exchange.header('sec-websocket-protocol')));
  }

  /**
   * Accepts the WebSocket request: sends the 101 response and returns the server's socket, in state Open.
   * With a subprotocol (or a context whose SubProtocol is set), the response names it in
   * `Sec-WebSocket-Protocol` and it becomes `webSocket.SubProtocol`; as in ASP.NET Core it is not checked
   * against {@link WebSocketRequestedProtocols}. When the request handler's promise settles, the
   * connection is closed; a socket still open then is aborted.
   *
   * @throws {NotSupportedException} `app.UseWebSockets()` was not called ("WebSockets are not supported";
   *   thrown synchronously, as .NET throws before returning a Task).
   * @throws {InvalidOperationException} (rejection) The request is not a WebSocket request ("Not a
   *   WebSocket request."), was already accepted, or the response already started.
   * @throws {ArgumentException} (rejection) The subprotocol is empty, whitespace, or has characters not
   *   allowed in a token.
   * @throws {ArgumentOutOfRangeException} (rejection) A keep-alive interval or timeout is negative and not
   *   `Timeout.InfiniteTimeSpan`.
   * @throws {WebSocketException} (rejection) The client disconnected before the 101 was sent.
   * @remarks Differs from .NET: an invalid subprotocol is refused before the 101 is sent (ASP.NET Core sends
   * the 101 and then throws).
   */
  AcceptWebSocketAsync(): Promise<WebSocket>;
  AcceptWebSocketAsync(subProtocol: string | null): Promise<WebSocket>;
  AcceptWebSocketAsync(acceptContext: WebSocketAcceptContext): Promise<WebSocket>;
  AcceptWebSocketAsync(arg?: string | null | WebSocketAcceptContext): Promise<WebSocket> {
    const feature = this.#exchange.webSocketFeature;
    if (feature === null) throw new NotSupportedException(SR.AspNetCore_WebSocketsNotSupported);
    let acceptContext: WebSocketAcceptContext;
    if (arg instanceof WebSocketAcceptContext) {
      acceptContext = arg;
    } else {
      acceptContext = new WebSocketAcceptContext();
      acceptContext.SubProtocol = arg ?? null;
    }
    return feature.accept(acceptContext);
  }
}
