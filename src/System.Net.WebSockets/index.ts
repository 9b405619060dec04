// The System.Net.WebSockets namespace: one explicit export per public type.

// The core (owner: the lead).
export { WebSocket } from './WebSocket.js';
export { ManagedWebSocket } from './ManagedWebSocket.js';
export type { ManagedWebSocketOptions } from './ManagedWebSocket.js';

// Value types (owner: System helper).
export { WebSocketState } from './WebSocketState.js';
export { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
export { WebSocketMessageType } from './WebSocketMessageType.js';
export { WebSocketMessageFlags } from './WebSocketMessageFlags.js';
export { WebSocketError } from './WebSocketError.js';
export { WebSocketException } from './WebSocketException.js';
export { WebSocketReceiveResult } from './WebSocketReceiveResult.js';
export { ValueWebSocketReceiveResult } from './ValueWebSocketReceiveResult.js';
export { WebSocketCreationOptions } from './WebSocketCreationOptions.js';
export { WebSocketDeflateOptions } from './WebSocketDeflateOptions.js';
export { WebSocketStream } from './WebSocketStream.js';

// Client (owner: ClientWebSocket helper).
export { ClientWebSocket } from './ClientWebSocket.js';
export { ClientWebSocketOptions } from './ClientWebSocketOptions.js';

// HttpListener's accepted WebSocket (owner: HttpListener helper).
export { HttpListenerWebSocketContext } from './HttpListenerWebSocketContext.js';
