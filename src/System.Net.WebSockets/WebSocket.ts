/**
 * System.Net.WebSockets.WebSocket: the abstract WebSocket every implementation derives from.
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocket
 */
import type { Duplex } from 'node:stream';
import { ArraySegment } from '../System/ArraySegment.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import type { Nullable } from '../System/Nullable.js';
import { PlatformNotSupportedException } from '../System/PlatformNotSupportedException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import { SR } from '../Resources/SR.js';
import { validateSubprotocol } from '../shared/subprotocol.js';
import type { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
import type { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import { WebSocketCreationOptions } from './WebSocketCreationOptions.js';
import { WebSocketError } from './WebSocketError.js';
import { WebSocketException } from './WebSocketException.js';
import type { WebSocketMessageFlags } from './WebSocketMessageFlags.js';
import type { WebSocketMessageType } from './WebSocketMessageType.js';
import type { WebSocketReceiveResult } from './WebSocketReceiveResult.js';
import { WebSocketState } from './WebSocketState.js';

/**
 * What WebSocket.CreateFromStream builds: a ManagedWebSocket, which extends this class, so its module
 * registers itself here when it loads (every barrel loads it) rather than this module importing it.
 */
let streamFactory: ((stream: Duplex, options: WebSocketCreationOptions) => WebSocket) | null = null;

/** @internal Called once by ManagedWebSocket's module. */
export function registerStreamFactory(factory: (stream: Duplex, options: WebSocketCreationOptions) => WebSocket): void {
  streamFactory = factory;
}

/**
 * A WebSocket connection: receive and send messages, run the close handshake, abort.
 *
 * Instances come from `HttpContext.WebSockets.AcceptWebSocketAsync()` (server),
 * `new ClientWebSocket()` + `ConnectAsync` (client) or {@link WebSocket.CreateFromStream}.
 * `using ws = …` disposes it, as C#'s `using var ws = …` does.
 */
export abstract class WebSocket implements Disposable {
  /** The status the peer sent in its close frame; empty until one was received. */
  abstract get CloseStatus(): Nullable<WebSocketCloseStatus>;
  /** The reason the peer sent in its close frame; null until one was received. */
  abstract get CloseStatusDescription(): string | null;
  /** The subprotocol agreed in the opening handshake, or null. */
  abstract get SubProtocol(): string | null;
  /** Where the connection stands in the WebSocket lifecycle. */
  abstract get State(): WebSocketState;

  /** Tears the connection down at once: pending operations fail, the state becomes Aborted. */
  abstract Abort(): void;

  /**
   * Sends a close frame (unless one was sent already) and waits for the peer's; data arriving meanwhile
   * is discarded. Ends in state Closed.
   * @throws {ArgumentException} synchronously, for a reserved status code or an invalid description.
   */
  abstract CloseAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken?: CancellationToken,
  ): Promise<void>;

  /**
   * Sends a close frame and returns without waiting for the peer's; receiving stays possible.
   * @throws {ArgumentException} synchronously, for a reserved status code or an invalid description.
   */
  abstract CloseOutputAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken?: CancellationToken,
  ): Promise<void>;

  /** Releases the connection without a close handshake; the state becomes Closed (Aborted stays Aborted). */
  abstract Dispose(): void;

  /**
   * Receives (part of) a message into `buffer`.
   * An `ArraySegment` gives a {@link WebSocketReceiveResult}; a `Uint8Array` (C#'s `Memory<byte>`) gives a
   * {@link ValueWebSocketReceiveResult}.
   */
  abstract ReceiveAsync(buffer: ArraySegment<Uint8Array>, cancellationToken?: CancellationToken): Promise<WebSocketReceiveResult>;
  abstract ReceiveAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<ValueWebSocketReceiveResult>;

  /**
   * Sends `buffer` as a message, or as one fragment of it when `endOfMessage` is false.
   * Resolves once the bytes are handed to the socket, so the buffer may be reused.
   * @throws {ArgumentException} synchronously, when `messageType` is Close.
   * @remarks Differs from .NET: `buffer` is read until the send completes (a long payload is written or
   * masked from it as the socket takes it), where .NET copies it before returning; leave it unchanged
   * until then, as .NET's contract asks.
   */
  abstract SendAsync(
    buffer: ArraySegment<Uint8Array>,
    messageType: WebSocketMessageType,
    endOfMessage: boolean,
    cancellationToken?: CancellationToken,
  ): Promise<void>;
  abstract SendAsync(
    buffer: Uint8Array,
    messageType: WebSocketMessageType,
    endOfMessage: boolean,
    cancellationToken?: CancellationToken,
  ): Promise<void>;
  abstract SendAsync(
    buffer: Uint8Array,
    messageType: WebSocketMessageType,
    messageFlags: WebSocketMessageFlags,
    cancellationToken?: CancellationToken,
  ): Promise<void>;

  /** `using ws = …` support: the same as {@link WebSocket.Dispose}. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /** The keep-alive interval .NET uses when none is given: 30 seconds. */
  static get DefaultKeepAliveInterval(): TimeSpan {
    return TimeSpan.FromSeconds(30);
  }

  /**
   * Wraps a connected duplex stream (a `net.Socket`, a `tls.TLSSocket`, any `Duplex`) whose opening
   * handshake already took place. The socket starts in state Open.
   *
   * @throws {ArgumentNullException} `stream` (or `options`) is null.
   * @throws {ArgumentException} the stream is not readable or not writable; the subprotocol is invalid.
   * @throws {ArgumentOutOfRangeException} a negative keep-alive interval other than -1 ms.
   * @remarks Differs from .NET: `DangerousDeflateOptions` is ignored here (there is no handshake to agree
   * on compression over a bare stream); .NET compresses with the options as given.
   * @example
   * const ws = WebSocket.CreateFromStream(socket, new WebSocketCreationOptions({ IsServer: true }));
   */
  static CreateFromStream(stream: Duplex, options: WebSocketCreationOptions): WebSocket;
  static CreateFromStream(stream: Duplex, isServer: boolean, subProtocol: string | null, keepAliveInterval: TimeSpan): WebSocket;
  static CreateFromStream(
    stream: Duplex,
    optionsOrIsServer: WebSocketCreationOptions | boolean,
    subProtocol?: string | null,
    keepAliveInterval?: TimeSpan,
  ): WebSocket {
    if (stream == null) throw new ArgumentNullException('stream');
    let options: WebSocketCreationOptions;
    if (typeof optionsOrIsServer === 'boolean') {
      if (!stream.readable) throw new ArgumentException(SR.NotReadableStream, 'stream');
      if (!stream.writable) throw new ArgumentException(SR.NotWriteableStream, 'stream');
      options = new WebSocketCreationOptions();
      options.IsServer = optionsOrIsServer;
      if (subProtocol != null) validateSubprotocol(subProtocol, 'subProtocol');
      options.SubProtocol = subProtocol ?? null;
      const interval = keepAliveInterval ?? TimeSpan.Zero;
      if (interval.Ticks < 0 && !interval.Equals(TimeSpan.InfiniteTimeSpan)) {
        throw new ArgumentOutOfRangeException('keepAliveInterval', interval, SR.Format(SR.net_WebSockets_ArgumentOutOfRange_TooSmall, 0));
      }
      options.KeepAliveInterval = interval;
    } else {
      if (optionsOrIsServer == null) throw new ArgumentNullException('options');
      if (!stream.readable) throw new ArgumentException(SR.NotReadableStream, 'stream');
      if (!stream.writable) throw new ArgumentException(SR.NotWriteableStream, 'stream');
      options = optionsOrIsServer;
    }
    if (streamFactory === null) throw new Error('dotnet-ws: ManagedWebSocket was not loaded');
    return streamFactory(stream, options);
  }

  /**
   * A buffer for a client's receives and sends: .NET returns one array as large as the larger size.
   * @throws {ArgumentOutOfRangeException} a size ≤ 0.
   */
  static CreateClientBuffer(receiveBufferSize: number, sendBufferSize: number): ArraySegment<Uint8Array> {
    // .NET 10: ArgumentOutOfRangeException.ThrowIfNegativeOrZero ("… must be a non-negative and non-zero value.").
    ArgumentOutOfRangeException.ThrowIfNegativeOrZero(receiveBufferSize, 'receiveBufferSize');
    ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sendBufferSize, 'sendBufferSize');
    return new ArraySegment(new Uint8Array(Math.max(receiveBufferSize, sendBufferSize)));
  }

  /**
   * A buffer for a server's receives, of exactly `receiveBufferSize` bytes.
   * @throws {ArgumentOutOfRangeException} a size ≤ 0.
   */
  static CreateServerBuffer(receiveBufferSize: number): ArraySegment<Uint8Array> {
    ArgumentOutOfRangeException.ThrowIfNegativeOrZero(receiveBufferSize, 'receiveBufferSize');
    return new ArraySegment(new Uint8Array(receiveBufferSize));
  }

  /** Always true, as on .NET Core (obsolete there). */
  static IsApplicationTargeting45(): boolean {
    return true;
  }

  /** Not supported on .NET Core, nor here. @throws {PlatformNotSupportedException} always. */
  static RegisterPrefixes(): never {
    throw new PlatformNotSupportedException();
  }

  /** True for the states a WebSocket never leaves: Closed and Aborted. */
  protected static IsStateTerminal(state: WebSocketState): boolean {
    return state === WebSocketState.Closed || state === WebSocketState.Aborted;
  }

  /**
   * Returns when `state` is one of `validStates`.
   * @throws {WebSocketException} InvalidState, naming the state and the valid ones.
   */
  protected static ThrowOnInvalidState(state: WebSocketState, ...validStates: WebSocketState[]): void {
    if (validStates.includes(state)) return;
    throw invalidStateException(state, validStates);
  }
}

/** The InvalidState exception .NET throws when an operation is called in the wrong state. */
export function invalidStateException(state: WebSocketState, validStates: readonly WebSocketState[], inner?: Error): WebSocketException {
  const valid = validStates.map((s) => WebSocketState[s] ?? String(s)).join(', ');
  return new WebSocketException(
    WebSocketError.InvalidState,
    SR.Format(SR.net_WebSockets_InvalidState, WebSocketState[state] ?? String(state), valid),
    inner,
  );
}
