/**
 * Mirrors .NET's `System.Net.Http.HttpMessageInvoker`, as `ClientWebSocket.ConnectAsync(uri, invoker,
 * token)` takes it: the owner of the connections a WebSocket over HTTP/2 is opened on, so that
 * ClientWebSockets connected with one invoker share one HTTP/2 connection per server.
 * @see https://learn.microsoft.com/dotnet/api/system.net.http.httpmessageinvoker
 */
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { Http2SessionPool } from '../client/http2.js';
import { SocketsHttpHandler } from './SocketsHttpHandler.js';

let poolOf: (invoker: HttpMessageInvoker) => Http2SessionPool;

/** @internal The HTTP/2 connections of an invoker (its handler's). */
export function invokerSessionPool(invoker: HttpMessageInvoker): Http2SessionPool {
  return poolOf(invoker);
}

/**
 * Sends requests through a handler; for dotnet-ws, the connections ClientWebSockets share.
 * @remarks Differs from .NET: only usable as ClientWebSocket.ConnectAsync's invoker (no SendAsync).
 * @example
 * using invoker = new HttpMessageInvoker(new SocketsHttpHandler());
 * webSocket.Options.HttpVersion = HttpVersion.Version20;
 * await webSocket.ConnectAsync(new Uri('wss://example.com/ws'), invoker, CancellationToken.None);
 */
export class HttpMessageInvoker {
  readonly #handler: SocketsHttpHandler;
  readonly #disposeHandler: boolean;
  #disposed = false;

  static {
    poolOf = (invoker) => {
      if (invoker.#disposed) throw new ObjectDisposedException('System.Net.Http.HttpMessageInvoker');
      return invoker.#handler.sessionPool;
    };
  }

  constructor(handler: SocketsHttpHandler = new SocketsHttpHandler(), disposeHandler = true) {
    this.#handler = handler;
    this.#disposeHandler = disposeHandler;
  }

  /** Closes the handler's connections (when it owns the handler); WebSockets already open keep theirs until they close. */
  Dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#disposeHandler) this.#handler.Dispose();
  }

  [Symbol.dispose](): void {
    this.Dispose();
  }
}

/** `new HttpClient()` works as an invoker too, as in .NET. */
export class HttpClient extends HttpMessageInvoker {}
