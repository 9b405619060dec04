/**
 * System.TimeSpan: a time interval, counted in 100-nanosecond ticks.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.timespan
 */
import { inspect } from 'node:util';
import { SR } from '../Resources/SR.js';
import { ArgumentException } from './ArgumentException.js';
import { ArgumentOutOfRangeException } from './ArgumentOutOfRangeException.js';
import { OverflowException } from './OverflowException.js';

const TICKS_PER_MICROSECOND = 10n;
const TICKS_PER_MILLISECOND = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 600_000_000n;
const TICKS_PER_HOUR = 36_000_000_000n;
const TICKS_PER_DAY = 864_000_000_000n;
const LONG_MAX = 9_223_372_036_854_775_807n;
const LONG_MIN = -9_223_372_036_854_775_808n;
/** .NET clamps TotalMilliseconds to ±(long.MaxValue / TicksPerMillisecond). */
const MAX_MILLISECONDS = 922_337_203_685_477;
/** 2^63 as a double: the first double above long.MaxValue. */
const TWO_POW_63 = 9_223_372_036_854_775_808;

/**
 * A time interval with .NET's semantics: 100 ns ticks in a signed 64-bit range, `ToString()` in the
 * invariant "c" format (`00:02:00`, `-00:00:00.0010000`, `1.02:03:04.5000000`).
 *
 * Instances are immutable. `<`, `>`, `<=`, `>=` work through `valueOf()` (the tick count); use
 * {@link TimeSpan.Equals} or {@link TimeSpan.CompareTo} for equality, since `===` compares objects.
 *
 * @example
 * options.KeepAliveInterval = TimeSpan.FromMinutes(2);
 * console.log(`${options.KeepAliveInterval}`); // "00:02:00"
 */
export class TimeSpan {
  /** Ticks per microsecond (10). */
  static readonly TicksPerMicrosecond: number = 10;
  /** Ticks per millisecond (10,000). */
  static readonly TicksPerMillisecond: number = 10_000;
  /** Ticks per second (10,000,000). */
  static readonly TicksPerSecond: number = 10_000_000;
  /** Ticks per minute (600,000,000). */
  static readonly TicksPerMinute: number = 600_000_000;
  /** Ticks per hour (36,000,000,000). */
  static readonly TicksPerHour: number = 36_000_000_000;
  /** Ticks per day (864,000,000,000). */
  static readonly TicksPerDay: number = 864_000_000_000;

  /** The tick count, exact. */
  readonly #ticks: bigint;
  /** The tick count as a double (exact up to 2^53, i.e. about 28 years). */
  readonly #ticksNumber: number;

  /** @param ticks The length in 100 ns ticks (a `number` is truncated toward zero). */
  constructor(ticks: number | bigint);
  /** @throws {ArgumentOutOfRangeException} The total is outside TimeSpan's range. */
  constructor(hours: number, minutes: number, seconds: number);
  /** @throws {ArgumentOutOfRangeException} The total is outside TimeSpan's range. */
  constructor(days: number, hours: number, minutes: number, seconds: number, milliseconds?: number, microseconds?: number);
  constructor(...args: (number | bigint | undefined)[]) {
    let ticks: bigint;
    while (args.length > 1 && args[args.length - 1] === undefined) args.pop();
    if (args.length <= 1) {
      const value = args[0] ?? 0;
      ticks = typeof value === 'bigint' ? value : toBigInt(value);
      if (ticks > LONG_MAX || ticks < LONG_MIN) throw new OverflowException(SR.Overflow_TimeSpanTooLong);
    } else {
      const n = args.map((v) => (typeof v === 'bigint' ? v : toBigInt(v ?? 0)));
      const [days, hours, minutes, seconds, milliseconds = 0n, microseconds = 0n] = n.length === 3 ? [0n, n[0]!, n[1]!, n[2]!] : n;
      ticks =
        days! * TICKS_PER_DAY +
        hours! * TICKS_PER_HOUR +
        minutes! * TICKS_PER_MINUTE +
        seconds! * TICKS_PER_SECOND +
        milliseconds * TICKS_PER_MILLISECOND +
        microseconds * TICKS_PER_MICROSECOND;
      if (ticks > LONG_MAX || ticks < LONG_MIN) throw new ArgumentOutOfRangeException(null, SR.Overflow_TimeSpanTooLong);
    }
    this.#ticks = ticks;
    this.#ticksNumber = Number(ticks);
    Object.freeze(this);
  }

  /** The zero-length interval. */
  static readonly Zero: TimeSpan = new TimeSpan(0n);
  /** The longest interval: `10675199.02:48:05.4775807`. */
  static readonly MaxValue: TimeSpan = new TimeSpan(LONG_MAX);
  /** The most negative interval: `-10675199.02:48:05.4775808`. */
  static readonly MinValue: TimeSpan = new TimeSpan(LONG_MIN);
  /**
   * −1 millisecond: "wait forever" for timeouts and keep-alive settings.
   *
   * @remarks Differs from .NET: .NET has this only as `System.Threading.Timeout.InfiniteTimeSpan` (also
   * exported here, the same instance).
   */
  static readonly InfiniteTimeSpan: TimeSpan = new TimeSpan(-TICKS_PER_MILLISECOND);

  /**
   * An interval of `value` days.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromDays(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerDay);
  }

  /**
   * An interval of `value` hours.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromHours(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerHour);
  }

  /**
   * An interval of `value` minutes.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromMinutes(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerMinute);
  }

  /**
   * An interval of `value` seconds.
   *
   * @example
   * ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromSeconds(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerSecond);
  }

  /**
   * An interval of `value` milliseconds (fractions kept down to the tick).
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromMilliseconds(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerMillisecond);
  }

  /**
   * An interval of `value` microseconds.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   * @throws {ArgumentException} `value` is NaN.
   */
  static FromMicroseconds(value: number): TimeSpan {
    return interval(value, TimeSpan.TicksPerMicrosecond);
  }

  /** An interval of `value` ticks. */
  static FromTicks(value: number | bigint): TimeSpan {
    return new TimeSpan(value);
  }

  /** -1, 0 or 1 as `t1` is shorter than, equal to or longer than `t2`. */
  static Compare(t1: TimeSpan, t2: TimeSpan): number {
    return t1.#ticks < t2.#ticks ? -1 : t1.#ticks > t2.#ticks ? 1 : 0;
  }

  /** The tick count as a number (exact while |ticks| ≤ 2^53, about 28 years; beyond, the nearest double). */
  get Ticks(): number {
    return this.#ticksNumber;
  }

  /**
   * The exact tick count.
   *
   * @remarks Node.js extension: C#'s `long` does not fit a JavaScript number beyond 2^53.
   */
  get ticksBigInt(): bigint {
    return this.#ticks;
  }

  /** The whole days component. */
  get Days(): number {
    return Number(this.#ticks / TICKS_PER_DAY);
  }

  /** The hours component, -23..23. */
  get Hours(): number {
    return Number((this.#ticks / TICKS_PER_HOUR) % 24n);
  }

  /** The minutes component, -59..59. */
  get Minutes(): number {
    return Number((this.#ticks / TICKS_PER_MINUTE) % 60n);
  }

  /** The seconds component, -59..59. */
  get Seconds(): number {
    return Number((this.#ticks / TICKS_PER_SECOND) % 60n);
  }

  /** The milliseconds component, -999..999. */
  get Milliseconds(): number {
    return Number((this.#ticks / TICKS_PER_MILLISECOND) % 1000n);
  }

  /** The microseconds component, -999..999. */
  get Microseconds(): number {
    return Number((this.#ticks / TICKS_PER_MICROSECOND) % 1000n);
  }

  /** The nanoseconds component, -900..900 in steps of 100. */
  get Nanoseconds(): number {
    return Number(this.#ticks % TICKS_PER_MICROSECOND) * 100;
  }

  /** The length in (fractional) days. */
  get TotalDays(): number {
    return this.#ticksNumber / TimeSpan.TicksPerDay;
  }

  /** The length in (fractional) hours. */
  get TotalHours(): number {
    return this.#ticksNumber / TimeSpan.TicksPerHour;
  }

  /** The length in (fractional) minutes. */
  get TotalMinutes(): number {
    return this.#ticksNumber / TimeSpan.TicksPerMinute;
  }

  /** The length in (fractional) seconds. */
  get TotalSeconds(): number {
    return this.#ticksNumber / TimeSpan.TicksPerSecond;
  }

  /** The length in (fractional) milliseconds, clamped to ±922337203685477 as .NET does. */
  get TotalMilliseconds(): number {
    const ms = this.#ticksNumber / TimeSpan.TicksPerMillisecond;
    return ms > MAX_MILLISECONDS ? MAX_MILLISECONDS : ms < -MAX_MILLISECONDS ? -MAX_MILLISECONDS : ms;
  }

  /** The length in (fractional) microseconds. */
  get TotalMicroseconds(): number {
    return this.#ticksNumber / TimeSpan.TicksPerMicrosecond;
  }

  /** The length in nanoseconds. */
  get TotalNanoseconds(): number {
    return this.#ticksNumber * 100;
  }

  /**
   * The sum of this interval and `ts`.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   */
  Add(ts: TimeSpan): TimeSpan {
    return checked(this.#ticks + ts.#ticks);
  }

  /**
   * This interval minus `ts`.
   *
   * @throws {OverflowException} The result is outside TimeSpan's range.
   */
  Subtract(ts: TimeSpan): TimeSpan {
    return checked(this.#ticks - ts.#ticks);
  }

  /**
   * The interval with the opposite sign.
   *
   * @throws {OverflowException} This is `TimeSpan.MinValue`.
   */
  Negate(): TimeSpan {
    if (this.#ticks === LONG_MIN) throw new OverflowException(SR.Overflow_NegateTwosCompNum);
    return new TimeSpan(-this.#ticks);
  }

  /**
   * The absolute value of this interval.
   *
   * @throws {OverflowException} This is `TimeSpan.MinValue`.
   */
  Duration(): TimeSpan {
    if (this.#ticks === LONG_MIN) throw new OverflowException(SR.Overflow_Duration);
    return this.#ticks >= 0n ? this : new TimeSpan(-this.#ticks);
  }

  /**
   * This interval scaled by `factor` (rounded to the nearest tick).
   *
   * @throws {ArgumentException} `factor` is NaN.
   * @throws {OverflowException} The result is outside TimeSpan's range.
   */
  Multiply(factor: number): TimeSpan {
    if (Number.isNaN(factor)) throw new ArgumentException(SR.Arg_CannotBeNaN, 'factor');
    return fromDoubleTicks(roundHalfEven(this.#ticksNumber * factor));
  }

  /**
   * This interval divided by a number (rounded to the nearest tick), or the ratio of two intervals.
   *
   * @throws {ArgumentException} `divisor` is NaN.
   * @throws {OverflowException} The result is outside TimeSpan's range (e.g. division by zero).
   */
  Divide(divisor: number): TimeSpan;
  Divide(ts: TimeSpan): number;
  Divide(divisor: number | TimeSpan): TimeSpan | number {
    if (divisor instanceof TimeSpan) return this.#ticksNumber / divisor.#ticksNumber;
    if (Number.isNaN(divisor)) throw new ArgumentException(SR.Arg_CannotBeNaN, 'divisor');
    return fromDoubleTicks(roundHalfEven(this.#ticksNumber / divisor));
  }

  /**
   * -1, 0 or 1 as this interval is shorter than, equal to or longer than `value`; a `null` value counts as
   * shorter than any interval.
   *
   * @throws {ArgumentException} `value` is not a TimeSpan.
   */
  CompareTo(value: TimeSpan | null): number {
    if (value == null) return 1;
    if (!(value instanceof TimeSpan)) throw new ArgumentException(SR.Arg_MustBeTimeSpan);
    return TimeSpan.Compare(this, value);
  }

  /** True when `obj` is a TimeSpan of the same length. */
  Equals(obj: unknown): boolean {
    return obj instanceof TimeSpan && obj.#ticks === this.#ticks;
  }

  /** A hash of the tick count. */
  GetHashCode(): number {
    return Number(BigInt.asIntN(32, this.#ticks ^ (this.#ticks >> 32n)));
  }

  /**
   * The invariant "c" format: `[-][d.]hh:mm:ss[.fffffff]`.
   *
   * @example
   * TimeSpan.FromMinutes(2).ToString();          // "00:02:00"
   * TimeSpan.FromMilliseconds(-1).ToString();    // "-00:00:00.0010000"
   */
  ToString(): string {
    const negative = this.#ticks < 0n;
    const abs = negative ? -this.#ticks : this.#ticks;
    const days = abs / TICKS_PER_DAY;
    const time = abs % TICKS_PER_DAY;
    const hh = pad2(time / TICKS_PER_HOUR);
    const mm = pad2((time / TICKS_PER_MINUTE) % 60n);
    const ss = pad2((time / TICKS_PER_SECOND) % 60n);
    const fraction = time % TICKS_PER_SECOND;
    let text = `${negative ? '-' : ''}${days > 0n ? `${days}.` : ''}${hh}:${mm}:${ss}`;
    if (fraction !== 0n) text += `.${fraction.toString().padStart(7, '0')}`;
    return text;
  }

  /** Same as {@link TimeSpan.ToString}, so template literals and `String()` print .NET's text. */
  toString(): string {
    return this.ToString();
  }

  /** The "c" format, as System.Text.Json writes a TimeSpan. */
  toJSON(): string {
    return this.ToString();
  }

  /** The tick count, so `<` and `>` compare intervals. */
  valueOf(): number {
    return this.#ticksNumber;
  }

  /** How Node's `util.inspect` (and so `console.log`) shows it. Node.js extension. */
  [inspect.custom](): string {
    return `TimeSpan(${this.ToString()})`;
  }
}

function toBigInt(value: number): bigint {
  if (!Number.isFinite(value)) throw new OverflowException(SR.Overflow_TimeSpanTooLong);
  return BigInt(Math.trunc(value));
}

function pad2(value: bigint): string {
  return value < 10n ? `0${value}` : `${value}`;
}

function checked(ticks: bigint): TimeSpan {
  if (ticks > LONG_MAX || ticks < LONG_MIN) throw new OverflowException(SR.Overflow_TimeSpanTooLong);
  return new TimeSpan(ticks);
}

/** .NET's TimeSpan.Interval: scale a double, then IntervalFromDoubleTicks. */
function interval(value: number, scale: number): TimeSpan {
  if (Number.isNaN(value)) throw new ArgumentException(SR.Arg_CannotBeNaN);
  return fromDoubleTicks(value * scale);
}

/** .NET's IntervalFromDoubleTicks: range check in doubles, then truncate toward zero. */
function fromDoubleTicks(ticks: number): TimeSpan {
  if (ticks > TWO_POW_63 || ticks < -TWO_POW_63 || Number.isNaN(ticks)) {
    throw new OverflowException(SR.Overflow_TimeSpanTooLong);
  }
  if (ticks === TWO_POW_63) return TimeSpan.MaxValue;
  return new TimeSpan(BigInt(Math.trunc(ticks)));
}

/** Math.Round(double) in .NET rounds half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
