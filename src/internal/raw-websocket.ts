// The seam between dotnet-ws and `ws`: a subclass of ws's WebSocket that behaves like the stream under
// .NET's ManagedWebSocket where ws would otherwise get ahead of the application.
//
// It relies on ws 8.23 internals (pinned in package.json; each one has a contract test in
// test/internal/raw-websocket.test.ts):
//   - `setSocket(socket, head, options)` wires a Receiver (`_receiver`) and a Sender (`_sender`);
//   - the Receiver has exactly one 'conclude' and one 'error' listener (ws's), emits both through `emit`,
//     and links to its WebSocket through the `kWebSocket` symbol; the socket has exactly one 'data'
//     listener (socketOnData);
//   - `_closeFrameReceived`, `_closeFrameSent`, `_closeCode`, `_closeMessage`, `_readyState`,
//     `_closeTimer`, `_closeTimeout`, `_isServer`, `_socket`;
//   - Receiver#getData runs once per frame with `_payloadLength` and `_opcode` set, and
//     Receiver#dataMessage with `_fragments` holding one buffer per received non-empty frame;
//   - Sender#send (reading the options binary, fin, mask, compress), #sendFrame, #enqueue, #dispatch,
//     `_state`, `_generateMask`, `_maskBuffer` and `Sender.frame`;
//   - Receiver#consume(n) returns the next n buffered bytes from `_buffers`, `_bufferedBytes`.
import type { Duplex } from 'node:stream';
import * as wsModule from 'ws';
import { WebSocket as WsWebSocket } from 'ws';
import type { ClientOptions, ServerOptions } from 'ws';
import type { WebSocketDeflateOptions } from '../System.Net.WebSockets/WebSocketDeflateOptions.js';

/** ws's Receiver, as far as this module touches it. */
interface WsReceiver {
  consume(n: number): Buffer;
  _fin: boolean;
  _allowSynchronousEvents: boolean;
  _opcode: number;
  _payloadLength: number;
  _compressed: boolean;
  getData(cb: unknown): void;
  getPayloadLength64(cb: unknown): void;
  _bufferedBytes: number;
  _buffers: Buffer[];
  _fragments: Buffer[];
  _writableState: { errorEmitted: boolean };
  dataMessage(cb: unknown): void;
  listeners(event: 'conclude'): Array<(code: number, reason: Buffer) => void>;
  listeners(event: 'error'): Array<(err: Error) => void>;
  removeListener(event: string, fn: (...args: never[]) => void): void;
  on(event: 'conclude', fn: (code: number, reason: Buffer) => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
}

/** ws's Sender, as far as this module touches it. */
interface WsSender {
  _state: number;
  _generateMask: unknown;
  _maskBuffer: unknown;
  _firstFragment: boolean;
  sendFrame(list: Buffer[], cb?: (err?: Error | null) => void): void;
  send(data: Uint8Array, options: object, cb?: (err?: Error | null) => void): void;
  enqueue(params: unknown[]): void;
  dispatch: (...args: unknown[]) => void;
}

/** The ws internals this module reads and writes. */
interface WsInternals {
  _receiver: WsReceiver;
  _sender: WsSender;
  _socket: Duplex & { destroy(): void };
  _readyState: number;
  _isServer: boolean;
  _closeFrameReceived: boolean;
  _closeFrameSent: boolean;
  _closeCode: number;
  _closeMessage: Buffer;
  _closeTimer: NodeJS.Timeout | undefined;
  _closeTimeout: number;
}

/** ws's Sender class: exported at run time, absent from @types/ws. */
interface SenderClass {
  prototype: { close: (...args: unknown[]) => void };
  frame(data: Buffer, options: object): Buffer[];
}
const Sender = (wsModule as unknown as { Sender: SenderClass }).Sender;

/** Sender's private `kByteLength` symbol, learnt once by letting Sender#close enqueue a frame. */
const kByteLength: symbol = (() => {
  let options: object = {};
  const probe = {
    _state: 1,
    enqueue(params: unknown[]) {
      options = params[3] as object;
    },
  };
  Sender.prototype.close.call(probe, 1000, undefined, false);
  const symbol = Object.getOwnPropertySymbols(options)[0];
  if (symbol === undefined) throw new Error('dotnet-ws: unsupported ws version (Sender kByteLength not found)');
  return symbol;
})();

const OPEN = WsWebSocket.OPEN;
/** Node's Buffer class proper: `new FastBuffer(arrayBuffer, offset, length)` is a view, as ws makes them. */
const FastBuffer = (Buffer as unknown as { [Symbol.species]: new (buffer: ArrayBufferLike, offset: number, length: number) => Buffer })[
  Symbol.species
];
const EMPTY_WRITE = Buffer.alloc(0);
const CLOSING = WsWebSocket.CLOSING;
const DEFAULT_SENDER_STATE = 0;

/** The event RawWebSocket emits for a peer's close frame it left unanswered: (code, reason). */
export const CLOSE_RECEIVED = 'dotnet-ws:close-received';

/** Key of the method through which the owner of a RawWebSocket sees its events first. */
export const kRawEvent: unique symbol = Symbol('dotnet-ws.rawEvent');

/** Key of the method through which the owner offers memory for the payload of the next message. */
export const kReceiveInto: unique symbol = Symbol('dotnet-ws.receiveInto');

/**
 * Whoever drives a RawWebSocket (ManagedWebSocket). Taking ws's events through one method, rather than
 * through half a dozen listener closures per connection, keeps an idle connection small.
 */
export interface RawEventSink {
  /** An event ws (or RawWebSocket) emits; true when handled, false to pass it on to listeners. */
  [kRawEvent](event: string | symbol, a: unknown, b: unknown): boolean;
  /**
   * A whole message of `length` bytes (one uncompressed data frame) is about to be read: where to put
   * its payload, or null to let ws keep it. Given memory, ws reads the payload into it, unmasks and
   * validates it there, and emits the 'message' at once with a Buffer over that memory, so the payload
   * is copied once, from the socket's chunks into the application's buffer.
   */
  [kReceiveInto](length: number): Uint8Array | null;
}

/** Below this, the copy ws may spare itself (a frame within one socket chunk) costs less than asking. */
const RECEIVE_INTO_MIN = 1024;

/**
 * ws's WebSocket with the close handshake left to the application, as .NET does it, and with the
 * frame boundaries of each received message remembered.
 *
 * - A peer's close frame while we are open is recorded and reported as {@link CLOSE_RECEIVED}; no reply
 *   is sent and `readyState` stays OPEN, so the application can still send (.NET's CloseReceived).
 * - `sendClose` writes a close frame with any 16-bit code (ws refuses some that .NET allows) and reports
 *   when it was handed to the socket.
 * - `frameLengths` holds, for the message being emitted, the length of each of its frames when that is
 *   not evident from what ws emits: a text message of several frames (ws joins them), or any message with
 *   an empty frame (ws drops those). Null otherwise.
 */
export class RawWebSocket extends WsWebSocket {
  /** Sees every event first once set (by ManagedWebSocket's constructor). */
  owner: RawEventSink | null = null;
  /** No extension (permessage-deflate) was negotiated: a frame is written out as soon as it is sent. */
  #plain = false;
  /** Frame lengths of the message being emitted, when needed (see above); the reader resets it. */
  frameLengths: number[] | null = null;
  /** The last receive error came from a close frame (bad code, length or reason). */
  closeFrameFault = false;
  /** The last receive error was a 64-bit frame length with its most significant bit set. */
  invalidLengthFault = false;
  /** Positions in `_fragments` of the empty frames of the message being received. */
  #emptyFrames: number[] | null = null;

  /** The 64-bit length being read has its most significant bit set (see receiverPrototype). */
  lengthTopBit = false;
  /** Where the Receiver's next `consume` of a data payload goes (see RawEventSink[kReceiveInto]). */
  consumeInto: Uint8Array | null = null;

  /** No extension (permessage-deflate) was negotiated. */
  get plain(): boolean {
    return this.#plain;
  }

  // Not in @types/ws, hence no `override`.
  setSocket(socket: Duplex, head: Buffer, options: object): void {
    // ws declares setSocket private in its types, but calls it for every accepted or client socket.
    (WsWebSocket.prototype as unknown as { setSocket: (s: Duplex, h: Buffer, o: object) => void }).setSocket.call(
      this,
      socket,
      head,
      options,
    );
    this.#plain = Object.keys((this as unknown as { _extensions: object })._extensions).length === 0;
    // The Receiver's hooks live on one prototype shared by every connection: no closures per socket.
    const receiver = (this as unknown as WsInternals)._receiver;
    Object.setPrototypeOf(receiver, receiverPrototype(receiver));
  }

  /**
   * The peer's close frame was read. RFC 6455 §5.5.1: the reply is the application's to send, so while we
   * are open the close is recorded, reading stops (as ws does) and the socket stays open; when we closed
   * first, ws finishes the handshake as usual (it ends the socket). Either way, CLOSE_RECEIVED follows.
   */
  closeFrameRead(receiver: WsReceiver, code: number, reason: Buffer): void {
    const self = this as unknown as WsInternals;
    const copy = reason.length === 0 ? Buffer.alloc(0) : Buffer.from(reason);
    if (self._readyState !== OPEN) {
      receiverEmit.call(receiver, 'conclude', code, reason);
    } else {
      self._closeFrameReceived = true;
      self._closeCode = code;
      self._closeMessage = copy;
      const socket = self._socket;
      socket.removeListener('data', wsSocketOnData!);
      process.nextTick(resumeSocket, socket);
    }
    this.emit(CLOSE_RECEIVED, code, copy);
  }

  /**
   * The Receiver failed. RFC 6455 §7.4.1 leaves the close code to us: .NET answers a close frame it
   * cannot parse (bad code, 1-byte payload, invalid UTF-8 reason) with 1002 where ws says 1007, and a
   * 64-bit length with its most significant bit set (§5.2: "MUST be 0") with 1002 where ws says 1009.
   * ws reads the code from the error it is given.
   */
  receiveFailed(receiver: WsReceiver, err: Error & { code?: string }): void {
    // Only a close frame whose payload cannot be parsed; a malformed header (not FIN, too long) is a
    // protocol error like any other.
    this.closeFrameFault =
      receiver._opcode === 0x08 &&
      (err.code === 'WS_ERR_INVALID_CLOSE_CODE' ||
        err.code === 'WS_ERR_INVALID_UTF8' ||
        (err.code === 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH' && receiver._payloadLength === 1));
    this.invalidLengthFault = err.code === 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH' && this.lengthTopBit;
    if (this.closeFrameFault || this.invalidLengthFault) {
      const kStatusCode = Object.getOwnPropertySymbols(err).find((sym) => sym.description === 'status-code');
      if (kStatusCode !== undefined) (err as unknown as Record<symbol, number>)[kStatusCode] = 1002;
    }
  }

  /** RFC 6455 §5.4: .NET reports each frame on its own, empty ones included; ws keeps neither. */
  frameRead(receiver: WsReceiver): void {
    if (receiver._payloadLength === 0 && receiver._opcode < 0x08 && !receiver._compressed) {
      (this.#emptyFrames ??= []).push(receiver._fragments.length);
    }
  }

  /** The last frame of a message was read: note its frame lengths when ws's message would hide them. */
  messageRead(receiver: WsReceiver): void {
    if (!receiver._fin) return;
    const empties = this.#emptyFrames;
    if (empties !== null) {
      this.#emptyFrames = null;
      const lengths: number[] = [];
      const fragments = receiver._fragments;
      for (let i = 0, e = 0; i <= fragments.length; i++) {
        while (empties[e] === i) {
          lengths.push(0);
          e++;
        }
        if (i < fragments.length) lengths.push(fragments[i]!.length);
      }
      this.frameLengths = lengths;
    } else if (receiver._opcode === 1 && receiver._fragments.length > 1) {
      this.frameLengths = receiver._fragments.map((f) => f.length);
    }
  }

  // ws emits at most two arguments; fixed parameters keep the hot 'message' path free of a rest array.
  override emit(event: string | symbol, a?: unknown, b?: unknown): boolean {
    const owner = this.owner;
    if (owner !== null && owner[kRawEvent](event, a, b)) return true;
    switch (arguments.length) {
      case 1:
        return super.emit(event);
      case 2:
        return super.emit(event, a);
      default:
        return super.emit(event, a, b);
    }
  }

  /**
   * Sends a data frame without a completion callback when ws would write it out at once (open, no
   * compression, nothing queued in its Sender), and says whether the socket took all of it right away.
   * Returns null when that path does not apply: use `send` with a callback instead.
   * @returns true: every byte is in the kernel; false: some wait in the socket — see `afterFlush`.
   */
  trySendNow(data: Uint8Array, options: { binary: boolean; fin: boolean; mask: boolean; compress: boolean }): boolean | null {
    const self = this as unknown as WsInternals;
    const socket = self._socket;
    // A destroyed socket drops writes without a word: the callback path reports it.
    if (!this.#plain || self._readyState !== OPEN || self._sender._state !== DEFAULT_SENDER_STATE || socket.destroyed) {
      return null;
    }
    // What ws's send() would do here, open and without extensions, less the copy of the options it makes
    // for every message: the Sender reads binary, fin, mask and compress (false: there is no extension).
    self._sender.send(data, options);
    return socket.writableLength === 0;
  }

  /** Calls `cb` once everything written to the socket so far has been handed to the kernel. */
  afterFlush(cb: (err?: Error | null) => void): void {
    // An empty write completes in order, after the writes before it.
    (this as unknown as WsInternals)._socket.write(EMPTY_WRITE, cb);
  }

  /**
   * Writes a close frame with `payload` (status code and reason, already validated) and starts ws's
   * closing state. `cb` runs once the frame was handed to the socket, with an error if it could not be.
   */
  sendClose(payload: Buffer, cb: (err: Error | null | undefined) => void): void {
    const self = this as unknown as WsInternals;
    if (self._readyState !== OPEN) {
      process.nextTick(cb, new Error(`WebSocket is not open: readyState ${self._readyState}`));
      return;
    }
    const sender = self._sender;
    const options = {
      [kByteLength]: payload.length,
      fin: true,
      generateMask: sender._generateMask,
      mask: !self._isServer,
      maskBuffer: sender._maskBuffer,
      opcode: 0x08,
      readOnly: false,
      rsv1: false,
    };
    const done = (err?: Error | null) => {
      if (!err) {
        self._closeFrameSent = true;
        if (self._closeFrameReceived || self._receiver._writableState.errorEmitted) self._socket.end();
      }
      cb(err);
    };
    if (sender._state !== DEFAULT_SENDER_STATE) {
      sender.enqueue([sender.dispatch, payload, false, options, done]);
    } else {
      sender.sendFrame(Sender.frame(payload, options), done);
    }
    self._readyState = CLOSING;
    // As ws does after its own close(): give the peer closeTimeout to answer, then drop the socket.
    clearTimeout(self._closeTimer);
    // Unlike ws's own timer, this one does not keep the process alive on its own.
    self._closeTimer = setTimeout(() => self._socket.destroy(), self._closeTimeout).unref();
  }

}

/** ws's socket 'data' listener (a function of ws's module, the same for every socket). */
let wsSocketOnData: ((chunk: Buffer) => void) | undefined;
/** ws's private `kWebSocket` symbol: the Receiver's link to its WebSocket. */
let kWebSocket: symbol | undefined;
/** Receiver.prototype's emit, which the patched prototype's emit defers to. */
let receiverEmit: (this: WsReceiver, event: string | symbol, ...args: unknown[]) => boolean;
/** The patched Receiver prototype, made on the first socket. */
let patchedReceiver: object | undefined;

function resumeSocket(socket: Duplex): void {
  socket.resume();
}

/** The RawWebSocket a patched Receiver belongs to. */
function ownerOf(receiver: WsReceiver): RawWebSocket {
  return (receiver as unknown as Record<symbol, RawWebSocket>)[kWebSocket!]!;
}

/**
 * A prototype between a Receiver and Receiver.prototype that hooks what RawWebSocket needs: the peer's
 * close frame and receive errors (through `emit`, so ws's listeners stay in place), frame lengths
 * (`getData`, `dataMessage`), the top bit of 64-bit lengths (`getPayloadLength64`) and a whole message's
 * payload read straight into the owner's buffer (`getData`, `consume`). Made once, from the first
 * socket, after checking the ws internals it relies on.
 */
function receiverPrototype(receiver: WsReceiver): object {
  if (patchedReceiver !== undefined) return patchedReceiver;
  kWebSocket = Object.getOwnPropertySymbols(receiver).find((sym) => sym.description === 'websocket');
  if (kWebSocket === undefined) throw new Error('dotnet-ws: unsupported ws version (kWebSocket not found)');
  const socket = (ownerOf(receiver) as unknown as WsInternals)._socket;
  const [onData] = socket.listeners('data') as Array<(chunk: Buffer) => void>;
  if (receiver.listeners('conclude').length !== 1 || receiver.listeners('error').length !== 1 || onData === undefined) {
    throw new Error('dotnet-ws: unsupported ws version (conclude/error/data listeners not found)');
  }
  wsSocketOnData = onData;
  const base = Object.getPrototypeOf(receiver) as WsReceiver & { emit: typeof receiverEmit };
  receiverEmit = base.emit;
  const { getData, dataMessage, getPayloadLength64, consume } = base;
  patchedReceiver = Object.create(base, {
    emit: {
      // Fixed parameters (ws emits at most two arguments) keep the hot 'message' path free of a rest array.
      value: function emit(this: WsReceiver, event: string | symbol, a?: unknown, b?: unknown): boolean {
        if (event === 'conclude') {
          ownerOf(this).closeFrameRead(this, a as number, b as Buffer);
          return true;
        }
        if (event === 'error') ownerOf(this).receiveFailed(this, a as Error);
        switch (arguments.length) {
          case 1:
            return receiverEmit.call(this, event);
          case 2:
            return receiverEmit.call(this, event, a);
          default:
            return receiverEmit.call(this, event, a, b);
        }
      },
    },
    getPayloadLength64: {
      value: function (this: WsReceiver, cb: unknown): void {
        // The 8 length bytes are at the head of the buffered input once they have all arrived.
        if (this._bufferedBytes >= 8) ownerOf(this).lengthTopBit = (this._buffers[0]![0]! & 0x80) !== 0;
        getPayloadLength64.call(this, cb);
      },
    },
    getData: {
      value: function (this: WsReceiver, cb: unknown): void {
        const raw = ownerOf(this);
        raw.frameRead(this);
        const length = this._payloadLength;
        if (
          length >= RECEIVE_INTO_MIN &&
          this._fin &&
          (this._opcode === 0x01 || this._opcode === 0x02) &&
          !this._compressed &&
          this._bufferedBytes >= length &&
          this._allowSynchronousEvents &&
          raw.owner !== null
        ) {
          // A whole message, all here, emitted before getData returns: it may go straight to the reader.
          raw.consumeInto = raw.owner[kReceiveInto](length);
          getData.call(this, cb);
          raw.consumeInto = null;
          return;
        }
        getData.call(this, cb);
      },
    },
    consume: {
      value: function (this: WsReceiver, n: number): Buffer {
        const raw = ownerOf(this);
        const target = raw.consumeInto;
        if (target === null || n !== target.length) return consume.call(this, n);
        raw.consumeInto = null;
        // ws's consume, with the destination given: the chunks' bytes go straight into `target`.
        this._bufferedBytes -= n;
        const buffers = this._buffers;
        let at = 0;
        while (at < n) {
          const chunk = buffers[0]!;
          const take = Math.min(chunk.length, n - at);
          if (take === chunk.length) {
            target.set(chunk, at);
            buffers.shift();
          } else {
            target.set(new Uint8Array(chunk.buffer, chunk.byteOffset, take), at);
            buffers[0] = new FastBuffer(chunk.buffer, chunk.byteOffset + take, chunk.length - take);
          }
          at += take;
        }
        return new FastBuffer(target.buffer, target.byteOffset, n);
      },
    },
    dataMessage: {
      value: function (this: WsReceiver, cb: unknown): void {
        ownerOf(this).messageRead(this);
        dataMessage.call(this, cb);
      },
    },
  }) as object;
  return patchedReceiver;
}

/** Defaults shared by both roles. */
export interface RawOptions {
  /**
   * Largest message accepted, in bytes; a larger one is refused with close 1009 and faults the receive.
   * @default 104857600 (100 MiB, ws's default)
   */
  maxMessageSize?: number;
  /** permessage-deflate settings; null or absent: no compression (the .NET default). */
  deflate?: WebSocketDeflateOptions | null;
}

/** Default for {@link RawOptions.maxMessageSize}. */
export const DEFAULT_MAX_MESSAGE_SIZE = 100 * 1024 * 1024;

function deflateServerOptions(deflate: WebSocketDeflateOptions | null | undefined): ServerOptions['perMessageDeflate'] {
  if (!deflate) return false;
  return {
    serverNoContextTakeover: !deflate.ServerContextTakeover,
    clientNoContextTakeover: !deflate.ClientContextTakeover,
    serverMaxWindowBits: deflate.ServerMaxWindowBits,
    clientMaxWindowBits: deflate.ClientMaxWindowBits,
    threshold: 0,
  };
}

/** Options for `new WebSocketServer({ noServer: true, ...rawServerOptions(), handleProtocols })`. */
export function rawServerOptions(o: RawOptions = {}): ServerOptions {
  return {
    WebSocket: RawWebSocket as unknown as ServerOptions['WebSocket'],
    clientTracking: false,
    perMessageDeflate: deflateServerOptions(o.deflate),
    maxPayload: o.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    // .NET has no limit on the number of fragments of a message (ws's default is 16384).
    ...({ maxFragments: 0, autoPong: true } as object),
  };
}

/** Options for `new RawWebSocket(url, undefined, { ...rawClientOptions(), headers, … })`. */
export function rawClientOptions(o: RawOptions = {}): ClientOptions {
  return {
    perMessageDeflate: o.deflate
      ? {
          serverNoContextTakeover: !o.deflate.ServerContextTakeover,
          clientNoContextTakeover: !o.deflate.ClientContextTakeover,
          serverMaxWindowBits: o.deflate.ServerMaxWindowBits,
          clientMaxWindowBits: o.deflate.ClientMaxWindowBits,
          threshold: 0,
        }
      : false,
    followRedirects: false,
    maxPayload: o.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    ...({ maxFragments: 0, autoPong: true } as object),
  };
}

/** Receiver options for `setSocket` when the socket comes from WebSocket.CreateFromStream. */
export function rawStreamOptions(o: RawOptions = {}): object {
  return {
    allowSynchronousEvents: true,
    maxPayload: o.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    maxFragments: 0,
    skipUTF8Validation: false,
  };
}
