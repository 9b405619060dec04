// One line per observable event, ported line for line from ../Transcript.cs: "<step>: <fields>" (the
// runner adds the scenario key). Nothing that varies from run to run is printed.
import { WebSocketMessageType, WebSocketState } from './dotnet-ws.js';
import type { Nullable, ValueWebSocketReceiveResult, WebSocket, WebSocketCloseStatus, WebSocketReceiveResult } from './dotnet-ws.js';

export class Transcript {
  /** @param lines where the lines go (a TranscriptSet's array for a server half). */
  constructor(
    readonly key: string,
    readonly lines: string[] = [],
  ) {}

  Line(step: string, text: string): void {
    this.lines.push(`${step}: ${text}`);
  }

  State(step: string, ws: WebSocket): void {
    this.Line(step, `state=${WebSocketState[ws.State]}`);
  }

  Status(step: string, ws: WebSocket): void {
    this.Line(step, `state=${WebSocketState[ws.State]} status=${StatusText(ws.CloseStatus)} desc=${Q(ws.CloseStatusDescription)}`);
  }

  Result(step: string, r: WebSocketReceiveResult, buffer: Uint8Array, offset: number): void {
    this.Line(
      step,
      `count=${r.Count} type=${WebSocketMessageType[r.MessageType]} end=${r.EndOfMessage} status=${StatusText(r.CloseStatus)} desc=${Q(r.CloseStatusDescription)}` +
        data(r.MessageType, buffer, offset, r.Count),
    );
  }

  ValueResult(step: string, r: ValueWebSocketReceiveResult, buffer: Uint8Array): void {
    this.Line(
      step,
      `value count=${r.Count} type=${WebSocketMessageType[r.MessageType]} end=${r.EndOfMessage}` + data(r.MessageType, buffer, 0, r.Count),
    );
  }

  Error(step: string, how: string, e: unknown): void {
    this.Line(step, `${how} ${Describe(e)}`);
  }

  /** Runs an operation and logs "ok", "throws …" (synchronously) or "faults …" (through the promise). */
  async Try(step: string, operation: () => Promise<unknown>): Promise<boolean> {
    let task: Promise<unknown>;
    try {
      task = operation();
    } catch (e) {
      this.Error(step, 'throws', e);
      return false;
    }
    try {
      await task;
    } catch (e) {
      this.Error(step, 'faults', e);
      return false;
    }
    this.Line(step, 'ok');
    return true;
  }

  /** Runs a synchronous call and logs "ok" or "throws …". */
  TrySync(step: string, operation: () => unknown): boolean {
    try {
      operation();
    } catch (e) {
      this.Error(step, 'throws', e);
      return false;
    }
    this.Line(step, 'ok');
    return true;
  }

  /** Runs a synchronous call and logs its value (through `show`) or "throws …". */
  Value<T>(step: string, read: () => T, show: (value: T) => string): void {
    let value: T;
    try {
      value = read();
    } catch (e) {
      this.Error(step, 'throws', e);
      return;
    }
    this.Line(step, `value ${show(value)}`);
  }
}

/** C#'s `e.GetType().Name`, error code, parameter name and message, as ../Transcript.cs prints them. */
export function Describe(e: unknown): string {
  if (!(e instanceof Error)) return `exception (not an Error) ${Q(String(e))}`;
  let s = `exception ${e.name}`;
  const we = e as Error & { WebSocketErrorCode?: number };
  if (e.name === 'WebSocketException') s += ` error=${webSocketErrorName(we.WebSocketErrorCode)}`;
  const ae = e as Error & { ParamName?: string | null };
  if ('ParamName' in ae) s += ` param=${ae.ParamName ?? 'null'}`;
  return `${s} message=${Q(e.message)}`;
}

const webSocketErrors = [
  'Success',
  'InvalidMessageType',
  'Faulted',
  'NativeError',
  'NotAWebSocket',
  'UnsupportedVersion',
  'UnsupportedProtocol',
  'HeaderError',
  'ConnectionClosedPrematurely',
  'InvalidState',
];

function webSocketErrorName(code: number | undefined): string {
  return code === undefined ? 'undefined' : (webSocketErrors[code] ?? String(code));
}

export function StatusText(status: Nullable<WebSocketCloseStatus>): string {
  return status.HasValue ? String(status.Value as number) : 'null';
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function data(type: WebSocketMessageType, buffer: Uint8Array, offset: number, count: number): string {
  if (count === 0) return '';
  const bytes = buffer.subarray(offset, offset + count);
  if (type === WebSocketMessageType.Text) {
    // Text that is not valid UTF-8 on its own (a sequence split across results) prints as bytes.
    try {
      return ` text=${Q(strict.decode(bytes))}`;
    } catch {
      // fall through
    }
  }
  return ` ${Bytes(buffer, offset, count)}`;
}

/** Up to 32 bytes as hex, more as their length and a hash. */
export function Bytes(buffer: Uint8Array, offset: number, count: number): string {
  if (count <= 32) return `bytes=${Buffer.from(buffer.subarray(offset, offset + count)).toString('hex')}`;
  let sum = 0;
  for (let i = 0; i < count; i++) sum = (sum * 31 + buffer[offset + i]!) % 1000000007;
  return `length=${count} hash=${sum}`;
}

/** Quotes a string; everything outside printable ASCII as \uXXXX (UTF-16 code units). */
export function Q(s: string | null | undefined): string {
  if (s == null) return 'null';
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}
