/**
 * The one WebSocket implementation: .NET's ManagedWebSocket state machine over a `ws` connection.
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
import { CLOSE_RECEIVED, RawWebSocket, kRawEvent, kReceiveInto, rawStreamOptions } from '../internal/raw-websocket.js';
import { registerStreamFactory } from '../internal/websocket-factory.js';
import { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
import { WebSocket, invalidStateException } from './WebSocket.js';
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
  /** Server role (frames sent unmasked) or client role (frames masked). */
  IsServer: boolean;
  /** The subprotocol agreed in the handshake, or null. */
  SubProtocol: string | null;
  /** Zero or InfiniteTimeSpan: off. Otherwise unsolicited pongs, or pings when a timeout is set too. */
  KeepAliveInterval: TimeSpan;
  /** With a positive interval: how long to wait for the pong to a keep-alive ping before aborting. */
  KeepAliveTimeout: TimeSpan;
  /**
   * Queued received bytes above which the socket stops reading (resumed at a quarter of it).
   * @default 1048576
   * @remarks Node.js extension.
   */
  receiveHighWaterMark?: number;
}

// Valid-state tables (.NET's s_valid*States), spec §2.
const VALID_SEND_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
const VALID_RECEIVE_STATES = [WebSocketState.Open, WebSocketState.CloseSent] as const;
const VALID_CLOSE_OUTPUT_STATES = [WebSocketState.Open, WebSocketState.CloseReceived] as const;
const VALID_CLOSE_STATES = [WebSocketState.Open, WebSocketState.CloseReceived, WebSocketState.CloseSent] as const;

/** RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of which are the close code. */
const MAX_CLOSE_DESCRIPTION_BYTES = 123;
const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;
/** Queued messages smaller than this are copied out of the socket chunk they would otherwise pin. */
const SMALL_FRAME = 4096;
const EMPTY = Buffer.alloc(0);
/**
 * Node's Buffer class proper: `new FastBuffer(arrayBuffer, offset, length)` is the view
 * `Buffer.from(arrayBuffer, offset, length)` returns, without its argument checks (the segment was
 * validated already). ws makes its views the same way.
 */
const FastBuffer = (Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer })[
  Symbol.species
];

const enum EntryKind {
  Data,
  Close,
  Fault,
}

/** A received message, consumed frame by frame and, within a frame, up to each caller's buffer. */
interface DataEntry {
  kind: EntryKind.Data;
  type: WebSocketMessageType;
  frames: Buffer[];
  /** Index of the frame being read. */
  frame: number;
  /** Bytes of that frame already read. */
  offset: number;
  /** Bytes the entry counts against the high-water mark. */
  bytes: number;
}

/** The peer's close frame; stays at the head of the queue once reached. */
interface CloseEntry {
  kind: EntryKind.Close;
  code: number;
  reason: Buffer;
}

/** A receive error (protocol error, lost connection) delivered after any data queued before it. */
interface FaultEntry {
  kind: EntryKind.Fault;
  error: WebSocketException;
  /** The error was in the peer's close frame: .NET counts that close as received and ends Closed. */
  closeFrame: boolean;
}

type Entry = DataEntry | CloseEntry | FaultEntry;

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

/**
 * The .NET exception for a ws receive error (spec §3.8). A close frame .NET cannot parse (bad code,
 * 1-byte payload, invalid UTF-8 reason) gets the generic Faulted message.
 */
function receiveFault(err: Error & { code?: string }, deflate: boolean, raw: RawWebSocket): WebSocketException {
  let message: string | undefined;
  switch (raw.closeFrameFault ? 'close frame' : raw.invalidLengthFault ? 'invalid length' : err.code) {
    case 'WS_ERR_UNEXPECTED_RSV_2_3':
      message = SR.net_Websockets_ReservedBitsSet;
      break;
    case 'WS_ERR_UNEXPECTED_RSV_1':
      message = deflate
        ? SR.net_Websockets_PerMessageCompressedFlagInContinuation
        : SR.net_Websockets_PerMessageCompressedFlagWhenNotEnabled;
      break;
    case 'WS_ERR_INVALID_OPCODE': {
      const opcode = Number(/invalid opcode (\d+)/.exec(err.message)?.[1]);
      if (opcode === 0) message = SR.net_Websockets_ContinuationFromFinalFrame;
      else if (opcode === 1 || opcode === 2) message = SR.net_Websockets_NonContinuationAfterNonFinalFrame;
      // .NET formats its MessageOpcode enum here, which prints the decimal value ('0x11' for 0xB).
      else message = SR.Format(SR.net_Websockets_UnknownOpcode, opcode);
      break;
    }
    case 'WS_ERR_EXPECTED_FIN':
    case 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH':
      message = SR.net_Websockets_InvalidControlMessage;
      break;
    case 'WS_ERR_UNEXPECTED_MASK':
      message = SR.net_Websockets_ClientReceivedMaskedFrame;
      break;
    case 'WS_ERR_EXPECTED_MASK':
      message = SR.net_Websockets_ServerReceivedUnmaskedFrame;
      break;
    case 'invalid length':
      message = SR.net_Websockets_InvalidPayloadLength;
      break;
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
      message = SR.dotnetws_MessageTooBig;
      break;
    default:
      // Invalid UTF-8, invalid close codes and anything else: .NET's generic Faulted message.
      message = undefined;
  }
  return message === undefined
    ? new WebSocketException(WebSocketError.Faulted, err)
    : new WebSocketException(WebSocketError.Faulted, message, err);
}

/**
 * .NET's ManagedWebSocket over a `ws` connection (see src/internal/raw-websocket.ts for the seam).
 *
 * @remarks Differs from .NET: ws assembles each message before handing it over, so results for a
 * message come once it has fully arrived. Frame boundaries are kept: each result stays within one
 * frame, and empty frames give results of their own, as on .NET.
 *
 * Differs from .NET: messages are bounded by a maximum size (100 MiB by default); a larger one
 * is refused with close 1009 and faults the receive. .NET has no limit. A frame length above 2^53 − 1
 * is refused the same way (.NET reads such a frame piecewise).
 *
 * Differs from .NET: ws answers pings and reads pongs even while no ReceiveAsync is pending
 * (.NET only while one is), so a keep-alive timeout does not fire merely because the application is not
 * reading; it does once the receive queue is full and reading has stopped.
 *
 * Differs from .NET: after our close frame, the peer has 30 seconds (ws's closeTimeout) to
 * answer before the connection is dropped; .NET waits for as long as the caller lets it.
 *
 * Differs from .NET: invalid UTF-8 in a close frame's reason is answered with close 1007
 * (ws's choice) where .NET sends 1002; a server refuses unmasked frames as .NET 9 does (.NET 8 accepted
 * them).
 */
export class ManagedWebSocket extends WebSocket {
  /** The ws connection underneath. */
  readonly #raw: RawWebSocket;
  /** Server role: frames are sent unmasked. */
  readonly #isServer: boolean;
  /** The agreed subprotocol. */
  readonly #subProtocol: string | null;
  /** Current .NET state; only ever moves forward. */
  #state: WebSocketState = WebSocketState.Open;
  /** Our close frame was handed to the socket. */
  #sentCloseFrame = false;
  /** The application has read the peer's close frame. */
  #receivedCloseFrame = false;
  /** Dispose() ran (or the close handshake completed). */
  #disposed = false;
  /** The peer's close status, once read. */
  #closeStatus: Nullable<WebSocketCloseStatus> = Nullable.Null;
  /** The peer's close reason, once read. */
  #closeStatusDescription: string | null = null;

  /** Received entries not yet fully read, oldest first, from index #head. */
  #entries: Entry[] = [];
  #head = 0;
  /** A close or fault entry was queued: nothing else will arrive. */
  #ended = false;
  /** Bytes held by queued data entries. */
  #queuedBytes = 0;
  readonly #highWaterMark: number;
  /** The socket is paused because #queuedBytes passed the high-water mark. */
  #paused = false;
  /**
   * The oldest pending receive, and the ones queued behind it (created when receives overlap, which is
   * rare): an idle connection holds its one waiting receive without an array.
   */
  #reader: Reader | null = null;
  #moreReaders: Reader[] | null = null;

  /** A fragmented send is open: later sends continue it. */
  #lastSendWasFragment = false;
  /** DisableCompression of the open fragmented send. */
  #lastSendHadDisableCompression = false;

  /** The error that aborted the socket from inside (keep-alive timeout), for later InvalidState errors. */
  #abortCause: Error | undefined;
  /** The keep-alive group (one shared timer per period) this socket ticks with, if any. */
  #keepAliveGroup: KeepAliveGroup | null = null;
  /** KeepAliveInterval and KeepAliveTimeout in ms; a timeout of 0 means unsolicited pongs. */
  #keepAliveIntervalMs = 0;
  #keepAliveTimeoutMs = 0;
  /** Keep-alive ping/pong bookkeeping (.NET 9 strategy). */
  #pingPayload: Buffer | null = null;
  #pingCounter = 0n;
  #pingSentAt = 0;
  #lastActivity = 0;
  #sawTraffic = false;

  /** The TCP connection is gone. */
  #socketClosed = false;
  /** Resolves once it is; made on first request. */
  #closed: Promise<void> | null = null;
  #resolveClosed: (() => void) | null = null;

  /** @internal Built by the server's accept, ClientWebSocket.ConnectAsync and CreateFromStream. */
  constructor(raw: RawWebSocket, options: ManagedWebSocketOptions) {
    super();
    this.#raw = raw;
    this.#isServer = options.IsServer;
    this.#subProtocol = options.SubProtocol;
    this.#highWaterMark = options.receiveHighWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    raw.binaryType = 'fragments';
    raw.owner = this;
    if (raw.readyState === RawWebSocket.CLOSED) this.#onSocketClosed();
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
   * Bytes received and queued that no ReceiveAsync has read yet. Reading stops while it is above the
   * high-water mark, so a slow reader bounds the memory a fast peer can make it hold.
   * @remarks Node.js extension.
   */
  get receiveBufferedAmount(): number {
    return this.#queuedBytes;
  }

  /** @internal Resolves once the underlying connection is closed, whatever closed it. */
  whenClosed(): Promise<void> {
    if (this.#socketClosed) return Promise.resolve();
    return (this.#closed ??= new Promise((resolve) => (this.#resolveClosed = resolve)));
  }

  /** @internal ws's events, seen before any listener (see RawEventSink). */
  [kRawEvent](event: string | symbol, a: unknown, b: unknown): boolean {
    switch (event) {
      case 'message':
        this.#onMessage(a as Buffer | Buffer[], b as boolean);
        return true;
      case CLOSE_RECEIVED:
        this.#enqueue({ kind: EntryKind.Close, code: a as number, reason: b as Buffer });
        return true;
      case 'error':
        this.#onError(a as Error & { code?: string });
        return true;
      case 'close':
        this.#onSocketClosed();
        return false;
      case 'ping':
        this.#sawTraffic = true;
        return false;
      case 'pong':
        this.#onPong(a as Buffer);
        return false;
      default:
        return false;
    }
  }

  /**
   * @internal A whole message of `length` bytes is about to be read (see RawEventSink): the waiting
   * receive's buffer when the message will go straight to it.
   */
  [kReceiveInto](length: number): Uint8Array | null {
    const reader = this.#directReader(length);
    return reader === null ? null : reader.array!.subarray(reader.offset, reader.offset + length);
  }

  /**
   * The receive a one-frame message of `length` bytes goes straight to, with no queue entry: the oldest
   * one, when it waits with a buffer that can take it all and nothing is queued ahead of the message.
   */
  #directReader(length: number): Reader | null {
    const reader = this.#reader;
    if (reader === null || reader.array === null || length > reader.count) return null;
    return this.#head === this.#entries.length && this.#raw.frameLengths === null ? reader : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving
  // ---------------------------------------------------------------------------------------------

  override ReceiveAsync(
    buffer: ArraySegment<Uint8Array>,
    cancellationToken?: CancellationToken,
  ): Promise<WebSocketReceiveResult>;
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
    if (this.#reader === null) {
      const entry = this.#entries[this.#head];
      if (entry !== undefined && entry.kind === EntryKind.Data) {
        // Data is waiting and nobody is ahead of us: no need to queue (nor to watch the token).
        return Promise.resolve(this.#take(entry, array, offset, count, segment));
      }
    }
    return this.#read(array, offset, count, segment, token);
  }

  /** Queues a receive (or, with a null array, CloseAsync's discarding wait) and serves what it can. */
  #read<T>(array: Uint8Array | null, offset: number, count: number, segment: boolean, token: CancellationToken): Promise<T> {
    const reader: Reader = {
      array,
      offset,
      count,
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
    if (this.#reader === null) this.#reader = reader;
    else (this.#moreReaders ??= []).push(reader);
    if (token.CanBeCanceled) {
      // Cancelling a receive is fatal to the socket, as on .NET (spec §4).
      reader.registration = token.Register(() => {
        reader.canceled = true;
        this.Abort();
      });
    }
    this.#pump();
    return promise;
  }

  /** Serves pending readers from queued entries, in order, as far as both go. */
  #pump(): void {
    let reader: Reader | null;
    while ((reader = this.#reader) !== null) {
      const entry = this.#entries[this.#head];
      if (entry === undefined) {
        if (this.#paused) this.#resume();
        return;
      }
      if (entry.kind === EntryKind.Data) {
        if (reader.array === null) {
          // CloseAsync's wait: data arriving before the close frame is dropped.
          this.#shift(entry);
          continue;
        }
        this.#nextReader();
        this.#copy(entry, reader);
      } else if (entry.kind === EntryKind.Close) {
        this.#nextReader();
        this.#readCloseFrame(entry);
        this.#settle(reader, 0, WebSocketMessageType.Close, true);
      } else {
        this.#nextReader();
        this.#shift(entry);
        // ws has sent the close frame (1002/1007/1009) or lost the connection: no terminate(), so
        // that close frame still reaches the peer. A bad close frame still counts as the peer's close,
        // and with our 1002 the handshake is complete: .NET ends Closed there, Aborted otherwise (§2).
        this.#state = entry.closeFrame ? WebSocketState.Closed : WebSocketState.Aborted;
        this.#disposed = true;
        this.#stopKeepAlive();
        reader.registration?.Dispose();
        reader.reject(entry.error);
        // Later receives were accepted while the socket looked open; .NET fails them as aborted.
        this.#failReaders();
        return;
      }
    }
  }

  /** The oldest pending receive is being served: the next one moves up. */
  #nextReader(): void {
    const more = this.#moreReaders;
    this.#reader = more === null ? null : (more.shift() ?? null);
    if (more !== null && more.length === 0) this.#moreReaders = null;
  }

  /** Copies the next piece of a message into the reader's buffer and resolves it. */
  #copy(entry: DataEntry, reader: Reader): void {
    reader.registration?.Dispose();
    (reader.resolve as (r: unknown) => void)(this.#take(entry, reader.array!, reader.offset, reader.count, reader.segment));
  }

  /** Copies the next piece of a message into `array` and returns the result describing it. */
  #take(
    entry: DataEntry,
    array: Uint8Array,
    offset: number,
    capacity: number,
    segment: boolean,
  ): WebSocketReceiveResult | ValueWebSocketReceiveResult {
    let count = 0;
    let endOfMessage = true;
    const frames = entry.frames;
    if (entry.frame < frames.length) {
      // A result never spans two frames (spec §5).
      const frame = frames[entry.frame]!;
      count = Math.min(capacity, frame.length - entry.offset);
      if (count > 0) frame.copy(array, offset, entry.offset, entry.offset + count);
      entry.offset += count;
      if (entry.offset === frame.length) {
        entry.frame++;
        entry.offset = 0;
      }
      endOfMessage = entry.frame === frames.length;
    }
    if (endOfMessage) this.#shift(entry);
    return this.#result(count, entry.type, endOfMessage, segment);
  }

  #result(count: number, type: WebSocketMessageType, endOfMessage: boolean, segment: boolean): WebSocketReceiveResult | ValueWebSocketReceiveResult {
    return segment
      ? new WebSocketReceiveResult(count, type, endOfMessage, this.#closeStatus, this.#closeStatusDescription)
      : new ValueWebSocketReceiveResult(count, type, endOfMessage);
  }

  #settle(reader: Reader, count: number, type: WebSocketMessageType, endOfMessage: boolean): void {
    reader.registration?.Dispose();
    if (reader.array === null) (reader.resolve as () => void)();
    else (reader.resolve as (r: unknown) => void)(this.#result(count, type, endOfMessage, reader.segment));
  }

  /** Removes the head entry. */
  #shift(entry: Entry): void {
    this.#entries[this.#head++] = undefined as unknown as Entry;
    if (this.#head === this.#entries.length) {
      this.#entries.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    if (entry.kind === EntryKind.Data) {
      this.#queuedBytes -= entry.bytes;
      if (this.#paused && this.#queuedBytes <= this.#highWaterMark / 4) this.#resume();
    }
  }

  /** The application reads the peer's close frame: .NET's HandleReceivedCloseAsync. */
  #readCloseFrame(entry: CloseEntry): void {
    if (this.#receivedCloseFrame) return;
    this.#receivedCloseFrame = true;
    if (entry.code === 1005) {
      this.#closeStatus = Nullable.Of(WebSocketCloseStatus.NormalClosure);
      this.#closeStatusDescription = '';
    } else {
      this.#closeStatus = Nullable.Of(entry.code as WebSocketCloseStatus);
      this.#closeStatusDescription = entry.reason.toString('utf8');
    }
    if (this.#sentCloseFrame) this.#finishClose();
    else if (this.#state < WebSocketState.CloseReceived) this.#state = WebSocketState.CloseReceived;
  }

  /** Both close frames went: the connection is done (.NET disposes its stream here). */
  #finishClose(): void {
    if (this.#state < WebSocketState.Closed) this.#state = WebSocketState.Closed;
    this.#disposed = true;
    this.#stopKeepAlive();
    // ws has ended the socket (it saw both frames); make sure it can read the peer's FIN.
    if (this.#paused) this.#resume();
  }

  #enqueue(entry: Entry): void {
    this.#entries.push(entry);
    if (entry.kind === EntryKind.Data) {
      this.#queuedBytes += entry.bytes;
      if (!this.#paused && this.#queuedBytes > this.#highWaterMark && !this.#ended) {
        this.#paused = true;
        this.#raw.pause();
      }
    } else {
      this.#ended = true;
      // The close frame or the fault must be reachable even if the reader is slow.
      if (this.#paused) this.#resume();
    }
    if (this.#reader !== null) this.#pump();
  }

  #resume(): void {
    this.#paused = false;
    this.#raw.resume();
  }

  #onMessage(data: Buffer | Buffer[], isBinary: boolean): void {
    this.#sawTraffic = true;
    // The common case of a waiting ReceiveAsync: a one-frame message that fits goes straight into its buffer.
    const frame = isBinary ? ((data as Buffer[]).length === 1 ? (data as Buffer[])[0]! : null) : (data as Buffer);
    const reader = frame === null ? null : this.#directReader(frame.length);
    if (frame !== null && reader !== null) {
      const array = reader.array!;
      this.#nextReader();
      // ws may have read the payload into the reader's buffer already (kReceiveInto).
      if (frame.buffer !== array.buffer || frame.byteOffset !== array.byteOffset + reader.offset) frame.copy(array, reader.offset);
      this.#settle(reader, frame.length, isBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true);
      return;
    }
    let frames: Buffer[];
    let bytes = 0;
    const lengths = this.#raw.frameLengths;
    if (lengths === null) {
      // Binary messages arrive as their frames ('fragments'), text ones joined.
      frames = isBinary ? (data as Buffer[]) : [data as Buffer];
    } else {
      this.#raw.frameLengths = null;
      frames = new Array<Buffer>(lengths.length);
      if (isBinary) {
        // ws's fragments lack the empty frames: put them back where they were.
        const parts = data as Buffer[];
        for (let i = 0, p = 0; i < lengths.length; i++) frames[i] = lengths[i] === 0 ? EMPTY : parts[p++]!;
      } else {
        const text = data as Buffer;
        for (let i = 0, at = 0; i < lengths.length; i++) {
          frames[i] = text.subarray(at, at + lengths[i]!);
          at += lengths[i]!;
        }
      }
    }
    const queued = this.#reader === null || this.#head < this.#entries.length;
    // Memory lent through kReceiveInto belongs to the application: never queue a view of it.
    const lent = this.#reader?.array?.buffer;
    for (let i = 0; i < frames.length; i++) {
      let frame = frames[i]!;
      // A small view would pin the whole socket chunk (64 KiB) while it waits in the queue.
      if ((queued && frame.length < SMALL_FRAME && frame.buffer.byteLength > 2 * SMALL_FRAME) || frame.buffer === lent) {
        frame = frames[i] = Buffer.from(frame);
      }
      bytes += frame.length;
    }
    this.#enqueue({
      kind: EntryKind.Data,
      type: isBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text,
      frames,
      frame: 0,
      offset: 0,
      bytes,
    });
  }

  #onError(err: Error & { code?: string }): void {
    if (this.#ended || this.#state >= WebSocketState.Closed) return;
    this.#enqueue({
      kind: EntryKind.Fault,
      error: receiveFault(err, this.#hasDeflate(), this.#raw),
      closeFrame: this.#raw.closeFrameFault,
    });
  }

  #onSocketClosed(): void {
    this.#stopKeepAlive();
    this.#socketClosed = true;
    this.#resolveClosed?.();
    if (!this.#ended && this.#state < WebSocketState.Closed) {
      // RFC 6455 §7.1.5: the TCP connection closed without a close frame.
      this.#enqueue({
        kind: EntryKind.Fault,
        error: new WebSocketException(WebSocketError.ConnectionClosedPrematurely),
        closeFrame: false,
      });
    }
  }

  #onPong(data: Buffer): void {
    this.#sawTraffic = true;
    if (this.#pingPayload !== null && data.equals(this.#pingPayload)) this.#pingPayload = null;
  }

  #hasDeflate(): boolean {
    return !this.#raw.plain;
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
      // A Buffer view is what ws works on: making it here spares ws a second view of its own.
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
    // Fragment bookkeeping is updated at call time, as .NET does (spec §3.5).
    this.#lastSendWasFragment = !endOfMessage;
    this.#lastSendHadDisableCompression = disableCompression;
    const token = cancellationToken ?? CancellationToken.None;
    if (token.IsCancellationRequested) {
      return Promise.reject(new TaskCanceledException(undefined, undefined, token));
    }
    // Without permessage-deflate there is nothing to compress (ws's send() says the same).
    const compress = !disableCompression && this.#hasDeflate();
    const options =
      SEND_OPTIONS[(this.#isServer ? 0 : 8) | (messageType === WebSocketMessageType.Binary ? 4 : 0) | (endOfMessage ? 2 : 0) | (compress ? 1 : 0)]!;
    // Most sends go straight into the kernel: then they are complete, with nothing to wait for.
    const flushed = this.#raw.trySendNow(data, options);
    if (flushed === true) return sendCompleted();
    return new Promise<void>((resolve, reject) => {
      let registration: CancellationTokenRegistration | null = null;
      let canceled = false;
      const done = (err?: Error | null) => {
        registration?.Dispose();
        if (this.#state === WebSocketState.Aborted) {
          // ws reports success for a write cut short by destroy(); the abort decides.
          reject(this.#abortedException(canceled ? token : undefined, err ?? undefined));
        } else if (err) {
          reject(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, err));
        } else {
          sendCompleted().then(resolve, reject);
        }
      };
      if (flushed === false) this.#raw.afterFlush(done);
      else this.#raw.send(data, options, done);
      if (token.CanBeCanceled) {
        registration = token.Register(() => {
          canceled = true;
          this.Abort();
        });
      }
    });
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
    if (
      this.#state !== WebSocketState.Open &&
      this.#state !== WebSocketState.CloseReceived &&
      this.#state !== WebSocketState.CloseSent
    ) {
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

  /** .NET's SendCloseFrameAsync: write the frame, then move to CloseSent or Closed. */
  #sendCloseFrame(payload: Buffer, token: CancellationToken): Promise<void> {
    if (token.IsCancellationRequested) return Promise.reject(new TaskCanceledException(undefined, undefined, token));
    return new Promise<void>((resolve, reject) => {
      let registration: CancellationTokenRegistration | null = null;
      let canceled = false;
      this.#raw.sendClose(payload, (err) => {
        registration?.Dispose();
        if (this.#state === WebSocketState.Aborted) {
          reject(this.#abortedException(canceled ? token : undefined, err ?? undefined));
          return;
        }
        if (err && !this.#receivedCloseFrame) {
          reject(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, err));
          return;
        }
        // A peer that closed its side right after its close frame cannot read ours; .NET's write to
        // such a socket usually succeeds, and the handshake counts as done either way.
        this.#sentCloseFrame = true;
        if (this.#receivedCloseFrame) this.#finishClose();
        else if (this.#state < WebSocketState.CloseSent) this.#state = WebSocketState.CloseSent;
        // The peer's close frame must be read even if the application stopped reading.
        if (this.#paused) this.#resume();
        resolve();
      });
      if (token.CanBeCanceled) {
        registration = token.Register(() => {
          canceled = true;
          this.Abort();
        });
      }
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
    // After a completed handshake or a receive fault ws is already ending the socket: let it finish.
    if (this.#disposed) return;
    this.#disposed = true;
    this.#stopKeepAlive();
    if (this.#state < WebSocketState.Closed) this.#state = WebSocketState.Closed;
    this.#raw.terminate();
    this.#failReaders();
  }

  /** Rejects every pending receive: the socket can no longer deliver anything. */
  #failReaders(): void {
    const first = this.#reader;
    if (first === null) return;
    const readers = [first, ...(this.#moreReaders ?? [])];
    this.#reader = null;
    this.#moreReaders = null;
    for (const reader of readers) {
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

  /** What a pending operation fails with once the socket is aborted (spec §4). */
  #abortedException(token: CancellationToken | undefined, inner?: Error): OperationCanceledException {
    if (token !== undefined) return new OperationCanceledException(SR.OperationCanceled, inner, token);
    return new OperationCanceledException(SR.net_WebSockets_Aborted, this.#abortCause ?? inner);
  }

  #invalidState(valid: readonly WebSocketState[]): WebSocketException {
    return invalidStateException(this.#state, valid, this.#abortCause);
  }

  // ---------------------------------------------------------------------------------------------
  // Keep-alive (spec §6)
  // ---------------------------------------------------------------------------------------------

  #startKeepAlive(interval: TimeSpan, timeout: TimeSpan): void {
    const intervalMs = interval.TotalMilliseconds;
    if (!(intervalMs > 0)) return;
    const timeoutMs = timeout.TotalMilliseconds;
    this.#keepAliveIntervalMs = intervalMs;
    this.#keepAliveTimeoutMs = timeoutMs > 0 ? timeoutMs : 0;
    // .NET ≤ 8 strategy (no timeout): an unsolicited pong every interval, nothing expected back.
    // .NET 9 strategy: a heartbeat every min(interval, timeout)/4 pings after `interval` without
    // traffic, and aborts when no matching pong came within `timeout`.
    const period = clampDelay(timeoutMs > 0 ? Math.max(Math.min(intervalMs, timeoutMs) / 4, 1) : intervalMs);
    if (timeoutMs > 0) this.#lastActivity = performance.now();
    // Sockets with the same period share one timer: 10,000 connections are one timer, not 10,000.
    let group = ManagedWebSocket.#keepAliveGroups.get(period);
    if (group === undefined) {
      const members = new Set<ManagedWebSocket>();
      const timer = setInterval(() => {
        for (const socket of members) socket.#keepAliveTick();
      }, period).unref();
      group = { period, timer, members };
      ManagedWebSocket.#keepAliveGroups.set(period, group);
    }
    group.members.add(this);
    this.#keepAliveGroup = group;
  }

  /** Keep-alive groups by period (ms). */
  static readonly #keepAliveGroups = new Map<number, KeepAliveGroup>();

  #keepAliveTick(): void {
    if (this.#keepAliveTimeoutMs > 0) {
      this.#heartbeat(this.#keepAliveIntervalMs, this.#keepAliveTimeoutMs);
    } else if (this.#state === WebSocketState.Open || this.#state === WebSocketState.CloseReceived) {
      this.#raw.pong(EMPTY, !this.#isServer, noop);
    }
  }

  #heartbeat(intervalMs: number, timeoutMs: number): void {
    const now = performance.now();
    if (this.#pingPayload !== null) {
      if (now - this.#pingSentAt > timeoutMs) this.#keepAliveTimedOut();
      return;
    }
    if (this.#sawTraffic) {
      this.#sawTraffic = false;
      this.#lastActivity = now;
      return;
    }
    if (now - this.#lastActivity < intervalMs) return;
    if (this.#state !== WebSocketState.Open && this.#state !== WebSocketState.CloseReceived) return;
    const payload = Buffer.allocUnsafe(8);
    payload.writeBigUInt64BE(++this.#pingCounter);
    this.#pingPayload = payload;
    this.#pingSentAt = now;
    this.#raw.ping(payload, !this.#isServer, noop);
  }

  #keepAliveTimedOut(): void {
    this.#abortCause = new WebSocketException(WebSocketError.Faulted, SR.net_Websockets_KeepAlivePingTimeout);
    this.Abort();
  }

  #stopKeepAlive(): void {
    const group = this.#keepAliveGroup;
    if (group === null) return;
    this.#keepAliveGroup = null;
    group.members.delete(this);
    if (group.members.size === 0) {
      clearInterval(group.timer);
      ManagedWebSocket.#keepAliveGroups.delete(group.period);
    }
  }
}

function noop(): void {}

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

/**
 * ws send options for each (mask, binary, fin, compress) combination, indexed by bits 8|4|2|1; shared
 * and frozen. `mask` is what ws would set itself (client role), so that they can go to ws's Sender as they are.
 */
const SEND_OPTIONS: ReadonlyArray<{ binary: boolean; fin: boolean; compress: boolean; mask: boolean }> = Array.from({ length: 16 }, (_, i) =>
  Object.freeze({ binary: (i & 4) !== 0, fin: (i & 2) !== 0, compress: (i & 1) !== 0, mask: (i & 8) !== 0 }),
);

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
  const length = statusDescription ? Buffer.byteLength(statusDescription, 'utf8') : 0;
  if (length > MAX_CLOSE_DESCRIPTION_BYTES) {
    throw new ArgumentException(
      SR.Format(SR.net_WebSockets_InvalidCloseStatusDescription, statusDescription, MAX_CLOSE_DESCRIPTION_BYTES),
      'statusDescription',
    );
  }
  const payload = Buffer.allocUnsafe(2 + length);
  payload.writeUInt16BE(code & 0xffff, 0);
  if (length > 0) payload.write(statusDescription!, 2, 'utf8');
  return payload;
}

registerStreamFactory((stream: Duplex, options: WebSocketCreationOptions) => {
  const raw = new RawWebSocket(null as unknown as string, undefined, { autoPong: true, closeTimeout: 30_000 } as object);
  (raw as unknown as { _isServer: boolean })._isServer = options.IsServer;
  raw.setSocket(stream, EMPTY, rawStreamOptions({ deflate: options.DangerousDeflateOptions }));
  return new ManagedWebSocket(raw, {
    IsServer: options.IsServer,
    SubProtocol: options.SubProtocol,
    KeepAliveInterval: options.KeepAliveInterval,
    KeepAliveTimeout: options.KeepAliveTimeout,
  });
});
