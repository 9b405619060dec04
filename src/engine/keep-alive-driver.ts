/**
 * The timers of keep-alive (.NET 9+, src/protocol/keep-alive.ts): connections with the same period
 * share one interval, so 10,000 connections are one timer, not 10,000. What each action means for the
 * socket (a ping or pong to write, an abort) is its host's `keepAliveAction`.
 * (src/engine/README.md says what this folder owns.)
 */
import { KeepAlive, KeepAliveAction } from '../protocol/keep-alive.js';

/** Drivers whose ticks share one timer. */
interface KeepAliveGroup {
  period: number;
  timer: NodeJS.Timeout;
  members: Set<KeepAliveDriver>;
}

/** Keep-alive groups by period (ms). */
const groups = new Map<number, KeepAliveGroup>();

/** setInterval's limit is 2^31-1 ms; TimeSpan.MaxValue and friends mean "practically never". */
function clampDelay(ms: number): number {
  return Math.min(ms, 2 ** 31 - 1);
}

/** What the owning socket does for each action (a ping or pong to write, an abort). */
export interface KeepAliveHost {
  keepAliveAction(action: KeepAliveAction, pingPayload: Buffer | null): void;
}

/**
 * Keep-alive's state machine with its place in a shared timer: one object per connection (the state
 * machine is its base class rather than a second object it holds).
 */
export class KeepAliveDriver extends KeepAlive {
  readonly #host: KeepAliveHost;
  #group: KeepAliveGroup | null;

  /** A driver, or null when `intervalMs` turns keep-alive off (zero, negative, infinite). */
  static start(intervalMs: number, timeoutMs: number, host: KeepAliveHost): KeepAliveDriver | null {
    if (!(intervalMs > 0)) return null;
    return new KeepAliveDriver(intervalMs, timeoutMs, host);
  }

  private constructor(intervalMs: number, timeoutMs: number, host: KeepAliveHost) {
    super(intervalMs, timeoutMs, performance.now());
    this.#host = host;
    const period = clampDelay(this.periodMs);
    let group = groups.get(period);
    if (group === undefined) {
      const members = new Set<KeepAliveDriver>();
      const timer = setInterval(() => {
        const now = performance.now();
        for (const driver of members) driver.#tick(now);
      }, period).unref();
      group = { period, timer, members };
      groups.set(period, group);
    }
    group.members.add(this);
    this.#group = group;
  }

  #tick(now: number): void {
    const action = this.tick(now);
    if (action !== KeepAliveAction.None) this.#host.keepAliveAction(action, this.pingPayload);
  }

  stop(): void {
    const group = this.#group;
    if (group === null) return;
    this.#group = null;
    group.members.delete(this);
    if (group.members.size === 0) {
      clearInterval(group.timer);
      groups.delete(group.period);
    }
  }
}
