/**
 * System.Net.WebSockets.WebSocketStream (.NET 10): a Stream over a WebSocket.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketstream
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { NotSupportedException } from '../System/NotSupportedException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import type { SeekOrigin } from '../System.IO/SeekOrigin.js';
import { Stream } from '../System.IO/Stream.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../System.Threading/CancellationTokenSource.js';
import { handled } from '../runtime/handled-promise.js';
import { asyncArguments } from '../runtime/stream-arguments.js';
import type { WebSocket } from './WebSocket.js';
import { WebSocketCloseStatus } from './WebSocketCloseStatus.js';
import { WebSocketMessageType } from './WebSocketMessageType.js';
import { WebSocketState } from './WebSocketState.js';

/** How long disposing an owning stream waits for the close handshake (.NET: 16 seconds). */
const DEFAULT_CLOSE_TIMEOUT = TimeSpan.FromSeconds(16);

/**
 * A {@link Stream} over a {@link WebSocket}, built on its public API only. Three shapes, as .NET 10:
 *
 * - {@link WebSocketStream.Create}: each write is one whole message; reads run across message boundaries
 *   and return 0 once the peer's close arrives. With `ownsWebSocket` (or a close timeout), disposing the
 *   stream closes the WebSocket with NormalClosure, waiting up to 16 seconds (or the timeout), then
 *   disposes it.
 * - {@link WebSocketStream.CreateWritableMessageStream}: each write is one fragment of a single message;
 *   disposing the stream sends the final, empty fragment.
 * - {@link WebSocketStream.CreateReadableMessageStream}: reads exactly one message, then return 0; disposing
 *   it before the message's end aborts the WebSocket.
 *
 * @remarks Differs from .NET: `Read`, `Write` and `Dispose()` cannot block the thread as .NET's
 * sync-over-async does, so `Read` and `Write` throw NotSupportedException (use `ReadAsync`/`WriteAsync`), and
 * `Dispose()` starts the asynchronous disposal without waiting for it (use `await DisposeAsync()` or
 * `await using`).
 * @example
 * await using stream = WebSocketStream.CreateReadableMessageStream(ws);
 * const reader = new StreamReader(stream, Encoding.UTF8);
 * const text = await reader.ReadToEndAsync();
 */
export class WebSocketStream extends Stream {
  /** The wrapped WebSocket. */
  readonly #webSocket: WebSocket;
  /** @internal Set once Dispose or DisposeAsync ran. */
  protected disposed = false;

  /** Not for direct use: the static factory methods create the streams. */
  protected constructor(webSocket: WebSocket) {
    super();
    this.#webSocket = webSocket;
  }

  /**
   * A stream whose writes are whole messages of `writeMessageType` and whose reads run across messages.
   *
   * @param ownsWebSocket true: disposing the stream closes (NormalClosure, 16-second timeout) and disposes
   * the WebSocket.
   * @throws {ArgumentNullException} `webSocket` is null.
   * @throws {ArgumentException} `writeMessageType` is not Text or Binary.
   * @example
   * const stream = WebSocketStream.Create(ws, WebSocketMessageType.Binary, true);
   */
  static Create(webSocket: WebSocket, writeMessageType: WebSocketMessageType, ownsWebSocket?: boolean): WebSocketStream;
  /**
   * A stream that owns `webSocket`: disposing it closes the WebSocket, waiting at most `closeTimeout`
   * (zero: not at all; `Timeout.InfiniteTimeSpan`: as long as it takes), then disposes it.
   *
   * @throws {ArgumentOutOfRangeException} `closeTimeout` is negative and not infinite.
   */
  static Create(webSocket: WebSocket, writeMessageType: WebSocketMessageType, closeTimeout: TimeSpan): WebSocketStream;
  static Create(webSocket: WebSocket, writeMessageType: WebSocketMessageType, third: boolean | TimeSpan = false): WebSocketStream {
    validate(webSocket, writeMessageType);
    let closeTimeout: TimeSpan | null = null;
    if (third instanceof TimeSpan) {
      if (third.Ticks < 0 && third.TotalMilliseconds !== -1) {
        throw new ArgumentOutOfRangeException('closeTimeout', SR.net_WebSockets_TimeoutOutOfRange);
      }
      closeTimeout = third;
    } else if (third) {
      closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    }
    return new ReadWriteStream(webSocket, writeMessageType, closeTimeout);
  }

  /**
   * A write-only stream that sends one message of `writeMessageType`: each write is a fragment, and
   * disposing the stream ends the message.
   *
   * @throws {ArgumentNullException} `webSocket` is null.
   * @throws {ArgumentException} `writeMessageType` is not Text or Binary.
   */
  static CreateWritableMessageStream(webSocket: WebSocket, writeMessageType: WebSocketMessageType): WebSocketStream {
    validate(webSocket, writeMessageType);
    return new WriteMessageStream(webSocket, writeMessageType);
  }

  /**
   * A read-only stream over the next message: reads return 0 once its last fragment was read.
   *
   * @throws {ArgumentNullException} `webSocket` is null.
   */
  static CreateReadableMessageStream(webSocket: WebSocket): WebSocketStream {
    if (webSocket == null) throw new ArgumentNullException('webSocket');
    return new ReadMessageStream(webSocket);
  }

  /** The wrapped WebSocket. */
  get WebSocket(): WebSocket {
    return this.#webSocket;
  }

  /** True until disposed while the WebSocket can still receive (Open or CloseSent). */
  override get CanRead(): boolean {
    const state = this.#webSocket.State;
    return !this.disposed && (state === WebSocketState.Open || state === WebSocketState.CloseSent);
  }

  /** True until disposed while the WebSocket can still send (Open or CloseReceived). */
  override get CanWrite(): boolean {
    const state = this.#webSocket.State;
    return !this.disposed && (state === WebSocketState.Open || state === WebSocketState.CloseReceived);
  }

  /** False: a WebSocket cannot seek. */
  override get CanSeek(): boolean {
    return false;
  }

  /**
   * Not supported.
   *
   * @throws {NotSupportedException} Always.
   */
  override get Length(): number {
    throw new NotSupportedException();
  }

  /**
   * Not supported.
   *
   * @throws {NotSupportedException} Always.
   */
  override get Position(): number {
    throw new NotSupportedException();
  }

  override set Position(_value: number) {
    throw new NotSupportedException();
  }

  /**
   * Not supported.
   *
   * @throws {NotSupportedException} Always.
   */
  override Seek(_offset: number, _origin: SeekOrigin): number {
    throw new NotSupportedException();
  }

  /**
   * Not supported.
   *
   * @throws {NotSupportedException} Always.
   */
  override SetLength(_value: number): void {
    throw new NotSupportedException();
  }

  /**
   * Not supported here: use {@link WebSocketStream.ReadAsync}.
   *
   * @throws {NotSupportedException} Always (.NET blocks on ReadAsync instead).
   */
  override Read(buffer: Uint8Array | null, offset: number, count: number): number;
  override Read(buffer: Uint8Array): number;
  override Read(): number {
    throw new NotSupportedException(SR.WebSocketStream_SyncNotSupported);
  }

  /**
   * Not supported here: use {@link WebSocketStream.WriteAsync}.
   *
   * @throws {NotSupportedException} Always (.NET blocks on WriteAsync instead).
   */
  override Write(buffer: Uint8Array | null, offset: number, count: number): void;
  override Write(buffer: Uint8Array): void;
  override Write(): void {
    throw new NotSupportedException(SR.WebSocketStream_SyncNotSupported);
  }

  /** Does nothing: every write is sent at once. */
  override Flush(): void {}

  /**
   * Reads from the WebSocket into `buffer`.
   *
   * @returns A promise for the number of bytes read; 0 once the stream's data ended (the peer's close, or
   * the end of the message for a readable message stream). It rejects with NotSupportedException on a
   * write-only stream or once the WebSocket can no longer receive ("The base stream is not readable."),
   * with ObjectDisposedException after Dispose, and with OperationCanceledException when canceled.
   * @throws {ArgumentNullException} `buffer` is null (thrown here).
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range (thrown here).
   */
  override ReadAsync(buffer: Uint8Array | null, offset: number, count: number, cancellationToken?: CancellationToken): Promise<number>;
  override ReadAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<number>;
  override ReadAsync(buffer: Uint8Array | null, a?: number | CancellationToken, b?: number, c?: CancellationToken): Promise<number> {
    const { view, token } = asyncArguments(buffer, a, b, c);
    return this.readCore(view, token);
  }

  /**
   * Sends `buffer`: a whole message ({@link WebSocketStream.Create}) or one fragment
   * ({@link WebSocketStream.CreateWritableMessageStream}).
   *
   * @returns A promise that rejects with NotSupportedException on a read-only stream or once the WebSocket
   * can no longer send ("The base stream is not writeable."), with ObjectDisposedException after Dispose,
   * and with TaskCanceledException when `cancellationToken` is already canceled.
   * @throws {ArgumentNullException} `buffer` is null (thrown here).
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is out of range (thrown here).
   */
  override WriteAsync(buffer: Uint8Array | null, offset: number, count: number, cancellationToken?: CancellationToken): Promise<void>;
  override WriteAsync(buffer: Uint8Array, cancellationToken?: CancellationToken): Promise<void>;
  override WriteAsync(buffer: Uint8Array | null, a?: number | CancellationToken, b?: number, c?: CancellationToken): Promise<void> {
    const { view, token } = asyncArguments(buffer, a, b, c);
    return this.writeCore(view, token);
  }

  /**
   * Starts {@link WebSocketStream.DisposeAsync} without waiting for it; the stream counts as disposed at once.
   *
   * @remarks Differs from .NET: .NET blocks until the disposal (for an owning stream, the close handshake)
   * completes.
   */
  override Dispose(): void {
    void handled(this.DisposeAsync());
  }

  /** Marks the stream disposed; the shapes that own or end something do it here (see the class summary). */
  override DisposeAsync(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }

  /** @internal The read of this shape (the base: none). */
  protected readCore(_buffer: Uint8Array, _cancellationToken: CancellationToken): Promise<number> {
    return Promise.reject(new NotSupportedException());
  }

  /** @internal The write of this shape (the base: none). */
  protected writeCore(_buffer: Uint8Array, _cancellationToken: CancellationToken): Promise<void> {
    return Promise.reject(new NotSupportedException());
  }

  /** @internal The checks before a send: disposed, not writable, canceled (as rejections). */
  protected sendRefusal(cancellationToken: CancellationToken): Promise<void> | null {
    if (this.disposed) return Promise.reject(new ObjectDisposedException(fullName(this)));
    if (!this.CanWrite) return Promise.reject(new NotSupportedException(SR.NotWriteableStream));
    if (cancellationToken.IsCancellationRequested) {
      return Promise.reject(new TaskCanceledException(undefined, undefined, cancellationToken));
    }
    return null;
  }

  /** @internal The checks before a receive: disposed, not readable, canceled (as thrown exceptions). */
  protected throwIfCannotReceive(cancellationToken: CancellationToken): void {
    ObjectDisposedException.ThrowIf(this.disposed, fullName(this));
    if (!this.CanRead) throw new NotSupportedException(SR.NotReadableStream);
    cancellationToken.ThrowIfCancellationRequested();
  }
}

/** Create: whole-message writes, reads across messages, optionally owning the WebSocket. */
class ReadWriteStream extends WebSocketStream {
  /** The type of every message written. */
  readonly #messageType: WebSocketMessageType;
  /** How long Dispose waits for the close handshake; null when the stream does not own the WebSocket. */
  readonly #closeTimeout: TimeSpan | null;

  constructor(webSocket: WebSocket, messageType: WebSocketMessageType, closeTimeout: TimeSpan | null) {
    super(webSocket);
    this.#messageType = messageType;
    this.#closeTimeout = closeTimeout;
  }

  protected override writeCore(buffer: Uint8Array, cancellationToken: CancellationToken): Promise<void> {
    return this.sendRefusal(cancellationToken) ?? this.WebSocket.SendAsync(buffer, this.#messageType, true, cancellationToken);
  }

  protected override async readCore(buffer: Uint8Array, cancellationToken: CancellationToken): Promise<number> {
    this.throwIfCannotReceive(cancellationToken);
    while (this.WebSocket.State < WebSocketState.CloseReceived) {
      const result = await this.WebSocket.ReceiveAsync(buffer, cancellationToken);
      if (result.MessageType === WebSocketMessageType.Close) break;
      // An empty message is skipped, unless the caller asked for zero bytes.
      if (result.Count > 0 || buffer.length === 0) return result.Count;
    }
    return 0;
  }

  override async DisposeAsync(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const timeout = this.#closeTimeout;
    if (timeout === null) return;
    if (this.WebSocket.State < WebSocketState.Closed) {
      let cts: CancellationTokenSource | null = null;
      let token: CancellationToken;
      if (timeout.Ticks === 0) token = new CancellationToken(true);
      else if (timeout.TotalMilliseconds === -1) token = CancellationToken.None;
      else token = (cts = new CancellationTokenSource(timeout)).Token;
      try {
        await this.WebSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, token);
      } catch {
        // As .NET (ConfigureAwaitOptions.SuppressThrowing): a failed or timed-out close still disposes.
      } finally {
        cts?.Dispose();
      }
    }
    this.WebSocket.Dispose();
  }
}

/** CreateWritableMessageStream: each write a fragment; disposal ends the message. */
class WriteMessageStream extends WebSocketStream {
  /** The type of the message written. */
  readonly #messageType: WebSocketMessageType;

  constructor(webSocket: WebSocket, messageType: WebSocketMessageType) {
    super(webSocket);
    this.#messageType = messageType;
  }

  override get CanRead(): boolean {
    return false;
  }

  protected override writeCore(buffer: Uint8Array, cancellationToken: CancellationToken): Promise<void> {
    return this.sendRefusal(cancellationToken) ?? this.WebSocket.SendAsync(buffer, this.#messageType, false, cancellationToken);
  }

  override DisposeAsync(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.disposed = true;
    return this.WebSocket.SendAsync(new Uint8Array(0), this.#messageType, true, CancellationToken.None);
  }
}

/** CreateReadableMessageStream: exactly one message. */
class ReadMessageStream extends WebSocketStream {
  /** Set once the message's last fragment was received. */
  #eof = false;

  override get CanWrite(): boolean {
    return false;
  }

  protected override async readCore(buffer: Uint8Array, cancellationToken: CancellationToken): Promise<number> {
    this.throwIfCannotReceive(cancellationToken);
    while (!this.#eof && this.WebSocket.State < WebSocketState.CloseReceived) {
      const result = await this.WebSocket.ReceiveAsync(buffer, cancellationToken);
      if (result.MessageType === WebSocketMessageType.Close) break;
      if (result.EndOfMessage) this.#eof = true;
      if (result.Count > 0 || buffer.length === 0) return result.Count;
    }
    return 0;
  }

  override DisposeAsync(): Promise<void> {
    this.disposed = true;
    // The rest of a half-read message would be taken for the next one: .NET aborts instead.
    if (!this.#eof && this.WebSocket.State < WebSocketState.CloseReceived) this.WebSocket.Abort();
    return Promise.resolve();
  }
}

function validate(webSocket: WebSocket, messageType: WebSocketMessageType): void {
  if (webSocket == null) throw new ArgumentNullException('webSocket');
  if (messageType !== WebSocketMessageType.Text && messageType !== WebSocketMessageType.Binary) {
    throw new ArgumentException(
      SR.Format(SR.net_WebSockets_Argument_InvalidMessageType, 'Close', 'SendAsync', 'Binary', 'Text', 'CloseOutputAsync'),
      'writeMessageType',
    );
  }
}

/** The .NET name of a stream's nested type, as ObjectDisposedException reports it. */
function fullName(stream: WebSocketStream): string {
  return `System.Net.WebSockets.WebSocketStream+${stream.constructor.name}`;
}
