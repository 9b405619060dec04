// Helpers both roles use, ported line for line from ../Peer.cs: receiving and sending with one
// transcript line per call.
import {
  ArraySegment,
  CancellationToken,
  Encoding,
  WebSocketCloseStatus,
  WebSocketMessageFlags,
  WebSocketMessageType,
} from './dotnet-ws.js';
import type { WebSocket, WebSocketReceiveResult } from './dotnet-ws.js';
import type { Transcript } from './transcript.js';

export const None = CancellationToken.None;

export async function Receive(
  t: Transcript,
  step: string,
  ws: WebSocket,
  size: number,
  token: CancellationToken = None,
): Promise<WebSocketReceiveResult | null> {
  const buffer = new Uint8Array(size);
  let task: Promise<WebSocketReceiveResult>;
  try {
    task = ws.ReceiveAsync(new ArraySegment(buffer), token);
  } catch (e) {
    t.Error(step, 'throws', e);
    return null;
  }
  try {
    const r = await task;
    t.Result(step, r, buffer, 0);
    return r;
  } catch (e) {
    t.Error(step, 'faults', e);
    return null;
  }
}

/** Awaits a receive started earlier (its buffer given) and logs its result. */
export async function Await(
  t: Transcript,
  step: string,
  task: Promise<WebSocketReceiveResult>,
  buffer: Uint8Array,
): Promise<WebSocketReceiveResult | null> {
  try {
    const r = await task;
    t.Result(step, r, buffer, 0);
    return r;
  } catch (e) {
    t.Error(step, 'faults', e);
    return null;
  }
}

/** The Memory<byte> overload (a Uint8Array): a ValueWebSocketReceiveResult. */
export async function ReceiveMemory(t: Transcript, step: string, ws: WebSocket, size: number): Promise<void> {
  const buffer = new Uint8Array(size);
  try {
    const r = await ws.ReceiveAsync(buffer, None);
    t.ValueResult(step, r, buffer);
  } catch (e) {
    t.Error(step, 'faults', e);
  }
}

/** Receives one whole message in pieces of `size`, one line per piece; null on a close or an error. */
export async function ReceiveMessage(t: Transcript, step: string, ws: WebSocket, size: number): Promise<Uint8Array | null> {
  const all: Uint8Array[] = [];
  for (let i = 1; ; i++) {
    const buffer = new Uint8Array(size);
    let r: WebSocketReceiveResult;
    try {
      r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    } catch (e) {
      t.Error(`${step}-${i}`, 'faults', e);
      return null;
    }
    t.Result(`${step}-${i}`, r, buffer, 0);
    if (r.MessageType === WebSocketMessageType.Close) return null;
    all.push(buffer.subarray(0, r.Count));
    if (r.EndOfMessage) return Buffer.concat(all);
  }
}

export function SendText(t: Transcript, step: string, ws: WebSocket, text: string, endOfMessage = true): Promise<boolean> {
  const bytes = Encoding.UTF8.GetBytes(text);
  return t.Try(step, () => ws.SendAsync(new ArraySegment(bytes), WebSocketMessageType.Text, endOfMessage, None));
}

export function SendBinary(t: Transcript, step: string, ws: WebSocket, bytes: Uint8Array, endOfMessage = true): Promise<boolean> {
  return t.Try(step, () => ws.SendAsync(new ArraySegment(bytes), WebSocketMessageType.Binary, endOfMessage, None));
}

export function Pattern(length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = i % 251;
  return b;
}

/** Receives until the peer's close (answered with CloseAsync) or an error, one line per result. */
export async function ReceiveLoop(t: Transcript, ws: WebSocket): Promise<void> {
  for (let i = 1; ; i++) {
    const r = await Receive(t, `receive-${i}`, ws, 100000);
    if (r == null) break;
    if (r.MessageType === WebSocketMessageType.Close) {
      await t.Try('close', () => ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, None));
      break;
    }
  }
  t.Status('final', ws);
}

/** Echoes every piece received until the peer's close, then answers it with CloseAsync. */
export async function Echo(t: Transcript, ws: WebSocket): Promise<void> {
  for (let i = 1; ; i++) {
    const buffer = new Uint8Array(4096);
    let r: WebSocketReceiveResult;
    try {
      r = await ws.ReceiveAsync(new ArraySegment(buffer), None);
    } catch (e) {
      t.Error(`receive-${i}`, 'faults', e);
      break;
    }
    t.Result(`receive-${i}`, r, buffer, 0);
    if (r.CloseStatus.HasValue) {
      await t.Try('close', () => ws.CloseAsync(r.CloseStatus.Value, r.CloseStatusDescription, None));
      break;
    }
    await t.Try(`send-${i}`, () => ws.SendAsync(new ArraySegment(buffer, 0, r.Count), r.MessageType, r.EndOfMessage, None));
  }
  t.Status('after-echo', ws);
}

/** After the connection is gone: every operation, each with its own line, then Dispose. */
export async function EveryOperation(t: Transcript, prefix: string, ws: WebSocket): Promise<void> {
  await SendText(t, `${prefix}send`, ws, 'x');
  await Receive(t, `${prefix}receive`, ws, 16);
  await t.Try(`${prefix}close-output`, () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, None));
  await t.Try(`${prefix}close`, () => ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, None));
  t.Status(`${prefix}before-dispose`, ws);
  ws.Dispose();
  t.Status(`${prefix}after-dispose`, ws);
}

/** The argument checks of CloseAsync/CloseOutputAsync/SendAsync, none of which may change the state. */
export async function ArgumentChecks(t: Transcript, ws: WebSocket): Promise<void> {
  for (const code of [0, 999, 1006, 1015]) {
    await t.Try(`close-${code}`, () => ws.CloseAsync(code as WebSocketCloseStatus, null, None));
    await t.Try(`close-output-${code}`, () => ws.CloseOutputAsync(code as WebSocketCloseStatus, null, None));
  }
  await t.Try('close-empty-with-description', () => ws.CloseAsync(WebSocketCloseStatus.Empty, 'x', None));
  await t.Try('close-124-bytes', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'C'.repeat(124), None));
  await t.Try('close-126-utf8-bytes', () => ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, '\uc548'.repeat(42), None));
  await t.Try('send-close-type', () => ws.SendAsync(new ArraySegment(new Uint8Array(1)), WebSocketMessageType.Close, true, None));
  await t.Try('send-type-3', () => ws.SendAsync(new ArraySegment(new Uint8Array(1)), 3 as WebSocketMessageType, true, None));
  await t.Try('send-default-segment', () => ws.SendAsync(new ArraySegment<Uint8Array>(), WebSocketMessageType.Binary, true, None));
  await t.Try('receive-default-segment', () => ws.ReceiveAsync(new ArraySegment<Uint8Array>(), None));
  await t.Try('send-memory-close-type', () => ws.SendAsync(new Uint8Array(1), WebSocketMessageType.Close, true, None));
  await t.Try('send-flags-close-type', () =>
    ws.SendAsync(new Uint8Array(1), WebSocketMessageType.Close, WebSocketMessageFlags.EndOfMessage, None),
  );
  t.State('after-argument-checks', ws);
}
