/**
 * Microsoft.AspNetCore.Http.HttpContext: everything about one HTTP request.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.httpcontext
 */
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { Exchange } from '../internal/host-exchange.js';
import { ConnectionInfo } from './ConnectionInfo.js';
import { HttpRequest } from './HttpRequest.js';
import { HttpResponse } from './HttpResponse.js';
import { WebSocketManager } from './WebSocketManager.js';

/**
 * The request, the response, WebSocket upgrade, the connection and cancellation for one HTTP exchange.
 * The host creates one per request and passes it to middleware, endpoints and controllers.
 */
export class HttpContext {
  /** The host's record of this exchange. */
  readonly #exchange: Exchange;
  readonly #request: HttpRequest;
  readonly #response: HttpResponse;
  readonly #webSockets: WebSocketManager;
  readonly #connection: ConnectionInfo;
  /** Per-request storage shared by middleware and endpoints, created on first use. */
  #items: Map<unknown, unknown> | null = null;

  /** @internal Created by the host for each request. */
  constructor(exchange: Exchange) {
    this.#exchange = exchange;
    this.#request = new HttpRequest(this, exchange);
    this.#response = new HttpResponse(this, exchange.response);
    this.#webSockets = new WebSocketManager(exchange);
    this.#connection = new ConnectionInfo(exchange.socket, exchange.connectionId);
  }

  /** The request. */
  get Request(): HttpRequest {
    return this.#request;
  }

  /** The response. */
  get Response(): HttpResponse {
    return this.#response;
  }

  /** WebSocket upgrade for this request. */
  get WebSockets(): WebSocketManager {
    return this.#webSockets;
  }

  /** The underlying connection. */
  get Connection(): ConnectionInfo {
    return this.#connection;
  }

  /**
   * Cancelled when the connection closes before the request completed (the client went away,
   * {@link Abort} was called, or the server stopped without the request finishing in time).
   */
  get RequestAborted(): CancellationToken {
    return this.#exchange.aborted.Token;
  }

  /** An id for this request for logs, Kestrel style: "{connection id}:{request number}". */
  get TraceIdentifier(): string {
    return this.#exchange.traceIdentifier;
  }

  /**
   * Storage scoped to this request.
   * @remarks Differs from .NET: a Map, not an IDictionary.
   */
  get Items(): Map<unknown, unknown> {
    this.#items ??= new Map();
    return this.#items;
  }

  /**
   * Aborts the connection: RequestAborted fires and the socket is closed without a response (an accepted
   * WebSocket's connection drops, so its peer sees no close frame).
   */
  Abort(): void {
    this.#exchange.abort();
  }
}
