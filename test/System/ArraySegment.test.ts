import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

const indexMessage = `${dotnetMessage('ArgumentOutOfRange_IndexMustBeLess')} (Parameter 'index')`;
/** Slice's checks, worded "less than or equal to" on .NET 10. */
const sliceMessage = `${dotnetMessage('ArgumentOutOfRange_IndexMustBeLessOrEqual')} (Parameter 'index')`;

describe('ArraySegment', () => {
  describe('constructor', () => {
    it("wraps a whole array (the seed's new ArraySegment<byte>(buffer))", () => {
      const buffer = new Uint8Array(1024 * 4);
      const segment = new ArraySegment(buffer);
      expect(segment.Array).toBe(buffer);
      expect(segment.Offset).toBe(0);
      expect(segment.Count).toBe(4096);
    });

    it('wraps part of an array', () => {
      const segment = new ArraySegment(new Uint8Array(10), 2, 5);
      expect([segment.Offset, segment.Count]).toEqual([2, 5]);
    });

    it('accepts offset + count equal to the length', () => {
      expect(new ArraySegment(new Uint8Array(10), 10, 0).Count).toBe(0);
      expect(new ArraySegment(new Uint8Array(10), 0, 10).Count).toBe(10);
    });

    it('gives the default segment without arguments', () => {
      const segment = new ArraySegment();
      expect([segment.Array, segment.Offset, segment.Count]).toEqual([null, 0, 0]);
    });

    it('works over other typed arrays', () => {
      const segment = new ArraySegment(new Int16Array([1, -2, 3]), 1, 2);
      expect(segment.get(0)).toBe(-2);
      expect(new ArraySegment(new BigInt64Array([5n])).get(0)).toBe(5n);
    });

    it.each([
      [
        'null array (1 argument)',
        () => new ArraySegment(null as unknown as Uint8Array),
        ArgumentNullException,
        "Value cannot be null. (Parameter 'array')",
      ],
      [
        'null array (3 arguments)',
        () => new ArraySegment(null as unknown as Uint8Array, 0, 0),
        ArgumentNullException,
        "Value cannot be null. (Parameter 'array')",
      ],
      [
        'negative offset',
        () => new ArraySegment(new Uint8Array(4), -1, 1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'offset')`,
      ],
      [
        'negative count',
        () => new ArraySegment(new Uint8Array(4), 0, -1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'count')`,
      ],
      [
        'negative offset and count (offset first)',
        () => new ArraySegment(new Uint8Array(4), -1, -1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_NeedNonNegNum')} (Parameter 'offset')`,
      ],
      ['offset past the end', () => new ArraySegment(new Uint8Array(4), 5, 0), ArgumentException, dotnetMessage('Argument_InvalidOffLen')],
      [
        'offset + count past the end',
        () => new ArraySegment(new Uint8Array(4), 2, 3),
        ArgumentException,
        dotnetMessage('Argument_InvalidOffLen'),
      ],
    ])("rejects a %s with .NET's exception and message", (_, create, type, message) => {
      const error = thrown(create);
      expect(error).toBeInstanceOf(type);
      expect(error.constructor).toBe(type);
      expect(error.message).toBe(message);
    });

    it('reports no parameter for the offset + count check', () => {
      expect(thrown<ArgumentException>(() => new ArraySegment(new Uint8Array(4), 2, 3)).ParamName).toBeNull();
    });
  });

  describe('.Empty', () => {
    it('is a segment over a zero-length array, not the default segment', () => {
      expect(ArraySegment.Empty.Array).not.toBeNull();
      expect(ArraySegment.Empty.Count).toBe(0);
      expect(ArraySegment.Empty).toBe(ArraySegment.Empty);
    });
  });

  describe('#get / #set', () => {
    it('reads and writes through to the underlying array', () => {
      const array = new Uint8Array([1, 2, 3, 4]);
      const segment = new ArraySegment(array, 1, 2);
      expect(segment.get(0)).toBe(2);
      segment.set(1, 9);
      expect(array[2]).toBe(9);
    });

    it.each([-1, 2, 1.5])('throws ArgumentOutOfRangeException for index %d', (index) => {
      const segment = new ArraySegment(new Uint8Array(4), 1, 2);
      expect(thrown(() => segment.get(index)).message).toBe(indexMessage);
      expect(thrown(() => segment.set(index, 0)).message).toBe(indexMessage);
    });

    it('throws ArgumentOutOfRangeException (not InvalidOperationException) on a default segment', () => {
      expect(thrown(() => new ArraySegment().get(0))).toBeInstanceOf(ArgumentOutOfRangeException);
    });
  });

  describe('#Slice', () => {
    const array = new Uint8Array([0, 1, 2, 3, 4, 5]);
    const segment = new ArraySegment(array, 1, 4);

    it('shares the array', () => {
      const slice = segment.Slice(1, 2);
      expect(slice.Array).toBe(array);
      expect([slice.Offset, slice.Count]).toEqual([2, 2]);
      expect(segment.Slice(2).Count).toBe(2);
      expect(segment.Slice(4).Count).toBe(0);
    });

    it.each([
      ['index past Count', () => segment.Slice(5)],
      ['negative index', () => segment.Slice(-1)],
      ['count past the end', () => segment.Slice(2, 3)],
      ['negative count', () => segment.Slice(0, -1)],
    ])('throws ArgumentOutOfRangeException for %s', (_, action) => {
      expect(thrown(action).message).toBe(sliceMessage);
    });

    it('throws InvalidOperationException on a default segment', () => {
      const error = thrown(() => new ArraySegment().Slice(0));
      expect(error).toBeInstanceOf(InvalidOperationException);
      expect(error.message).toBe(dotnetMessage('InvalidOperation_NullArray'));
    });
  });

  describe('#ToArray', () => {
    it('copies the elements', () => {
      const array = new Uint8Array([1, 2, 3, 4]);
      const copy = new ArraySegment(array, 1, 2).ToArray();
      expect(Array.from(copy)).toEqual([2, 3]);
      copy[0] = 99;
      expect(array[1]).toBe(2);
    });

    it('returns an array of the same kind', () => {
      expect(new ArraySegment(new Float64Array([1.5])).ToArray()).toBeInstanceOf(Float64Array);
      expect(Buffer.isBuffer(new ArraySegment(Buffer.from('ab')).ToArray())).toBe(true);
    });

    it('returns a shared empty array for an empty segment', () => {
      const a = new ArraySegment(new Uint8Array(3), 1, 0).ToArray();
      expect(a.length).toBe(0);
      expect(new ArraySegment(new Uint8Array(1), 0, 0).ToArray()).toBe(a);
    });

    it('throws InvalidOperationException on a default segment', () => {
      expect(thrown(() => new ArraySegment().ToArray()).message).toBe(dotnetMessage('InvalidOperation_NullArray'));
    });
  });

  describe('#CopyTo', () => {
    it('copies into an array at an index', () => {
      const destination = new Uint8Array(5);
      new ArraySegment(new Uint8Array([1, 2, 3]), 1, 2).CopyTo(destination, 3);
      expect(Array.from(destination)).toEqual([0, 0, 0, 2, 3]);
    });

    it('copies into another segment', () => {
      const target = new Uint8Array(4);
      new ArraySegment(new Uint8Array([7, 8])).CopyTo(new ArraySegment(target, 1, 3));
      expect(Array.from(target)).toEqual([0, 7, 8, 0]);
    });

    it('handles overlapping source and destination', () => {
      const array = new Uint8Array([1, 2, 3, 4]);
      new ArraySegment(array, 0, 3).CopyTo(array, 1);
      expect(Array.from(array)).toEqual([1, 1, 2, 3]);
    });

    it.each([
      [
        'null destination',
        () => new ArraySegment(new Uint8Array(1)).CopyTo(null as unknown as Uint8Array),
        ArgumentNullException,
        "Value cannot be null. (Parameter 'destinationArray')",
      ],
      [
        'negative index',
        () => new ArraySegment(new Uint8Array(1)).CopyTo(new Uint8Array(1), -1),
        ArgumentOutOfRangeException,
        `${dotnetMessage('ArgumentOutOfRange_ArrayLB')} (Parameter 'destinationIndex')`,
      ],
      [
        'short destination',
        () => new ArraySegment(new Uint8Array(3)).CopyTo(new Uint8Array(2)),
        ArgumentException,
        `${dotnetMessage('Arg_LongerThanDestArray')} (Parameter 'destinationArray')`,
      ],
      [
        'short destination segment',
        () => new ArraySegment(new Uint8Array(3)).CopyTo(new ArraySegment(new Uint8Array(2))),
        ArgumentException,
        `${dotnetMessage('Argument_DestinationTooShort')} (Parameter 'destination')`,
      ],
      [
        'default source',
        () => new ArraySegment().CopyTo(new Uint8Array(1)),
        InvalidOperationException,
        dotnetMessage('InvalidOperation_NullArray'),
      ],
      [
        'default destination segment',
        () => new ArraySegment(new Uint8Array(1)).CopyTo(new ArraySegment()),
        InvalidOperationException,
        dotnetMessage('InvalidOperation_NullArray'),
      ],
    ])('rejects a %s', (_, action, type, message) => {
      const error = thrown(action);
      expect(error.constructor).toBe(type);
      expect(error.message).toBe(message);
    });
  });

  describe('#Equals', () => {
    const array = new Uint8Array(4);

    it('is true for the same array, offset and count', () => {
      expect(new ArraySegment(array, 1, 2).Equals(new ArraySegment(array, 1, 2))).toBe(true);
      expect(new ArraySegment().Equals(new ArraySegment())).toBe(true);
    });

    it('is false for a different array with equal contents', () => {
      expect(new ArraySegment(array).Equals(new ArraySegment(new Uint8Array(4)))).toBe(false);
      expect(new ArraySegment(array, 0, 2).Equals(new ArraySegment(array, 0, 3))).toBe(false);
      expect(new ArraySegment(array).Equals(array)).toBe(false);
    });
  });

  describe('#GetHashCode', () => {
    it('is 0 for the default segment', () => {
      expect(new ArraySegment().GetHashCode()).toBe(0);
    });
  });

  describe('[Symbol.iterator]', () => {
    it("iterates the segment's elements", () => {
      expect([...new ArraySegment(new Uint8Array([1, 2, 3, 4]), 1, 2)]).toEqual([2, 3]);
    });

    it('throws InvalidOperationException on a default segment', () => {
      expect(thrown(() => [...new ArraySegment()]).message).toBe(dotnetMessage('InvalidOperation_NullArray'));
    });
  });

  it('exposes Array, Offset and Count as plain own properties', () => {
    const segment = new ArraySegment(new Uint8Array(2));
    expect(Object.getOwnPropertyDescriptor(segment, 'Count')).toMatchObject({ value: 2 });
    expect(Object.getOwnPropertyDescriptor(segment, 'Offset')).toMatchObject({ value: 0 });
  });
});
