/**
 * The receiving half of RFC 6455, sans I/O: bytes go in through {@link FrameReader.push}, and each
 * {@link FrameReader.step} either fills the caller's buffer with payload or reports a control frame, the
 * peer's close, a protocol fault, or that it needs more bytes.
 *
 * It follows .NET's ManagedWebSocket receive path (ReceiveAsyncPrivate and
 * TryParseMessageHeaderFromReceiveBuffer): a result never spans two frames, a frame longer than the buffer
 * comes in parts, empty frames give results of their own, and each result waits for
 * min(buffer, rest of the frame) bytes.
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.WebSockets/src/System/Net/WebSockets/ManagedWebSocket.cs
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */
import { SHORT_COPY, applyMask, maskKey, unmaskShort } from './masking.js';
import type { MessageInflater } from './permessage-deflate.js';
import { Utf8Validator } from './utf8.js';

/** What a {@link FrameReader.step} produced. */
export const enum ReceiveStatus {
  /** More bytes must be pushed before anything else can happen. */
  NeedMore,
  /** Payload was written to the buffer: see `count`, `messageType`, `endOfMessage`. */
  Data,
  /** A ping arrived (`payload`): the caller answers with a pong, then steps again. */
  Ping,
  /** A pong arrived (`payload`). */
  Pong,
  /** The peer's close frame arrived: `closeCode` (1005 when it had no payload) and `closeReason`. */
  Close,
  /** The peer broke the protocol: `fault`, `faultOpcode`, `closeCode` to answer with. */
  Fault,
  /** Decompression is under way: step again once {@link FrameReader.wait} calls back. */
  Wait,
}

/** Data message types, numbered as .NET's WebSocketMessageType. */
export const enum MessageKind {
  Text = 0,
  Binary = 1,
}

/** The protocol faults .NET tells apart, each with its own message. */
export const enum ProtocolFault {
  ReservedBits,
  CompressedWhenNotEnabled,
  CompressedInContinuation,
  UnknownOpcode,
  InvalidControlFrame,
  MaskedFrameFromServer,
  UnmaskedFrameFromClient,
  InvalidPayloadLength,
  ContinuationFromFinal,
  NonContinuationAfterNonFinal,
  InvalidUtf8,
  /** A close frame with a 1-byte payload, a code not allowed on the wire, or a reason that is not UTF-8. */
  InvalidCloseFrame,
  /** A frame longer than 2^53 − 1 bytes, which a JavaScript number cannot count. */
  FrameTooLong,
  /** Compressed data that does not inflate. */
  InvalidCompressedData,
}

/** Close codes (RFC 6455 §7.4.1) the frames carry when we fail the connection. */
export const CloseCode = {
  NormalClosure: 1000,
  ProtocolError: 1002,
  NoStatus: 1005,
  InvalidPayloadData: 1007,
  MessageTooBig: 1009,
} as const;

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;
/** RFC 6455 §5.5: control frames carry at most 125 bytes. */
const MAX_CONTROL_PAYLOAD = 125;
const EMPTY = Buffer.alloc(0);

/**
 * A close code a peer may send (RFC 6455 §7.4, as .NET checks it): 1000–1003, 1007–1014 and 3000–4999.
 */
export function isValidReceivedCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

// The bits of FrameReader's flags (see its `#flags`).
/** Server role: frames must be masked (and a client's must not be). */
const IS_SERVER = 1 << 0;
/** A data frame's header has been read and its payload is not all consumed. */
const IN_FRAME = 1 << 1;
/** The current frame has FIN set. */
const FIN = 1 << 2;
/** The current frame is masked. */
const MASKED = 1 << 3;
/** A message is open: its last frame so far had FIN clear. */
const MESSAGE_OPEN = 1 << 4;
/** The open message is compressed (RSV1 on its first frame). */
const MESSAGE_COMPRESSED = 1 << 5;
/** The final compressed frame was all handed to the inflater. */
const INFLATE_ENDED = 1 << 6;
/** A receive of a compressed message has fed or found input and is reading what comes out. */
const INFLATE_READING = 1 << 7;
/** It waited once more after filling the buffer, to learn whether the message ended there. */
const INFLATE_PROBED = 1 << 8;

export class FrameReader {
  /** Received chunks not yet consumed, from index #first; #offset bytes of the first are consumed. */
  #chunks: Buffer[] = [];
  #first = 0;
  #offset = 0;
  /** Bytes in #chunks not yet consumed. */
  #buffered = 0;

  /** permessage-deflate's inflater, when the extension was negotiated. */
  readonly #inflater: MessageInflater | null;

  /** The reader's booleans, one bit each (the constants above the class): one field rather than one per boolean. */
  #flags = 0;
  /** The frame's masking key, big-endian in one number (no typed array per connection). */
  #mask = 0;
  /** Payload bytes of the current frame consumed so far (the mask's position). */
  #position = 0;
  /** Payload bytes of the current frame not yet consumed. */
  #remaining = 0;

  #messageKind: MessageKind = MessageKind.Binary;
  /** Text messages' UTF-8 check, made with the first text message (see {@link #utf8}). */
  #utf8Validator: Utf8Validator | null = null;

  /** The last {@link #copyPayload} copied ASCII only (so a text message's UTF-8 check may skip it). */
  #copiedAscii = false;

  /** Bytes this receive must fill (-1: no receive in progress) and how many it has. */
  #target = -1;
  #filled = 0;

  // ----- the outcome of the last step -----
  /** Data: bytes written to the buffer. */
  count = 0;
  /** Data: the message's type. */
  messageKind: MessageKind = MessageKind.Binary;
  /** Data: this result ends the message. */
  endOfMessage = false;
  /** Ping, Pong: the payload (a copy, unmasked). Close: the reason bytes. */
  payload: Buffer = EMPTY;
  /** Close: the peer's code (1005 for none). Fault: the code to close with. */
  closeCode = 0;
  /** Fault: which rule was broken. */
  fault: ProtocolFault = ProtocolFault.ReservedBits;
  /** Fault UnknownOpcode: the opcode. */
  faultOpcode = 0;

  constructor(isServer: boolean, inflater: MessageInflater | null) {
    if (isServer) this.#flags = IS_SERVER;
    this.#inflater = inflater;
  }

  /** The UTF-8 check of text messages: a connection that receives none does not keep one. */
  #utf8(): Utf8Validator {
    return (this.#utf8Validator ??= new Utf8Validator());
  }

  /** Bytes received and not yet consumed. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Adds received bytes. The reader keeps the chunk, and may unmask compressed payload in place. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /**
   * Copies the bytes not yet consumed into `store` (made when null or too small: one socket read, then twice
   * the last) and reads on from there, so that the chunks pushed so far may be reused. Returns the store.
   */
  relocate(store: Buffer | null): Buffer | null {
    const n = this.#buffered;
    let into = store;
    if (into === null || into.length < n) {
      // A few bytes (a small message, a split header) take a slice of Node's buffer pool instead.
      into = n < 4096 ? Buffer.allocUnsafe(n) : (store = Buffer.allocUnsafeSlow(Math.max(n, 2 * (store?.length ?? 32 * 1024))));
    }
    const chunks = this.#chunks;
    for (let i = this.#first, done = 0; i < chunks.length; i++) {
      // A view of `into` itself (what the last relocate left) moves down: Buffer#copy handles overlap.
      done += chunks[i]!.copy(into, done, i === this.#first ? this.#offset : 0);
    }
    while (chunks.length > 0) chunks.pop();
    if (n > 0) chunks.push(into.subarray(0, n));
    this.#first = 0;
    this.#offset = 0;
    return store;
  }

  /** Drops everything buffered (after a fault nothing more is read). */
  clear(): void {
    this.#chunks = [];
    this.#first = 0;
    this.#offset = 0;
    this.#buffered = 0;
  }

  /** After {@link ReceiveStatus.Wait}: calls back once stepping again can make progress. */
  wait(cb: (err: Error | null) => void): void {
    this.#inflater!.wait(cb);
  }

  /**
   * Advances as far as the buffered bytes allow for a receive into `buffer[offset, offset + count)`.
   * Call it again with the same buffer after NeedMore (once more bytes were pushed) or Wait. A null buffer
   * reads into nothing: data is consumed and dropped (CloseAsync waiting for the peer's close).
   */
  step(buffer: Uint8Array | null, offset: number, count: number): ReceiveStatus {
    for (;;) {
      if ((this.#flags & MESSAGE_COMPRESSED) !== 0) {
        // A compressed message reads its own frame headers (see #inflate).
        const status = this.#inflate(buffer, offset, count);
        if (status === -1) continue;
        return status;
      }
      if ((this.#flags & IN_FRAME) === 0) {
        const status = this.#readHeader();
        if (status !== ReceiveStatus.Data) return status;
        if ((this.#flags & MESSAGE_COMPRESSED) !== 0) continue;
        // .NET returns at once for an empty frame or an empty buffer: (0, type, FIN && frame done).
        if (this.#remaining === 0 || count === 0) return this.#data(0);
      }
      if (count === 0) return this.#data(0);
      if (this.#target < 0) {
        this.#target = Math.min(count, this.#remaining);
        this.#filled = 0;
      }
      const want = this.#target - this.#filled;
      const n = this.#copyPayload(buffer, offset + this.#filled, Math.min(want, this.#buffered));
      if (n > 0 && this.#messageKind === MessageKind.Text && buffer !== null) {
        // ASCII after a complete sequence (or none) is valid as it stands: the check has nothing to carry.
        const validator = this.#utf8Validator;
        const ascii = this.#copiedAscii && (validator === null || validator.complete);
        if (!ascii && !this.#utf8().write(buffer, offset + this.#filled, offset + this.#filled + n)) {
          return this.#fail(ProtocolFault.InvalidUtf8, CloseCode.InvalidPayloadData);
        }
      }
      this.#filled += n;
      if (this.#filled < this.#target) return ReceiveStatus.NeedMore;
      const filled = this.#filled;
      this.#target = -1;
      return this.#data(filled);
    }
  }

  /** A data result of `count` bytes; ends the frame, and the message, where they end. */
  #data(count: number): ReceiveStatus {
    const frameDone = this.#remaining === 0;
    if (frameDone) this.#flags &= ~IN_FRAME;
    return this.#result(count, frameDone && (this.#flags & FIN) !== 0);
  }

  /** Reports `count` bytes; at the end of a message, a text message must have been whole UTF-8. */
  #result(count: number, endOfMessage: boolean): ReceiveStatus {
    if (endOfMessage) {
      this.#flags &= ~MESSAGE_OPEN;
      if (this.#messageKind === MessageKind.Text && !this.#utf8().finish()) {
        return this.#fail(ProtocolFault.InvalidUtf8, CloseCode.InvalidPayloadData);
      }
    }
    this.count = count;
    this.messageKind = this.#messageKind;
    this.endOfMessage = endOfMessage;
    return ReceiveStatus.Data;
  }

  /**
   * One step of a compressed message, as .NET's receive does it (see permessage-deflate.ts): a receive
   * takes what earlier input left inflated, or reads min(buffer, rest of the frame) compressed bytes,
   * inflates them into the buffer and returns what came out, possibly nothing. Once the final frame's
   * payload is in, the message's tail goes too, and EndOfMessage comes with its last inflated byte.
   * Returns -1 to keep going.
   */
  #inflate(buffer: Uint8Array | null, offset: number, count: number): ReceiveStatus | -1 {
    const inflater = this.#inflater!;
    if (buffer === null) {
      buffer = discard;
      offset = 0;
      count = discard.length;
    }
    if (count === 0) return this.#inflated(0, false);
    if ((this.#flags & INFLATE_READING) === 0) {
      // Output that an earlier receive left first.
      const n = inflater.read(buffer, offset, count);
      if (n > 0 || ((this.#flags & INFLATE_ENDED) !== 0 && inflater.messageComplete) || !inflater.needsInput) {
        this.#flags |= INFLATE_READING;
        this.#filled = 0;
        return this.#inflateRead(buffer, offset, count, n);
      }
      if ((this.#flags & INFLATE_ENDED) !== 0) {
        this.#flags |= INFLATE_READING;
        this.#filled = 0;
        return ReceiveStatus.Wait;
      }
      if ((this.#flags & IN_FRAME) === 0) {
        const status = this.#readHeader();
        return status === ReceiveStatus.Data ? -1 : status;
      }
      if (this.#remaining === 0) {
        // An empty frame: a final one ends the message (its tail alone), a non-final one is a result.
        this.#flags &= ~IN_FRAME;
        if ((this.#flags & FIN) === 0) return this.#inflated(0, false);
        this.#flags |= INFLATE_ENDED;
        inflater.end();
        this.#flags |= INFLATE_READING;
        this.#filled = 0;
        return ReceiveStatus.Wait;
      }
      const want = Math.min(count, this.#remaining);
      if (this.#buffered < want) return ReceiveStatus.NeedMore;
      this.#feedInflater(want);
      if (this.#remaining === 0) {
        this.#flags &= ~IN_FRAME;
        if ((this.#flags & FIN) !== 0) {
          this.#flags |= INFLATE_ENDED;
          inflater.end();
        }
      }
      this.#flags |= INFLATE_READING;
      this.#filled = 0;
      return ReceiveStatus.Wait;
    }
    return this.#inflateRead(buffer, offset, count, inflater.read(buffer, offset + this.#filled, count - this.#filled));
  }

  /** After `n` more inflated bytes landed in the buffer: a result, or a wait for more. */
  #inflateRead(buffer: Uint8Array, offset: number, count: number, n: number): ReceiveStatus {
    const inflater = this.#inflater!;
    this.#filled += n;
    if (n > 0 && this.#messageKind === MessageKind.Text && !this.#utf8().write(buffer, offset + this.#filled - n, offset + this.#filled)) {
      return this.#fail(ProtocolFault.InvalidUtf8, CloseCode.InvalidPayloadData);
    }
    if ((this.#flags & INFLATE_ENDED) !== 0 && inflater.messageComplete) return this.#inflated(this.#filled, true);
    if (this.#filled === count) {
      // A full buffer after the tail: whether this was the last byte is known once zlib has flushed.
      if ((this.#flags & INFLATE_ENDED) !== 0 && (this.#flags & INFLATE_PROBED) === 0) {
        this.#flags |= INFLATE_PROBED;
        return ReceiveStatus.Wait;
      }
      return this.#inflated(this.#filled, false);
    }
    if (inflater.needsInput) return this.#inflated(this.#filled, false);
    return ReceiveStatus.Wait;
  }

  /** A result of a compressed message. */
  #inflated(count: number, endOfMessage: boolean): ReceiveStatus {
    this.#flags &= ~INFLATE_READING;
    this.#flags &= ~INFLATE_PROBED;
    this.#filled = 0;
    if (endOfMessage) {
      this.#flags &= ~MESSAGE_COMPRESSED;
      this.#flags &= ~INFLATE_ENDED;
    }
    return this.#result(count, endOfMessage);
  }

  /** Hands the next `n` payload bytes (all buffered) to the inflater, unmasked, in one write. */
  #feedInflater(n: number): void {
    const chunk = this.#chunks[this.#first]!;
    let bytes: Buffer;
    if (chunk.length - this.#offset >= n) {
      bytes = chunk.subarray(this.#offset, this.#offset + n);
      this.#advance(n);
    } else {
      bytes = this.#take(n);
    }
    if ((this.#flags & MASKED) !== 0) applyMask(bytes, 0, n, maskKey(this.#mask), this.#position, bytes, 0);
    this.#position += n;
    this.#remaining -= n;
    this.#inflater!.write(bytes);
  }

  /** Copies (unmasking) up to `n` payload bytes into `buffer` at `at`; returns how many (and sets #copiedAscii). */
  #copyPayload(buffer: Uint8Array | null, at: number, n: number): number {
    let done = 0;
    // OR of the bytes a short copy's loop wrote (0x80: unknown, for the longer copies done natively).
    let seen = 0;
    while (done < n) {
      const chunk = this.#chunks[this.#first]!;
      const take = Math.min(n - done, chunk.length - this.#offset);
      if (buffer !== null) {
        if (take >= SHORT_COPY) {
          seen = 0x80;
          if ((this.#flags & MASKED) !== 0)
            applyMask(chunk, this.#offset, this.#offset + take, maskKey(this.#mask), this.#position, buffer, at + done);
          else chunk.copy(buffer, at + done, this.#offset, this.#offset + take);
        } else
          seen |= unmaskShort(chunk, this.#offset, take, (this.#flags & MASKED) !== 0 ? this.#mask : 0, this.#position, buffer, at + done);
      }
      this.#position += take;
      this.#advance(take);
      done += take;
    }
    this.#remaining -= done;
    this.#copiedAscii = seen < 0x80;
    return done;
  }

  /** Consumes `n` bytes of the first chunk. */
  #advance(n: number): void {
    this.#buffered -= n;
    this.#offset += n;
    if (this.#offset === this.#chunks[this.#first]!.length) {
      this.#chunks[this.#first] = EMPTY;
      this.#first++;
      this.#offset = 0;
      if (this.#first === this.#chunks.length) {
        // Emptied by pops (usually one): `length = 0` is a runtime call that also drops the backing store,
        // which the next push then allocates again, on every message.
        const chunks = this.#chunks;
        while (chunks.length > 0) chunks.pop();
        this.#first = 0;
      } else if (this.#first >= 64) {
        this.#chunks = this.#chunks.slice(this.#first);
        this.#first = 0;
      }
    }
  }

  /** The byte `i` positions past the next unconsumed one (which must be buffered). */
  #peek(i: number): number {
    const first = this.#chunks[this.#first]!;
    if (this.#offset + i < first.length) return first[this.#offset + i]!;
    let index = this.#first;
    let at = this.#offset + i;
    for (;;) {
      const chunk = this.#chunks[index]!;
      if (at < chunk.length) return chunk[at]!;
      at -= chunk.length;
      index++;
    }
  }

  /** Copies the next `n` buffered bytes out and consumes them. */
  #take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const chunk = this.#chunks[this.#first]!;
      const take = Math.min(n - done, chunk.length - this.#offset);
      chunk.copy(out, done, this.#offset, this.#offset + take);
      this.#advance(take);
      done += take;
    }
    return out;
  }

  #fail(fault: ProtocolFault, closeCode: number, opcode = 0): ReceiveStatus {
    this.fault = fault;
    this.faultOpcode = opcode;
    this.closeCode = closeCode;
    this.#flags &= ~IN_FRAME;
    this.#target = -1;
    this.clear();
    return ReceiveStatus.Fault;
  }

  /**
   * Reads the next frame's header once it is all buffered (with a control frame, its payload too).
   * Data means a data frame is open for reading; anything else is that step's outcome.
   */
  #readHeader(): ReceiveStatus {
    if (this.#buffered < 2) return ReceiveStatus.NeedMore;
    const b0 = this.#peek(0);
    const b1 = this.#peek(1);
    const masked = (b1 & 0x80) !== 0;
    let length = b1 & 0x7f;
    const headerLength = 2 + (length === 126 ? 2 : length === 127 ? 8 : 0) + (masked ? 4 : 0);
    if (this.#buffered < headerLength) return ReceiveStatus.NeedMore;

    const fin = (b0 & 0x80) !== 0;
    const compressed = (b0 & 0x40) !== 0;
    const opcode = b0 & 0x0f;
    // §5.2: RSV2 and RSV3 must be 0; RSV1 only with a negotiated extension (RFC 7692 §6).
    if ((b0 & 0x30) !== 0) return this.#fail(ProtocolFault.ReservedBits, CloseCode.ProtocolError);
    if (compressed && this.#inflater === null) {
      return this.#fail(ProtocolFault.CompressedWhenNotEnabled, CloseCode.ProtocolError);
    }
    // §5.1: a client masks every frame, a server none.
    if (masked && (this.#flags & IS_SERVER) === 0) return this.#fail(ProtocolFault.MaskedFrameFromServer, CloseCode.ProtocolError);
    if (!masked && (this.#flags & IS_SERVER) !== 0) return this.#fail(ProtocolFault.UnmaskedFrameFromClient, CloseCode.ProtocolError);
    if (length === 126) {
      length = (this.#peek(2) << 8) | this.#peek(3);
    } else if (length === 127) {
      const high = this.#peek(2);
      // §5.2: the most significant bit of a 64-bit length must be 0.
      if ((high & 0x80) !== 0) return this.#fail(ProtocolFault.InvalidPayloadLength, CloseCode.ProtocolError);
      let hi = 0;
      for (let i = 2; i < 6; i++) hi = hi * 256 + this.#peek(i);
      let lo = 0;
      for (let i = 6; i < 10; i++) lo = lo * 256 + this.#peek(i);
      if (hi >= 0x200000) return this.#fail(ProtocolFault.FrameTooLong, CloseCode.MessageTooBig);
      length = hi * 0x100000000 + lo;
    }

    switch (opcode) {
      case OP_CONTINUATION:
        if ((this.#flags & MESSAGE_OPEN) === 0) return this.#fail(ProtocolFault.ContinuationFromFinal, CloseCode.ProtocolError);
        // RFC 7692 §6.1: RSV1 is set on the first frame of a compressed message only.
        if (compressed) return this.#fail(ProtocolFault.CompressedInContinuation, CloseCode.ProtocolError);
        break;
      case OP_TEXT:
      case OP_BINARY:
        if ((this.#flags & MESSAGE_OPEN) !== 0) return this.#fail(ProtocolFault.NonContinuationAfterNonFinal, CloseCode.ProtocolError);
        break;
      case OP_CLOSE:
      case OP_PING:
      case OP_PONG:
        // §5.5: control frames are not fragmented, carry at most 125 bytes, and are never compressed.
        if (length > MAX_CONTROL_PAYLOAD || !fin) return this.#fail(ProtocolFault.InvalidControlFrame, CloseCode.ProtocolError);
        if (compressed) return this.#fail(ProtocolFault.ReservedBits, CloseCode.ProtocolError);
        return this.#readControlFrame(opcode, headerLength, length, masked);
      default:
        return this.#fail(ProtocolFault.UnknownOpcode, CloseCode.ProtocolError, opcode);
    }

    if (masked) this.#mask = this.#readMask(headerLength - 4);
    this.#skip(headerLength);
    // The frame's flags, in one write: open, FIN, masked; a new message's compression; open message.
    let flags = (this.#flags & ~(FIN | MASKED | MESSAGE_OPEN)) | IN_FRAME;
    if (fin) flags |= FIN;
    else flags |= MESSAGE_OPEN;
    if (masked) flags |= MASKED;
    this.#position = 0;
    this.#remaining = length;
    if (opcode !== OP_CONTINUATION) {
      this.#messageKind = opcode === OP_TEXT ? MessageKind.Text : MessageKind.Binary;
      flags &= ~(MESSAGE_COMPRESSED | INFLATE_ENDED);
      if (compressed) flags |= MESSAGE_COMPRESSED;
    }
    // A compressed message stays open until the inflater has produced all of it.
    if ((flags & MESSAGE_COMPRESSED) !== 0) flags |= MESSAGE_OPEN;
    this.#flags = flags;
    return ReceiveStatus.Data;
  }

  /** The 4-byte masking key at `at` bytes ahead, as one number. */
  #readMask(at: number): number {
    return ((this.#peek(at) << 24) | (this.#peek(at + 1) << 16) | (this.#peek(at + 2) << 8) | this.#peek(at + 3)) >>> 0;
  }

  /** Skips `n` buffered bytes. */
  #skip(n: number): void {
    while (n > 0) {
      const take = Math.min(n, this.#chunks[this.#first]!.length - this.#offset);
      this.#advance(take);
      n -= take;
    }
  }

  #readControlFrame(opcode: number, headerLength: number, length: number, masked: boolean): ReceiveStatus {
    if (this.#buffered < headerLength + length) return ReceiveStatus.NeedMore;
    const mask = masked ? this.#readMask(headerLength - 4) : 0;
    this.#skip(headerLength);
    const payload = length === 0 ? EMPTY : this.#take(length);
    if (masked && length > 0) applyMask(payload, 0, length, maskKey(mask), 0, payload, 0);
    if (opcode === OP_PING) {
      this.payload = payload;
      return ReceiveStatus.Ping;
    }
    if (opcode === OP_PONG) {
      this.payload = payload;
      return ReceiveStatus.Pong;
    }
    // §5.5.1: an empty close frame, or a code and an optional UTF-8 reason.
    if (length === 0) {
      this.closeCode = CloseCode.NoStatus;
      this.payload = EMPTY;
      return ReceiveStatus.Close;
    }
    const code = length >= 2 ? (payload[0]! << 8) | payload[1]! : 0;
    const reason = payload.subarray(2);
    if (length === 1 || !isValidReceivedCloseCode(code)) {
      return this.#fail(ProtocolFault.InvalidCloseFrame, CloseCode.ProtocolError);
    }
    const utf8 = new Utf8Validator();
    if (!utf8.write(reason, 0, reason.length) || !utf8.finish()) {
      return this.#fail(ProtocolFault.InvalidCloseFrame, CloseCode.ProtocolError);
    }
    this.closeCode = code;
    this.payload = reason;
    return ReceiveStatus.Close;
  }
}

/** Where inflated data goes when the caller reads into nothing. */
const discard = Buffer.allocUnsafe(4096);
