/**
 * The receiving side of a WebSocket over a Duplex: the stream's listeners, the pending receives, and the
 * loop that steps src/protocol/frame-reader.ts into the caller's buffer. Bytes are read from the stream,
 * and control frames answered, only while a receive is pending: otherwise the stream is paused once a
 * little was read ahead, which is the backpressure a slow reader puts on its peer, as on .NET.
 * (src/engine/README.md says what this folder owns.)
 */
import type { Duplex } from 'node:stream';
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { CancellationTokenRegistration } from '../System.Threading/CancellationTokenRegistration.js';
import { FrameReader, type MessageKind, type ProtocolFault, ReceiveStatus } from '../protocol/frame-reader.js';
import { Opcode } from '../protocol/frame-writer.js';
import { withFlag } from '../protocol/flags.js';
import type { MessageInflater } from '../protocol/permessage-deflate.js';
import type { FrameSender } from './frame-sender.js';
import type { KeepAliveDriver } from './keep-alive-driver.js';
import type { ProcessHold } from './process-hold.js';
import { takeReads } from './socket-reads.js';

/**
 * Bytes read ahead while no receive is pending (as Kestrel's transport reads ahead into its pipe): enough
 * to notice a peer that went away, small enough to bound what an idle connection can be made to hold.
 */
const READ_AHEAD = 64 * 1024;

/** A pending receive (or CloseAsync's discarding wait when `array` is null). */
export interface Reader {
  array: Uint8Array | null;
  offset: number;
  count: number;
  /** True: the caller wants a WebSocketReceiveResult; false: a ValueWebSocketReceiveResult. */
  segment: boolean;
  resolve: (value: never) => void;
  reject: (reason: Error) => void;
  token: CancellationToken;
  registration: CancellationTokenRegistration | null;
  /** Set when this reader's own token aborted the socket. */
  canceled: boolean;
}

/** What the owning socket makes of each outcome (its states, results and exceptions). */
export interface ReceiveHost {
  /** Payload went into the oldest reader's buffer. */
  data(reader: Reader, count: number, kind: MessageKind, endOfMessage: boolean): void;
  /** The peer's close frame (code 1005 when it had no payload). */
  close(reader: Reader, code: number, reason: Buffer): void;
  /** The peer broke the protocol. */
  fault(fault: ProtocolFault, opcode: number, closeCode: number): void;
  /** The stream ended (or failed with `error`) before the peer's close frame. */
  endedEarly(error: Error | undefined): void;
  /** Compressed data did not inflate. */
  inflateFailed(err: Error): void;
  /** The peer ended its side of the stream. */
  peerEnded(): void;
  /** The stream closed. */
  streamClosed(): void;
  /** A pending receive's token was cancelled. */
  abort(): void;
}

// The bits of ReceivePump's flags (see its `#flags`).
const STOPPED = 1 << 0;
const EOF = 1 << 1;
const STREAM_CLOSED = 1 << 2;
/** The stream was paused because nobody was receiving. */
const PAUSED = 1 << 3;
/** Waiting for the inflater (or for a pong's write) to call back: data that arrives meanwhile waits. */
const WAITING = 1 << 4;
/** Inside #drive (so that a settle that re-enters does not recurse). */
const DRIVING = 1 << 5;

/** The pump reading each stream (see the stream listeners below). */
const pumps = new WeakMap<Duplex, ReceivePump>();

export class ReceivePump {
  /** The pump's booleans, one bit each (the constants above the class): one field rather than one per boolean. */
  #flags = 0;
  /** Told of every read and pong, when keep-alive is on. */
  keepAlive: KeepAliveDriver | null = null;
  readonly #stream: Duplex;
  readonly #frames: FrameReader;
  readonly #sender: FrameSender;
  readonly #hold: ProcessHold;
  readonly #host: ReceiveHost;
  /** The oldest pending receive, and the ones queued behind it (rare: only when receives overlap). */
  #reader: Reader | null = null;
  #moreReaders: Reader[] | null = null;
  /** The error the stream failed with, if it did. */
  #streamError: Error | undefined;
  #closed: Promise<void> | null = null;
  #resolveClosed: (() => void) | null = null;
  /** The inflater's callback: made only for a connection that inflates. */
  readonly #inflated: (err: Error | null) => void;
  /**
   * Over a socket that shares its read buffer (src/engine/socket-reads.ts): where the bytes read and not
   * yet received are kept, made once some are left over.
   */
  #store: Buffer | null = null;

  constructor(
    stream: Duplex,
    isServer: boolean,
    inflater: MessageInflater | null,
    head: Buffer,
    sender: FrameSender,
    hold: ProcessHold,
    host: ReceiveHost,
  ) {
    this.#stream = stream;
    this.#frames = new FrameReader(isServer, inflater);
    this.#sender = sender;
    this.#hold = hold;
    this.#host = host;
    this.#inflated = inflater === null ? noop : (err) => this.#onInflated(err);
    if (head.length > 0) this.#frames.push(head);
    // A second WebSocket over the same stream takes its events over (once each, never both pumps' share).
    const listening = pumps.has(stream);
    pumps.set(stream, this);
    if (!listening) {
      stream.on('data', ReceivePump.#data);
      stream.on('end', ReceivePump.#end);
      stream.on('error', ReceivePump.#error);
      stream.on('close', ReceivePump.#close);
    }
    // The inflater may keep what it is handed past the read, so only a plain connection borrows its reads.
    if (inflater === null) takeReads(stream, (bytes) => this.#onLentRead(bytes));
    if (stream.destroyed) this.#onClose();
  }

  /** The connection was torn down: nothing more is read (the stream flows until it ends). */
  get stopped(): boolean {
    return (this.#flags & STOPPED) !== 0;
  }

  set stopped(on: boolean) {
    this.#flags = withFlag(this.#flags, STOPPED, on);
  }

  /** The stream ended or failed: once the buffered bytes are read, nothing more comes. */
  get eof(): boolean {
    return (this.#flags & EOF) !== 0;
  }

  set eof(on: boolean) {
    this.#flags = withFlag(this.#flags, EOF, on);
  }

  /** The stream is closed. */
  get streamClosed(): boolean {
    return (this.#flags & STREAM_CLOSED) !== 0;
  }

  set streamClosed(on: boolean) {
    this.#flags = withFlag(this.#flags, STREAM_CLOSED, on);
  }

  // The stream's listeners: one function each for every pump (a closure per pump would be four objects on
  // every idle connection), called with the stream as `this`, which finds its pump in {@link pumps}.
  static #data(this: Duplex, chunk: Buffer): void {
    pumps.get(this)!.#onData(chunk);
  }

  static #end(this: Duplex): void {
    pumps.get(this)!.#onEnd();
  }

  static #error(this: Duplex, err: Error): void {
    pumps.get(this)!.#onError(err);
  }

  static #close(this: Duplex): void {
    pumps.get(this)!.#onClose();
  }

  static #drain(this: Duplex): void {
    pumps.get(this)!.#drained();
  }

  /** Bytes received and not yet read by a receive. */
  get buffered(): number {
    return this.#frames.buffered;
  }

  /** Resolves once the stream is closed, whatever closed it. */
  whenClosed(): Promise<void> {
    if (this.streamClosed) return Promise.resolve();
    return (this.#closed ??= new Promise((resolve) => (this.#resolveClosed = resolve)));
  }

  #onData(chunk: Buffer): void {
    if (this.stopped) return;
    this.#frames.push(chunk);
    this.keepAlive?.onRead();
    if (this.#reader !== null) {
      if ((this.#flags & WAITING) === 0) this.#drive();
    } else if ((this.#flags & PAUSED) === 0 && this.#frames.buffered >= READ_AHEAD) {
      // Nobody is receiving: stop reading, so that the peer's sends wait on TCP (the backpressure .NET has).
      this.#flags |= PAUSED;
      this.#stream.pause();
    }
  }

  /** A read lent by a socket that shares its read buffer: what is not received at once is copied out. */
  #onLentRead(bytes: Buffer): void {
    this.#onData(bytes);
    if (this.#frames.buffered > 0) this.#store = this.#frames.relocate(this.#store);
  }

  #onEnd(): void {
    this.eof = true;
    this.#host.peerEnded();
    if (this.#reader !== null && (this.#flags & WAITING) === 0) this.#drive();
  }

  #onError(err: Error): void {
    this.#streamError ??= err;
    this.eof = true;
  }

  #onClose(): void {
    this.eof = true;
    this.streamClosed = true;
    this.#host.streamClosed();
    this.#resolveClosed?.();
    if (this.#reader !== null && (this.#flags & WAITING) === 0) this.#drive();
  }

  /** Queues a receive (or, with a null array, CloseAsync's discarding wait) and serves what it can. */
  read<T>(array: Uint8Array | null, offset: number, count: number, segment: boolean, token: CancellationToken): Promise<T> {
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
    this.#hold.ref();
    if (this.#reader === null) this.#reader = reader;
    else (this.#moreReaders ??= []).push(reader);
    if (token.CanBeCanceled) {
      // Cancelling a receive is fatal to the socket, as on .NET (docs/behaviour.md, "Cancellation").
      reader.registration = token.Register(() => {
        reader.canceled = true;
        this.#host.abort();
      });
    }
    if ((this.#flags & WAITING) === 0) this.#drive();
    return promise;
  }

  /** Runs the engine for the pending receives as far as the buffered bytes go. */
  #drive(): void {
    if ((this.#flags & DRIVING) !== 0) return;
    this.#flags |= DRIVING;
    try {
      let reader: Reader | null;
      const frames = this.#frames;
      while ((reader = this.#reader) !== null) {
        switch (frames.step(reader.array, reader.offset, reader.count)) {
          case ReceiveStatus.NeedMore:
            if (this.eof) {
              // RFC 6455 §7.1.5: the connection closed without a close frame.
              this.#host.endedEarly(this.#streamError);
              return;
            }
            if ((this.#flags & PAUSED) !== 0) {
              this.#flags &= ~PAUSED;
              this.#stream.resume();
            }
            return;
          case ReceiveStatus.Data:
            if (reader.array === null) continue;
            this.#host.data(reader, frames.count, frames.messageKind, frames.endOfMessage);
            break;
          case ReceiveStatus.Ping:
            // RFC 6455 §5.5.2: answered with the same payload (.NET answers in any state it can still write in).
            this.#sender.writeFrame(Opcode.Pong, true, false, frames.payload);
            if (this.#stream.writableNeedDrain) {
              // .NET awaits the pong's write before reading on: a peer that pings and never reads stalls
              // the receive instead of filling memory with pongs.
              this.#flags |= WAITING;
              this.#stream.once('drain', ReceivePump.#drain);
              return;
            }
            break;
          case ReceiveStatus.Pong:
            this.keepAlive?.onPong(frames.payload);
            break;
          case ReceiveStatus.Close:
            this.#host.close(reader, frames.closeCode, frames.payload);
            break;
          case ReceiveStatus.Fault:
            this.#host.fault(frames.fault, frames.faultOpcode, frames.closeCode);
            return;
          case ReceiveStatus.Wait:
            this.#flags |= WAITING;
            frames.wait(this.#inflated);
            return;
        }
      }
    } finally {
      this.#flags &= ~DRIVING;
    }
  }

  /** The pongs written went out: reading goes on. */
  #drained(): void {
    this.#flags &= ~WAITING;
    if (!this.stopped) this.#drive();
  }

  #onInflated(err: Error | null): void {
    this.#flags &= ~WAITING;
    if (this.stopped) return;
    if (err !== null) {
      this.#frames.clear();
      this.#host.inflateFailed(err);
      return;
    }
    this.#drive();
  }

  /** Takes the oldest pending receive off the queue (the next one moves up); null when none. */
  shift(): Reader | null {
    const reader = this.#reader;
    const more = this.#moreReaders;
    this.#reader = more === null ? null : (more.shift() ?? null);
    if (more !== null && more.length === 0) this.#moreReaders = null;
    return reader;
  }

  /** Takes every pending receive off the queue, oldest first. */
  takeAll(): Reader[] {
    const first = this.#reader;
    if (first === null) return [];
    const readers = [first, ...(this.#moreReaders ?? [])];
    this.#reader = null;
    this.#moreReaders = null;
    return readers;
  }

  /** Takes the CloseAsync waits queued behind `reader` off the queue: the peer's close they waited for came. */
  takeCloseWaiters(reader: Reader): Reader[] {
    const more = this.#moreReaders;
    if (more === null) return [];
    const waiting = more.filter((r) => r.array === null && r !== reader);
    if (waiting.length === 0) return waiting;
    this.#moreReaders = more.filter((r) => r.array !== null);
    if (this.#moreReaders.length === 0) this.#moreReaders = null;
    return waiting;
  }

  /** Forgets what was buffered. */
  clear(): void {
    this.#frames.clear();
  }

  /** Lets the stream flow again (to see its end) if it was paused. */
  resumeFlow(): void {
    if ((this.#flags & PAUSED) !== 0) {
      this.#flags &= ~PAUSED;
      this.#stream.resume();
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
