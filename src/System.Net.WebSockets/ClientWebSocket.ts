/**
 * System.Net.WebSockets.ClientWebSocket: a WebSocket client. Configure `Options`, `ConnectAsync` to a
 * ws:// or wss:// URI, then use the {@link WebSocket} members as on any WebSocket.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.clientwebsocket
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import type { ArraySegment } from '../System/ArraySegment.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { Nullable } from '../System/Nullable.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { Uri } from '../System/Uri.js';
import { UriKind } from '../System/UriKind.js';
import { HttpMessageInvoker, invokerSessionPool } from '../System.Net.Http/HttpMessageInvoker.js';
import { defaultWebProxy } from '../runtime/default-web-proxy.js';
import type { Http2SessionPool } from '../client/http2.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { CLIENT_WEBSOCKET_TYPE_NAME, ClientConnector } from '../client/connect.js';
import type { ClientWebSocketOptions } from './ClientWebSocketOptions.js';
import { clientWebSocketOptionsInternals, createClientWebSocketOptions } from './ClientWebSocketOptions.js';
import type { ManagedWebSocket } from './ManagedWebSocket.js';
import type { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
import { WebSocket } from './WebSocket.js';
import type { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import type { WebSocketMessageFlags } from './WebSocketMessageFlags.js';
import type { WebSocketMessageType } from './WebSocketMessageType.js';
import type { WebSocketReceiveResult } from './WebSocketReceiveResult.js';
import { WebSocketState } from './WebSocketState.js';

/** .NET's ClientWebSocket.InternalState. */
const enum InternalState {
  Created,
  Connecting,
  Connected,
  Disposed,
}

/**
 * A client WebSocket.
 *
 * @example
 * using ws = new ClientWebSocket();
 * await ws.ConnectAsync(new Uri('ws://localhost:5000/ws'), CancellationToken.None);
 * await ws.SendAsync(new ArraySegment(Encoding.UTF8.GetBytes('hello')), WebSocketMessageType.Text, true, CancellationToken.None);
 * const buffer = new Uint8Array(1024 * 4);
 * let result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
 * while (!result.CloseStatus.HasValue) {
 *   console.log(Encoding.UTF8.GetString(buffer, 0, result.Count));
 *   result = await ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
 * }
 * await ws.CloseAsync(result.CloseStatus.Value, result.CloseStatusDescription, CancellationToken.None);
 */
export class ClientWebSocket extends WebSocket {
  /** The options, locked when ConnectAsync starts. */
  readonly #options: ClientWebSocketOptions = createClientWebSocketOptions();
  /** Created → Connecting → Connected, or Disposed from any of them. */
  #state: InternalState = InternalState.Created;
  /** The connection, once the handshake succeeded. */
  #inner: ManagedWebSocket | null = null;
  /** The handshake in flight. */
  #connector: ClientConnector | null = null;
  /** Status code of the last handshake response (CollectHttpResponseDetails). */
  #httpStatusCode = 0;
  /** Headers of the last handshake response (CollectHttpResponseDetails). */
  #httpResponseHeaders: ReadonlyMap<string, readonly string[]> | null = null;

  /** Options of the handshake; set them before ConnectAsync. */
  get Options(): ClientWebSocketOptions {
    return this.#options;
  }

  /**
   * None before ConnectAsync, Connecting during it, then the connection's state; Closed after a failed
   * connect and after Dispose or Abort before connecting.
   */
  override get State(): WebSocketState {
    if (this.#inner !== null) return this.#inner.State;
    switch (this.#state) {
      case InternalState.Created:
        return WebSocketState.None;
      case InternalState.Connecting:
        return WebSocketState.Connecting;
      default:
        return WebSocketState.Closed;
    }
  }

  /** The peer's close status; empty until its close frame was received (and before connecting). */
  override get CloseStatus(): Nullable<WebSocketCloseStatus> {
    return this.#inner?.CloseStatus ?? Nullable.Null;
  }

  /** The peer's close reason; null until its close frame was received. */
  override get CloseStatusDescription(): string | null {
    return this.#inner?.CloseStatusDescription ?? null;
  }

  /** The subprotocol the server chose (spelled as requested), or null. */
  override get SubProtocol(): string | null {
    return this.#inner?.SubProtocol ?? null;
  }

  /** Status code of the handshake response (101 on success); 0 unless `Options.CollectHttpResponseDetails`. */
  get HttpStatusCode(): number {
    return this.#httpStatusCode;
  }

  /**
   * Headers of the handshake response (lookups ignore case), also after a failed handshake; null unless
   * `Options.CollectHttpResponseDetails`. Set it to null to release them; setting has no effect before a
   * connect attempt.
   */
  get HttpResponseHeaders(): ReadonlyMap<string, readonly string[]> | null {
    return this.#httpResponseHeaders;
  }
  set HttpResponseHeaders(value: ReadonlyMap<string, readonly string[]> | null) {
    if (this.#state !== InternalState.Created) this.#httpResponseHeaders = value ?? null;
  }

  /**
   * Opens the connection: the HTTP/1.1 upgrade handshake, or with `Options.HttpVersion = HttpVersion.Version20`
   * an extended CONNECT over HTTP/2 (RFC 8441), then state Open. With an `invoker`, WebSockets to one
   * server share its HTTP/2 connection, and TLS settings come from its handler.
   *
   * @param uri - A ws:// or wss:// URI (a {@link Uri}, a string or a `URL`).
   * @param cancellationToken - Cancelling it during the handshake rejects with OperationCanceledException.
   * @throws {@link System!ArgumentNullException} (synchronously) when `uri` is null.
   * @throws {@link System!ArgumentException} (synchronously) for a relative URI or a scheme other than
   *   ws/wss; with an invoker, when Credentials, Proxy, ClientCertificates, RemoteCertificateValidationCallback
   *   or Cookies are set on the options ("options").
   * @throws {@link System!ObjectDisposedException} (synchronously) after Dispose or Abort.
   * @throws {@link System!InvalidOperationException} (synchronously) when ConnectAsync was already called.
   * @throws {@link WebSocketException} (rejection) NotAWebSocket for a non-101 answer (non-200 over HTTP/2),
   *   HeaderError or Faulted for an invalid 101, UnsupportedProtocol for a subprotocol not requested or an
   *   HTTP version/policy that cannot be served, Faulted "Unable to connect to the remote server" for
   *   connection, DNS, TLS or proxy failures, an HTTP/2 server without extended CONNECT (RequestVersionExact),
   *   and for Abort().
   * @throws {@link System!OperationCanceledException} (rejection) when `cancellationToken` is cancelled.
   * @remarks Differs from .NET: HTTP/2 works without an invoker too (.NET throws ArgumentException "An
   *   HttpMessageInvoker instance must be passed to ConnectAsync when using HTTP/2."); each such connect
   *   then has its own HTTP/2 connection.
   */
  ConnectAsync(uri: Uri | string | URL, cancellationToken?: CancellationToken): Promise<void>;
  /**
   * Opens the connection as the overload without an invoker does, over the connections of `invoker`:
   * WebSockets to one server share its HTTP/2 connection, and TLS settings come from its handler.
   *
   * @param uri - A ws:// or wss:// URI (a {@link Uri}, a string or a `URL`).
   * @param invoker - An `HttpMessageInvoker` (or `HttpClient`) whose connections to use, or null.
   * @param cancellationToken - Cancelling it during the handshake rejects with OperationCanceledException.
   */
  ConnectAsync(uri: Uri | string | URL, invoker: HttpMessageInvoker | null, cancellationToken?: CancellationToken): Promise<void>;
  ConnectAsync(
    uri: Uri | string | URL,
    invokerOrToken?: HttpMessageInvoker | CancellationToken | null,
    token?: CancellationToken,
  ): Promise<void> {
    const invoker = invokerOrToken instanceof HttpMessageInvoker ? invokerOrToken : null;
    const cancellationToken = invokerOrToken instanceof CancellationToken ? invokerOrToken : (token ?? CancellationToken.None);
    if (uri === null || uri === undefined) throw new ArgumentNullException('uri');
    const target = uri instanceof Uri ? uri : uri instanceof URL ? new Uri(uri.href) : new Uri(String(uri), UriKind.RelativeOrAbsolute);
    if (!target.IsAbsoluteUri) throw new ArgumentException(SR.net_uri_NotAbsolute, 'uri');
    if (target.Scheme !== Uri.UriSchemeWs && target.Scheme !== Uri.UriSchemeWss) {
      throw new ArgumentException(SR.net_WebSockets_Scheme, 'uri');
    }
    switch (this.#state) {
      case InternalState.Disposed:
        throw new ObjectDisposedException(CLIENT_WEBSOCKET_TYPE_NAME);
      case InternalState.Created:
        break;
      default:
        throw new InvalidOperationException(SR.net_WebSockets_AlreadyStarted);
    }
    const options = this.#options;
    if (
      invoker !== null &&
      (options.UseDefaultCredentials ||
        options.Credentials !== null ||
        options.Proxy !== defaultWebProxy ||
        (clientWebSocketOptionsInternals(options).clientCertificates?.Count ?? 0) > 0 ||
        options.RemoteCertificateValidationCallback !== null ||
        options.Cookies !== null)
    ) {
      throw new ArgumentException(SR.net_WebSockets_OptionsIncompatibleWithCustomInvoker, 'options');
    }
    const pool = invoker === null ? null : invokerSessionPool(invoker);
    this.#state = InternalState.Connecting;
    clientWebSocketOptionsInternals(options).setToReadOnly();
    return this.#connect(target, cancellationToken ?? CancellationToken.None, pool);
  }

  async #connect(uri: Uri, cancellationToken: CancellationToken, pool: Http2SessionPool | null): Promise<void> {
    const connector = new ClientConnector(
      uri,
      this.#options,
      cancellationToken,
      (status, headers) => {
        this.#httpStatusCode = status;
        this.#httpResponseHeaders = headers;
      },
      pool,
    );
    this.#connector = connector;
    let inner: ManagedWebSocket;
    try {
      inner = await connector.run();
    } catch (e) {
      this.Dispose();
      throw e;
    } finally {
      this.#connector = null;
    }
    if (this.#state !== InternalState.Connecting) {
      // Disposed in the same turn as the handshake completed.
      inner.Dispose();
      throw new ObjectDisposedException(CLIENT_WEBSOCKET_TYPE_NAME);
    }
    this.#inner = inner;
    this.#state = InternalState.Connected;
  }

  /** The connection, or .NET's synchronous error outside the connected state (docs/behaviour.md#client-outside-connected). */
  #connected(): ManagedWebSocket {
    if (this.#state === InternalState.Disposed) throw new ObjectDisposedException(CLIENT_WEBSOCKET_TYPE_NAME);
    if (this.#state !== InternalState.Connected) throw new InvalidOperationException(SR.net_WebSockets_NotConnected);
    return this.#inner!;
  }

  /**
   * Receives (part of) a message; see {@link WebSocket.ReceiveAsync}.
   * @throws {@link System!InvalidOperationException} (synchronously) before ConnectAsync completed.
   * @throws {@link System!ObjectDisposedException} (synchronously) after Dispose or Abort.
   */
  override ReceiveAsync(buffer: ArraySegment<Uint8Array>, cancellationToken?: CancellationToken): Promise<WebSocketReceiveResult>;
  override ReceiveAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<ValueWebSocketReceiveResult>;
  override ReceiveAsync(
    buffer: ArraySegment<Uint8Array> | Uint8Array,
    cancellationToken?: CancellationToken,
  ): Promise<WebSocketReceiveResult | ValueWebSocketReceiveResult> {
    const inner = this.#connected();
    return buffer instanceof Uint8Array ? inner.ReceiveAsync(buffer, cancellationToken) : inner.ReceiveAsync(buffer, cancellationToken);
  }

  /**
   * Sends a message or a fragment; see {@link WebSocket.SendAsync}.
   * @throws {@link System!InvalidOperationException} (synchronously) before ConnectAsync completed.
   * @throws {@link System!ObjectDisposedException} (synchronously) after Dispose or Abort.
   */
  override SendAsync(
    buffer: ArraySegment<Uint8Array>,
    messageType: WebSocketMessageType,
    endOfMessage: boolean,
    cancellationToken?: CancellationToken,
  ): Promise<void>;
  override SendAsync(
    buffer: Uint8Array,
    messageType: WebSocketMessageType,
    endOfMessage: boolean,
    cancellationToken?: CancellationToken,
  ): Promise<void>;
  override SendAsync(
    buffer: Uint8Array,
    messageType: WebSocketMessageType,
    messageFlags: WebSocketMessageFlags,
    cancellationToken?: CancellationToken,
  ): Promise<void>;
  override SendAsync(
    buffer: ArraySegment<Uint8Array> | Uint8Array,
    messageType: WebSocketMessageType,
    endOfMessageOrFlags: boolean | WebSocketMessageFlags,
    cancellationToken?: CancellationToken,
  ): Promise<void> {
    const inner = this.#connected();
    return (inner.SendAsync as (...args: unknown[]) => Promise<void>)(buffer, messageType, endOfMessageOrFlags, cancellationToken);
  }

  /**
   * Runs the close handshake; see {@link WebSocket.CloseAsync}.
   * @throws {@link System!InvalidOperationException} (synchronously) before ConnectAsync completed.
   * @throws {@link System!ObjectDisposedException} (synchronously) after Dispose or Abort.
   */
  override CloseAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken?: CancellationToken,
  ): Promise<void> {
    return this.#connected().CloseAsync(closeStatus, statusDescription, cancellationToken);
  }

  /**
   * Sends a close frame without waiting for the peer's; see {@link WebSocket.CloseOutputAsync}.
   * @throws {@link System!InvalidOperationException} (synchronously) before ConnectAsync completed.
   * @throws {@link System!ObjectDisposedException} (synchronously) after Dispose or Abort.
   */
  override CloseOutputAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken?: CancellationToken,
  ): Promise<void> {
    return this.#connected().CloseOutputAsync(closeStatus, statusDescription, cancellationToken);
  }

  /**
   * Aborts the connection (state Aborted) or the handshake in flight (ConnectAsync then rejects with
   * WebSocketException Faulted), and disposes the client. Before connecting: state Closed.
   */
  override Abort(): void {
    if (this.#state === InternalState.Disposed) return;
    this.#inner?.Abort();
    this.#connector?.stop('aborted');
    this.Dispose();
  }

  /**
   * Releases the connection without a close handshake (state Closed; Aborted stays Aborted). A handshake in
   * flight is stopped and ConnectAsync rejects with ObjectDisposedException. Idempotent.
   */
  override Dispose(): void {
    if (this.#state === InternalState.Disposed) return;
    this.#state = InternalState.Disposed;
    this.#connector?.stop('disposed');
    this.#inner?.Dispose();
  }

  /** "System.Net.WebSockets.ClientWebSocket", as .NET's `ToString()`. */
  ToString(): string {
    return CLIENT_WEBSOCKET_TYPE_NAME;
  }

  /** @internal Resolves once the connection's TCP socket is closed (immediately when there is none). */
  whenClosed(): Promise<void> {
    return this.#inner?.whenClosed() ?? Promise.resolve();
  }
}
