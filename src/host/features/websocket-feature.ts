// What UseWebSockets adds to each request (ASP.NET Core's WebSocketMiddleware.WebSocketHandshake):
// deciding whether a request is a WebSocket request and completing the upgrade when the application
// accepts it. ws writes the 101 (no-server mode, so nothing is answered before the application decides)
// and hands the socket over (src/shared/ws-handoff.ts); ManagedWebSocket and its frame engine do the rest.
import type { IncomingMessage } from 'node:http';
import type { WebSocketServer } from 'ws';
import { InvalidOperationException } from '../../System/InvalidOperationException.js';
import type { TimeSpan } from '../../System/TimeSpan.js';
import { ManagedWebSocket } from '../../System.Net.WebSockets/ManagedWebSocket.js';
import type { WebSocket } from '../../System.Net.WebSockets/WebSocket.js';
import { WebSocketCreationOptions } from '../../System.Net.WebSockets/WebSocketCreationOptions.js';
import { WebSocketError } from '../../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../System.Net.WebSockets/WebSocketException.js';
import { WebSocketState } from '../../System.Net.WebSockets/WebSocketState.js';
import { SR } from '../../Resources/SR.js';
import type { WebSocketOptions } from '../../Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import type { WebSocketAcceptContext } from '../../Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import { destroyOnError } from './exchange.js';
import { UPGRADED_RESPONSE } from './response.js';
import type { Exchange, WebSocketFeature } from './exchange.js';
import { negotiateServerDeflate } from '../../protocol/deflate-negotiation.js';
import type { HandoffWebSocket } from '../../shared/ws-handoff.js';

/** What the feature needs from the host. */
export interface WebSocketHost {
  /** The ws server (no-server mode) that does the handshakes and hands each socket over. */
  webSocketServer(): WebSocketServer;
  /** Records header lines for ws to add to the 101 it writes for `req` (the request object given to ws). */
  setResponseHeaders(req: IncomingMessage, lines: readonly string[]): void;
}

/** Response headers of the 101 that ws (or the subprotocol choice) writes. */
const HANDSHAKE_HEADERS = new Set([
  'connection',
  'upgrade',
  'sec-websocket-accept',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'content-length',
  'transfer-encoding',
]);

/** Values of a header that may be repeated and comma-separated (GetCommaSeparatedValues). */
export function commaSeparatedValues(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Whether a comma-separated header value lists `token` (lower case), case-insensitively: as
 * commaSeparatedValues(value).some(...) answers, without the arrays.
 */
function listsToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false;
  if (!value.includes(',')) return value.trim().toLowerCase() === token;
  for (const part of value.split(',')) if (part.trim().toLowerCase() === token) return true;
  return false;
}

/** HandshakeHelpers.IsRequestKeyValid: base64 (whitespace ignored) of exactly 16 bytes. */
export function isRequestKeyValid(key: string | undefined): boolean {
  if (key === undefined) return false;
  const compact = key.replace(/[ \t\r\n]/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return false;
  // Well-formed base64 of 4k characters with p '=' decodes to 3k - p bytes: 16 only for 24 characters
  // ending in "==" (counted rather than decoded, which would allocate a Buffer per handshake).
  return compact.length === 24 && compact.endsWith('==');
}

/** Ends an accepted WebSocket's request: as Kestrel closes an upgraded connection when the request delegate returns. */
export function tearDownWebSocket(socket: ManagedWebSocket): Promise<void> {
  if (socket.State !== WebSocketState.Closed && socket.State !== WebSocketState.Aborted) socket.Abort();
  else socket.Dispose();
  return socket.whenClosed();
}

/**
 * The feature of a request whose WebSocket was accepted: one object for all of them, so that an open
 * connection does not keep its request's feature (with its options and host references) for nothing.
 */
const ACCEPTED: WebSocketFeature = Object.freeze({
  IsWebSocketRequest: true,
  accept: (): Promise<WebSocket> => Promise.reject(new InvalidOperationException(SR.UpgradeCannotBeCalledMultipleTimes)),
});

/** The carrier handleUpgrade just called back with (set and cleared around each call). */
let handedOver: HandoffWebSocket | null = null;

/** handleUpgrade's callback for every accept: one function rather than a closure per request. */
function takeCarrier(carrier: unknown): void {
  handedOver = carrier as HandoffWebSocket;
}

/** The UseWebSockets middleware's per-request feature. */
export class HostWebSocketFeature implements WebSocketFeature {
  /** The request this feature belongs to. */
  readonly #exchange: Exchange;
  /** The app's options (read when accepting, as ASP.NET Core reads IOptions<WebSocketOptions>.Value). */
  readonly #options: WebSocketOptions;
  /** The host: ws servers and the 101's subprotocol. */
  readonly #host: WebSocketHost;
  /** Cached IsWebSocketRequest. */
  #isWebSocketRequest: boolean | null = null;

  constructor(exchange: Exchange, options: WebSocketOptions, host: WebSocketHost) {
    this.#exchange = exchange;
    this.#options = options;
    this.#host = host;
  }

  /**
   * ASP.NET Core's CheckSupportedWebSocketRequest on an upgradable HTTP/1.1 request: GET, a
   * Sec-WebSocket-Version listing 13, an Upgrade listing websocket, a Connection listing Upgrade
   * (all case-insensitive), and a Sec-WebSocket-Key that is base64 of 16 bytes.
   */
  get IsWebSocketRequest(): boolean {
    if (this.#isWebSocketRequest === null) {
      const ex = this.#exchange;
      this.#isWebSocketRequest =
        ex.isUpgradeRequest &&
        ex.method === 'GET' &&
        listsToken(ex.header('sec-websocket-version'), '13') &&
        listsToken(ex.header('upgrade'), 'websocket') &&
        listsToken(ex.header('connection'), 'upgrade') &&
        isRequestKeyValid(ex.header('sec-websocket-key'));
    }
    return this.#isWebSocketRequest;
  }

  /**
   * Completes the upgrade and returns the server-side socket, in state Open.
   *
   * @throws {InvalidOperationException} Not a WebSocket request; accepted twice; the response started.
   * @throws {ArgumentException} The subprotocol is empty, whitespace or has invalid characters.
   * @throws {ArgumentOutOfRangeException} A keep-alive setting is negative and not infinite.
   * @throws {WebSocketException} The client went away before the 101 could be sent.
   */
  // Async without an await on purpose: as AcceptWebSocketAsync's Task faults, every check above rejects.
  // eslint-disable-next-line @typescript-eslint/require-await
  async accept(acceptContext: WebSocketAcceptContext | null): Promise<WebSocket> {
    if (!this.IsWebSocketRequest) throw new InvalidOperationException(SR.AspNetCore_NotAWebSocketRequest);
    const ex = this.#exchange;
    const { creation, negotiated } = planAccept(ex, this.#options, acceptContext);

    // ws sees a view of the request whose headers already passed ASP.NET Core's checks, normalised to
    // what ws insists on (ws accepts only `Upgrade: websocket` exactly, one version number, and parses
    // Sec-WebSocket-Protocol strictly). The subprotocol is ours to echo, unchecked, as ASP.NET Core does.
    // The view is a plain object with only what ws's handleUpgrade reads: deriving it from the request
    // (Object.create) would turn the IncomingMessage into a prototype, which V8 gives a hidden class of
    // its own, and copying Node's `req.headers` would build that object on the request for nothing.
    const headers: Record<string, string> = {
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': (ex.header('sec-websocket-key') ?? '').replace(/[ \t\r\n]/g, ''),
    };
    const view = { method: ex.method, url: ex.url, httpVersion: ex.httpVersion, headers, socket: ex.socket } as unknown as IncomingMessage;
    // Kestrel sends the headers the application set along with the 101; ws writes the handshake ones.
    const lines: string[] = [];
    for (const [name, value] of ex.response.headerEntries()) {
      if (!HANDSHAKE_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
    }
    if (creation.SubProtocol !== null) lines.push(`Sec-WebSocket-Protocol: ${creation.SubProtocol}`);
    if (negotiated !== null) lines.push(`Sec-WebSocket-Extensions: ${negotiated.header}`);
    this.#host.setResponseHeaders(view, lines);

    // handleUpgrade calls back synchronously, or not at all when the client already went away.
    handedOver = null;
    this.#host.webSocketServer().handleUpgrade(view, ex.socket, ex.detachUpgradeSocket(), takeCarrier);
    const carrier = handedOver as HandoffWebSocket | null;
    handedOver = null;
    if (carrier === null || carrier.socket === null) {
      ex.socket.destroy();
      throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
    }
    const socket = new ManagedWebSocket(carrier.socket, carrier.head, {
      IsServer: true,
      SubProtocol: creation.SubProtocol,
      KeepAliveInterval: creation.KeepAliveInterval,
      KeepAliveTimeout: creation.KeepAliveTimeout,
      deflate: negotiated?.parameters ?? null,
      // Kestrel: Abort() (or a keep-alive timeout) aborts the connection, whose pending read then fails so;
      // the connection's close fires RequestAborted.
      owner: ex,
    });
    // The WebSocket watches the socket's errors, and tells the exchange of its close, now.
    ex.socket.off('error', destroyOnError);
    ex.handOver();
    ex.webSocketFeature = ACCEPTED;
    ex.response.upgraded();
    // Nothing set on this response: the state all such responses share answers as this one would.
    if (!ex.response.hasHeaders) ex.response = UPGRADED_RESPONSE;
    ex.webSocket = socket;
    ex.packHeaders();
    return socket;
  }
}

/**
 * What an AcceptWebSocketAsync call asks for, checked as ASP.NET Core checks it, for an HTTP/1.1 upgrade
 * and an HTTP/2 extended CONNECT alike: the response must not have started; the accept context's
 * subprotocol and keep-alive settings (or the middleware's) go through WebSocketCreationOptions' setters,
 * which validate them; permessage-deflate is negotiated as HandshakeHelpers.ParseDeflateOptions does, an
 * offer it cannot take declined so the connection goes on uncompressed.
 *
 * @throws {InvalidOperationException} The response started.
 * @throws {ArgumentException} The subprotocol is empty, whitespace or has invalid characters.
 * @throws {ArgumentOutOfRangeException} A keep-alive setting is negative and not infinite.
 */
export function planAccept(
  ex: Exchange,
  options: WebSocketOptions,
  acceptContext: WebSocketAcceptContext | null,
): { creation: WebSocketCreationOptions; negotiated: ReturnType<typeof negotiateServerDeflate> | null } {
  if (ex.response.started) {
    throw new InvalidOperationException(SR.Format(SR.ParameterReadOnlyAfterResponseStarted, 'StatusCode'));
  }
  let subProtocol: string | null = null;
  let enableCompression = false;
  let serverContextTakeover = true;
  let serverMaxWindowBits = 15;
  let keepAliveInterval: TimeSpan = options.KeepAliveInterval;
  let keepAliveTimeout: TimeSpan = options.KeepAliveTimeout;
  if (acceptContext) {
    subProtocol = acceptContext.SubProtocol;
    enableCompression = acceptContext.DangerousEnableCompression;
    serverContextTakeover = !acceptContext.DisableServerContextTakeover;
    serverMaxWindowBits = acceptContext.ServerMaxWindowBits;
    if (acceptContext.KeepAliveInterval.HasValue) keepAliveInterval = acceptContext.KeepAliveInterval.Value;
    if (acceptContext.KeepAliveTimeout.HasValue) keepAliveTimeout = acceptContext.KeepAliveTimeout.Value;
  }
  // Differs from .NET: validated before the 101 (or 200) is written (ASP.NET Core writes it first).
  const creation = new WebSocketCreationOptions();
  creation.IsServer = true;
  creation.SubProtocol = subProtocol;
  creation.KeepAliveInterval = keepAliveInterval;
  creation.KeepAliveTimeout = keepAliveTimeout;
  const negotiated = enableCompression
    ? negotiateServerDeflate(ex.header('sec-websocket-extensions'), { serverContextTakeover, serverMaxWindowBits })
    : null;
  return { creation, negotiated };
}
