// Frames as a raw TCP peer reads them off the wire: every bit of the header, the masking key, the unmasked
// payload. Imports nothing of dotnet-ws, so the test peers that drive src/ (peers.ts, wire.ts) and the .NET
// oracle's TypeScript twins, which run against dist/ (test/dotnet/ts/raw.ts), read frames with one parser.
import type { Socket } from 'node:net';

/** One frame exactly as it crossed the wire (RFC 6455 §5.2), its payload unmasked. */
export interface WireFrame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  /** The masking key, or null for an unmasked frame. */
  maskKey: Buffer | null;
  payload: Buffer;
}

/** Records every frame read from a socket, in order; nothing is ever dropped. */
export class WireRecorder {
  /** Every frame seen so far, in order of arrival. */
  readonly frames: WireFrame[] = [];
  /** Set once the connection ended (FIN or RST). */
  ended = false;
  #read = 0;
  /** What arrived and is not parsed yet: `#bytes[#start, #end)` (grown by doubling, so a long frame costs no quadratic copying). */
  #bytes = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  #waiters: Array<() => void> = [];

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#append(chunk);
      this.#parse();
    });
    socket.on('close', () => {
      this.ended = true;
      this.#wake();
    });
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  #append(chunk: Buffer): void {
    const kept = this.#end - this.#start;
    if (this.#end + chunk.length > this.#bytes.length) {
      if (kept + chunk.length <= this.#bytes.length) {
        this.#bytes.copyWithin(0, this.#start, this.#end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(2 * this.#bytes.length, kept + chunk.length, 4096));
        this.#bytes.copy(grown, 0, this.#start, this.#end);
        this.#bytes = grown;
      }
      this.#start = 0;
      this.#end = kept;
    }
    chunk.copy(this.#bytes, this.#end);
    this.#end += chunk.length;
  }

  #parse(): void {
    for (;;) {
      const b = this.#bytes.subarray(this.#start, this.#end);
      if (b.length < 2) break;
      let length = b[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (b.length < 4) break;
        length = b.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (b.length < 10) break;
        length = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      const masked = (b[1]! & 0x80) !== 0;
      const maskKey = masked ? Buffer.from(b.subarray(at, at + 4)) : null;
      if (masked) at += 4;
      if (b.length < at + length) break;
      const payload = Buffer.from(b.subarray(at, at + length));
      if (maskKey) for (let i = 0; i < payload.length; i++) payload[i]! ^= maskKey[i % 4]!;
      this.frames.push({
        fin: (b[0]! & 0x80) !== 0,
        rsv1: (b[0]! & 0x40) !== 0,
        rsv2: (b[0]! & 0x20) !== 0,
        rsv3: (b[0]! & 0x10) !== 0,
        opcode: b[0]! & 0x0f,
        masked,
        maskKey,
        payload,
      });
      this.#start += at + length;
    }
    this.#wake();
  }

  /** The next frame not yet taken; null once the connection ended without one. */
  async next(): Promise<WireFrame | null> {
    while (this.#read === this.frames.length) {
      if (this.ended) return null;
      await new Promise<void>((r) => this.#waiters.push(r));
    }
    return this.frames[this.#read++]!;
  }

  /** The next `n` frames (fewer if the connection ends first). */
  async take(n: number): Promise<WireFrame[]> {
    const out: WireFrame[] = [];
    for (let i = 0; i < n; i++) {
      const f = await this.next();
      if (f === null) break;
      out.push(f);
    }
    return out;
  }

  /** The frames of the next data message (first frame to FIN), skipping nothing: control frames in between are returned too. */
  async message(): Promise<{ frames: WireFrame[]; controls: WireFrame[] }> {
    const frames: WireFrame[] = [];
    const controls: WireFrame[] = [];
    for (;;) {
      const f = await this.next();
      if (f === null) throw new Error(`connection ended inside a message after ${frames.length} frame(s)`);
      if (f.opcode >= 0x8) controls.push(f);
      else {
        frames.push(f);
        if (f.fin) return { frames, controls };
      }
    }
  }

  /** Resolves once the connection has ended. */
  async closed(): Promise<void> {
    while (!this.ended) await new Promise<void>((r) => this.#waiters.push(r));
  }
}

/** A frame as the peers that need no more see it: the three RSV bits as one number (RSV1 = 4). */
export interface Frame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Reads the frames a raw peer receives, in order, as {@link Frame}s. */
export class FrameReader {
  readonly #recorder: WireRecorder;

  /** Records `source` (a socket), or reads what a {@link WireRecorder} already records. */
  constructor(source: Socket | WireRecorder) {
    this.#recorder = source instanceof WireRecorder ? source : new WireRecorder(source);
  }

  /** Set once the connection ended (FIN or RST). */
  get ended(): boolean {
    return this.#recorder.ended;
  }

  /** The next frame; null once the connection ended without one. */
  async next(): Promise<Frame | null> {
    const f = await this.#recorder.next();
    if (f === null) return null;
    const rsv = (f.rsv1 ? 4 : 0) | (f.rsv2 ? 2 : 0) | (f.rsv3 ? 1 : 0);
    return { fin: f.fin, rsv, opcode: f.opcode, masked: f.masked, payload: f.payload };
  }
}
