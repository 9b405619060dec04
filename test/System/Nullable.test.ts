import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { Nullable } from '../../src/System/Nullable.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';

describe('Nullable', () => {
  describe('.Null', () => {
    it('has no value', () => {
      expect(Nullable.Null.HasValue).toBe(false);
    });

    it('throws InvalidOperationException "Nullable object must have a value." on Value', () => {
      expect(() => Nullable.Null.Value).toThrow(InvalidOperationException);
      expect(() => Nullable.Null.Value).toThrow(dotnetMessage('InvalidOperation_NoValue'));
    });

    it('is frozen', () => {
      expect(Object.isFrozen(Nullable.Null)).toBe(true);
    });
  });

  describe('.Of', () => {
    it('wraps a value', () => {
      const n = Nullable.Of(WebSocketCloseStatus.NormalClosure);
      expect(n.HasValue).toBe(true);
      expect(n.Value).toBe(1000);
    });

    it.each([null, undefined])('returns Nullable.Null for %s', (value) => {
      expect(Nullable.Of(value)).toBe(Nullable.Null);
    });

    it.each([-1, 0, 2, 1000, 4999, 65535])('returns the same cached instance for %i', (value) => {
      expect(Nullable.Of(value)).toBe(Nullable.Of(value));
    });

    it.each([true, false])('returns the same cached instance for %s', (value) => {
      expect(Nullable.Of(value)).toBe(Nullable.Of(value));
    });

    it('does not cache values outside the small-integer range', () => {
      expect(Nullable.Of(70000)).not.toBe(Nullable.Of(70000));
      expect(Nullable.Of(1.5)).not.toBe(Nullable.Of(1.5));
    });

    it('returns frozen instances', () => {
      expect(Object.isFrozen(Nullable.Of(1000))).toBe(true);
      expect(Object.isFrozen(Nullable.Of(TimeSpan.Zero))).toBe(true);
    });
  });

  describe('#GetValueOrDefault', () => {
    it('returns the value when there is one', () => {
      expect(Nullable.Of(7).GetValueOrDefault()).toBe(7);
      expect(Nullable.Of(7).GetValueOrDefault(9)).toBe(7);
    });

    it('returns the given default when empty', () => {
      expect((Nullable.Null as Nullable<number>).GetValueOrDefault(9)).toBe(9);
    });

    it("returns 0 (C#'s default for enums and integers) when empty and no default is given", () => {
      expect((Nullable.Null as Nullable<number>).GetValueOrDefault()).toBe(0);
    });
  });

  describe('#Equals', () => {
    it.each([
      [Nullable.Null, Nullable.Null, true],
      [Nullable.Null, null, true],
      [Nullable.Of(1000), 1000, true],
      [Nullable.Of(1000), Nullable.Of(1000), true],
      [Nullable.Of(1000), 1001, false],
      [Nullable.Of(1000), Nullable.Null, false],
      [Nullable.Null, 0, false],
      [Nullable.Of(TimeSpan.FromSeconds(1)), TimeSpan.FromMilliseconds(1000), true],
    ] as const)('%o equals %o: %s', (a, b, expected) => {
      expect(a.Equals(b)).toBe(expected);
    });
  });

  describe('#toString', () => {
    it("prints the value, or the empty string when empty (as C#'s ToString)", () => {
      expect(`${Nullable.Of(1000)}`).toBe('1000');
      expect(`${Nullable.Null}`).toBe('');
      expect(Nullable.Null.ToString()).toBe('');
      expect(Nullable.Of(TimeSpan.FromMinutes(2)).ToString()).toBe('00:02:00');
    });
  });

  describe('#toJSON', () => {
    it('serializes as the value or null', () => {
      expect(JSON.stringify({ a: Nullable.Of(1000), b: Nullable.Null })).toBe('{"a":1000,"b":null}');
    });
  });

  describe('[inspect.custom]', () => {
    it('shows the value, or null when empty', () => {
      expect(inspect(Nullable.Of(1000))).toBe('1000');
      expect(inspect(Nullable.Null)).toBe('null');
    });
  });

  describe('[Symbol.hasInstance]', () => {
    it('recognises Nullable values', () => {
      expect(Nullable.Of(1) instanceof (Nullable as unknown as abstract new () => unknown)).toBe(true);
      expect((1 as unknown) instanceof (Nullable as unknown as abstract new () => unknown)).toBe(false);
    });
  });
});
