/**
 * The timers of keep-alive (.NET 9+, src/protocol/keep-alive.ts): connections with the same period
 * share one interval, so 10,000 connections are one timer, not 10,000. What each action means for the
 * socket (a ping or pong to write, an abort) is its host's `keepAliveAction`.
 * (src/engine/README.md says what this folder owns.)
 */
import { KeepAlive, KeepAliveAction } from '../protocol/keep-alive.js';

/** What the owning socket does for each action (a ping or pong to write, an abort). */
export interface KeepAliveHost {
  keepAliveAction(action: KeepAliveAction, pingPayload: Buffer | null): void;
}

/**
 * The connections whose ticks share one timer: ping drivers, or, for unsolicited pongs (which keep no
 * state per connection), the hosts themselves.
 */
export class KeepAliveGroup {
  readonly #period: number;
  readonly #groups: Map<number, KeepAliveGroup>;
  readonly #members = new Set<KeepAliveDriver | KeepAliveHost>();
  readonly #timer: NodeJS.Timeout;

  /** The group of `period` ms in `groups`, made (and its timer started) when it has no members yet. */
  static of(groups: Map<number, KeepAliveGroup>, period: number): KeepAliveGroup {
    let group = groups.get(period);
    if (group === undefined) {
      group = new KeepAliveGroup(groups, period);
      groups.set(period, group);
    }
    return group;
  }

  private constructor(groups: Map<number, KeepAliveGroup>, period: number) {
    this.#period = period;
    this.#groups = groups;
    const members = this.#members;
    this.#timer = setInterval(() => {
      const now = performance.now();
      for (const member of members) {
        if (member instanceof KeepAliveDriver) member.onTimer(now);
        else member.keepAliveAction(KeepAliveAction.SendPong, null);
      }
    }, period).unref();
  }

  add(member: KeepAliveDriver | KeepAliveHost): void {
    this.#members.add(member);
  }

  /** Takes `member` out (a host of unsolicited pongs: the host); the last one out stops the timer. */
  stop(member: KeepAliveDriver | KeepAliveHost): void {
    if (!this.#members.delete(member) || this.#members.size > 0) return;
    clearInterval(this.#timer);
    this.#groups.delete(this.#period);
  }
}

/** Groups of ping drivers, and groups of hosts of unsolicited pongs, by period (ms). */
const pingGroups = new Map<number, KeepAliveGroup>();
const pongGroups = new Map<number, KeepAliveGroup>();

/** setInterval's limit is 2^31-1 ms; TimeSpan.MaxValue and friends mean "practically never". */
function clampDelay(ms: number): number {
  return Math.min(ms, 2 ** 31 - 1);
}

/** A connection's place in the keep-alive timers: stopped with the host it was started for. */
export type KeepAliveTimer = KeepAliveDriver | KeepAliveGroup;

/**
 * Keep-alive's state machine with its place in a shared timer, for pings (interval and timeout): one
 * object per connection (the state machine is its base class rather than a second object it holds).
 */
export class KeepAliveDriver extends KeepAlive {
  readonly #host: KeepAliveHost;
  #group: KeepAliveGroup | null;

  /**
   * Starts keep-alive for `host`: null when `intervalMs` turns it off (zero, negative, infinite). With a
   * timeout, a driver (its pings need state, and it must hear of reads and pongs); without one, unsolicited
   * pongs need none, and the host joins its group itself: the group is returned, to be stopped with the host.
   */
  static start(intervalMs: number, timeoutMs: number, host: KeepAliveHost): KeepAliveTimer | null {
    if (!(intervalMs > 0)) return null;
    if (timeoutMs > 0) return new KeepAliveDriver(intervalMs, timeoutMs, host);
    const group = KeepAliveGroup.of(pongGroups, clampDelay(intervalMs));
    group.add(host);
    return group;
  }

  private constructor(intervalMs: number, timeoutMs: number, host: KeepAliveHost) {
    super(intervalMs, timeoutMs, performance.now());
    this.#host = host;
    const group = KeepAliveGroup.of(pingGroups, clampDelay(this.periodMs));
    group.add(this);
    this.#group = group;
  }

  /** The group's timer ticked. */
  onTimer(now: number): void {
    const action = this.tick(now);
    if (action !== KeepAliveAction.None) this.#host.keepAliveAction(action, this.pingPayload);
  }

  /** Leaves the timer (`host` is the one this driver was started for, which it knows already). */
  stop(_host: KeepAliveHost): void {
    const group = this.#group;
    if (group === null) return;
    this.#group = null;
    group.stop(this);
  }
}
