/**
 * The sending side of a WebSocket over a Duplex: frames written through src/protocol/frame-writer.ts, one
 * send at a time (as .NET's send mutex serializes them), each completing once the stream has taken its
 * bytes, so that a peer that never reads makes sends stop completing instead of filling memory.
 * (src/engine/README.md says what this folder owns.)
 */
import type { Duplex } from 'node:stream';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { CancellationTokenRegistration } from '../System.Threading/CancellationTokenRegistration.js';
import { type Opcode, encodeHeader, encodeWholeFrame, sendsPayloadApart, writeHeader, writeWholeFrame } from '../protocol/frame-writer.js';
import { applyMask } from '../protocol/masking.js';
import type { MessageDeflater } from '../protocol/permessage-deflate.js';
import { withFlag } from '../protocol/flags.js';
import type { ProcessHold } from './process-hold.js';

const EMPTY = Buffer.alloc(0);

/** A longer masked frame is masked and written this many payload bytes at a time (a multiple of 4). */
const PIECE = 64 * 1024;
/**
 * Masked frames of up to this many bytes (a 64 KiB payload and its header) can be built in the pooled
 * buffer; so can each piece of a longer one.
 */
const POOLED_FRAME_MAX = PIECE + 14;
/**
 * The one buffer masked data frames are built in, shared by every client connection of the process, so
 * that a client sending messages back to back reuses it instead of allocating a masked copy per frame
 * (an external buffer each, freed only by a GC), and a longer frame is masked into it a piece at a time
 * ({@link PieceWriter}). Made at the first masked send, so idle connections hold nothing; lent to a sender
 * whose write the stream has not taken at once, until that send completes. A frame that finds it lent gets
 * a new buffer of its own (a longer one: one of a piece's size).
 */
let pooledFrame: Buffer | null = null;
/** A sender holds {@link pooledFrame}: its stream has not flushed the frame built in it yet. */
let pooledFrameLent = false;

/** What the owning socket decides about a send: its cancellation and what its failure means. */
export interface SendHost {
  /** Registers what cancelling `token` does to a send in progress (null when it cannot be cancelled). */
  watch(token: CancellationToken): CancellationTokenRegistration | null;
  /** What a finished send fails with, or null when it succeeded. */
  failure(err: Error | null | undefined, token: CancellationToken): Error | null;
}

/** A send waiting for the one before it. */
interface SendJob {
  opcode: Opcode;
  fin: boolean;
  compress: boolean;
  data: Uint8Array;
  /** Called with the outcome once the frame was handed to the stream (or failed). */
  done: (err: Error | null) => void;
}

// The bits of FrameSender's flags (see its `#flags`).
const STOPPED = 1 << 0;
/** Client role: frames are masked. */
const MASK = 1 << 1;
/** A send is being written (or compressed); later ones wait in #queue. */
const SENDING = 1 << 2;
/** The open compressed message's first frame went out (RSV1 only on that one). */
const COMPRESSING_MESSAGE = 1 << 3;
/** Masked data frames may be built in the pooled buffer, and long ones in pieces (see the constructor's `pooledFrames`). */
const POOLED = 1 << 4;
/** This sender's last data frame was built in the pooled buffer and is not flushed yet. */
const HOLDS_POOL = 1 << 5;

/**
 * A masked data frame longer than {@link PIECE}, being masked and written a piece at a time into one
 * buffer, each piece once the stream has taken the one before: a long SendAsync holds one piece of
 * masked copy rather than a copy of the whole payload. Control frames written meanwhile wait here until
 * its last piece is out (RFC 6455 §5.4: they may come between the frames of a message, never inside one).
 */
class PieceWriter {
  /** The masking key of the frame (its header is gone from the buffer after the first piece). */
  readonly key = new Uint8Array(4);
  /** Where the next piece starts in `source`. */
  at: number;
  /** Control frames written while the frame was open, in order. */
  controls: Array<{ opcode: Opcode; payload: Uint8Array }> | null = null;
  /** The send's completion, once it waits for the frame (set by FrameSender's #afterWrite). */
  done: ((err?: Error | null) => void) | null = null;

  constructor(
    readonly source: Uint8Array,
    /** Where the payload starts in `source`, and where it ends. */
    readonly start: number,
    readonly end: number,
    /** The buffer each piece is masked into (the pooled one, or one of this frame's own). */
    readonly buffer: Buffer,
  ) {
    this.at = start;
  }
}

export class FrameSender {
  /** The sender's booleans, one bit each (the constants above the class): one field rather than one per boolean. */
  #flags = 0;
  readonly #stream: Duplex;
  readonly #deflater: MessageDeflater | null;
  readonly #hold: ProcessHold;
  readonly #host: SendHost;
  #queue: SendJob[] | null = null;
  /**
   * What the last data write left for {@link #afterWrite}: the error when it found the stream gone, or the
   * frame still being written in pieces (one field for both: an idle connection keeps neither).
   */
  #pending: Error | PieceWriter | null = null;

  /**
   * `mask`: the client's role. `pooledFrames`: masked data frames may be built in the pooled buffer, for a
   * stream that is done with a written buffer once the write was taken at once (by the kernel, or copied by
   * TLS) or its callback ran, as a net.Socket is; other Duplexes may keep the buffer itself (a PassThrough
   * hands it to its reader), so they get a new buffer per frame.
   */
  constructor(stream: Duplex, mask: boolean, pooledFrames: boolean, deflater: MessageDeflater | null, hold: ProcessHold, host: SendHost) {
    this.#stream = stream;
    if (mask) this.#flags = pooledFrames ? MASK | POOLED : MASK;
    this.#deflater = deflater;
    this.#hold = hold;
    this.#host = host;
  }

  /** The connection was torn down: queued sends fail. */
  get stopped(): boolean {
    return (this.#flags & STOPPED) !== 0;
  }

  set stopped(on: boolean) {
    this.#flags = withFlag(this.#flags, STOPPED, on);
  }

  /**
   * Sends `array[offset, offset + count)` as one data frame (SendAsync): at once when nothing is ahead of it,
   * else after the ones queued.
   */
  send(
    opcode: Opcode,
    fin: boolean,
    compress: boolean,
    array: Uint8Array,
    offset: number,
    count: number,
    token: CancellationToken,
  ): Promise<void> {
    // The common case: nothing ahead, nothing to compress, and the kernel takes the frame at once.
    if ((this.#flags & SENDING) === 0 && !compress) {
      if (this.#write(opcode, fin, false, array, offset, count, true)) return sendCompleted();
      return this.#awaitWrite(token);
    }
    const data = offset === 0 && count === array.length ? array : array.subarray(offset, offset + count);
    return this.enqueue(opcode, fin, compress, data, token);
  }

  /** A frame was written but not yet taken by the kernel: the send completes once it is. */
  #awaitWrite(token: CancellationToken): Promise<void> {
    this.#flags |= SENDING;
    this.#hold.ref();
    return new Promise<void>((resolve, reject) => {
      const registration = this.#host.watch(token);
      this.#afterWrite((err) => {
        registration?.Dispose();
        this.#sendDone();
        const failure = this.#host.failure(err, token);
        if (failure !== null) reject(failure);
        else resolve();
      });
    });
  }

  /** Queues a send behind the one in progress (or a compressed one, which takes a turn of zlib). */
  enqueue(opcode: Opcode, fin: boolean, compress: boolean, data: Uint8Array, token: CancellationToken): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const registration = this.#host.watch(token);
      const job: SendJob = {
        opcode,
        fin,
        compress,
        data,
        done: (err) => {
          registration?.Dispose();
          const failure = this.#host.failure(err, token);
          if (failure !== null) reject(failure);
          else resolve();
        },
      };
      if ((this.#flags & SENDING) !== 0) {
        (this.#queue ??= []).push(job);
      } else {
        this.#flags |= SENDING;
        this.#hold.ref();
        this.#run(job);
      }
    });
  }

  #run(job: SendJob): void {
    if (this.stopped) {
      job.done(new ObjectDisposedException('System.Net.WebSockets.WebSocket'));
      this.#sendDone();
      return;
    }
    if (job.compress) {
      // RFC 7692 §6: RSV1 on the first frame of a compressed message only.
      const first = (this.#flags & COMPRESSING_MESSAGE) === 0;
      this.#flags = withFlag(this.#flags, COMPRESSING_MESSAGE, !job.fin);
      this.#deflater!.compress(job.data, job.fin, (err, payload) => {
        if (err !== null) {
          job.done(err);
          this.#sendDone();
          return;
        }
        this.#writeAndFinish(job, first, payload);
      });
      return;
    }
    this.#writeAndFinish(job, false, job.data);
  }

  #writeAndFinish(job: SendJob, rsv1: boolean, payload: Uint8Array): void {
    if (this.#write(job.opcode, job.fin, rsv1, payload, 0, payload.length, true)) {
      job.done(null);
      this.#sendDone();
      return;
    }
    this.#afterWrite((err) => {
      job.done(err ?? null);
      this.#sendDone();
    });
  }

  /** The send in progress finished (its frame flushed, or failed): the next queued one starts. */
  #sendDone(): void {
    this.#returnPool();
    const next = this.#queue?.shift();
    if (next !== undefined) {
      this.#run(next);
      return;
    }
    this.#queue = null;
    this.#flags &= ~SENDING;
    this.#hold.unref();
  }

  /** Gives the pooled buffer back if this sender holds it (its frame is flushed, or failed). */
  #returnPool(): void {
    if ((this.#flags & HOLDS_POOL) === 0) return;
    this.#flags &= ~HOLDS_POOL;
    pooledFrameLent = false;
  }

  /**
   * Writes one frame of `payload[start, start + length)` (the whole payload by default) now, ahead of any
   * queued send (control frames go between data frames); true when the stream took it at once (nothing
   * left in its buffer).
   */
  writeFrame(opcode: Opcode, fin: boolean, rsv1: boolean, payload: Uint8Array, start = 0, length = payload.length): boolean {
    return this.#write(opcode, fin, rsv1, payload, start, length, false);
  }

  /**
   * {@link writeFrame}; `pooled` for a data frame, whose send completes only once it is flushed (control
   * frames are written past the sends and nothing waits for them, so they never borrow the pooled buffer).
   */
  #write(opcode: Opcode, fin: boolean, rsv1: boolean, payload: Uint8Array, start: number, length: number, pooled: boolean): boolean {
    const open = this.#pending;
    if (open instanceof PieceWriter) {
      // Only control frames come here while a frame is open (data sends wait their turn).
      (open.controls ??= []).push({
        opcode,
        payload: start === 0 && length === payload.length ? payload : payload.subarray(start, start + length),
      });
      return false;
    }
    const stream = this.#stream;
    if (stream.destroyed || stream.writableEnded) {
      this.#pending = new ObjectDisposedException('System.Net.WebSockets.WebSocket');
      return false;
    }
    this.#pending = null;
    const mask = (this.#flags & MASK) !== 0;
    if (sendsPayloadApart(length, mask)) {
      stream.cork();
      stream.write(encodeHeader(opcode, fin, rsv1, length));
      stream.write(start === 0 && length === payload.length ? payload : payload.subarray(start, start + length));
      stream.uncork();
    } else if (!pooled || (this.#flags & POOLED) === 0) {
      stream.write(encodeWholeFrame(opcode, fin, rsv1, payload, start, length, mask));
    } else if (length > PIECE) {
      return this.#writeInPieces(opcode, fin, rsv1, payload, start, length);
    } else if (!pooledFrameLent) {
      const frame = (pooledFrame ??= Buffer.allocUnsafe(POOLED_FRAME_MAX));
      stream.write(frame.subarray(0, writeWholeFrame(frame, opcode, fin, rsv1, payload, start, length, true)));
      if (stream.writableLength === 0) return true;
      // The stream still holds the frame: the buffer is back once this send completes (#sendDone).
      pooledFrameLent = true;
      this.#flags |= HOLDS_POOL;
      return false;
    } else {
      stream.write(encodeWholeFrame(opcode, fin, rsv1, payload, start, length, true));
    }
    return stream.writableLength === 0;
  }

  /**
   * Starts a long masked data frame: its header and first piece now, and as many pieces after it as the
   * stream takes at once; true when the whole frame was taken at once.
   */
  #writeInPieces(opcode: Opcode, fin: boolean, rsv1: boolean, payload: Uint8Array, start: number, length: number): boolean {
    let buffer: Buffer;
    if (pooledFrameLent) {
      buffer = Buffer.allocUnsafe(POOLED_FRAME_MAX);
    } else {
      buffer = pooledFrame ??= Buffer.allocUnsafe(POOLED_FRAME_MAX);
      pooledFrameLent = true;
      this.#flags |= HOLDS_POOL;
    }
    const frame = new PieceWriter(payload, start, start + length, buffer);
    const at = writeHeader(buffer, opcode, fin, rsv1, length, true);
    frame.key.set(buffer.subarray(at - 4, at));
    applyMask(payload, start, start + PIECE, frame.key, 0, buffer, at);
    frame.at = start + PIECE;
    this.#stream.write(buffer.subarray(0, at + PIECE));
    this.#pending = frame;
    return this.#continuePieces(frame);
  }

  /**
   * Writes the next pieces of `frame` while the stream takes them at once; once it holds one, goes on
   * after that piece is flushed. True when the frame is complete and flushed.
   */
  #continuePieces(frame: PieceWriter): boolean {
    const stream = this.#stream;
    while (frame.at !== frame.end) {
      if (stream.writableLength !== 0) {
        // An empty write's callback runs once every write before it is flushed.
        stream.write(EMPTY, (err?: Error | null) => this.#resumePieces(frame, err));
        return false;
      }
      if (stream.destroyed || stream.writableEnded) {
        this.#closePieces(frame, new ObjectDisposedException('System.Net.WebSockets.WebSocket'));
        return false;
      }
      const n = Math.min(PIECE, frame.end - frame.at);
      applyMask(frame.source, frame.at, frame.at + n, frame.key, frame.at - frame.start, frame.buffer, 0);
      frame.at += n;
      stream.write(frame.buffer.subarray(0, n));
    }
    // The last piece is written.
    return this.#closePieces(frame, null);
  }

  #resumePieces(frame: PieceWriter, err: Error | null | undefined): void {
    if (this.#pending !== frame) return;
    if (err) this.#closePieces(frame, err);
    else this.#continuePieces(frame);
  }

  /**
   * The frame is out (or failed with `err`): the control frames held meanwhile go now, and the send waiting
   * for the frame completes once it is flushed. True when that is already so, with no send waiting yet.
   */
  #closePieces(frame: PieceWriter, err: Error | null): boolean {
    this.#pending = null;
    if (err === null && frame.controls !== null) {
      for (const control of frame.controls) this.#write(control.opcode, true, false, control.payload, 0, control.payload.length, false);
    }
    // What the held frames' writes left does not concern the data send.
    this.#pending = err;
    const done = frame.done;
    if (done !== null) {
      this.#afterWrite(done);
      return false;
    }
    // Taken at once (no send waits yet): the caller sees the outcome from the return value.
    if (err === null && this.#stream.writableLength === 0) {
      this.#returnPool();
      return true;
    }
    return false;
  }

  /**
   * Writes what is left of a frame being written in pieces at once, and the control frames held behind it:
   * the stream is about to be ended gracefully, after which no piece could follow.
   */
  finishFrame(): void {
    const frame = this.#pending;
    if (!(frame instanceof PieceWriter) || this.#stream.destroyed || this.#stream.writableEnded) return;
    const rest = Buffer.allocUnsafe(frame.end - frame.at);
    applyMask(frame.source, frame.at, frame.end, frame.key, frame.at - frame.start, rest, 0);
    frame.at = frame.end;
    this.#stream.write(rest);
    this.#closePieces(frame, null);
  }

  /** Calls `cb` once what was written so far has been flushed to the stream's destination (a frame in pieces: all of it). */
  #afterWrite(cb: (err?: Error | null) => void): void {
    const pending = this.#pending;
    if (pending instanceof PieceWriter) {
      pending.done = cb;
      return;
    }
    if (pending !== null) {
      this.#pending = null;
      process.nextTick(cb, pending);
      return;
    }
    if (this.#stream.writableLength === 0) {
      process.nextTick(cb, null);
      return;
    }
    // An empty write's callback runs after every write before it.
    this.#stream.write(EMPTY, cb);
  }

  /** Frees the compressor. */
  dispose(): void {
    this.#deflater?.dispose();
  }
}

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
