/**
 * permessage-deflate (RFC 7692) message compression for the frame engine, on node:zlib, sans-I/O: bytes in,
 * bytes out, no sockets and no .NET types. {@link MessageInflater} pulls zlib's output (paused streams,
 * never accumulated), so memory stays bounded whatever a peer sends; {@link MessageDeflater} compresses one
 * frame's payload per call (message-deflater.ts; exported here too).
 *
 * ## What the engine must do (.NET 10's ManagedWebSocket, checked against the real runtime)
 *
 * Sources: dotnet/runtime `src/libraries/System.Net.WebSockets/src/System/Net/WebSockets/ManagedWebSocket.cs`
 * (`ReceiveAsyncPrivate`, `TryParseMessageHeaderFromReceiveBuffer`, `WriteFrameToSendBuffer`, `WriteHeader`)
 * and `Compression/WebSocketInflater.cs`, `Compression/WebSocketDeflater.cs`
 * (https://github.com/dotnet/runtime/tree/main/src/libraries/System.Net.WebSockets/src/System/Net/WebSockets);
 * the `send` and `receive` tables of test/fixtures/deflate-negotiation.json record what .NET 10 did.
 *
 * Receive:
 * 1. RSV1 on the first frame of a data message marks it compressed (RFC 7692 §6); continuations inherit it.
 *    RSV1 on a continuation: close 1002 and `WebSocketException(Faulted, net_Websockets_PerMessageCompressedFlagInContinuation)`
 *    (fixture `r-rsv1-on-continuation`); RSV1 without a negotiated deflate: close 1002,
 *    `net_Websockets_PerMessageCompressedFlagWhenNotEnabled`. A message without RSV1 is read as is, even
 *    when deflate was negotiated (`r-mixed`).
 * 2. One ReceiveAsync on a compressed frame: once the bytes fed before are consumed ({@link
 *    MessageInflater.needsInput}), .NET reads the next piece of the frame's payload, at most min(buffer
 *    length, bytes left in the frame) rounded up to an ArrayPool bucket (a power of two, 16 or more) and no
 *    more than is left: {@link MessageInflater.write} it, and {@link MessageInflater.end} as soon as the
 *    final frame's payload is all written (.NET appends 00 00 ff ff then, §7.2.2). It then fills the
 *    caller's buffer with what that input gives: {@link MessageInflater.read}, and while the buffer is not
 *    full, the message not complete and `needsInput` false, {@link MessageInflater.wait} and read again.
 *    Count = the bytes read; it can be 0 with EndOfMessage false when the input gave nothing yet
 *    (`r-one-byte-frames` starts with (0, false)); output that does not fit stays for the next call
 *    (`r-small-buffer`: 4, 4, 3). A non-final frame is done when its payload is all written and
 *    `needsInput` is true; .NET then reads the next frame header.
 * 3. EndOfMessage = `messageComplete` after that. When the buffer came back full after end(), with
 *    `messageComplete` false and nothing buffered, wait() once more before answering: it fires with more
 *    output (EndOfMessage false) or the message complete (true). That is .NET's one-byte IsFinished probe,
 *    which lets an exact fit end the message (`r-exact-buffer`: (11, true), not (11, false) then (0, true)).
 *    A final frame whose bytes give nothing more returns (0, true) (`r-one-byte-frames` ends so).
 *    The `replay` function of test/protocol/permessage-deflate.test.ts follows steps 2-3 and gives every
 *    result of the recorded receive table.
 * 4. An empty compressed frame (RSV1, length 0) is fed to zlib as the tail alone: end() with no write().
 *    The message is empty (0, true), but the lone 00 00 ff ff leaves zlib inside a stored block, so the next
 *    message fails with ZLibUnsupportedCompression (`r-empty-frame-then-message`); this class does the same.
 *    .NET never sends that: its empty message is the one byte 00 (`r-empty-block-then-message` is fine).
 * 5. A zero-length buffer returns (0, false) without touching the inflater.
 * 6. Inflate failures throw `new WebSocketException(message)`: WebSocketErrorCode **Success**, no close frame
 *    sent, state Aborted (`r-invalid-data`, `r-bfinal-then-message`). The error given to wait()'s callback
 *    is an {@link InflateError} whose reason says which failure it was, and src/shared/deflate-messages.ts
 *    gives .NET's message for it: ZLibUnsupportedCompression for invalid data, net_WebSockets_DataAfterBFinal
 *    for a block with BFINAL set (anything follows it: at least the tail), ZLibErrorNotEnoughMemory,
 *    ZLibErrorInconsistentStream, or ZLibErrorUnexpected with zlib's code.
 * 7. UTF-8 validation of Text messages runs on the inflated bytes. No size limit applies in .NET.
 *
 * Send:
 * 1. Each SendAsync writes one frame; it is compressed unless `WebSocketMessageFlags.DisableCompression`
 *    (which must be the same for every fragment of a message); RSV1 is set on the first frame only
 *    (§6); control frames are never compressed. .NET has no size threshold (ws's 1024 bytes does not apply):
 *    one byte is compressed too.
 * 2. {@link MessageDeflater.compress} per frame with `fin` = EndOfMessage: a non-final fragment keeps the
 *    00 00 ff ff of its sync flush, the final one drops it (§7.2.1); an empty non-final fragment is
 *    00 00 00 ff ff and an empty final one 00, as .NET sends them (fixture `send`); with no context takeover
 *    the compressor starts afresh after each final fragment (§7.1.1).
 *
 * ## Window bits
 * RFC 7692 §7.1.2 allows 8..15. zlib has no 256-byte deflate window: since 1.2.9 it refuses 8 for raw
 * deflate, and Node turns 8 into 9 (nodejs/node#16511). zlib's 9-bit deflater never writes a distance over
 * 250 bytes, so its output still fits a 256-byte window; ws maps 8 to 9 the same way. .NET never gets
 * there: ASP.NET Core declines an offer with 8 and ClientWebSocket rejects a response with 8 as a header
 * error (see deflate-negotiation.ts). These classes accept 8 and use 9 on both sides: the deflater as Node
 * does, the inflater because a 512-byte window reads everything a 256-byte-window peer can write.
 *
 * ## Cost
 * zlib's streams work on Node's thread pool. One trip per frame: the deflater flushes with Z_SYNC_FLUSH on
 * every write, and the inflater hands a single-frame message to zlib together with its tail (ws makes
 * two or three trips: write, tail, flush). The zlib stream of a direction is made on its first message and
 * kept, reset in place between messages without context takeover (as ws does). `npm run bench:deflate`
 * compares both with ws's permessage-deflate.js.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7692
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import type { InflateRaw } from 'node:zlib';
import { STREAM_OPTIONS, TAIL, ignore, zlibWindowBits } from './zlib-options.js';

export { MessageDeflater } from './message-deflater.js';

/**
 * Inflated bytes the inflater holds before it pauses zlib. zlib then stops at one more output chunk in
 * its stream buffer, so a message holds at most about HIGH_WATER + 3 × CHUNK_SIZE of output, plus zlib's
 * window (at most 32 KiB) and state.
 */
const HIGH_WATER = 64 * 1024;

/**
 * Why inflating failed. The protocol says what happened; the message a user sees (.NET's) is attached
 * above it (src/shared/deflate-messages.ts).
 * - `invalid-data`: zlib found the data invalid (Z_DATA_ERROR)
 * - `out-of-memory`: zlib ran out of memory (Z_MEM_ERROR)
 * - `inconsistent-stream`: zlib's stream state was inconsistent (Z_STREAM_ERROR)
 * - `zlib-error`: any other zlib error ({@link InflateError.zlibCode} says which)
 * - `data-after-final-block`: a message went on after a deflate block marked final (BFINAL)
 */
export type InflateFailure = 'invalid-data' | 'out-of-memory' | 'inconsistent-stream' | 'zlib-error' | 'data-after-final-block';

/** An inflate failure: its {@link reason}, and as `cause` zlib's error when zlib reported one. */
export class InflateError extends Error {
  override name = 'InflateError';
  /** What went wrong. */
  readonly reason: InflateFailure;
  /** zlib's errno (or code when it has none), for `zlib-error`. */
  readonly zlibCode: number | string | undefined;

  constructor(reason: InflateFailure, message: string, options?: ErrorOptions & { zlibCode?: number | string }) {
    super(message, options);
    this.reason = reason;
    this.zlibCode = options?.zlibCode;
  }
}

/** zlib's error → the failure, as WebSocketInflater.Inflate's switch on the zlib error code tells them apart. */
function inflateError(err: Error & { code?: string; errno?: number }): InflateError {
  const reason: InflateFailure =
    err.code === 'Z_DATA_ERROR'
      ? 'invalid-data'
      : err.code === 'Z_MEM_ERROR'
        ? 'out-of-memory'
        : err.code === 'Z_STREAM_ERROR'
          ? 'inconsistent-stream'
          : 'zlib-error';
  return new InflateError(reason, `inflating failed: ${err.message}`, { cause: err, zlibCode: err.errno ?? err.code });
}

/**
 * Inflates the messages of one direction of a connection, one message at a time, with bounded memory:
 * zlib's output is pulled through {@link read}, and zlib is paused while enough of it waits unread, so a
 * small message that inflates to gigabytes never holds more than a few hundred KiB.
 *
 * Protocol: for each frame of a compressed message, {@link write} its payload (in any number of pieces,
 * each when {@link needsInput} is true), {@link read} what comes out, and call {@link end} once the final
 * frame's payload is all written; {@link messageComplete} then tells when the last byte was read. In
 * between, {@link wait} says when to look again. With context takeover the LZ77 window carries over to
 * the next message (RFC 7692 §7.1.1); without it every message starts afresh.
 *
 * @example
 * const inflater = new MessageInflater(15, false);
 * inflater.write(payload);
 * inflater.end();
 * const out = new Uint8Array(4096);
 * const pump = (): void => {
 *   for (let n; (n = inflater.read(out, 0, out.length)) > 0; ) use(out.subarray(0, n));
 *   if (!inflater.messageComplete) inflater.wait((err) => (err ? fail(err) : pump()));
 * };
 * pump();
 */
export class MessageInflater {
  /** The window size given to zlib. */
  readonly #windowBits: number;
  /** Whether every message starts with an empty window (the peer's `*_no_context_takeover`). */
  readonly #noContextTakeover: boolean;
  /** The raw-inflate stream: made for the first message, then kept (reset between messages without context takeover). */
  #zlib: InflateRaw | null = null;
  /** Inflated chunks not yet read, oldest first. */
  #queue: Buffer[] = [];
  /** Bytes of the oldest chunk already read. */
  #offset = 0;
  /** Inflated bytes not yet read. */
  #queued = 0;
  /** zlib's output is paused because {@link HIGH_WATER} bytes wait unread. */
  #paused = false;
  /** Bytes handed to the current zlib stream (its `bytesWritten` lags behind when BFINAL ended it). */
  #written = 0;
  /** zlib writes whose callback has not come yet (a staged write counts). */
  #pendingWrites = 0;
  /** A copy of the last write() not yet handed to zlib, with 4 spare bytes at the end for the tail. */
  #staged: Buffer | null = null;
  /** A process.nextTick to hand {@link #staged} to zlib is scheduled. */
  #forwardScheduled = false;
  /** end() was called for the current message. */
  #ending = false;
  /** zlib has taken the current message's tail. */
  #tailDone = false;
  /** The last message was read to its end and no new one was started. */
  #complete = false;
  /** The failure that ended this inflater. */
  #error: InflateError | null = null;
  /** dispose() was called. */
  #disposed = false;
  /** The callback of a pending wait(). */
  #waiter: ((err: Error | null) => void) | null = null;
  /** A process.nextTick to call {@link #waiter} is scheduled. */
  #deliverScheduled = false;

  /**
   * @param windowBits The peer's LZ77 window size: `client_max_window_bits` on the server,
   *   `server_max_window_bits` on the client (RFC 7692 §7.1.2), 8..15.
   * @param noContextTakeover The peer resets its compressor after every message (§7.1.1).
   * @throws RangeError when windowBits is not an integer from 8 to 15.
   */
  constructor(windowBits: number, noContextTakeover: boolean) {
    this.#windowBits = zlibWindowBits(windowBits);
    this.#noContextTakeover = noContextTakeover;
  }

  /**
   * Whether the inflater wants more compressed bytes: nothing inflated waits unread and zlib has consumed
   * every byte written. False after end() until the next message, after an error and after dispose().
   */
  get needsInput(): boolean {
    return (
      !this.#disposed &&
      this.#error === null &&
      !this.#ending &&
      this.#pendingWrites === 0 &&
      this.#queued === 0 &&
      (this.#zlib === null || this.#zlib.readableLength === 0)
    );
  }

  /** Inflated bytes {@link read} can return now. */
  get bufferedLength(): number {
    return this.#disposed || this.#error !== null ? 0 : this.#queued;
  }

  /**
   * Whether the current message is over: end() was called, zlib took the tail, and every inflated byte was
   * read. The inflater is then ready for the next message (its first write() clears this).
   */
  get messageComplete(): boolean {
    return this.#complete && this.#error === null && !this.#disposed;
  }

  /**
   * Feeds compressed payload bytes of the current message. The bytes are copied: the caller may reuse
   * `chunk` at once. Handed to zlib on the next tick, or at once by end().
   *
   * @throws Error when {@link needsInput} is false (output waits unread, input is pending, or end() was
   *   called); does nothing after an error or dispose().
   */
  write(chunk: Uint8Array): void {
    if (this.#disposed || this.#error !== null) return;
    if (!this.needsInput) throw new Error('MessageInflater.write: needsInput is false.');
    this.#complete = false;
    if (chunk.length === 0) return;
    const staged = Buffer.allocUnsafe(chunk.length + TAIL.length);
    staged.set(chunk);
    this.#staged = staged;
    this.#pendingWrites++;
    if (!this.#forwardScheduled) {
      this.#forwardScheduled = true;
      process.nextTick(this.#forward);
    }
  }

  /**
   * Ends the current message: its final frame's payload has all been written. Appends 00 00 ff ff
   * (RFC 7692 §7.2.2) and lets zlib flush; {@link messageComplete} follows once everything was read.
   *
   * @throws Error when end() was already called for this message; does nothing after an error or dispose().
   */
  end(): void {
    if (this.#disposed || this.#error !== null) return;
    if (this.#ending) throw new Error('MessageInflater.end: already called for this message.');
    this.#complete = false;
    this.#ending = true;
    const staged = this.#staged;
    if (staged !== null) {
      // A message in one piece: payload and tail go to zlib in one write (one trip to the thread pool).
      this.#staged = null;
      TAIL.copy(staged, staged.length - TAIL.length);
      this.#send(staged, this.#onTail);
    } else {
      this.#pendingWrites++;
      this.#send(TAIL, this.#onTail);
    }
  }

  /**
   * Copies up to `count` inflated bytes into `dest` from `offset`, synchronously.
   *
   * @returns How many bytes were copied: 0 when none are ready (see {@link wait}), after an error and after
   *   dispose().
   */
  read(dest: Uint8Array, offset: number, count: number): number {
    if (this.#disposed || this.#error !== null) return 0;
    const queue = this.#queue;
    let n = 0;
    while (n < count && queue.length > 0) {
      const head = queue[0]!;
      const copied = head.copy(dest, offset + n, this.#offset, Math.min(head.length, this.#offset + count - n));
      n += copied;
      this.#offset += copied;
      if (this.#offset === head.length) {
        queue.shift();
        this.#offset = 0;
      }
    }
    this.#queued -= n;
    if (this.#paused && this.#queued < HIGH_WATER) {
      this.#paused = false;
      this.#zlib!.resume();
    }
    if (this.#queued === 0 && this.#ending) this.#tryComplete();
    return n;
  }

  /**
   * Calls `cb` once, on a later tick, as soon as {@link read} can return bytes, {@link needsInput} or
   * {@link messageComplete} is true, or inflating failed (`cb(err)`, an {@link InflateError} whose message
   * is .NET's). Never called after dispose().
   *
   * @throws Error when a wait() is already pending.
   */
  wait(cb: (err: Error | null) => void): void {
    if (this.#disposed) return;
    if (this.#waiter !== null) throw new Error('MessageInflater.wait: a wait is already pending.');
    this.#waiter = cb;
    if (this.#ready() && !this.#deliverScheduled) {
      this.#deliverScheduled = true;
      process.nextTick(this.#deliver);
    }
  }

  /** Frees zlib and drops everything pending; no callback comes after this. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#waiter = null;
    this.#staged = null;
    this.#queue = [];
    this.#queued = 0;
    this.#closeStream();
  }

  /** The zlib stream of the current context, made when the first message of a context needs it. */
  #stream(): InflateRaw {
    let z = this.#zlib;
    if (z === null) {
      z = zlib.createInflateRaw({ ...STREAM_OPTIONS, windowBits: this.#windowBits });
      z.on('data', this.#onData);
      z.on('error', this.#onError);
      this.#zlib = z;
      this.#written = 0;
      this.#paused = false;
    }
    return z;
  }

  /** Lets the zlib stream go (a late error from it is ignored). */
  #closeStream(): void {
    const z = this.#zlib;
    if (z === null) return;
    this.#zlib = null;
    this.#paused = false;
    z.off('data', this.#onData);
    z.off('error', this.#onError);
    z.on('error', ignore);
    z.close();
  }

  #send(bytes: Buffer, cb: () => void): void {
    const z = this.#stream();
    this.#written += bytes.length;
    z.write(bytes, cb);
  }

  /** Whether a wait() would be answered now. */
  #ready(): boolean {
    return this.#error !== null || this.#queued > 0 || this.#complete || this.needsInput;
  }

  /** Answers a pending wait() when there is something to say. */
  #check(): void {
    const waiter = this.#waiter;
    if (waiter === null || !this.#ready()) return;
    this.#waiter = null;
    waiter(this.#error);
  }

  /** Ends the message once the tail went through and every inflated byte was read. */
  #tryComplete(): void {
    if (!this.#tailDone || this.#pendingWrites !== 0 || this.#queued !== 0 || this.#zlib!.readableLength !== 0) return;
    this.#ending = false;
    this.#tailDone = false;
    this.#complete = true;
    // RFC 7692 §7.1.1: the peer starts its next message with an empty window, and so do we. zlib is idle
    // here (no write in flight), so the stream is reset in place rather than remade.
    if (this.#noContextTakeover) this.#zlib!.reset();
  }

  #fail(error: InflateError): void {
    this.#error = error;
    this.#queue = [];
    this.#queued = 0;
    this.#staged = null;
    this.#closeStream();
    this.#check();
  }

  /** True when zlib left input unconsumed: a block with BFINAL ended the DEFLATE stream before it. */
  #endedEarly(): boolean {
    if (this.#zlib!.bytesWritten === this.#written) return false;
    this.#fail(new InflateError('data-after-final-block', 'inflating failed: data after the final deflate block'));
    return true;
  }

  readonly #forward = (): void => {
    this.#forwardScheduled = false;
    const staged = this.#staged;
    if (staged === null) return;
    this.#staged = null;
    this.#send(staged.subarray(0, staged.length - TAIL.length), this.#onWritten);
  };

  readonly #onData = (chunk: Buffer): void => {
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (!this.#paused && this.#queued >= HIGH_WATER) {
      this.#paused = true;
      this.#zlib!.pause();
    }
    this.#check();
  };

  // zlib drops the callbacks of pending writes when it fails: its 'error' event says what happened.
  readonly #onWritten = (): void => {
    if (this.#disposed || this.#error !== null) return;
    this.#pendingWrites--;
    if (this.#endedEarly()) return;
    this.#check();
  };

  readonly #onTail = (): void => {
    if (this.#disposed || this.#error !== null) return;
    this.#pendingWrites--;
    if (this.#endedEarly()) return;
    this.#tailDone = true;
    if (this.#queued === 0) this.#tryComplete();
    this.#check();
  };

  readonly #onError = (err: Error): void => {
    if (this.#disposed || this.#error !== null) return;
    this.#fail(inflateError(err));
  };

  readonly #deliver = (): void => {
    this.#deliverScheduled = false;
    this.#check();
  };
}
