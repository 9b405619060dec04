/**
 * System.ArraySegment<T>: a window (offset + count) onto an array.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.arraysegment-1
 */
import { inspect } from 'node:util';
import { SR } from '../Resources/SR.js';
import { ArgumentException } from './ArgumentException.js';
import { ArgumentNullException } from './ArgumentNullException.js';
import { ArgumentOutOfRangeException } from './ArgumentOutOfRangeException.js';
import { InvalidOperationException } from './InvalidOperationException.js';

/** The typed arrays an ArraySegment can wrap (C#'s `T[]` for numeric `T`; `byte[]` is `Uint8Array`). */
export type TypedArray =
  | Uint8Array
  | Uint8ClampedArray
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

/** The element type of a typed array: `bigint` for the 64-bit integer arrays, `number` otherwise. */
export type ElementOf<T extends TypedArray> = T extends BigInt64Array | BigUint64Array ? bigint : number;

/**
 * The typed-array class of `T` whatever its buffer type (`Uint8Array<ArrayBuffer>` → `Uint8Array`), so
 * CopyTo accepts any array of the same element type, as C#'s `T[]` does.
 */
export type ArrayKind<T extends TypedArray> = T extends Uint8ClampedArray
  ? Uint8ClampedArray
  : T extends Uint8Array
    ? Uint8Array
    : T extends Int8Array
      ? Int8Array
      : T extends Uint16Array
        ? Uint16Array
        : T extends Int16Array
          ? Int16Array
          : T extends Uint32Array
            ? Uint32Array
            : T extends Int32Array
              ? Int32Array
              : T extends Float32Array
                ? Float32Array
                : T extends Float64Array
                  ? Float64Array
                  : T extends BigUint64Array
                    ? BigUint64Array
                    : BigInt64Array;

/** Shared zero-length arrays per typed-array class, for `ToArray()` of an empty segment. */
const emptyArrays = new Map<object, TypedArray>();

/**
 * A view of `Count` elements of an array starting at `Offset`, as .NET's `ArraySegment<T>`; the seed's
 * `new ArraySegment<byte>(buffer)` is `new ArraySegment(buffer)` over a `Uint8Array`. Writes through the
 * indexer ({@link ArraySegment.set}) go to the underlying array.
 *
 * `new ArraySegment()` is C#'s `default(ArraySegment<T>)`: `Array` is null, and Slice/ToArray/CopyTo
 * throw InvalidOperationException.
 *
 * @example
 * const buffer = new Uint8Array(1024 * 4);
 * const receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
 */
export class ArraySegment<T extends TypedArray = Uint8Array> {
  /** The underlying array; `null` for a default segment. */
  readonly Array: T | null;
  /** The position of the first element in {@link ArraySegment.Array}. */
  readonly Offset: number;
  /** The number of elements in the segment. */
  readonly Count: number;

  /** The default segment: no array, Offset 0, Count 0. */
  constructor();
  /**
   * The whole of `array`.
   *
   * @throws {ArgumentNullException} `array` is null ("array").
   */
  constructor(array: T);
  /**
   * `count` elements of `array` from `offset`.
   *
   * @throws {ArgumentNullException} `array` is null ("array").
   * @throws {ArgumentOutOfRangeException} `offset` or `count` is negative ("Non-negative number required.").
   * @throws {ArgumentException} `offset + count` exceeds the array's length.
   */
  constructor(array: T, offset: number, count: number);
  constructor(array?: T | null, offset?: number, count?: number) {
    if (arguments.length === 0) {
      this.Array = null;
      this.Offset = 0;
      this.Count = 0;
      return;
    }
    if (array == null) throw new ArgumentNullException('array');
    if (offset === undefined && count === undefined) {
      this.Array = array;
      this.Offset = 0;
      this.Count = array.length;
      return;
    }
    // Same checks and order as .NET's ThrowHelper.ThrowArraySegmentCtorValidationFailedExceptions.
    if (!isIndex(offset)) throw new ArgumentOutOfRangeException('offset', SR.ArgumentOutOfRange_NeedNonNegNum);
    if (!isIndex(count)) throw new ArgumentOutOfRangeException('count', SR.ArgumentOutOfRange_NeedNonNegNum);
    if (offset > array.length || count > array.length - offset) throw new ArgumentException(SR.Argument_InvalidOffLen);
    this.Array = array;
    this.Offset = offset;
    this.Count = count;
  }

  /** A segment over a shared zero-length `Uint8Array` (not the default segment: `Array` is not null). */
  static readonly Empty: ArraySegment<Uint8Array> = new ArraySegment(new Uint8Array(0));

  /**
   * The element at `index` within the segment (C#'s `segment[index]`).
   *
   * @throws {ArgumentOutOfRangeException} `index` is negative or ≥ Count ("index").
   */
  get(index: number): ElementOf<T> {
    if (!isIndex(index) || index >= this.Count) throw indexOutOfRange();
    return this.Array![this.Offset + index] as ElementOf<T>;
  }

  /**
   * Writes `value` at `index` within the segment, i.e. into the underlying array.
   *
   * @throws {ArgumentOutOfRangeException} `index` is negative or ≥ Count ("index").
   */
  set(index: number, value: ElementOf<T>): void {
    if (!isIndex(index) || index >= this.Count) throw indexOutOfRange();
    (this.Array as unknown as { [i: number]: ElementOf<T> })[this.Offset + index] = value;
  }

  /**
   * The part of this segment from `index` (to the end, or `count` elements); it shares the array.
   *
   * @throws {InvalidOperationException} This is a default segment.
   * @throws {ArgumentOutOfRangeException} The range is outside the segment ("index").
   */
  Slice(index: number, count?: number): ArraySegment<T> {
    const array = this.#array();
    // .NET 10's Slice words both checks "less than or equal to", unlike the indexer.
    if (!isIndex(index) || index > this.Count) throw indexOutOfRange(SR.ArgumentOutOfRange_IndexMustBeLessOrEqual);
    if (count === undefined) count = this.Count - index;
    else if (!isIndex(count) || count > this.Count - index) throw indexOutOfRange(SR.ArgumentOutOfRange_IndexMustBeLessOrEqual);
    return new ArraySegment(array, this.Offset + index, count);
  }

  /**
   * A copy of the segment's elements in a new array of the same kind (an empty segment gives a shared
   * empty array).
   *
   * @throws {InvalidOperationException} This is a default segment.
   */
  ToArray(): T {
    const array = this.#array();
    if (this.Count === 0) {
      let empty = emptyArrays.get(array.constructor);
      if (empty === undefined) {
        empty = allocateLike(array, 0);
        emptyArrays.set(array.constructor, empty);
      }
      return empty as T;
    }
    const copy = allocateLike(array, this.Count);
    copy.set(array.subarray(this.Offset, this.Offset + this.Count) as never);
    return copy;
  }

  /**
   * Copies the segment into `destination` at `destinationIndex` (Array.Copy semantics), or into another
   * segment.
   *
   * @throws {InvalidOperationException} This (or the destination) is a default segment.
   * @throws {ArgumentNullException} `destination` is null ("destinationArray").
   * @throws {ArgumentOutOfRangeException} `destinationIndex` is negative ("destinationIndex").
   * @throws {ArgumentException} The destination is too short ("destinationArray"; "destination" for a segment).
   */
  CopyTo(destination: ArrayKind<T>, destinationIndex?: number): void;
  CopyTo(destination: ArraySegment<ArrayKind<T>>): void;
  CopyTo(destination: ArrayKind<T> | ArraySegment<ArrayKind<T>>, destinationIndex = 0): void {
    const array = this.#array();
    if (destination instanceof ArraySegment) {
      const target: TypedArray = destination.#array();
      if (this.Count > destination.Count) throw new ArgumentException(SR.Argument_DestinationTooShort, 'destination');
      target.set(array.subarray(this.Offset, this.Offset + this.Count) as never, destination.Offset);
      return;
    }
    if (destination == null) throw new ArgumentNullException('destinationArray');
    if (!isIndex(destinationIndex)) throw new ArgumentOutOfRangeException('destinationIndex', SR.ArgumentOutOfRange_ArrayLB);
    if (destinationIndex + this.Count > destination.length) {
      throw new ArgumentException(SR.Arg_LongerThanDestArray, 'destinationArray');
    }
    destination.set(array.subarray(this.Offset, this.Offset + this.Count) as never, destinationIndex);
  }

  /** True when `other` is a segment over the same array (by reference) with the same Offset and Count. */
  Equals(other: unknown): boolean {
    return other instanceof ArraySegment && other.Array === this.Array && other.Offset === this.Offset && other.Count === this.Count;
  }

  /** A hash of Offset and Count (0 for a default segment). */
  GetHashCode(): number {
    return this.Array === null ? 0 : (Math.imul(this.Offset, 31) + this.Count) | 0;
  }

  /**
   * Iterates the segment's elements (C#'s `foreach`).
   *
   * @throws {InvalidOperationException} This is a default segment.
   */
  *[Symbol.iterator](): IterableIterator<ElementOf<T>> {
    const array = this.#array();
    const end = this.Offset + this.Count;
    for (let i = this.Offset; i < end; i++) yield array[i] as ElementOf<T>;
  }

  /** How Node's `util.inspect` (and so `console.log`) shows it. Node.js extension. */
  [inspect.custom](): string {
    return this.Array === null
      ? 'ArraySegment { Array: null, Offset: 0, Count: 0 }'
      : `ArraySegment { Array: ${this.Array.constructor.name}(${this.Array.length}), Offset: ${this.Offset}, Count: ${this.Count} }`;
  }

  /** The array, or .NET's InvalidOperationException for a default segment. */
  #array(): T {
    if (this.Array === null) throw new InvalidOperationException(SR.InvalidOperation_NullArray);
    return this.Array;
  }
}

/** A non-negative integer (C#'s int parameters; fractions and NaN count as out of range). */
function isIndex(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function indexOutOfRange(message: string = SR.ArgumentOutOfRange_IndexMustBeLess): ArgumentOutOfRangeException {
  return new ArgumentOutOfRangeException('index', message);
}

/** A new zeroed array of the same kind (a Buffer for a Buffer, without Buffer's deprecated constructor). */
function allocateLike<T extends TypedArray>(array: T, length: number): T {
  if (Buffer.isBuffer(array)) return Buffer.alloc(length) as unknown as T;
  return new (array.constructor as new (length: number) => T)(length);
}
