import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { OverflowException } from '../../src/System/OverflowException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';

describe('TimeSpan', () => {
  describe('#ToString', () => {
    it.each([
      [TimeSpan.Zero, '00:00:00'],
      [TimeSpan.FromMinutes(2), '00:02:00'],
      [TimeSpan.FromSeconds(30), '00:00:30'],
      [TimeSpan.FromMilliseconds(-1), '-00:00:00.0010000'],
      [new TimeSpan(1, 2, 3, 4, 500), '1.02:03:04.5000000'],
      [TimeSpan.FromHours(25), '1.01:00:00'],
      [new TimeSpan(1), '00:00:00.0000001'],
      [TimeSpan.MaxValue, '10675199.02:48:05.4775807'],
      [TimeSpan.MinValue, '-10675199.02:48:05.4775808'],
      [TimeSpan.FromSeconds(-2), '-00:00:02'],
    ])('prints %o as %s (the "c" format)', (value, text) => {
      expect(value.ToString()).toBe(text);
      expect(`${value}`).toBe(text);
      expect(JSON.stringify(value)).toBe(`"${text}"`);
    });
  });

  describe('static fields', () => {
    it("has .NET's tick constants", () => {
      expect(TimeSpan.TicksPerMillisecond).toBe(10_000);
      expect(TimeSpan.TicksPerSecond).toBe(10_000_000);
      expect(TimeSpan.TicksPerDay).toBe(864_000_000_000);
    });

    it('has InfiniteTimeSpan = -1 ms, the same instance as Timeout.InfiniteTimeSpan', () => {
      expect(TimeSpan.InfiniteTimeSpan.TotalMilliseconds).toBe(-1);
      expect(Timeout.InfiniteTimeSpan).toBe(TimeSpan.InfiniteTimeSpan);
      expect(Timeout.Infinite).toBe(-1);
    });

    it('keeps the exact ticks of MaxValue and MinValue', () => {
      expect(TimeSpan.MaxValue.ticksBigInt).toBe(9223372036854775807n);
      expect(TimeSpan.MinValue.ticksBigInt).toBe(-9223372036854775808n);
    });
  });

  describe('.FromX', () => {
    it.each([
      [TimeSpan.FromMilliseconds(1.5), 15_000],
      [TimeSpan.FromSeconds(1), 10_000_000],
      [TimeSpan.FromMinutes(1), 600_000_000],
      [TimeSpan.FromHours(1), 36_000_000_000],
      [TimeSpan.FromDays(1), 864_000_000_000],
      [TimeSpan.FromMicroseconds(3), 30],
      [TimeSpan.FromTicks(42), 42],
    ])('%o has %i ticks', (value, ticks) => {
      expect(value.Ticks).toBe(ticks);
    });

    it('throws ArgumentException for NaN', () => {
      expect(() => TimeSpan.FromSeconds(Number.NaN)).toThrow(ArgumentException);
      expect(() => TimeSpan.FromSeconds(Number.NaN)).toThrow(dotnetMessage('Arg_CannotBeNaN'));
    });

    it.each([Number.POSITIVE_INFINITY, 1e300, -1e300])('throws OverflowException for %d', (value) => {
      expect(() => TimeSpan.FromMilliseconds(value)).toThrow(OverflowException);
      expect(() => TimeSpan.FromMilliseconds(value)).toThrow(dotnetMessage('Overflow_TimeSpanTooLong'));
    });
  });

  describe('constructor', () => {
    it('takes (hours, minutes, seconds)', () => {
      expect(new TimeSpan(1, 2, 3).ToString()).toBe('01:02:03');
    });

    it('throws ArgumentOutOfRangeException when the total does not fit', () => {
      const attempt = () => new TimeSpan(20_000_000, 0, 0, 0);
      expect(attempt).toThrow(ArgumentOutOfRangeException);
      expect(attempt).toThrow(dotnetMessage('Overflow_TimeSpanTooLong'));
    });

    it('accepts bigint ticks', () => {
      expect(new TimeSpan(10_000n).TotalMilliseconds).toBe(1);
    });
  });

  describe('components', () => {
    it('splits an interval like .NET (truncating toward zero)', () => {
      const t = new TimeSpan(-1, -2, -3, -4, -5, -6);
      expect([t.Days, t.Hours, t.Minutes, t.Seconds, t.Milliseconds, t.Microseconds]).toEqual([-1, -2, -3, -4, -5, -6]);
    });

    it('reports totals as fractions', () => {
      const t = TimeSpan.FromMilliseconds(1500);
      expect(t.TotalSeconds).toBe(1.5);
      expect(t.TotalMilliseconds).toBe(1500);
      expect(t.TotalMinutes).toBe(0.025);
    });

    it('clamps TotalMilliseconds of MaxValue and MinValue as .NET does', () => {
      expect(TimeSpan.MaxValue.TotalMilliseconds).toBe(922337203685477);
      expect(TimeSpan.MinValue.TotalMilliseconds).toBe(-922337203685477);
    });
  });

  describe('#CompareTo', () => {
    it.each([
      [TimeSpan.Zero, TimeSpan.FromTicks(1), -1],
      [TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1000), 0],
      [TimeSpan.MaxValue, TimeSpan.FromTicks(9223372036854775806n), 1],
      [TimeSpan.FromSeconds(1), null, 1],
    ])('compares %o with %o as %i', (a, b, expected) => {
      expect(a.CompareTo(b)).toBe(expected);
    });

    it('throws ArgumentException "Object must be of type TimeSpan." for another type', () => {
      expect(() => TimeSpan.Zero.CompareTo(5 as unknown as TimeSpan)).toThrow(dotnetMessage('Arg_MustBeTimeSpan'));
    });
  });

  describe('#Equals', () => {
    it('compares lengths, not references', () => {
      expect(TimeSpan.FromSeconds(60).Equals(TimeSpan.FromMinutes(1))).toBe(true);
      expect(TimeSpan.FromSeconds(60).Equals(TimeSpan.FromMinutes(2))).toBe(false);
      expect(TimeSpan.Zero.Equals(0)).toBe(false);
    });
  });

  describe('#valueOf', () => {
    it('lets < and > compare intervals', () => {
      expect(TimeSpan.FromSeconds(1) < TimeSpan.FromSeconds(2)).toBe(true);
      expect(TimeSpan.InfiniteTimeSpan < TimeSpan.Zero).toBe(true);
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts, negates and takes the duration', () => {
      const a = TimeSpan.FromSeconds(3);
      const b = TimeSpan.FromSeconds(5);
      expect(a.Add(b).TotalSeconds).toBe(8);
      expect(a.Subtract(b).TotalSeconds).toBe(-2);
      expect(a.Negate().TotalSeconds).toBe(-3);
      expect(a.Subtract(b).Duration().TotalSeconds).toBe(2);
    });

    it('throws OverflowException past MaxValue', () => {
      expect(() => TimeSpan.MaxValue.Add(TimeSpan.FromTicks(1))).toThrow(dotnetMessage('Overflow_TimeSpanTooLong'));
    });

    it('throws OverflowException when negating MinValue', () => {
      expect(() => TimeSpan.MinValue.Negate()).toThrow(dotnetMessage('Overflow_NegateTwosCompNum'));
      expect(() => TimeSpan.MinValue.Duration()).toThrow(dotnetMessage('Overflow_Duration'));
    });

    it('multiplies and divides, rounding to the nearest tick', () => {
      expect(TimeSpan.FromSeconds(2).Multiply(1.5).TotalSeconds).toBe(3);
      expect(TimeSpan.FromSeconds(3).Divide(2).TotalSeconds).toBe(1.5);
      expect(TimeSpan.FromSeconds(3).Divide(TimeSpan.FromSeconds(2))).toBe(1.5);
      expect(TimeSpan.FromTicks(5).Divide(2).Ticks).toBe(2);
      expect(TimeSpan.FromTicks(7).Divide(2).Ticks).toBe(4);
    });

    it('rejects NaN factors', () => {
      expect(() => TimeSpan.Zero.Multiply(Number.NaN)).toThrow(`${dotnetMessage('Arg_CannotBeNaN')} (Parameter 'factor')`);
    });
  });

  describe('[inspect.custom]', () => {
    it('shows the "c" format', () => {
      expect(inspect(TimeSpan.FromMinutes(2))).toBe('TimeSpan(00:02:00)');
    });
  });

  it('is immutable', () => {
    expect(Object.isFrozen(TimeSpan.Zero)).toBe(true);
  });
});
