/**
 * The sending direction of permessage-deflate (RFC 7692): compresses one frame payload per call. What it
 * must do to send as .NET does is in the header of permessage-deflate.ts ("Send").
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import type { DeflateRaw } from 'node:zlib';
import { STREAM_OPTIONS, TAIL, ignore, zlibWindowBits } from './zlib-options.js';

/** A compress() call waiting for the ones before it. */
interface CompressJob {
  data: Uint8Array;
  fin: boolean;
  cb: (err: Error | null, payload: Buffer) => void;
}

/**
 * Compresses the messages of one direction of a connection, one frame payload per call, in call order.
 * With context takeover the LZ77 window carries over from message to message (RFC 7692 §7.1.1); without
 * it the zlib stream is reset after each message's final fragment. Either way one zlib stream serves the
 * connection (as in ws; .NET frees it between messages without context takeover, trading speed for
 * memory).
 *
 * @example
 * const deflater = new MessageDeflater(15, false);
 * deflater.compress(Buffer.from('hello'), true, (err, payload) => {
 *   if (err === null) writeFrame({ rsv1: true, fin: true, payload }); // 7 bytes: ca 48 cd c9 c9 07 00
 * });
 */
export class MessageDeflater {
  /** The window size given to zlib. */
  readonly #windowBits: number;
  /** Whether every message starts with an empty window (our `*_no_context_takeover`). */
  readonly #noContextTakeover: boolean;
  /** The raw-deflate stream: made for the first message, then kept (reset between messages without context takeover). */
  #zlib: DeflateRaw | null = null;
  /** Output of the current call so far. */
  #chunks: Buffer[] = [];
  /** Bytes in {@link #chunks}. */
  #length = 0;
  /** A call is being compressed. */
  #busy = false;
  /** The current call compresses an empty payload (answered without zlib). */
  #empty = false;
  /** The current call ends its message. */
  #fin = false;
  /** The current call's callback. */
  #cb: ((err: Error | null, payload: Buffer) => void) | null = null;
  /** Calls made while another was busy, in call order. */
  #queue: CompressJob[] = [];
  /** A zlib failure: every later call gets it. */
  #error: Error | null = null;
  /** dispose() was called. */
  #disposed = false;

  /**
   * @param windowBits Our LZ77 window size: `server_max_window_bits` on the server,
   *   `client_max_window_bits` on the client (RFC 7692 §7.1.2), 8..15.
   * @param noContextTakeover Reset the compressor after every message (§7.1.1).
   * @throws RangeError when windowBits is not an integer from 8 to 15.
   */
  constructor(windowBits: number, noContextTakeover: boolean) {
    this.#windowBits = zlibWindowBits(windowBits);
    this.#noContextTakeover = noContextTakeover;
  }

  /**
   * Compresses one frame's payload of a message (a sync flush: everything given so far can be inflated).
   * With `fin` the 00 00 ff ff tail is dropped (RFC 7692 §7.2.1) and, without context takeover, the next
   * message starts afresh. Empty payloads give what .NET sends: 00 00 00 ff ff, or 00 with `fin`.
   *
   * Calls are served in call order; `cb` always comes on a later tick, never after dispose(). `data` must
   * not change until then. The payload given to `cb` is the caller's to keep or modify (masking in place
   * is fine).
   */
  compress(data: Uint8Array, fin: boolean, cb: (err: Error | null, payload: Buffer) => void): void {
    if (this.#disposed) return;
    if (this.#busy) this.#queue.push({ data, fin, cb });
    else this.#start(data, fin, cb);
  }

  /** Frees zlib and drops every pending call; no callback comes after this. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#queue = [];
    this.#cb = null;
    this.#chunks = [];
    this.#closeStream();
  }

  #start(data: Uint8Array, fin: boolean, cb: (err: Error | null, payload: Buffer) => void): void {
    this.#busy = true;
    this.#fin = fin;
    this.#cb = cb;
    if (this.#error !== null || data.length === 0) {
      // zlib would write nothing for an empty sync flush right after another: the block is ours to write.
      this.#empty = true;
      process.nextTick(this.#onWritten);
      return;
    }
    this.#stream().write(data, this.#onWritten);
  }

  #stream(): DeflateRaw {
    let z = this.#zlib;
    if (z === null) {
      // Every write ends with Z_SYNC_FLUSH: one trip to the thread pool per frame, byte-aligned output.
      z = zlib.createDeflateRaw({ ...STREAM_OPTIONS, windowBits: this.#windowBits, flush: zlib.constants.Z_SYNC_FLUSH });
      z.on('data', this.#onData);
      z.on('error', this.#onError);
      this.#zlib = z;
    }
    return z;
  }

  #closeStream(): void {
    const z = this.#zlib;
    if (z === null) return;
    this.#zlib = null;
    z.off('data', this.#onData);
    z.off('error', this.#onError);
    z.on('error', ignore);
    z.close();
  }

  /** Finishes the current call and starts the next one. */
  #finish(err: Error | null, payload: Buffer): void {
    const cb = this.#cb!;
    this.#cb = null;
    this.#busy = false;
    const next = this.#queue.shift();
    if (next !== undefined) this.#start(next.data, next.fin, next.cb);
    cb(err, payload);
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  };

  readonly #onWritten = (): void => {
    if (this.#disposed || this.#cb === null) return;
    if (this.#error !== null) {
      this.#empty = false;
      this.#finish(this.#error, Buffer.alloc(0));
      return;
    }
    if (this.#empty) {
      this.#empty = false;
      // An empty final fragment ends the message too: without context takeover the next one starts afresh
      // (RFC 7692 §7.1.1), or the peer, which resets its inflater, meets distances into our old window.
      if (this.#fin && this.#noContextTakeover) this.#zlib?.reset();
      // An empty stored block (RFC 1951 §3.2.4: BFINAL 0, BTYPE 00, LEN 0000, NLEN ffff); with fin its
      // LEN/NLEN tail goes, as for any final fragment.
      this.#finish(null, this.#fin ? Buffer.from([0x00]) : Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
      return;
    }
    if (this.#zlib!.readableLength > 0) {
      // Output pushed while the stream was not flowing comes on the next tick: collect it first.
      process.nextTick(this.#onWritten);
      return;
    }
    const chunks = this.#chunks;
    let payload = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#length);
    chunks.length = 0;
    this.#length = 0;
    if (this.#fin) {
      // RFC 7692 §7.2.1: remove the 4 octets 00 00 ff ff at the tail end of the message.
      payload = payload.subarray(0, payload.length - TAIL.length);
      // Calls are served one at a time, so no write is in flight: reset the stream in place.
      if (this.#noContextTakeover) this.#zlib!.reset();
    }
    this.#finish(null, payload);
  };

  readonly #onError = (err: Error): void => {
    if (this.#disposed) return;
    this.#error = err;
    this.#chunks = [];
    this.#length = 0;
    this.#closeStream();
    // zlib drops the pending write's callback when it fails: answer it here, then every queued call.
    if (this.#cb !== null) this.#finish(err, Buffer.alloc(0));
  };
}
