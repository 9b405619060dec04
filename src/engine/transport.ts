/**
 * Ending a WebSocket's stream once the close handshake is done or the connection failed.
 * (src/engine/README.md says what this folder owns.)
 */
import type { Duplex } from 'node:stream';

/** How long a client waits, after the close handshake, for the server to close the TCP connection (.NET: 1 s). */
const CLIENT_CLOSE_WAIT_MS = 1000;

/** Ends a stream's writable side, then closes it once that is flushed. */
export function endStream(stream: Duplex): void {
  if (stream.destroyed) return;
  if (stream.writableFinished) {
    stream.destroy();
    return;
  }
  stream.once('finish', () => stream.destroy());
  stream.end();
}

/**
 * A client's end of the connection after the close handshake (RFC 6455 §7.1.1): the server closes the
 * TCP connection first; after a second without that, the client closes it itself.
 */
export function awaitServerClose(stream: Duplex): Promise<void> {
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
