/**
 * Microsoft.AspNetCore.Http.HttpContext: everything about one HTTP request.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.httpcontext
 */
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { Exchange } from '../host/features/exchange.js';
import { ConnectionInfo } from './ConnectionInfo.js';
import { HttpRequest } from './HttpRequest.js';
import { HttpResponse } from './HttpResponse.js';
import { WebSocketManager } from './WebSocketManager.js';

/**
 * @internal The exchange behind a context the host created, or undefined for any other object: read
 * from the private field (set by the class's static block) rather than kept in a WeakMap entry per
 * request. Not in the package's exports (the barrel exports only the class).
 */
export let contextExchange: (context: object) => Exchange | undefined;

/** @internal The exchange behind a context the host created. */
export function exchangeOf(context: HttpContext): Exchange {
  const exchange = typeof context === 'object' && context !== null ? contextExchange(context) : undefined;
  if (!exchange) throw new TypeError('not an HttpContext created by dotnet-ws');
  return exchange;
}

/**
 * The request, the response, WebSocket upgrade, the connection and cancellation for one HTTP exchange.
 * The host creates one per request and passes it to middleware, endpoints and controllers.
 */
export class HttpContext {
  /** The host's record of this exchange. */
  readonly #exchange: Exchange;
  /** Built on first use (an accepted WebSocket's handler seldom looks at them). */
  #request: HttpRequest | null = null;
  #response: HttpResponse | null = null;
  #webSockets: WebSocketManager | null = null;
  /** Per-request storage shared by middleware and endpoints, created on first use. */
  #items: Map<unknown, unknown> | null = null;

  static {
    contextExchange = (context) => (#exchange in context ? context.#exchange : undefined);
  }

  /** @internal Created by the host for each request. */
  constructor(exchange: Exchange) {
    this.#exchange = exchange;
  }

  /** The request. */
  get Request(): HttpRequest {
    this.#request ??= new HttpRequest(this, this.#exchange);
    return this.#request;
  }

  /** The response. */
  get Response(): HttpResponse {
    this.#response ??= new HttpResponse(this, this.#exchange.response);
    return this.#response;
  }

  /** WebSocket upgrade for this request. */
  get WebSockets(): WebSocketManager {
    this.#webSockets ??= new WebSocketManager(this.#exchange);
    return this.#webSockets;
  }

  /** The underlying connection. */
  get Connection(): ConnectionInfo {
    return this.#exchange.connectionInfo;
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
