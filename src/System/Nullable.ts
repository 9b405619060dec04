/**
 * System.Nullable<T>: a value type that may have no value (C#'s `T?` on a struct or enum).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.nullable-1
 */
import { inspect } from 'node:util';
import { SR } from '../Resources/SR.js';
import { InvalidOperationException } from './InvalidOperationException.js';

/** Members shared by both shapes of a {@link Nullable}. */
interface NullableMembers<T> {
  /**
   * The value, or a fallback when there is none.
   *
   * @param defaultValue Returned when there is no value.
   * @remarks Differs from .NET: JavaScript cannot know `default(T)`, so without `defaultValue` an empty
   * Nullable returns 0 — C#'s default for the enums and integers this library uses (for other `T`, pass
   * `defaultValue`).
   */
  GetValueOrDefault(defaultValue?: T): T;
  /**
   * True when both are empty, or `other` (a Nullable or a plain value) holds an equal value
   * (`Equals` method if the value has one, else `Object.is`).
   */
  Equals(other: unknown): boolean;
  /** The value's string form, or "" when empty (as C#'s `ToString()`). */
  ToString(): string;
  /** Same as `ToString()`, so template literals print the value or "". */
  toString(): string;
  /** The value, or `null` when empty, so `JSON.stringify` writes what System.Text.Json writes. */
  toJSON(): T | null;
}

/** A {@link Nullable} that holds a value (`HasValue` is true). */
export interface NullableWithValue<T> extends NullableMembers<T> {
  /** Always true here. */
  readonly HasValue: true;
  /** The value. */
  readonly Value: T;
}

/** A {@link Nullable} without a value (`HasValue` is false). */
export interface NullableWithoutValue<T = never> extends NullableMembers<T> {
  /** Always false here. */
  readonly HasValue: false;
  /**
   * Throws: there is no value.
   *
   * @throws {InvalidOperationException} "Nullable object must have a value."
   */
  readonly Value: never;
}

/**
 * C#'s `T?` for value types: either a value or nothing. Test {@link NullableWithValue.HasValue} before reading
 * {@link NullableWithValue.Value}; TypeScript narrows on it, as in
 * `while (!result.CloseStatus.HasValue) { … }`.
 *
 * Instances are frozen and shared: `Nullable.Null` is the one empty instance, and
 * `Nullable.Of` returns cached instances for booleans and integers in -1..65535 (enum values, close
 * codes), so the common results allocate nothing.
 *
 * @remarks Differs from .NET: a Nullable is an object, so `r.CloseStatus == null` and
 * `r.CloseStatus === WebSocketCloseStatus.NormalClosure` are always false in JavaScript (the latter is a
 * type error); use `!r.CloseStatus.HasValue` and `r.CloseStatus.Equals(…)` or `r.CloseStatus.Value === …`.
 */
export type Nullable<T> = NullableWithValue<T> | NullableWithoutValue<T>;

/** The one implementation behind both shapes. */
class NullableBox<T> {
  readonly HasValue: boolean;
  readonly #value: T | undefined;

  constructor(hasValue: boolean, value: T | undefined) {
    this.HasValue = hasValue;
    this.#value = value;
    Object.freeze(this);
  }

  get Value(): T {
    if (!this.HasValue) throw new InvalidOperationException(SR.InvalidOperation_NoValue);
    return this.#value as T;
  }

  GetValueOrDefault(defaultValue?: T): T {
    if (this.HasValue) return this.#value as T;
    return defaultValue === undefined ? (0 as T) : defaultValue;
  }

  Equals(other: unknown): boolean {
    let otherHas: boolean;
    let otherValue: unknown;
    if (other instanceof NullableBox) {
      otherHas = other.HasValue;
      otherValue = other.HasValue ? other.Value : undefined;
    } else {
      otherHas = other != null;
      otherValue = other;
    }
    if (!this.HasValue || !otherHas) return this.HasValue === otherHas;
    const mine = this.#value as { Equals?: (o: unknown) => boolean } | undefined;
    if (mine !== null && typeof mine === 'object' && typeof mine.Equals === 'function') return mine.Equals(otherValue);
    return Object.is(mine, otherValue);
  }

  ToString(): string {
    return this.HasValue ? String(this.#value) : '';
  }

  toString(): string {
    return this.ToString();
  }

  toJSON(): T | null {
    return this.HasValue ? (this.#value as T) : null;
  }

  [inspect.custom](_depth: number, options: object): string {
    return this.HasValue ? inspect(this.#value, options) : 'null';
  }
}

const empty = new NullableBox<never>(false, undefined) as unknown as NullableWithoutValue;
const ints = new Map<number, NullableBox<number>>();
const bools = [new NullableBox(true, false), new NullableBox(true, true)];

/** Integers in this range are cached: enum values, -1 (Timeout.Infinite) and every close code. */
const CACHE_MIN = -1;
const CACHE_MAX = 65535;

/**
 * Factory and type test for {@link Nullable} values.
 *
 * @example
 * let status: Nullable<WebSocketCloseStatus> = Nullable.Null;
 * status = Nullable.Of(WebSocketCloseStatus.NormalClosure);
 * if (status.HasValue) console.log(WebSocketCloseStatus[status.Value]); // "NormalClosure"
 */
export const Nullable = Object.freeze({
  /** The empty Nullable (C#'s `null` for a `T?`), assignable to every `Nullable<T>`. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- declares Null as Nullable<never>, not the narrower NullableWithoutValue
  Null: empty as Nullable<never>,

  /**
   * Wraps a value; `null` or `undefined` give `Nullable.Null`. Booleans and integers in -1..65535
   * come from a cache, so repeated calls allocate nothing.
   *
   * @example
   * const status = Nullable.Of<WebSocketCloseStatus>(WebSocketCloseStatus.NormalClosure);
   */
  Of<T>(value: T | null | undefined): Nullable<T> {
    if (value === null || value === undefined) return empty;
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= CACHE_MIN && value <= CACHE_MAX && !Object.is(value, -0)) {
        let box = ints.get(value);
        if (box === undefined) {
          box = new NullableBox(true, value);
          ints.set(value, box);
        }
        return box as unknown as Nullable<T>;
      }
    } else if (typeof value === 'boolean') {
      return bools[value ? 1 : 0] as unknown as Nullable<T>;
    }
    return new NullableBox(true, value) as unknown as Nullable<T>;
  },

  /** `value instanceof Nullable` is true for every Nullable. */
  [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof NullableBox;
  },
});
