/**
 * The one WebSocket implementation: .NET's ManagedWebSocket state machine over any Duplex (a TCP or TLS
 * socket after the opening handshake, or whatever stream WebSocket.CreateFromStream is given). The frames
 * themselves are read and written by the protocol engine in src/protocol/; this class is the I/O around it.
 * Server accepts, ClientWebSocket and WebSocket.CreateFromStream all build one of these.
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.WebSockets/src/System/Net/WebSockets/ManagedWebSocket.cs
 */
import type { Duplex } from 'node:stream';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../System/ArraySegment.js';
import { Nullable } from '../System/Nullable.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import type { TimeSpan } from '../System/TimeSpan.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { CancellationTokenRegistration } from '../System.Threading/CancellationTokenRegistration.js';
import { SR } from '../Resources/SR.js';
import { FrameReader, ProtocolFault, ReceiveStatus } from '../protocol/frame-reader.js';
import { Opcode, closePayload as encodeClosePayload, encodeFrame } from '../protocol/frame-writer.js';
import { KeepAlive, KeepAliveAction } from '../protocol/keep-alive.js';
import type { DeflateParameters } from '../protocol/deflate-negotiation.js';
import { MessageDeflater, MessageInflater } from '../protocol/permessage-deflate.js';
import { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
import { inflateFailureMessage } from '../shared/deflate-messages.js';
import { WebSocket, invalidStateException, registerStreamFactory } from './WebSocket.js';
import { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import type { WebSocketCreationOptions } from './WebSocketCreationOptions.js';
import { WebSocketError } from './WebSocketError.js';
import { WebSocketException } from './WebSocketException.js';
import { WebSocketMessageFlags } from './WebSocketMessageFlags.js';
import { WebSocketMessageType } from './WebSocketMessageType.js';
import { WebSocketReceiveResult } from './WebSocketReceiveResult.js';
import { WebSocketState } from './WebSocketState.js';

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
}

// Valid-state tables (.NET's s_valid*States): docs/behaviour.md, "States".
const VALID_SEND_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
const VALID_RECEIVE_STATES = [WebSocketState.Open, WebSocketState.CloseSent] as const;
const VALID_CLOSE_OUTPUT_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
// .NET 9+ prints the close list in the flags order (Open, CloseSent, CloseReceived), as .NET 10 shows.
const VALID_CLOSE_STATES = [WebSocketState.Open, WebSocketState.CloseSent, WebSocketState.CloseReceived] as const;

/** RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of which are the close code. */
const MAX_CLOSE_DESCRIPTION_BYTES = 123;
/** How long a client waits, after the close handshake, for the server to close the TCP connection (.NET: 1 s). */
const CLIENT_CLOSE_WAIT_MS = 1000;
const EMPTY = Buffer.alloc(0);
/**
 * Bytes read ahead while no receive is pending (as Kestrel's transport reads ahead into its pipe): enough
 * to notice a peer that went away, small enough to bound what an idle connection can be made to hold.
 */
const READ_AHEAD = 64 * 1024;
/**
 * Node's Buffer class proper: `new FastBuffer(arrayBuffer, offset, length)` is the view
 * `Buffer.from(arrayBuffer, offset, length)` returns, without its argument checks (the segment was
 * validated already).
 */
const FastBuffer = (Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer })[
  Symbol.species
];

/** A pending ReceiveAsync (or CloseAsync's discarding wait when `array` is null). */
interface Reader {
  array: Uint8Array | null;
  offset: number;
  count: number;
  /** True: resolve a WebSocketReceiveResult; false: a ValueWebSocketReceiveResult. */
  segment: boolean;
  resolve: (value: never) => void;
  reject: (reason: Error) => void;
  token: CancellationToken;
  registration: CancellationTokenRegistration | null;
  /** Set when this reader's own token aborted the socket. */
  canceled: boolean;
}

/** A send waiting for the one before it (sends are serialized, as .NET's send mutex does). */
interface SendJob {
  opcode: Opcode;
  fin: boolean;
  compress: boolean;
  data: Uint8Array;
  token: CancellationToken;
  /** Called with the outcome once the frame was handed to the socket (or failed). */
  done: (err: Error | null) => void;
}

/**
 * .NET's ManagedWebSocket: the states, results and exceptions of System.Net.WebSockets over the frame
 * engine of src/protocol/. Bytes are read from the stream, and control frames answered, only while a
 * ReceiveAsync (or CloseAsync's wait for the peer's close) is pending: otherwise the stream is paused,
 * which is the backpressure a slow reader puts on its peer, as on .NET.
 *
 * @remarks Differs from .NET: a frame longer than 2^53 − 1 bytes (which a JavaScript number cannot count)
 * is refused with close 1009; .NET would read it.
 */
export class ManagedWebSocket extends WebSocket {
  /** The stream the frames travel on. */
  readonly #stream: Duplex;
  /** Server role: frames are sent unmasked. */
  readonly #isServer: boolean;
  /** The agreed subprotocol. */
  readonly #subProtocol: string | null;
  /** The receiving engine. */
  readonly #frames: FrameReader;
  /** permessage-deflate's sending half, when negotiated. */
  readonly #deflater: MessageDeflater | null;
  readonly #inflater: MessageInflater | null;

  /** Current .NET state; only ever moves forward. */
  #state: WebSocketState = WebSocketState.Open;
  /** Our close frame was handed to the stream. */
  #sentCloseFrame = false;
  /** The peer's close frame was read. */
  #receivedCloseFrame = false;
  /** Dispose() ran (or the connection was torn down after the handshake or a fault). */
  #disposed = false;
  /** The peer's close status, once read. */
  #closeStatus: Nullable<WebSocketCloseStatus> = Nullable.Null;
  /** The peer's close reason, once read. */
  #closeStatusDescription: string | null = null;

  /** The oldest pending receive, and the ones queued behind it (rare: only when receives overlap). */
  #reader: Reader | null = null;
  #moreReaders: Reader[] | null = null;
  /** The stream was paused because nobody was receiving. */
  #paused = false;
  /** Waiting for the inflater (or for a pong's write) to call back: data that arrives meanwhile waits. */
  #inflating = false;
  /** Inside #drive (so that a settle that re-enters does not recurse). */
  #driving = false;
  /** The stream ended or failed: once the buffered bytes are read, nothing more comes. */
  #eof = false;
  /** The error the stream failed with, if it did. */
  #streamError: Error | undefined;
  /** The stream is closed. */
  #streamClosed = false;
  #closed: Promise<void> | null = null;
  #resolveClosed: (() => void) | null = null;

  /** A send is being written (or compressed); later ones wait in #sendQueue. */
  #sending = false;
  #sendQueue: SendJob[] | null = null;
  /** A fragmented send is open: later sends continue it. */
  #lastSendWasFragment = false;
  /** DisableCompression of the open fragmented send. */
  #lastSendHadDisableCompression = false;
  /** The open compressed message's first frame went out (RSV1 only on that one). */
  #compressingMessage = false;

  /** Operations pending: the stream keeps the process alive only while there is one. */
  #busy = 0;

  /** The error that aborted the socket from inside (keep-alive timeout), for later InvalidState errors. */
  #abortCause: Error | undefined;
  #keepAlive: KeepAlive | null = null;
  #keepAliveGroup: KeepAliveGroup | null = null;

  readonly #onData = (chunk: Buffer): void => {
    // After the close handshake or a fault nothing more is read; the stream flows until it ends.
    if (this.#disposed) return;
    this.#frames.push(chunk);
    this.#keepAlive?.onRead();
    if (this.#reader !== null) {
      if (!this.#inflating) this.#drive();
    } else if (!this.#paused && this.#frames.buffered >= READ_AHEAD) {
      // Nobody is receiving: stop reading, so that the peer's sends wait on TCP (the backpressure .NET has).
      this.#paused = true;
      this.#stream.pause();
    }
  };

  readonly #onEnd = (): void => {
    this.#eof = true;
    // The peer is gone (what it sent before is still readable): the connection closes, as Kestrel closes it.
    if (this.#state === WebSocketState.Closed) this.#stream.destroy();
    else endStream(this.#stream);
    if (this.#reader !== null && !this.#inflating) this.#drive();
  };

  readonly #onError = (err: Error): void => {
    this.#streamError ??= err;
    this.#eof = true;
  };

  readonly #onClose = (): void => {
    this.#eof = true;
    this.#streamClosed = true;
    this.#stopKeepAlive();
    this.#resolveClosed?.();
    if (this.#reader !== null && !this.#inflating) this.#drive();
  };

  /**
   * @internal Built by the server's accept, ClientWebSocket.ConnectAsync and CreateFromStream, once the
   * opening handshake is done. `head` holds bytes that arrived with the handshake.
   */
  constructor(stream: Duplex, head: Buffer, options: ManagedWebSocketOptions) {
    super();
    this.#stream = stream;
    this.#isServer = options.IsServer;
    this.#subProtocol = options.SubProtocol;
    const deflate = options.deflate ?? null;
    if (deflate !== null) {
      // Each side compresses with its own window and context rules (RFC 7692 §7.1).
      const ours = this.#isServer
        ? [deflate.serverMaxWindowBits, deflate.serverNoContextTakeover]
        : [deflate.clientMaxWindowBits, deflate.clientNoContextTakeover];
      const theirs = this.#isServer
        ? [deflate.clientMaxWindowBits, deflate.clientNoContextTakeover]
        : [deflate.serverMaxWindowBits, deflate.serverNoContextTakeover];
      this.#deflater = new MessageDeflater(ours[0] as number, ours[1] as boolean);
      this.#inflater = new MessageInflater(theirs[0] as number, theirs[1] as boolean);
    } else {
      this.#deflater = null;
      this.#inflater = null;
    }
    this.#frames = new FrameReader(this.#isServer, this.#inflater);
    if (head.length > 0) this.#frames.push(head);
    const socket = stream as Duplex & { setNoDelay?: (noDelay: boolean) => void; setTimeout?: (ms: number) => void };
    socket.setNoDelay?.(true);
    socket.setTimeout?.(0);
    stream.on('data', this.#onData);
    stream.on('end', this.#onEnd);
    stream.on('error', this.#onError);
    stream.on('close', this.#onClose);
    if (stream.destroyed) this.#onClose();
    this.#unref();
    this.#startKeepAlive(options.KeepAliveInterval, options.KeepAliveTimeout);
  }

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
    return this.#frames.buffered;
  }

  /** @internal Resolves once the underlying stream is closed, whatever closed it. */
  whenClosed(): Promise<void> {
    if (this.#streamClosed) return Promise.resolve();
    return (this.#closed ??= new Promise((resolve) => (this.#resolveClosed = resolve)));
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
    return this.#read(array, offset, count, segment, token);
  }

  /** Queues a receive (or, with a null array, CloseAsync's discarding wait) and serves what it can. */
  #read<T>(array: Uint8Array | null, offset: number, count: number, segment: boolean, token: CancellationToken): Promise<T> {
    const reader: Reader = {
      array,
      offset,
      count: array === null ? Number.MAX_SAFE_INTEGER : count,
      segment,
      resolve: noop,
      reject: noop,
      token,
      registration: null,
      canceled: false,
    };
    // One shared executor instead of a closure per receive (see captureResolvers).
    capturing = reader;
    const promise = new Promise<T>(captureResolvers);
    capturing = null;
    this.#ref();
    if (this.#reader === null) this.#reader = reader;
    else (this.#moreReaders ??= []).push(reader);
    if (token.CanBeCanceled) {
      // Cancelling a receive is fatal to the socket, as on .NET (docs/behaviour.md, "Cancellation").
      reader.registration = token.Register(() => {
        reader.canceled = true;
        this.Abort();
      });
    }
    if (!this.#inflating) this.#drive();
    return promise;
  }

  /** Runs the engine for the pending receives as far as the buffered bytes go. */
  #drive(): void {
    if (this.#driving) return;
    this.#driving = true;
    try {
      let reader: Reader | null;
      const frames = this.#frames;
      while ((reader = this.#reader) !== null) {
        switch (frames.step(reader.array, reader.offset, reader.count)) {
          case ReceiveStatus.NeedMore:
            if (this.#eof) {
              // RFC 6455 §7.1.5: the connection closed without a close frame.
              const error = this.#streamError;
              this.#receiveFailed(
                error === undefined
                  ? new WebSocketException(WebSocketError.ConnectionClosedPrematurely)
                  : new WebSocketException(WebSocketError.ConnectionClosedPrematurely, error),
                false,
              );
              return;
            }
            if (this.#paused) {
              this.#paused = false;
              this.#stream.resume();
            }
            return;
          case ReceiveStatus.Data:
            if (reader.array === null) continue;
            this.#settle(reader, frames.count, frames.messageKind as number as WebSocketMessageType, frames.endOfMessage);
            break;
          case ReceiveStatus.Ping:
            // RFC 6455 §5.5.2: answered with the same payload (.NET answers in any state it can still write in).
            this.#writeControl(Opcode.Pong, frames.payload);
            if (this.#stream.writableNeedDrain) {
              // .NET awaits the pong's write before reading on: a peer that pings and never reads stalls
              // the receive instead of filling memory with pongs.
              this.#inflating = true;
              this.#stream.once('drain', this.#drained);
              return;
            }
            break;
          case ReceiveStatus.Pong:
            this.#keepAlive?.onPong(frames.payload);
            break;
          case ReceiveStatus.Close:
            this.#closeFrameReceived(reader, frames.closeCode, frames.payload);
            break;
          case ReceiveStatus.Fault:
            this.#protocolFault();
            return;
          case ReceiveStatus.Wait:
            this.#inflating = true;
            frames.wait(this.#inflated);
            return;
        }
      }
    } finally {
      this.#driving = false;
    }
  }

  /** The pongs written went out: reading goes on. */
  readonly #drained = (): void => {
    this.#inflating = false;
    if (!this.#disposed) this.#drive();
  };

  readonly #inflated = (err: Error | null): void => {
    this.#inflating = false;
    if (this.#disposed) return;
    if (err !== null) {
      // .NET throws WebSocketException(message) (error code Success) and sends no close frame.
      this.#frames.clear();
      this.#receiveFailed(new WebSocketException(inflateFailureMessage(err)), false);
      return;
    }
    this.#drive();
  };

  /** The oldest pending receive is done: the next one moves up. */
  #nextReader(): void {
    const more = this.#moreReaders;
    this.#reader = more === null ? null : (more.shift() ?? null);
    if (more !== null && more.length === 0) this.#moreReaders = null;
  }

  #settle(reader: Reader, count: number, type: WebSocketMessageType, endOfMessage: boolean): void {
    this.#nextReader();
    this.#unref();
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
    this.#receivedCloseFrame = true;
    this.#releaseCloseWaiters(reader);
    if (code === 1005) {
      // An empty close frame reads as NormalClosure with an empty description.
      this.#closeStatus = Nullable.Of(WebSocketCloseStatus.NormalClosure);
      this.#closeStatusDescription = '';
    } else {
      this.#closeStatus = Nullable.Of(code as WebSocketCloseStatus);
      this.#closeStatusDescription = reason.toString('utf8');
    }
    if (this.#sentCloseFrame) {
      this.#state = WebSocketState.Closed;
      const closing = this.#closeTransport();
      if (closing !== null) {
        // A client gives the server a moment to close the TCP connection first (RFC 6455 §7.1.1).
        this.#nextReader();
        void closing.then(() => this.#settleLater(reader));
        return;
      }
    } else if (this.#state < WebSocketState.CloseReceived) {
      this.#state = WebSocketState.CloseReceived;
    }
    this.#settle(reader, 0, WebSocketMessageType.Close, true);
  }

  /**
   * The peer's close arrived (read by `reader`): CloseAsync calls waiting for it behind that receive have
   * what they waited for.
   */
  #releaseCloseWaiters(reader: Reader): void {
    const more = this.#moreReaders;
    if (more === null) return;
    const waiting = more.filter((r) => r.array === null && r !== reader);
    if (waiting.length === 0) return;
    this.#moreReaders = more.filter((r) => r.array !== null);
    if (this.#moreReaders.length === 0) this.#moreReaders = null;
    for (const waiter of waiting) {
      this.#unref();
      waiter.registration?.Dispose();
      (waiter.resolve as () => void)();
    }
  }

  /** Settles a reader already taken off the queue (after the client's wait for the server's close). */
  #settleLater(reader: Reader): void {
    this.#unref();
    reader.registration?.Dispose();
    if (reader.array === null) (reader.resolve as () => void)();
    else {
      (reader.resolve as (r: unknown) => void)(
        reader.segment
          ? new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, this.#closeStatus, this.#closeStatusDescription)
          : new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true),
      );
    }
    this.#failReaders();
  }

  /** The peer broke the protocol: close with the engine's code and fail the receive (.NET's CloseWithReceiveErrorAndThrowAsync). */
  #protocolFault(): void {
    const frames = this.#frames;
    const closeFrame = frames.fault === ProtocolFault.InvalidCloseFrame;
    this.#failConnection(protocolException(frames.fault, frames.faultOpcode), frames.closeCode, closeFrame);
  }

  /**
   * Sends the close frame for a receive error (unless one went already), fails the pending receives, and
   * ends the connection. A bad close frame still counts as the peer's close: with our close that completes
   * the handshake, and .NET ends Closed there, Aborted otherwise.
   */
  #failConnection(error: WebSocketException, closeCode: number, closeFrame: boolean): void {
    this.#frames.clear();
    if (closeFrame) {
      this.#receivedCloseFrame = true;
      if (this.#state < WebSocketState.CloseReceived) this.#state = WebSocketState.CloseReceived;
    }
    if (!this.#sentCloseFrame && !this.#streamClosed) {
      this.#sentCloseFrame = true;
      this.#writeFrame(Opcode.Close, true, false, encodeClosePayload(closeCode, null), null);
    }
    this.#receiveFailed(error, closeFrame);
  }

  /** A receive failed for good: the state moves to Aborted (Closed after a bad close frame), every pending receive fails. */
  #receiveFailed(error: WebSocketException, closed: boolean): void {
    if (this.#state !== WebSocketState.Closed) this.#state = closed ? WebSocketState.Closed : WebSocketState.Aborted;
    this.#teardown(false);
    const reader = this.#reader;
    if (reader !== null) {
      this.#nextReader();
      this.#unref();
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
    let data: Uint8Array;
    if (buffer instanceof ArraySegment) {
      validateSegment(buffer);
      const array = buffer.Array!;
      data =
        buffer.Offset === 0 && buffer.Count === array.length
          ? array
          : new FastBuffer(array.buffer, array.byteOffset + buffer.Offset, buffer.Count);
    } else if (buffer instanceof Uint8Array) {
      data = buffer;
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
    if (this.#lastSendWasFragment && this.#lastSendHadDisableCompression !== disableCompression) {
      throw new ArgumentException(SR.net_WebSockets_Argument_MessageFlagsHasDifferentCompressionOptions, 'messageFlags');
    }
    // Fragment bookkeeping is updated at call time, as .NET does: after a non-final send, every send is a
    // continuation whatever its message type (docs/behaviour.md, "Sending").
    const opcode = this.#lastSendWasFragment
      ? Opcode.Continuation
      : messageType === WebSocketMessageType.Binary
        ? Opcode.Binary
        : Opcode.Text;
    this.#lastSendWasFragment = !endOfMessage;
    this.#lastSendHadDisableCompression = disableCompression;
    const token = cancellationToken ?? CancellationToken.None;
    if (token.IsCancellationRequested) {
      return Promise.reject(new TaskCanceledException(undefined, undefined, token));
    }
    const compress = !disableCompression && this.#deflater !== null;
    // The common case: nothing ahead, nothing to compress, and the kernel takes the frame at once.
    if (!this.#sending && !compress) {
      const flushed = this.#writeFrame(opcode, endOfMessage, false, data, null);
      if (flushed) return sendCompleted();
      return this.#awaitWrite(token);
    }
    return this.#enqueueSend(opcode, endOfMessage, compress, data, token);
  }

  /** A frame was written but not yet taken by the kernel: the send completes once it is. */
  #awaitWrite(token: CancellationToken): Promise<void> {
    this.#sending = true;
    this.#ref();
    return new Promise<void>((resolve, reject) => {
      const registration = this.#watchSend(token);
      this.#afterWrite((err) => {
        registration?.Dispose();
        this.#sendDone();
        const failure = this.#sendFailure(err, token);
        if (failure !== null) reject(failure);
        else resolve();
      });
    });
  }

  /** Queues a send behind the one in progress (or a compressed one, which takes a turn of zlib). */
  #enqueueSend(opcode: Opcode, fin: boolean, compress: boolean, data: Uint8Array, token: CancellationToken): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const registration = this.#watchSend(token);
      const job: SendJob = {
        opcode,
        fin,
        compress,
        data,
        token,
        done: (err) => {
          registration?.Dispose();
          const failure = this.#sendFailure(err, token);
          if (failure !== null) reject(failure);
          else resolve();
        },
      };
      if (this.#sending) {
        (this.#sendQueue ??= []).push(job);
      } else {
        this.#sending = true;
        this.#ref();
        this.#runSend(job);
      }
    });
  }

  /** Cancelling a send in progress aborts the socket (.NET registers the abort for the write). */
  #watchSend(token: CancellationToken): CancellationTokenRegistration | null {
    if (!token.CanBeCanceled) return null;
    return token.Register(() => {
      (this.#canceledSends ??= new Set()).add(token);
      this.Abort();
    });
  }

  /** Tokens that aborted the socket while their send was in progress (made when one does). */
  #canceledSends: Set<CancellationToken> | null = null;

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

  #runSend(job: SendJob): void {
    if (this.#disposed) {
      job.done(new ObjectDisposedException('System.Net.WebSockets.WebSocket'));
      this.#sendDone();
      return;
    }
    if (job.compress) {
      // RFC 7692 §6: RSV1 on the first frame of a compressed message only.
      const first = !this.#compressingMessage;
      this.#compressingMessage = !job.fin;
      this.#deflater!.compress(job.data, job.fin, (err, payload) => {
        if (err !== null) {
          job.done(err);
          this.#sendDone();
          return;
        }
        this.#writeAndFinish(job, job.opcode, first, payload);
      });
      return;
    }
    this.#writeAndFinish(job, job.opcode, false, job.data);
  }

  #writeAndFinish(job: SendJob, opcode: Opcode, rsv1: boolean, payload: Uint8Array): void {
    if (this.#writeFrame(opcode, job.fin, rsv1, payload, null)) {
      job.done(null);
      this.#sendDone();
      return;
    }
    this.#afterWrite((err) => {
      job.done(err ?? null);
      this.#sendDone();
    });
  }

  /** The send in progress finished: the next queued one starts. */
  #sendDone(): void {
    const next = this.#sendQueue?.shift();
    if (next !== undefined) {
      this.#runSend(next);
      return;
    }
    this.#sendQueue = null;
    this.#sending = false;
    this.#unref();
  }

  /**
   * Writes one frame; true when the stream took it at once (nothing left in its buffer), so that the send
   * is complete. With `cb`, cb runs once the frame was flushed (or the write failed).
   */
  #writeFrame(opcode: Opcode, fin: boolean, rsv1: boolean, payload: Uint8Array, cb: ((err?: Error | null) => void) | null): boolean {
    const stream = this.#stream;
    if (stream.destroyed || stream.writableEnded) {
      if (cb !== null) process.nextTick(cb, new ObjectDisposedException('System.Net.WebSockets.WebSocket'));
      this.#pendingWriteError = new ObjectDisposedException('System.Net.WebSockets.WebSocket');
      return false;
    }
    this.#pendingWriteError = null;
    const frame = encodeFrame(opcode, fin, rsv1, payload, !this.#isServer);
    if (frame.length === 1) {
      stream.write(frame[0], cb ?? undefined);
    } else {
      stream.cork();
      stream.write(frame[0]);
      stream.write(frame[1], cb ?? undefined);
      stream.uncork();
    }
    return cb === null && stream.writableLength === 0;
  }

  /** Set when the last #writeFrame found the stream gone. */
  #pendingWriteError: Error | null = null;

  /** Calls `cb` once what was written so far has been flushed to the stream's destination. */
  #afterWrite(cb: (err?: Error | null) => void): void {
    const error = this.#pendingWriteError;
    if (error !== null) {
      this.#pendingWriteError = null;
      process.nextTick(cb, error);
      return;
    }
    if (this.#stream.writableLength === 0) {
      process.nextTick(cb, null);
      return;
    }
    // An empty write's callback runs after every write before it.
    this.#stream.write(EMPTY, cb);
  }

  /** A control frame that answers or probes the peer (pong, keep-alive ping): written between data frames. */
  #writeControl(opcode: Opcode, payload: Buffer): void {
    this.#writeFrame(opcode, true, false, payload, null);
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
    if (!this.#sentCloseFrame) await this.#sendCloseFrame(payload, token);
    if (this.#receivedCloseFrame) return;
    if (token.IsCancellationRequested) {
      this.Abort();
      throw new TaskCanceledException(undefined, undefined, token);
    }
    // Wait for the peer's close frame behind any pending ReceiveAsync, discarding data.
    await this.#read<void>(null, 0, 0, false, token);
  }

  /** .NET's SendCloseFrameAsync: write the frame (after the sends before it), then move to CloseSent or Closed. */
  async #sendCloseFrame(payload: Buffer, token: CancellationToken): Promise<void> {
    if (token.IsCancellationRequested) throw new TaskCanceledException(undefined, undefined, token);
    try {
      await this.#enqueueSend(Opcode.Close, true, false, payload, token);
    } catch (err) {
      // A peer that closed its side right after its close frame cannot read ours; the handshake counts
      // as done either way.
      if (!(this.#receivedCloseFrame && err instanceof WebSocketException)) throw err;
    }
    this.#sentCloseFrame = true;
    if (this.#receivedCloseFrame) {
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
    this.#disposed = true;
    this.#stopKeepAlive();
    this.#frames.clear();
    const stream = this.#stream;
    if (this.#isServer || this.#streamClosed || this.#eof) {
      endStream(stream);
      return null;
    }
    if (this.#paused) {
      this.#paused = false;
      stream.resume();
    }
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        stream.removeListener('end', finish);
        stream.removeListener('close', finish);
        stream.destroy();
        resolve();
      };
      const timer = setTimeout(finish, CLIENT_CLOSE_WAIT_MS);
      stream.once('end', finish);
      stream.once('close', finish);
    });
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

  /** Stops everything: keep-alive, inflation, the stream (destroyed, or ended gracefully). */
  #teardown(destroy: boolean): void {
    if (!this.#disposed) {
      this.#disposed = true;
      this.#stopKeepAlive();
      this.#inflater?.dispose();
      this.#deflater?.dispose();
    }
    if (destroy) this.#stream.destroy();
    else endStream(this.#stream);
  }

  /** Rejects every pending receive: the socket can no longer deliver anything. */
  #failReaders(): void {
    const first = this.#reader;
    if (first === null) return;
    const readers = [first, ...(this.#moreReaders ?? [])];
    this.#reader = null;
    this.#moreReaders = null;
    for (const reader of readers) {
      this.#unref();
      reader.registration?.Dispose();
      if (this.#state === WebSocketState.Aborted) {
        reader.reject(this.#abortedException(reader.canceled ? reader.token : undefined));
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
    if (token !== undefined) return new OperationCanceledException(SR.OperationCanceled, inner, token);
    return new OperationCanceledException(SR.net_WebSockets_Aborted, this.#abortCause ?? inner);
  }

  #invalidState(valid: readonly WebSocketState[]): WebSocketException {
    return invalidStateException(this.#state, valid, this.#abortCause);
  }

  /** An operation started: the stream keeps the process alive. */
  #ref(): void {
    // A server's connections live as long as its listener keeps the process alive: only clients count.
    if (this.#isServer) return;
    this.#busy++;
    if (!this.#refd) {
      this.#refd = true;
      (this.#stream as { ref?: () => void }).ref?.();
    }
  }

  /**
   * An operation ended: with none left, the stream no longer keeps the process alive. Checked once the
   * event loop turns, so that a loop that receives again at once never unrefs at all.
   */
  #unref(): void {
    if (this.#isServer) return;
    if (this.#busy > 0) this.#busy--;
    if (this.#busy === 0 && !this.#idleCheck) {
      this.#idleCheck = true;
      idleChecks.push(this);
      if (idleChecks.length === 1) setImmediate(runIdleChecks);
    }
  }

  /** Waiting in {@link idleChecks}. */
  #idleCheck = false;

  /** @internal Part of {@link runIdleChecks}. */
  static idleCheck(socket: ManagedWebSocket): void {
    socket.#idleCheck = false;
    if (socket.#busy === 0 && socket.#refd) {
      socket.#refd = false;
      (socket.#stream as { unref?: () => void }).unref?.();
    }
  }

  /** The stream is ref'd (keeps the process alive). */
  #refd = true;

  // ---------------------------------------------------------------------------------------------
  // Keep-alive (docs/behaviour.md, "Keep-alive")
  // ---------------------------------------------------------------------------------------------

  #startKeepAlive(interval: TimeSpan, timeout: TimeSpan): void {
    const intervalMs = interval.TotalMilliseconds;
    if (!(intervalMs > 0)) return;
    const keepAlive = new KeepAlive(intervalMs, timeout.TotalMilliseconds, performance.now());
    this.#keepAlive = keepAlive;
    const period = clampDelay(keepAlive.periodMs);
    // Sockets with the same period share one timer: 10,000 connections are one timer, not 10,000.
    let group = keepAliveGroups.get(period);
    if (group === undefined) {
      const members = new Set<ManagedWebSocket>();
      const timer = setInterval(() => {
        const now = performance.now();
        for (const socket of members) socket.#keepAliveTick(now);
      }, period).unref();
      group = { period, timer, members };
      keepAliveGroups.set(period, group);
    }
    group.members.add(this);
    this.#keepAliveGroup = group;
  }

  #keepAliveTick(now: number): void {
    const action = this.#keepAlive!.tick(now);
    if (action === KeepAliveAction.None) return;
    if (action === KeepAliveAction.TimedOut) {
      this.#abortCause = new WebSocketException(WebSocketError.Faulted, SR.net_Websockets_KeepAlivePingTimeout);
      this.Abort();
      return;
    }
    if ((this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived) || this.#sentCloseFrame) return;
    if (action === KeepAliveAction.SendPong) this.#writeControl(Opcode.Pong, EMPTY);
    else this.#writeControl(Opcode.Ping, this.#keepAlive!.pingPayload!);
  }

  #stopKeepAlive(): void {
    const group = this.#keepAliveGroup;
    if (group === null) return;
    this.#keepAliveGroup = null;
    group.members.delete(this);
    if (group.members.size === 0) {
      clearInterval(group.timer);
      keepAliveGroups.delete(group.period);
    }
  }
}

function noop(): void {}

/** Sockets whose last operation ended since the event loop last turned. */
let idleChecks: ManagedWebSocket[] = [];

function runIdleChecks(): void {
  const sockets = idleChecks;
  idleChecks = [];
  for (const socket of sockets) ManagedWebSocket.idleCheck(socket);
}

/** Ends a stream's writable side, then closes it once that is flushed. */
function endStream(stream: Duplex): void {
  if (stream.destroyed) return;
  if (stream.writableFinished) {
    stream.destroy();
    return;
  }
  stream.once('finish', () => stream.destroy());
  stream.end();
}

/** The exception .NET throws for each protocol fault, with its message. */
function protocolException(fault: ProtocolFault, opcode: number): WebSocketException {
  let message: string | undefined;
  switch (fault) {
    case ProtocolFault.ReservedBits:
      message = SR.net_Websockets_ReservedBitsSet;
      break;
    case ProtocolFault.CompressedWhenNotEnabled:
      message = SR.net_Websockets_PerMessageCompressedFlagWhenNotEnabled;
      break;
    case ProtocolFault.CompressedInContinuation:
      message = SR.net_Websockets_PerMessageCompressedFlagInContinuation;
      break;
    case ProtocolFault.UnknownOpcode:
      // .NET formats its MessageOpcode enum here, which prints the decimal value ('0x11' for 0xB).
      message = SR.Format(SR.net_Websockets_UnknownOpcode, opcode);
      break;
    case ProtocolFault.InvalidControlFrame:
      message = SR.net_Websockets_InvalidControlMessage;
      break;
    case ProtocolFault.MaskedFrameFromServer:
      message = SR.net_Websockets_ClientReceivedMaskedFrame;
      break;
    case ProtocolFault.UnmaskedFrameFromClient:
      message = SR.net_Websockets_ServerReceivedUnmaskedFrame;
      break;
    case ProtocolFault.InvalidPayloadLength:
      message = SR.net_Websockets_InvalidPayloadLength;
      break;
    case ProtocolFault.ContinuationFromFinal:
      message = SR.net_Websockets_ContinuationFromFinalFrame;
      break;
    case ProtocolFault.NonContinuationAfterNonFinal:
      message = SR.net_Websockets_NonContinuationAfterNonFinalFrame;
      break;
    case ProtocolFault.FrameTooLong:
      message = SR.dotnetws_MessageTooBig;
      break;
    default:
      // Invalid UTF-8, a bad close frame, data that does not inflate: .NET's generic Faulted message.
      message = undefined;
  }
  return message === undefined ? new WebSocketException(WebSocketError.Faulted) : new WebSocketException(WebSocketError.Faulted, message);
}

/** The reader whose promise is being made: {@link captureResolvers} stores the resolvers there. */
let capturing: Reader | null = null;

/** The executor of every receive's promise; it runs synchronously inside `new Promise`. */
function captureResolvers(resolve: (value: never) => void, reject: (reason: Error) => void): void {
  capturing!.resolve = resolve;
  capturing!.reject = reject;
}

/** Sockets whose keep-alive ticks share one timer. */
interface KeepAliveGroup {
  period: number;
  timer: NodeJS.Timeout;
  members: Set<ManagedWebSocket>;
}

/** Keep-alive groups by period (ms). */
const keepAliveGroups = new Map<number, KeepAliveGroup>();

/** When sends last yielded to the event loop, and how often they do (ms). */
let lastYield = 0;
const YIELD_INTERVAL_MS = 10;
/** Sends completed since the clock was last read; it is read once every YIELD_CHECK_SENDS sends. */
let sendsSinceCheck = 0;
const YIELD_CHECK_SENDS = 8;
const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A completed send. A write the kernel takes at once completes at once, so a loop of awaited sends
 * would never let timers or other sockets run: now and then the promise waits for a turn of the event
 * loop instead. Reading the clock on every send would cost more than the rest of a small send's
 * bookkeeping, so it is read every few sends.
 */
function sendCompleted(): Promise<void> {
  if (++sendsSinceCheck < YIELD_CHECK_SENDS) return RESOLVED;
  sendsSinceCheck = 0;
  const now = performance.now();
  if (now - lastYield < YIELD_INTERVAL_MS) return RESOLVED;
  lastYield = now;
  return new Promise((resolve) => setImmediate(resolve));
}

/** setInterval's limit is 2^31-1 ms; TimeSpan.MaxValue and friends mean "practically never". */
function clampDelay(ms: number): number {
  return Math.min(ms, 2 ** 31 - 1);
}

/** .NET's WebSocketValidate.ValidateArraySegment, for `default(ArraySegment<byte>)`. */
function validateSegment(buffer: ArraySegment<Uint8Array>): void {
  const array = buffer.Array;
  if (array === null) throw new ArgumentNullException('buffer.Array');
  if (buffer.Offset < 0 || buffer.Offset > array.length) throw new ArgumentOutOfRangeException('buffer.Offset');
  if (buffer.Count < 0 || buffer.Count > array.length - buffer.Offset) throw new ArgumentOutOfRangeException('buffer.Count');
}

/**
 * .NET's WebSocketValidate.ValidateCloseStatus, then the frame payload: the 16-bit code and the
 * UTF-8 reason. `Empty` (1005) is put on the wire as .NET does.
 */
function closePayload(closeStatus: WebSocketCloseStatus, statusDescription: string | null): Buffer {
  if (closeStatus === WebSocketCloseStatus.Empty && statusDescription !== null && statusDescription !== '') {
    throw new ArgumentException(SR.Format(SR.net_WebSockets_ReasonNotNull, statusDescription, 'Empty'), 'statusDescription');
  }
  const code = closeStatus as number;
  if ((code >= 0 && code <= 999) || code === 1006 || code === 1015) {
    throw new ArgumentException(SR.Format(SR.net_WebSockets_InvalidCloseStatusCode, code), 'closeStatus');
  }
  const reason = statusDescription ? Buffer.from(statusDescription, 'utf8') : null;
  if (reason !== null && reason.length > MAX_CLOSE_DESCRIPTION_BYTES) {
    throw new ArgumentException(
      SR.Format(SR.net_WebSockets_InvalidCloseStatusDescription, statusDescription, MAX_CLOSE_DESCRIPTION_BYTES),
      'statusDescription',
    );
  }
  return encodeClosePayload(code, reason);
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
