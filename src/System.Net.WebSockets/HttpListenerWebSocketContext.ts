/**
 * System.Net.WebSockets.HttpListenerWebSocketContext: an accepted HttpListener WebSocket and its handshake.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.httplistenerwebsocketcontext
 */
import type { Uri } from '../System/Uri.js';
import type { NameValueRecord } from '../listener/headers.js';
import type { WebSocket } from './WebSocket.js';

/** What `HttpListenerContext.AcceptWebSocketAsync` gives: `.WebSocket` is the server side, in state Open. */
export class HttpListenerWebSocketContext {
  /** The accepted WebSocket. */
  readonly WebSocket: WebSocket;
  /** The handshake's URL. */
  readonly RequestUri: Uri;
  /** The handshake's headers (case-insensitive by name). */
  readonly Headers: NameValueRecord;
  /** The Origin header, or null. */
  readonly Origin: string | null;
  /** The subprotocol agreed, as .NET gives it (the accepted one; empty when none). */
  readonly SecWebSocketProtocols: readonly string[];
  /** The Sec-WebSocket-Version header. */
  readonly SecWebSocketVersion: string;
  /** The Sec-WebSocket-Key header. */
  readonly SecWebSocketKey: string;
  /** Whether the client is on this machine. */
  readonly IsLocal: boolean;
  /** Whether the handshake came over TLS. */
  readonly IsSecureConnection: boolean;
  /** Always false: no authentication here. */
  readonly IsAuthenticated: boolean = false;
  /** Always null: no authentication here. */
  readonly User: null = null;

  /** @internal Made by HttpListenerContext.AcceptWebSocketAsync. */
  constructor(init: Omit<HttpListenerWebSocketContext, 'IsAuthenticated' | 'User'>) {
    this.WebSocket = init.WebSocket;
    this.RequestUri = init.RequestUri;
    this.Headers = init.Headers;
    this.Origin = init.Origin;
    this.SecWebSocketProtocols = Object.freeze([...init.SecWebSocketProtocols]);
    this.SecWebSocketVersion = init.SecWebSocketVersion;
    this.SecWebSocketKey = init.SecWebSocketKey;
    this.IsLocal = init.IsLocal;
    this.IsSecureConnection = init.IsSecureConnection;
    Object.freeze(this);
  }
}
