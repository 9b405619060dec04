/**
 * Keep-alive as .NET 9+ does it, sans I/O: driven by the time passed in and by what was received.
 * - interval only: an unsolicited pong every interval, nothing expected back (RFC 6455 §5.5.3 allows it);
 * - interval and timeout: a ping (an 8-byte big-endian counter) once `interval` passed without bytes
 *   from the peer, and a timeout when its pong has not come `timeout` after it was sent.
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.WebSockets/src/System/Net/WebSockets/ManagedWebSocket.KeepAlive.cs
 */

export const enum KeepAliveAction {
  None,
  SendPing,
  SendPong,
  TimedOut,
}

export class KeepAlive {
  readonly intervalMs: number;
  /** 0: unsolicited pongs. */
  readonly timeoutMs: number;
  /** How often {@link tick} should run, in ms. */
  readonly periodMs: number;
  /** The payload of the ping awaiting its pong, or null. */
  pingPayload: Buffer | null = null;
  #counter = 0n;
  #pingSentAt = 0;
  #lastRead: number;
  #readSinceTick = false;

  constructor(intervalMs: number, timeoutMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs > 0 ? timeoutMs : 0;
    // .NET's heartbeat: every min(interval, timeout)/4, at least 1 ms.
    this.periodMs = this.timeoutMs > 0 ? Math.max(Math.min(intervalMs, this.timeoutMs) / 4, 1) : intervalMs;
    this.#lastRead = now;
  }

  /** Bytes arrived from the peer (cheap: only a flag, the clock is read at the next tick). */
  onRead(): void {
    this.#readSinceTick = true;
  }

  /** A pong arrived: it answers our ping when its payload is the counter we sent. */
  onPong(payload: Uint8Array): void {
    if (this.pingPayload !== null && Buffer.compare(payload, this.pingPayload) === 0) this.pingPayload = null;
  }

  /** What to do now. With SendPing, {@link pingPayload} holds the ping's payload. */
  tick(now: number): KeepAliveAction {
    if (this.timeoutMs === 0) return KeepAliveAction.SendPong;
    if (this.pingPayload !== null) {
      return now - this.#pingSentAt > this.timeoutMs ? KeepAliveAction.TimedOut : KeepAliveAction.None;
    }
    if (this.#readSinceTick) {
      this.#readSinceTick = false;
      this.#lastRead = now;
      return KeepAliveAction.None;
    }
    if (now - this.#lastRead < this.intervalMs) return KeepAliveAction.None;
    const payload = Buffer.allocUnsafe(8);
    payload.writeBigUInt64BE(++this.#counter);
    this.pingPayload = payload;
    this.#pingSentAt = now;
    return KeepAliveAction.SendPing;
  }
}
