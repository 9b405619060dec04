// The one seam between dotnet-ws and `ws`. ws does the HTTP upgrade handshakes (the server's request
// checks and 101, the client's request, response checks, TLS and agents); dotnet-ws's own frame engine
// (src/protocol/) does everything after. ws hands the upgraded socket over by calling `setSocket(socket,
// head, options)` on the WebSocket object it made: on the server, an instance of the class given as the
// `WebSocket` server option; on the client, the object the application constructed. This subclass takes
// the socket and the bytes that came with the handshake instead of building ws's Receiver and Sender.
//
// `setSocket` is the one ws member used that its documentation does not list (unchanged since ws 3);
// test/shared/ws-handoff.test.ts fails loudly if a ws release stops calling it. Everything else goes
// through ws's documented API: `handleUpgrade`, the `WebSocket`, `perMessageDeflate`, `clientTracking`
// options, and the 'headers', 'upgrade' and 'unexpected-response' events.
import type { Duplex } from 'node:stream';
import { WebSocket as WsWebSocket, WebSocketServer } from 'ws';
import type { ClientOptions } from 'ws';

/** Receives the upgraded stream and the bytes that arrived after the handshake. */
export type HandoffListener = (socket: Duplex, head: Buffer) => void;

/** The head of a carrier not handed over yet: one empty buffer for all of them. */
const NO_HEAD: Buffer = Buffer.alloc(0);

/** ws's WebSocket, stopped at the moment ws would start framing. */
export class HandoffWebSocket extends WsWebSocket {
  /** The upgraded stream, once ws handed it over (server side; the client side calls {@link onHandoff}). */
  socket: Duplex | null = null;
  /** Bytes that came after the handshake, before the stream was handed over. */
  head: Buffer = NO_HEAD;
  /** Called once the handshake is done, with the stream and the head. */
  onHandoff: HandoffListener | null = null;

  /** Called by ws once its handshake is complete. */
  setSocket(socket: Duplex, head: Buffer): void {
    this.socket = socket;
    this.head = head;
    const listener = this.onHandoff;
    this.onHandoff = null;
    listener?.(socket, head);
  }
}

/** A ws server in no-server mode that only does handshakes: each accepted upgrade yields a {@link HandoffWebSocket}. */
export function handshakeServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    WebSocket: HandoffWebSocket as unknown as typeof WsWebSocket,
    // Compression is negotiated by dotnet-ws (src/protocol/deflate-negotiation.ts).
    perMessageDeflate: false,
    // The accepted object is only a carrier; nothing should keep it.
    clientTracking: false,
  });
}

/** The ws client options that leave framing and compression to dotnet-ws. */
export const HANDSHAKE_CLIENT_OPTIONS: ClientOptions = Object.freeze({ perMessageDeflate: false });
