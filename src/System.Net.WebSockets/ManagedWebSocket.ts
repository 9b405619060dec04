/**
 * The one WebSocket implementation: .NET's ManagedWebSocket state machine over any Duplex (a TCP or TLS
 * socket after the opening handshake, or whatever stream WebSocket.CreateFromStream is given). The frames
 * themselves are read and written by the protocol engine in src/protocol/, and the I/O around them
 * (receive pump, send queue, keep-alive timers, the stream's end) lives in src/engine/; this class maps
 * what they report to .NET's states, results and exceptions.
 * Server accepts, ClientWebSocket and WebSocket.CreateFromStream all build one of these.
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.WebSockets/src/System/Net/WebSockets/ManagedWebSocket.cs
 */
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArraySegment } from '../System/ArraySegment.js';
import { Nullable } from '../System/Nullable.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import type { TimeSpan } from '../System/TimeSpan.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { CancellationTokenRegistration } from '../System.Threading/CancellationTokenRegistration.js';
import { SR } from '../Resources/SR.js';
import { type MessageKind, ProtocolFault } from '../protocol/frame-reader.js';
import { Opcode, closePayload as encodeClosePayload } from '../protocol/frame-writer.js';
import { KeepAliveAction } from '../protocol/keep-alive.js';
import { withFlag } from '../protocol/flags.js';
import type { DeflateParameters } from '../protocol/deflate-negotiation.js';
import { MessageDeflater, MessageInflater } from '../protocol/permessage-deflate.js';
import { FrameSender, type SendHost } from '../engine/frame-sender.js';
import { KeepAliveDriver, type KeepAliveHost, type KeepAliveTimer } from '../engine/keep-alive-driver.js';
import { ProcessHold } from '../engine/process-hold.js';
import { type Reader, type ReceiveHost, ReceivePump } from '../engine/receive-pump.js';
import { awaitServerClose, endStream } from '../engine/transport.js';
import { inflateFailureMessage } from '../shared/deflate-messages.js';
import { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
import { WebSocket, invalidStateException, registerStreamFactory } from './WebSocket.js';
import { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import type { WebSocketCreationOptions } from './WebSocketCreationOptions.js';
import { WebSocketError } from './WebSocketError.js';
import { WebSocketException } from './WebSocketException.js';
import { WebSocketMessageFlags } from './WebSocketMessageFlags.js';
import { WebSocketMessageType } from './WebSocketMessageType.js';
import { WebSocketReceiveResult } from './WebSocketReceiveResult.js';
import { WebSocketState } from './WebSocketState.js';
import { closePayload, validateSegment } from './WebSocketValidate.js';
import { protocolException } from './ProtocolFaults.js';

/** How a ManagedWebSocket is set up by whoever completed the opening handshake. */
export interface ManagedWebSocketOptions {
  /** Server role (frames sent unmasked, received masked) or client role. */
  IsServer: boolean;
  /** The subprotocol agreed in the handshake, or null. */
  SubProtocol: string | null;
  /** Zero or InfiniteTimeSpan: off. Otherwise unsolicited pongs, or pings when a timeout is set too. */
  KeepAliveInterval: TimeSpan;
  /** With a positive interval: how long to wait for the pong to a keep-alive ping before aborting. */
  KeepAliveTimeout: TimeSpan;
  /** @internal permessage-deflate as agreed in the handshake (RFC 7692), or null/absent for none. */
  deflate?: DeflateParameters | null;
  /**
   * @internal The stream is a ClientWebSocket's HTTP connection: a cancelled pending operation fails with
   * TaskCanceledException, as .NET's HttpClient streams make it fail (other streams: OperationCanceledException).
   */
  httpClientStream?: boolean;
  /** @internal The host that accepted the socket (see {@link ManagedWebSocketOwner}), or none. */
  owner?: ManagedWebSocketOwner;
}

/**
 * @internal What the host that accepted a server's socket hears from it and adds to it: one member of the
 * socket rather than a listener and a lookup of the host's own per connection.
 */
export interface ManagedWebSocketOwner {
  /**
   * What a pending receive fails with once the socket is aborted, when the host's stream has its own
   * failure (Kestrel's ConnectionAbortedException, HTTP/2's TaskCanceledException), rather than "Aborted".
   */
  abortedReceive(): OperationCanceledException;
  /** The stream closed, whatever closed it (told before the pending receives hear of it). */
  streamClosed(): void;
}

// Valid-state tables (.NET's s_valid*States): docs/behaviour.md, "States".
const VALID_SEND_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
const VALID_RECEIVE_STATES = [WebSocketState.Open, WebSocketState.CloseSent] as const;
const VALID_CLOSE_OUTPUT_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
// .NET 9+ prints the close list in the flags order (Open, CloseSent, CloseReceived), as .NET 10 shows.
const VALID_CLOSE_STATES = [WebSocketState.Open, WebSocketState.CloseSent, WebSocketState.CloseReceived] as const;

const EMPTY = Buffer.alloc(0);

// The bits of ManagedWebSocket's flags (see its `#flags`).
/** Server role: frames are sent unmasked. */
const IS_SERVER = 1 << 0;
/** The stream is a ClientWebSocket's HTTP connection (see ManagedWebSocketOptions). */
const HTTP_CLIENT_STREAM = 1 << 1;
/** Sending with compression (negotiated). */
const COMPRESSES = 1 << 2;
/** Our close frame was handed to the stream. */
const SENT_CLOSE_FRAME = 1 << 3;
/** The peer's close frame was read. */
const RECEIVED_CLOSE_FRAME = 1 << 4;
/** Dispose() ran (or the connection was torn down after the handshake or a fault). */
const DISPOSED = 1 << 5;
/** A fragmented send is open: later sends continue it. */
const LAST_SEND_WAS_FRAGMENT = 1 << 6;
/** DisableCompression of the open fragmented send. */
const LAST_SEND_HAD_DISABLE_COMPRESSION = 1 << 7;

/**
 * .NET's ManagedWebSocket: the states, results and exceptions of System.Net.WebSockets over the frame
 * engine of src/protocol/ and src/engine/. Bytes are read from the stream, and control frames answered,
 * only while a ReceiveAsync (or CloseAsync's wait for the peer's close) is pending: otherwise the stream
 * is paused, which is the backpressure a slow reader puts on its peer, as on .NET.
 *
 * @remarks Differs from .NET: a frame longer than 2^53 − 1 bytes (which a JavaScript number cannot count)
 * is refused with close 1009; .NET would read it.
 */
export class ManagedWebSocket extends WebSocket {
  /** The stream the frames travel on. */
  readonly #stream: Duplex;
  /** The socket's booleans, one bit each (the constants above the class): one field rather than one per boolean. */
  #flags = 0;
  /** The agreed subprotocol. */
  readonly #subProtocol: string | null;
  /** permessage-deflate's receiving half, when negotiated (the sending half is the sender's). */
  readonly #inflater: MessageInflater | null;
  /** Keeps the process alive while an operation is pending (clients only). */
  readonly #hold: ProcessHold;
  /** Frames out. */
  readonly #sender: FrameSender;
  /** Frames in. */
  readonly #pump: ReceivePump;

  /** Current .NET state; only ever moves forward. */
  #state: WebSocketState = WebSocketState.Open;
  /** The peer's close status, once read. */
  #closeStatus: Nullable<WebSocketCloseStatus> = Nullable.Null;
  /** The peer's close reason, once read. */
  #closeStatusDescription: string | null = null;

  /** The error that aborted the socket from inside (keep-alive timeout), for later InvalidState errors. */
  #abortCause: Error | undefined;
  /** The host that accepted the socket, or null. */
  readonly #owner: ManagedWebSocketOwner | null;
  /** Keep-alive's place in the shared timers, when it is on (stopped with {@link #events}). */
  #keepAlive: KeepAliveTimer | null = null;
  /** What the engine's parts report to (see {@link ManagedWebSocket.#EngineEvents}). */
  readonly #events: KeepAliveHost;
  /** Tokens that aborted the socket while their send was in progress (made when one does). */
  #canceledSends: Set<CancellationToken> | null = null;

  /**
   * @internal Built by the server's accept, ClientWebSocket.ConnectAsync and CreateFromStream, once the
   * opening handshake is done. `head` holds bytes that arrived with the handshake.
   */
  constructor(stream: Duplex, head: Buffer, options: ManagedWebSocketOptions) {
    super();
    this.#stream = stream;
    const isServer = options.IsServer;
    if (isServer) this.#flags |= IS_SERVER;
    if (options.httpClientStream === true) this.#flags |= HTTP_CLIENT_STREAM;
    this.#owner = options.owner ?? null;
    this.#subProtocol = options.SubProtocol;
    const deflate = options.deflate ?? null;
    let deflater: MessageDeflater | null = null;
    if (deflate !== null) {
      // Each side compresses with its own window and context rules (RFC 7692 §7.1).
      const ours = isServer
        ? [deflate.serverMaxWindowBits, deflate.serverNoContextTakeover]
        : [deflate.clientMaxWindowBits, deflate.clientNoContextTakeover];
      const theirs = isServer
        ? [deflate.clientMaxWindowBits, deflate.clientNoContextTakeover]
        : [deflate.serverMaxWindowBits, deflate.serverNoContextTakeover];
      deflater = new MessageDeflater(ours[0] as number, ours[1] as boolean);
      this.#inflater = new MessageInflater(theirs[0] as number, theirs[1] as boolean);
    } else {
      this.#inflater = null;
    }
    if (deflater !== null) this.#flags |= COMPRESSES;
    const socket = stream as Duplex & { setNoDelay?: (noDelay: boolean) => void; setTimeout?: (ms: number) => void };
    socket.setNoDelay?.(true);
    socket.setTimeout?.(0);
    this.#hold = ProcessHold.of(stream, isServer);
    const events = new ManagedWebSocket.#EngineEvents(this);
    this.#events = events;
    // A client's masked frames reuse one buffer over a net.Socket (TLS included), which never keeps a
    // written buffer past its write (frame-sender.ts).
    this.#sender = new FrameSender(stream, !isServer, !isServer && stream instanceof Socket, deflater, this.#hold, events);
    this.#pump = new ReceivePump(stream, isServer, this.#inflater, head, this.#sender, this.#hold, events);
    this.#hold.unref();
    if (this.#pump.streamClosed) return;
    this.#keepAlive = KeepAliveDriver.start(
      options.KeepAliveInterval.TotalMilliseconds,
      options.KeepAliveTimeout.TotalMilliseconds,
      events,
    );
    // Only pings hear of reads and pongs; unsolicited pongs go out whatever comes in.
    if (this.#keepAlive instanceof KeepAliveDriver) this.#pump.keepAlive = this.#keepAlive;
  }

  /**
   * What the engine's parts (receive pump, sender, keep-alive) report, mapped to this socket's states,
   * results and exceptions: one small object per socket, where a closure per outcome would be a dozen
   * objects on every idle connection.
   */
  static readonly #EngineEvents = class EngineEvents implements ReceiveHost, SendHost, KeepAliveHost {
    readonly #socket: ManagedWebSocket;

    constructor(socket: ManagedWebSocket) {
      this.#socket = socket;
    }

    data(reader: Reader, count: number, kind: MessageKind, endOfMessage: boolean): void {
      this.#socket.#settle(reader, count, kind, endOfMessage);
    }

    close(reader: Reader, code: number, reason: Buffer): void {
      this.#socket.#closeFrameReceived(reader, code, reason);
    }

    fault(fault: ProtocolFault, opcode: number, closeCode: number): void {
      this.#socket.#failConnection(protocolException(fault, opcode), closeCode, fault === ProtocolFault.InvalidCloseFrame);
    }

    endedEarly(error: Error | undefined): void {
      this.#socket.#receiveFailed(
        error === undefined
          ? new WebSocketException(WebSocketError.ConnectionClosedPrematurely)
          : new WebSocketException(WebSocketError.ConnectionClosedPrematurely, error),
        false,
      );
    }

    inflateFailed(err: Error): void {
      // .NET throws WebSocketException(message) (error code Success) and sends no close frame.
      this.#socket.#receiveFailed(new WebSocketException(inflateFailureMessage(err)), false);
    }

    peerEnded(): void {
      // The peer is gone (what it sent before is still readable): the connection closes, as Kestrel closes it.
      const socket = this.#socket;
      if (socket.#state === WebSocketState.Closed) socket.#stream.destroy();
      else socket.#endStream();
    }

    streamClosed(): void {
      const socket = this.#socket;
      socket.#owner?.streamClosed();
      socket.#stopKeepAlive();
    }

    abort(): void {
      this.#socket.Abort();
    }

    watch(token: CancellationToken): CancellationTokenRegistration | null {
      return this.#socket.#watchSend(token);
    }

    failure(err: Error | null | undefined, token: CancellationToken): Error | null {
      return this.#socket.#sendFailure(err, token);
    }

    keepAliveAction(action: KeepAliveAction, pingPayload: Buffer | null): void {
      this.#socket.#keepAliveAction(action, pingPayload);
    }
  };

  override get CloseStatus(): Nullable<WebSocketCloseStatus> {
    return this.#closeStatus;
  }

  override get CloseStatusDescription(): string | null {
    return this.#closeStatusDescription;
  }

  override get SubProtocol(): string | null {
    return this.#subProtocol;
  }

  override get State(): WebSocketState {
    return this.#state;
  }

  /**
   * Bytes received and not yet read by a ReceiveAsync. Reading from the stream stops while nobody
   * receives, so this stays small (a socket read or two) whatever the peer sends.
   * @remarks Node.js extension.
   */
  get receiveBufferedAmount(): number {
    return this.#pump.buffered;
  }

  /** @internal Resolves once the underlying stream is closed, whatever closed it. */
  whenClosed(): Promise<void> {
    return this.#pump.whenClosed();
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving
  // ---------------------------------------------------------------------------------------------

  override ReceiveAsync(buffer: ArraySegment<Uint8Array>, cancellationToken?: CancellationToken): Promise<WebSocketReceiveResult>;
  override ReceiveAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<ValueWebSocketReceiveResult>;
  override ReceiveAsync(
    buffer: ArraySegment<Uint8Array> | Uint8Array,
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<WebSocketReceiveResult | ValueWebSocketReceiveResult> {
    let array: Uint8Array;
    let offset: number;
    let count: number;
    let segment: boolean;
    if (buffer instanceof ArraySegment) {
      validateSegment(buffer);
      array = buffer.Array!;
      offset = buffer.Offset;
      count = buffer.Count;
      segment = true;
    } else if (buffer instanceof Uint8Array) {
      array = buffer;
      offset = 0;
      count = buffer.length;
      segment = false;
    } else {
      throw new ArgumentNullException('buffer');
    }
    if (this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseSent) {
      return Promise.reject(this.#invalidState(VALID_RECEIVE_STATES));
    }
    const token = cancellationToken ?? CancellationToken.None;
    if (token.IsCancellationRequested) {
      // .NET registers the abort before waiting, so a cancelled token aborts the socket at once.
      this.Abort();
      return Promise.reject(new TaskCanceledException(undefined, undefined, token));
    }
    return this.#pump.read(array, offset, count, segment, token);
  }

  /** The oldest pending receive got `count` bytes: it resolves with .NET's result, and the next one moves up. */
  #settle(reader: Reader, count: number, type: MessageKind | WebSocketMessageType, endOfMessage: boolean): void {
    this.#pump.shift();
    this.#resolveReader(reader, count, type as number as WebSocketMessageType, endOfMessage);
  }

  /** Resolves a receive already taken off the queue (CloseAsync's wait resolves with nothing). */
  #resolveReader(reader: Reader, count: number, type: WebSocketMessageType, endOfMessage: boolean): void {
    this.#hold.unref();
    reader.registration?.Dispose();
    if (reader.array === null) {
      (reader.resolve as () => void)();
    } else {
      (reader.resolve as (r: unknown) => void)(
        reader.segment
          ? new WebSocketReceiveResult(count, type, endOfMessage, this.#closeStatus, this.#closeStatusDescription)
          : new ValueWebSocketReceiveResult(count, type, endOfMessage),
      );
    }
  }

  /** .NET's HandleReceivedCloseAsync: record the peer's close, move the state on, return the close result. */
  #closeFrameReceived(reader: Reader, code: number, reason: Buffer): void {
    this.#flags |= RECEIVED_CLOSE_FRAME;
    // CloseAsync calls waiting for the peer's close behind that receive have what they waited for.
    for (const waiter of this.#pump.takeCloseWaiters(reader)) this.#resolveReader(waiter, 0, WebSocketMessageType.Close, true);
    if (code === 1005) {
      // An empty close frame reads as NormalClosure with an empty description.
      this.#closeStatus = Nullable.Of(WebSocketCloseStatus.NormalClosure);
      this.#closeStatusDescription = '';
    } else {
      this.#closeStatus = Nullable.Of(code as WebSocketCloseStatus);
      this.#closeStatusDescription = reason.toString('utf8');
    }
    if ((this.#flags & SENT_CLOSE_FRAME) !== 0) {
      this.#state = WebSocketState.Closed;
      const closing = this.#closeTransport();
      if (closing !== null) {
        // A client gives the server a moment to close the TCP connection first (RFC 6455 §7.1.1).
        this.#pump.shift();
        void closing.then(() => {
          this.#resolveReader(reader, 0, WebSocketMessageType.Close, true);
          this.#failReaders();
        });
        return;
      }
    } else if (this.#state < WebSocketState.CloseReceived) {
      this.#state = WebSocketState.CloseReceived;
    }
    this.#settle(reader, 0, WebSocketMessageType.Close, true);
  }

  /**
   * The peer broke the protocol (.NET's CloseWithReceiveErrorAndThrowAsync): sends the close frame for the
   * error (unless one went already), fails the pending receives, and ends the connection. A bad close frame
   * still counts as the peer's close: with our close that completes the handshake, and .NET ends Closed
   * there, Aborted otherwise.
   */
  #failConnection(error: WebSocketException, closeCode: number, closeFrame: boolean): void {
    this.#pump.clear();
    if (closeFrame) {
      this.#flags |= RECEIVED_CLOSE_FRAME;
      if (this.#state < WebSocketState.CloseReceived) this.#state = WebSocketState.CloseReceived;
    }
    if ((this.#flags & SENT_CLOSE_FRAME) === 0 && !this.#pump.streamClosed) {
      this.#flags |= SENT_CLOSE_FRAME;
      this.#sender.writeFrame(Opcode.Close, true, false, encodeClosePayload(closeCode, null));
    }
    this.#receiveFailed(error, closeFrame);
  }

  /** A receive failed for good: the state moves to Aborted (Closed after a bad close frame), every pending receive fails. */
  #receiveFailed(error: WebSocketException, closed: boolean): void {
    if (this.#state !== WebSocketState.Closed) this.#state = closed ? WebSocketState.Closed : WebSocketState.Aborted;
    this.#teardown(false);
    const reader = this.#pump.shift();
    if (reader !== null) {
      this.#hold.unref();
      reader.registration?.Dispose();
      reader.reject(error);
    }
    // Later receives were accepted while the socket looked open; .NET fails them as aborted.
    this.#failReaders();
  }

  // ---------------------------------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------------------------------

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
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<void> {
    if (messageType !== WebSocketMessageType.Text && messageType !== WebSocketMessageType.Binary) {
      throw new ArgumentException(
        SR.Format(SR.net_WebSockets_Argument_InvalidMessageType, 'Close', 'SendAsync', 'Binary', 'Text', 'CloseOutputAsync'),
        'messageType',
      );
    }
    let array: Uint8Array;
    let offset: number;
    let count: number;
    if (buffer instanceof ArraySegment) {
      validateSegment(buffer);
      array = buffer.Array!;
      offset = buffer.Offset;
      count = buffer.Count;
    } else if (buffer instanceof Uint8Array) {
      array = buffer;
      offset = 0;
      count = buffer.length;
    } else {
      throw new ArgumentNullException('buffer');
    }
    let endOfMessage: boolean;
    let disableCompression: boolean;
    if (typeof endOfMessageOrFlags === 'boolean') {
      endOfMessage = endOfMessageOrFlags;
      disableCompression = false;
    } else {
      endOfMessage = (endOfMessageOrFlags & WebSocketMessageFlags.EndOfMessage) !== 0;
      disableCompression = (endOfMessageOrFlags & WebSocketMessageFlags.DisableCompression) !== 0;
    }
    if (this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived) {
      return Promise.reject(this.#invalidState(VALID_SEND_STATES));
    }
    if ((this.#flags & LAST_SEND_WAS_FRAGMENT) !== 0 && ((this.#flags & LAST_SEND_HAD_DISABLE_COMPRESSION) !== 0) !== disableCompression) {
      throw new ArgumentException(SR.net_WebSockets_Argument_MessageFlagsHasDifferentCompressionOptions, 'messageFlags');
    }
    // Fragment bookkeeping is updated at call time, as .NET does: after a non-final send, every send is a
    // continuation whatever its message type (docs/behaviour.md, "Sending").
    const opcode =
      (this.#flags & LAST_SEND_WAS_FRAGMENT) !== 0
        ? Opcode.Continuation
        : messageType === WebSocketMessageType.Binary
          ? Opcode.Binary
          : Opcode.Text;
    this.#flags = withFlag(
      withFlag(this.#flags, LAST_SEND_WAS_FRAGMENT, !endOfMessage),
      LAST_SEND_HAD_DISABLE_COMPRESSION,
      disableCompression,
    );
    const token = cancellationToken ?? CancellationToken.None;
    if (token.IsCancellationRequested) {
      return Promise.reject(new TaskCanceledException(undefined, undefined, token));
    }
    return this.#sender.send(opcode, endOfMessage, !disableCompression && (this.#flags & COMPRESSES) !== 0, array, offset, count, token);
  }

  /** Cancelling a send in progress aborts the socket (.NET registers the abort for the write). */
  #watchSend(token: CancellationToken): CancellationTokenRegistration | null {
    if (!token.CanBeCanceled) return null;
    return token.Register(() => {
      (this.#canceledSends ??= new Set()).add(token);
      this.Abort();
    });
  }

  /** What a finished send fails with, or null when it succeeded. */
  #sendFailure(err: Error | null | undefined, token: CancellationToken): Error | null {
    if (this.#state === WebSocketState.Aborted) {
      // A write cut short by an abort: the abort decides.
      const canceled = this.#canceledSends?.delete(token) ?? false;
      return this.#abortedException(canceled ? token : undefined, err ?? undefined);
    }
    if (err) return new WebSocketException(WebSocketError.ConnectionClosedPrematurely, err);
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Closing
  // ---------------------------------------------------------------------------------------------

  override CloseOutputAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<void> {
    const payload = closePayload(closeStatus, statusDescription ?? null);
    return this.#closeOutput(payload, cancellationToken ?? CancellationToken.None);
  }

  async #closeOutput(payload: Buffer, token: CancellationToken): Promise<void> {
    if (this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived) {
      throw this.#invalidState(VALID_CLOSE_OUTPUT_STATES);
    }
    await this.#sendCloseFrame(payload, token);
  }

  override CloseAsync(
    closeStatus: WebSocketCloseStatus,
    statusDescription: string | null | undefined,
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<void> {
    const payload = closePayload(closeStatus, statusDescription ?? null);
    return this.#close(payload, cancellationToken ?? CancellationToken.None);
  }

  async #close(payload: Buffer, token: CancellationToken): Promise<void> {
    if (this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived && this.#state !== WebSocketState.CloseSent) {
      throw this.#invalidState(VALID_CLOSE_STATES);
    }
    if ((this.#flags & SENT_CLOSE_FRAME) === 0) await this.#sendCloseFrame(payload, token);
    if ((this.#flags & RECEIVED_CLOSE_FRAME) !== 0) return;
    if (token.IsCancellationRequested) {
      this.Abort();
      throw new TaskCanceledException(undefined, undefined, token);
    }
    // Wait for the peer's close frame behind any pending ReceiveAsync, discarding data.
    await this.#pump.read<void>(null, 0, 0, false, token);
  }

  /** .NET's SendCloseFrameAsync: write the frame (after the sends before it), then move to CloseSent or Closed. */
  async #sendCloseFrame(payload: Buffer, token: CancellationToken): Promise<void> {
    if (token.IsCancellationRequested) throw new TaskCanceledException(undefined, undefined, token);
    try {
      await this.#sender.enqueue(Opcode.Close, true, false, payload, token);
    } catch (err) {
      // A peer that closed its side right after its close frame cannot read ours; the handshake counts
      // as done either way.
      if (!((this.#flags & RECEIVED_CLOSE_FRAME) !== 0 && err instanceof WebSocketException)) throw err;
    }
    this.#flags |= SENT_CLOSE_FRAME;
    if ((this.#flags & RECEIVED_CLOSE_FRAME) !== 0) {
      if (this.#state < WebSocketState.Closed) this.#state = WebSocketState.Closed;
      const closing = this.#closeTransport();
      if (closing !== null) await closing;
    } else if (this.#state < WebSocketState.CloseSent) {
      this.#state = WebSocketState.CloseSent;
    }
  }

  /**
   * Both close frames went: the connection ends. A server closes the stream (.NET disposes it); a client
   * waits up to a second for the server to close the TCP connection first, then closes it itself. Returns
   * that wait, or null.
   */
  #closeTransport(): Promise<void> | null {
    this.#markDisposed();
    this.#stopKeepAlive();
    this.#pump.clear();
    const stream = this.#stream;
    if ((this.#flags & IS_SERVER) !== 0 || this.#pump.streamClosed || this.#pump.eof) {
      this.#endStream();
      return null;
    }
    this.#pump.resumeFlow();
    return awaitServerClose(stream);
  }

  // ---------------------------------------------------------------------------------------------
  // Abort and Dispose
  // ---------------------------------------------------------------------------------------------

  override Abort(): void {
    if (this.#state !== WebSocketState.Closed && this.#state !== WebSocketState.Aborted) {
      this.#state = WebSocketState.Aborted;
    }
    this.Dispose();
  }

  override Dispose(): void {
    if (this.#state < WebSocketState.Closed) this.#state = WebSocketState.Closed;
    this.#teardown(true);
    this.#failReaders();
  }

  /** Nothing more is read, and queued sends fail. */
  #markDisposed(): void {
    this.#flags |= DISPOSED;
    this.#pump.stopped = true;
    this.#sender.stopped = true;
  }

  /** Stops everything: keep-alive, inflation, the stream (destroyed, or ended gracefully). */
  #teardown(destroy: boolean): void {
    if ((this.#flags & DISPOSED) === 0) {
      this.#markDisposed();
      this.#stopKeepAlive();
      this.#inflater?.dispose();
      this.#sender.dispose();
    }
    if (destroy) this.#stream.destroy();
    else this.#endStream();
  }

  /**
   * Ends the stream gracefully, after the rest of a long frame the sender is writing in pieces (and the
   * control frames held behind it): what was sent before the end still arrives whole, as when every frame
   * was handed to the stream at once.
   */
  #endStream(): void {
    this.#sender.finishFrame();
    endStream(this.#stream);
  }

  /** Rejects every pending receive: the socket can no longer deliver anything. */
  #failReaders(): void {
    for (const reader of this.#pump.takeAll()) {
      this.#hold.unref();
      reader.registration?.Dispose();
      if (this.#state === WebSocketState.Aborted) {
        reader.reject((!reader.canceled && this.#owner?.abortedReceive()) || this.#abortedException(reader.canceled ? reader.token : undefined));
      } else {
        reader.reject(
          new WebSocketException(
            WebSocketError.ConnectionClosedPrematurely,
            new ObjectDisposedException('System.Net.WebSockets.WebSocket'),
          ),
        );
      }
    }
  }

  /** What a pending operation fails with once the socket is aborted (docs/behaviour.md, "Cancellation"). */
  #abortedException(token: CancellationToken | undefined, inner?: Error): OperationCanceledException {
    if (token !== undefined) {
      return (this.#flags & HTTP_CLIENT_STREAM) !== 0
        ? new TaskCanceledException(SR.OperationCanceled, inner, token)
        : new OperationCanceledException(SR.OperationCanceled, inner, token);
    }
    return new OperationCanceledException(SR.net_WebSockets_Aborted, this.#abortCause ?? inner);
  }

  #invalidState(valid: readonly WebSocketState[]): WebSocketException {
    return invalidStateException(this.#state, valid, this.#abortCause);
  }

  // ---------------------------------------------------------------------------------------------
  // Keep-alive (docs/behaviour.md, "Keep-alive")
  // ---------------------------------------------------------------------------------------------

  #keepAliveAction(action: KeepAliveAction, pingPayload: Buffer | null): void {
    if (action === KeepAliveAction.TimedOut) {
      this.#abortCause = new WebSocketException(WebSocketError.Faulted, SR.net_Websockets_KeepAlivePingTimeout);
      this.Abort();
      return;
    }
    if ((this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived) || (this.#flags & SENT_CLOSE_FRAME) !== 0)
      return;
    // Written between data frames, as .NET does.
    if (action === KeepAliveAction.SendPong) this.#sender.writeFrame(Opcode.Pong, true, false, EMPTY);
    else this.#sender.writeFrame(Opcode.Ping, true, false, pingPayload!);
  }

  #stopKeepAlive(): void {
    this.#keepAlive?.stop(this.#events);
  }
}

registerStreamFactory((stream: Duplex, options: WebSocketCreationOptions) => {
  const deflate = options.DangerousDeflateOptions;
  return new ManagedWebSocket(stream, EMPTY, {
    IsServer: options.IsServer,
    SubProtocol: options.SubProtocol,
    KeepAliveInterval: options.KeepAliveInterval,
    KeepAliveTimeout: options.KeepAliveTimeout,
    // CreateFromStream has no handshake: both sides take the options as agreed (.NET does the same).
    deflate:
      deflate === null
        ? null
        : {
            clientMaxWindowBits: deflate.ClientMaxWindowBits,
            clientNoContextTakeover: !deflate.ClientContextTakeover,
            serverMaxWindowBits: deflate.ServerMaxWindowBits,
            serverNoContextTakeover: !deflate.ServerContextTakeover,
          },
  });
});
