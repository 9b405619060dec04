/**
 * System.Net.HttpListenerContext: one request an HttpListener received, and its response.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistenercontext
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TimeSpan } from '../System/TimeSpan.js';
import { HttpListenerWebSocketContext } from '../System.Net.WebSockets/HttpListenerWebSocketContext.js';
import { ManagedWebSocket } from '../System.Net.WebSockets/ManagedWebSocket.js';
import { WebSocket } from '../System.Net.WebSockets/WebSocket.js';
import { WebSocketCreationOptions } from '../System.Net.WebSockets/WebSocketCreationOptions.js';
import { WebSocketError } from '../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../System.Net.WebSockets/WebSocketException.js';
import { Timeout } from '../System.Threading/Timeout.js';
import { SR } from '../Resources/SR.js';
import { commaSeparatedValues } from '../host/features/websocket-feature.js';
import type { WebSocketHost } from '../host/features/websocket-feature.js';
import { validateSubprotocol } from '../shared/subprotocol.js';
import type { HandoffWebSocket } from '../shared/ws-handoff.js';
import { HttpListenerRequest } from './HttpListenerRequest.js';
import { HttpListenerResponse } from './HttpListenerResponse.js';
import type { ResponseSink } from './HttpListenerResponse.js';

/** @internal The upgrade parts of a request that came with an Upgrade header (Node's 'upgrade' event). */
export interface UpgradeParts {
  readonly socket: Duplex;
  readonly head: Buffer;
  /** The ws handshake server and the 101's extra header lines. */
  readonly host: WebSocketHost;
  /** Told about each accepted WebSocket, so that Stop and Close can end it. */
  readonly accepted: (socket: ManagedWebSocket) => void;
}

/** The request and response of one exchange; {@link HttpListenerContext.AcceptWebSocketAsync} upgrades it. */
export class HttpListenerContext {
  /** The request. */
  readonly Request: HttpListenerRequest;
  /** The response. */
  readonly Response: HttpListenerResponse;
  /** Node's request. */
  readonly #req: IncomingMessage;
  /** Set when the request came as an upgrade; null once accepted. */
  #upgrade: UpgradeParts | null;

  /** @internal Made by HttpListener. */
  constructor(req: IncomingMessage, secure: boolean, sink: ResponseSink, upgrade: UpgradeParts | null) {
    this.#req = req;
    this.#upgrade = upgrade;
    this.Request = new HttpListenerRequest(req, secure);
    this.Response = new HttpListenerResponse(sink);
  }

  /** Always null: HttpListener here does no authentication. */
  get User(): null {
    return null;
  }

  /**
   * Completes the WebSocket handshake (101) and gives the server-side WebSocket, in state Open.
   *
   * @param subProtocol The subprotocol to agree on; it must be one the client offered. Null for none.
   * @param receiveBufferSize Accepted for signature compatibility; the engine sizes its own buffers.
   * @remarks Differs from .NET: `receiveBufferSize` is not range-checked (.NET throws ArgumentOutOfRangeException
   * for sizes outside its limits).
   * @param keepAliveInterval How often to send pings; defaults to `WebSocket.DefaultKeepAliveInterval` (30 s).
   * @throws {ArgumentException} The subprotocol is empty, white space or has invalid characters.
   * @throws {ArgumentOutOfRangeException} The keep-alive interval is negative and not infinite.
   * @throws {WebSocketException} Not a WebSocket request (`NotAWebSocket`); an unsupported version; no key;
   * a subprotocol the client did not offer (`UnsupportedProtocol`); the client went away.
   * @example
   * const context = await listener.GetContextAsync();
   * if (context.Request.IsWebSocketRequest) {
   *   const wsContext = await context.AcceptWebSocketAsync(null);
   *   const webSocket = wsContext.WebSocket;
   * }
   */
  // Async without an await on purpose: as .NET's Task faults, every check rejects.
  // eslint-disable-next-line @typescript-eslint/require-await
  async AcceptWebSocketAsync(
    subProtocol: string | null,
    receiveBufferSize?: number,
    keepAliveInterval?: TimeSpan,
  ): Promise<HttpListenerWebSocketContext> {
    void receiveBufferSize;
    if (subProtocol !== null) validateSubprotocol(subProtocol);
    const creation = new WebSocketCreationOptions();
    creation.KeepAliveInterval = keepAliveInterval ?? WebSocket.DefaultKeepAliveInterval;

    const req = this.#req;
    const header = (name: string): string | undefined => req.headers[name] as string | undefined;
    if (!this.Request.IsWebSocketRequest || this.#upgrade === null) {
      throw new WebSocketException(
        WebSocketError.NotAWebSocket,
        SR.Format(
          SR.net_WebSockets_AcceptNotAWebSocket,
          'ValidateWebSocketHeaders',
          'Connection',
          'Upgrade',
          'websocket',
          header('upgrade') ?? '',
        ),
      );
    }
    const version = header('sec-websocket-version');
    if (version !== '13') {
      throw new WebSocketException(
        WebSocketError.UnsupportedVersion,
        SR.Format(
          SR.net_WebSockets_AcceptUnsupportedWebSocketVersion,
          'ValidateWebSocketHeaders',
          'Sec-WebSocket-Version',
          '13',
          version ?? '',
        ),
      );
    }
    const key = header('sec-websocket-key');
    if (key === undefined || key.trim() === '') {
      throw new WebSocketException(
        WebSocketError.HeaderError,
        SR.Format(SR.net_WebSockets_AcceptHeaderNotFound, 'ValidateWebSocketHeaders', 'Sec-WebSocket-Key'),
      );
    }
    const offered = commaSeparatedValues(header('sec-websocket-protocol'));
    if (subProtocol !== null && !offered.some((p) => p.toLowerCase() === subProtocol.toLowerCase())) {
      throw new WebSocketException(
        WebSocketError.UnsupportedProtocol,
        SR.Format(SR.net_WebSockets_AcceptUnsupportedProtocol, offered.join(', '), subProtocol),
      );
    }

    // ws writes the 101 from a view with only what its handleUpgrade reads, normalised to what it insists on.
    const upgrade = this.#upgrade;
    const view = {
      method: 'GET',
      url: req.url,
      httpVersion: req.httpVersion,
      headers: { upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key.trim() },
      socket: upgrade.socket,
    } as unknown as IncomingMessage;
    upgrade.host.setResponseHeaders(view, subProtocol === null ? [] : [`Sec-WebSocket-Protocol: ${subProtocol}`]);
    let handedOver: HandoffWebSocket | null = null;
    upgrade.host.webSocketServer().handleUpgrade(view, upgrade.socket, upgrade.head, (carrier) => {
      handedOver = carrier as unknown as HandoffWebSocket;
    });
    const carrier = handedOver as HandoffWebSocket | null;
    if (carrier === null || carrier.socket === null) {
      upgrade.socket.destroy();
      throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
    }
    this.#upgrade = null;
    const socket = new ManagedWebSocket(carrier.socket, carrier.head, {
      IsServer: true,
      SubProtocol: subProtocol,
      KeepAliveInterval: creation.KeepAliveInterval,
      KeepAliveTimeout: Timeout.InfiniteTimeSpan,
    });
    upgrade.accepted(socket);
    this.Response.upgraded();
    return new HttpListenerWebSocketContext({
      WebSocket: socket,
      RequestUri: this.Request.Url,
      Headers: this.Request.Headers,
      Origin: header('origin') ?? null,
      SecWebSocketProtocols: subProtocol === null ? [] : [subProtocol],
      SecWebSocketVersion: version,
      SecWebSocketKey: key,
      IsLocal: this.Request.IsLocal,
      IsSecureConnection: this.Request.IsSecureConnection,
    });
  }
}
