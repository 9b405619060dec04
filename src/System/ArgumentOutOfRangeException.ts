/**
 * System.ArgumentOutOfRangeException: an argument is outside the range of allowed values.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.argumentoutofrangeexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError, resolveMessage } from '../runtime/exception-type.js';
import { ArgumentException } from './ArgumentException.js';

/**
 * Thrown when an argument is outside its allowed range. When {@link ArgumentOutOfRangeException.ActualValue}
 * is given, the message gains a new line and "Actual value was X.", as .NET prints it.
 *
 * @example
 * throw new ArgumentOutOfRangeException('count');
 * // "Specified argument was out of the range of valid values. (Parameter 'count')"
 */
export class ArgumentOutOfRangeException extends ArgumentException {
  /** The offending value, or `null` when not given. */
  readonly #actualValue: unknown;

  /** @param paramName The offending parameter; the message is "Specified argument was out of the range of valid values." */
  constructor(paramName?: string | null);
  /** (paramName, message) */
  constructor(paramName: string | null | undefined, message: string | null | undefined);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  /** (paramName, actualValue, message) */
  constructor(paramName: string | null | undefined, actualValue: unknown, message: string | null | undefined);
  constructor(...args: unknown[]) {
    const [first, second, third] = args as [string | null | undefined, unknown, string | null | undefined];
    const actualValue = args.length >= 3 ? (second ?? null) : null;
    if (args.length >= 3) {
      super(resolveMessage(third, SR.Arg_ArgumentOutOfRangeException, new.target), first);
    } else if (isError(second)) {
      super(resolveMessage(first, SR.Arg_ArgumentOutOfRangeException, new.target), second);
    } else {
      super(resolveMessage(second as string | null | undefined, SR.Arg_ArgumentOutOfRangeException, new.target), first);
    }
    this.#actualValue = actualValue;
    if (actualValue !== null) {
      // V8 formats `stack` lazily, so the header still shows the complete message.
      this.message += `\n${SR.Format(SR.ArgumentOutOfRange_ActualValue, formatValue(actualValue))}`;
    }
  }

  /** The value that caused the exception, or `null`. */
  get ActualValue(): unknown {
    return this.#actualValue;
  }

  /**
   * Throws when `value` is negative (.NET 8's guard; message "{name} ('{value}') must be a non-negative value.").
   *
   * @throws {ArgumentOutOfRangeException} `value` < 0.
   */
  static ThrowIfNegative(value: number, paramName?: string): void {
    if (value < 0) throw guard(SR.ArgumentOutOfRange_Generic_MustBeNonNegative, value, paramName);
  }

  /**
   * Throws when `value` is negative or zero.
   *
   * @throws {ArgumentOutOfRangeException} `value` <= 0.
   */
  static ThrowIfNegativeOrZero(value: number, paramName?: string): void {
    if (value <= 0) throw guard(SR.ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero, value, paramName);
  }

  /**
   * Throws when `value` is zero ("{name} ('0') must be a non-zero value.").
   *
   * @throws {ArgumentOutOfRangeException} `value` === 0.
   */
  static ThrowIfZero(value: number, paramName?: string): void {
    if (value === 0) throw guard(SR.ArgumentOutOfRange_Generic_MustBeNonZero, value, paramName);
  }

  /**
   * Throws when `value` < `other`.
   *
   * @throws {ArgumentOutOfRangeException} `value` < `other`.
   */
  static ThrowIfLessThan(value: number, other: number, paramName?: string): void {
    if (value < other) throw guard(SR.ArgumentOutOfRange_Generic_MustBeGreaterOrEqual, value, paramName, other);
  }

  /**
   * Throws when `value` > `other`.
   *
   * @throws {ArgumentOutOfRangeException} `value` > `other`.
   */
  static ThrowIfGreaterThan(value: number, other: number, paramName?: string): void {
    if (value > other) throw guard(SR.ArgumentOutOfRange_Generic_MustBeLessOrEqual, value, paramName, other);
  }
}

function guard(template: string, value: number, paramName: string | undefined, other?: number): ArgumentOutOfRangeException {
  return new ArgumentOutOfRangeException(paramName, value, SR.Format(template, paramName, value, other));
}

/** Renders a value as .NET's `ToString()` would for the primitives we pass (booleans are "True"/"False"). */
function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

defineExceptionType(ArgumentOutOfRangeException, 'System.ArgumentOutOfRangeException', -2146233086);
