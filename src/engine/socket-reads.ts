/**
 * Sockets whose reads land in one buffer shared by the process (Node's `onread` option of net.connect;
 * src/client/transport.ts makes them) instead of a new 64 KiB ArrayBuffer per read. A consumed socket read
 * is otherwise freed only by the next scavenge, so a receive loop reading a long message 4 KiB at a time
 * holds every read since then: ~10 MiB under Node 20's 2 MiB semi-space (bench/run.mjs `big`). Each read
 * is lent to the connection's receive pump, a view valid only during the call; the pump copies what it
 * does not receive at once into its own buffer (src/protocol/frame-reader.ts `relocate`).
 * (src/engine/README.md says what this folder owns.)
 */
import type { Duplex } from 'node:stream';

/** Takes one read's bytes (a view of the shared buffer, valid only during the call). */
export type ReadSink = (bytes: Buffer) => void;

/** Each socket that lends its reads, and the receive pump's sink once one took it over (null before). */
const sinks = new WeakMap<Duplex, ReadSink | null>();

/** The buffer every such socket reads into: reads run one at a time, each handed on before the next. */
let shared: Buffer | null = null;

/** The buffer to read into (the `onread` option's `buffer`). */
export function sharedReadBuffer(): Buffer {
  return (shared ??= Buffer.allocUnsafeSlow(64 * 1024));
}

/** Marks `stream` as reading into {@link sharedReadBuffer}, each read passed to {@link deliverRead}. */
export function lendsReads(stream: Duplex): void {
  sinks.set(stream, null);
}

/**
 * One read of a stream marked by {@link lendsReads}: to its receive pump once one took the stream over;
 * before that (Node's HTTP client reading the opening handshake's response from the stream's readable
 * side), pushed to the stream as a copy, so that it reads as from any socket.
 */
export function deliverRead(stream: Duplex, bytes: Buffer): void {
  const sink = sinks.get(stream);
  if (sink) sink(bytes);
  else stream.push(Buffer.from(bytes));
}

/**
 * Sends the reads of `stream`, if it lends them, to `sink` from now on (a later call takes them over).
 * False when the stream reads as any other: its bytes come as 'data' events.
 */
export function takeReads(stream: Duplex, sink: ReadSink): boolean {
  if (!sinks.has(stream)) return false;
  sinks.set(stream, sink);
  return true;
}
