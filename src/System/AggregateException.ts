/**
 * System.AggregateException: several errors that occurred together.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.aggregateexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, isError } from '../runtime/exception-type.js';
import { ArgumentException } from './ArgumentException.js';
import { ArgumentNullException } from './ArgumentNullException.js';
import { Exception } from './Exception.js';

/**
 * Carries the errors of several callbacks or operations at once, e.g. those thrown by
 * `CancellationToken` callbacks during `CancellationTokenSource.Cancel()`. As on .NET (Core), the message
 * lists each inner message in parentheses: "One or more errors occurred. (first) (second)".
 *
 * @example
 * try { cts.Cancel(); } catch (e) {
 *   if (e instanceof AggregateException) for (const inner of e.InnerExceptions) console.error(inner);
 * }
 */
export class AggregateException extends Exception {
  /** The wrapped errors, in order. */
  readonly #inner: readonly Error[];
  /** The message without the inner messages appended. */
  readonly #baseMessage: string;

  /** @param message The message; omitted or null → "One or more errors occurred." */
  constructor(message?: string | null);
  /** (innerExceptions) */
  constructor(innerExceptions: Iterable<Error>);
  /** (...innerExceptions) */
  constructor(...innerExceptions: Error[]);
  /** (message, innerExceptions) */
  constructor(message: string | null | undefined, innerExceptions: Iterable<Error>);
  /** (message, ...innerExceptions) */
  constructor(message: string | null | undefined, ...innerExceptions: Error[]);
  constructor(...args: unknown[]) {
    let message: string | null | undefined;
    let rest = args;
    if (args.length > 0 && (args[0] == null || typeof args[0] === 'string')) {
      message = args[0];
      rest = args.slice(1);
    }
    let list: unknown[];
    if (rest.length === 1 && !isError(rest[0])) {
      if (rest[0] == null) throw new ArgumentNullException('innerExceptions');
      list = Array.from(rest[0] as Iterable<unknown>);
    } else {
      list = rest;
    }
    for (const item of list) {
      if (item == null) throw new ArgumentException(SR.AggregateException_ctor_InnerExceptionNull);
    }
    const inner = Object.freeze(list as Error[]);
    const base = message ?? SR.AggregateException_ctor_DefaultMessage;
    super(inner.length === 0 ? base : `${base} ${inner.map((e) => `(${e.message})`).join(' ')}`, inner[0]);
    this.#inner = inner;
    this.#baseMessage = base;
  }

  /** The wrapped errors (read-only). */
  get InnerExceptions(): readonly Error[] {
    return this.#inner;
  }

  /**
   * Returns a new AggregateException whose inner list has every nested AggregateException replaced by its
   * own inner errors, recursively.
   */
  Flatten(): AggregateException {
    const flat: Error[] = [];
    const pending: Error[] = [...this.#inner];
    while (pending.length > 0) {
      const e = pending.shift()!;
      if (e instanceof AggregateException) pending.unshift(...e.InnerExceptions);
      else flat.push(e);
    }
    return new AggregateException(this.#baseMessage, flat);
  }

  /**
   * Calls `predicate` on each inner error; those it does not handle (returns false for) are rethrown
   * together in a new AggregateException.
   *
   * @throws {ArgumentNullException} `predicate` is null.
   * @throws {AggregateException} Some inner errors were not handled.
   */
  Handle(predicate: (error: Error) => boolean): void {
    if (predicate == null) throw new ArgumentNullException('predicate');
    const unhandled = this.#inner.filter((e) => !predicate(e));
    if (unhandled.length > 0) throw new AggregateException(this.#baseMessage, unhandled);
  }

  /** Returns the first inner error when it is the only cause, as .NET's override does. */
  override GetBaseException(): Error {
    // The walk down the chain starts at this exception.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let back: Error = this;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let current: Error | null = this;
    while (current instanceof AggregateException && current.InnerExceptions.length === 1) {
      back = current;
      current = current.InnerException;
    }
    return current ?? back;
  }
}

defineExceptionType(AggregateException, 'System.AggregateException', -2146233088);
