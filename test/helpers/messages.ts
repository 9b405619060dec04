// Whole messages over the public API: reading one with ReceiveAsync, one text round trip, and the
// seed's echo loop as a server handler.
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { StatusCodes } from '../../src/Microsoft.AspNetCore.Http/StatusCodes.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import type { WebSocketReceiveResult } from '../../src/System.Net.WebSockets/WebSocketReceiveResult.js';

const None = CancellationToken.None;

/** One ReceiveAsync into a fresh buffer of `size`: the result and the bytes it filled. */
export async function receive(ws: WebSocket, size = 1024): Promise<{ r: WebSocketReceiveResult; data: Buffer }> {
  const buffer = new Uint8Array(size);
  const r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
  return { r, data: Buffer.from(buffer.subarray(0, r.Count)) };
}

/** A message read to its end: its type, its bytes, and each result's (Count, EndOfMessage). */
export interface ReceivedMessage {
  type: WebSocketMessageType;
  data: Buffer;
  pieces: Array<[number, boolean]>;
}

/** Receives until EndOfMessage, each piece into a fresh buffer of `size`. */
export async function receiveMessage(ws: WebSocket, size = 64 * 1024): Promise<ReceivedMessage> {
  const parts: Buffer[] = [];
  const pieces: Array<[number, boolean]> = [];
  for (;;) {
    const { r, data } = await receive(ws, size);
    parts.push(data);
    pieces.push([r.Count, r.EndOfMessage]);
    if (r.EndOfMessage) return { type: r.MessageType, data: Buffer.concat(parts), pieces };
  }
}

/** Sends `text` as one text message. */
export function sendText(ws: WebSocket, text: string): Promise<void> {
  return ws.SendAsync(new ArraySegment(Buffer.from(text, 'utf8')), WebSocketMessageType.Text, true, None);
}

/** One text round trip against an echoing peer: sends `text`, returns the whole message that comes back. */
export async function echo(ws: WebSocket, text: string): Promise<string> {
  await sendText(ws, text);
  return (await receiveMessage(ws)).data.toString('utf8');
}

/**
 * The seed's server loop (§5) as a handler: accept, echo each piece back with its type and
 * EndOfMessage from a 4 KiB buffer until the close, then answer the close. Not a WebSocket request: 400.
 */
export async function seedEcho(context: HttpContext): Promise<void> {
  if (!context.WebSockets.IsWebSocketRequest) {
    context.Response.StatusCode = StatusCodes.Status400BadRequest;
    return;
  }
  using webSocket = await context.WebSockets.AcceptWebSocketAsync();
  const buffer = new Uint8Array(1024 * 4);
  let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  while (!receiveResult.CloseStatus.HasValue) {
    await webSocket.SendAsync(
      new ArraySegment(buffer, 0, receiveResult.Count),
      receiveResult.MessageType,
      receiveResult.EndOfMessage,
      None,
    );
    receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), None);
  }
  await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, None);
}
