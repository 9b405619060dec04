// WebSocket.CreateFromStream lives on the abstract class, but builds a ManagedWebSocket, which extends
// it. To keep the two modules free of an import cycle, ManagedWebSocket registers its factory here
// when it loads (every barrel loads it).
import type { Duplex } from 'node:stream';
import type { WebSocket } from '../System.Net.WebSockets/WebSocket.js';
import type { WebSocketCreationOptions } from '../System.Net.WebSockets/WebSocketCreationOptions.js';

type StreamFactory = (stream: Duplex, options: WebSocketCreationOptions) => WebSocket;

let factory: StreamFactory | null = null;

/** Called once by ManagedWebSocket's module. */
export function registerStreamFactory(f: StreamFactory): void {
  factory = f;
}

/** Builds the WebSocket for WebSocket.CreateFromStream. */
export function createFromStream(stream: Duplex, options: WebSocketCreationOptions): WebSocket {
  if (factory === null) throw new Error('dotnet-ws: ManagedWebSocket was not loaded');
  return factory(stream, options);
}
