/**
 * System.Threading.CancellationTokenSource: the owner side of cooperative cancellation.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.cancellationtokensource
 */
import { inspect } from 'node:util';
import { SR } from '../Resources/SR.js';
import { CallbackList, type CallbackNode } from '../runtime/callback-list.js';
import { AggregateException } from '../System/AggregateException.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { CancellationToken, setSourceOperations, tokenFor } from './CancellationToken.js';
import { CancellationTokenRegistration, createRegistration } from './CancellationTokenRegistration.js';

const NOT_CANCELED = 0;
const NOTIFYING = 1;
const NOTIFYING_COMPLETE = 2;

/** .NET's Timer.MaxSupportedTimeout: 0xfffffffe ms (about 49.7 days). */
const MAX_SUPPORTED_TIMEOUT = 0xfffffffe;
/** The longest delay setTimeout accepts; longer delays are chained. */
const MAX_SET_TIMEOUT = 0x7fffffff;

/** Friend accessor for registrationCount (tests); assigned in the class's static block. */
let countImpl: (source: CancellationTokenSource) => number;
/** The one always-canceled source behind `new CancellationToken(true)`. */
let alwaysCanceled: CancellationTokenSource | null = null;

/**
 * Creates and cancels {@link CancellationToken}s. Hand out {@link CancellationTokenSource.Token}, call
 * {@link CancellationTokenSource.Cancel} (or schedule it with a delay), and dispose the source when done.
 *
 * Callbacks registered on the token run synchronously inside `Cancel()`, newest first; their exceptions
 * are collected into an {@link AggregateException}. Timers never keep the process alive (`unref`).
 *
 * @example
 * using cts = new CancellationTokenSource();
 * cts.CancelAfter(TimeSpan.FromSeconds(10));
 * await ws.ReceiveAsync(new ArraySegment(buffer), cts.Token);
 */
export class CancellationTokenSource {
  /** NOT_CANCELED, NOTIFYING (callbacks running) or NOTIFYING_COMPLETE. */
  #state = NOT_CANCELED;
  /** Set by Dispose(). */
  #disposed = false;
  /** Registered callbacks; created on first Register, dropped on Cancel/Dispose. */
  #callbacks: CallbackList | null = null;
  /** The pending CancelAfter timer. */
  #timer: NodeJS.Timeout | null = null;
  /** The token handed out by `Token` (one per source). */
  #token: CancellationToken | null = null;
  /** Backs `token.signal`; created on first use. */
  #controller: AbortController | null = null;
  /** For a source made by CancellationToken.fromSignal: that signal, and our listener on it. */
  #external: { signal: AbortSignal; listener: () => void } | null = null;
  /** For a linked source: the registrations on the parents, removed by Dispose. */
  #links: CancellationTokenRegistration[] | null = null;

  /** A source that is canceled only by `Cancel()`. */
  constructor();
  /**
   * A source canceled after `millisecondsDelay` (0: canceled at once; -1: never).
   *
   * @throws {ArgumentOutOfRangeException} `millisecondsDelay` < -1.
   */
  constructor(millisecondsDelay: number);
  /**
   * A source canceled after `delay` (zero: canceled at once; −1 ms: never).
   *
   * @throws {ArgumentOutOfRangeException} `delay` is less than −1 ms or more than 0xfffffffe ms.
   */
  constructor(delay: TimeSpan);
  constructor(delay?: number | TimeSpan) {
    if (delay === undefined) return;
    const ms = CancellationTokenSource.#validateDelay(delay);
    if (ms === 0) this.#state = NOTIFYING_COMPLETE;
    else this.#startTimer(ms);
  }

  static {
    countImpl = (source) => source.#callbacks?.size ?? 0;
    // What CancellationToken needs of a source: handed over here, so that its module need not import this one.
    setSourceOperations({
      canceledSource: () => (alwaysCanceled ??= new CancellationTokenSource(0)),
      tokenFromSignal: (signal) => {
        const source = new CancellationTokenSource();
        const listener = () => source.#notifyFromTimerOrSignal();
        source.#external = { signal, listener };
        if (signal.aborted) source.#state = NOTIFYING_COMPLETE;
        else signal.addEventListener('abort', listener, { once: true });
        return (source.#token ??= tokenFor(source));
      },
      register: (source, callback, state, token) => (source as CancellationTokenSource).#register(callback, state, token),
      signalOf: (source) => (source as CancellationTokenSource).#signal(),
      canceled: (token) => new OperationCanceledException(SR.OperationCanceled, token),
    });
  }

  /** True once cancellation was requested (still readable after Dispose). */
  get IsCancellationRequested(): boolean {
    return this.#state !== NOT_CANCELED;
  }

  /**
   * The token this source cancels (the same token every time).
   *
   * @throws {ObjectDisposedException} The source was disposed.
   */
  get Token(): CancellationToken {
    this.#throwIfDisposed();
    return (this.#token ??= tokenFor(this));
  }

  /**
   * Requests cancellation: the token reports it and every registered callback runs now, synchronously,
   * newest first. Later calls do nothing.
   *
   * @param throwOnFirstException true: the first callback exception propagates at once and the remaining
   * callbacks do not run; false (default): all callbacks run and their exceptions are thrown together.
   * @throws {AggregateException} Callbacks threw (when `throwOnFirstException` is false).
   * @throws {ObjectDisposedException} The source was disposed.
   */
  Cancel(throwOnFirstException = false): void {
    this.#throwIfDisposed();
    if (this.#transition()) this.#runCallbacks(throwOnFirstException);
  }

  /**
   * Requests cancellation at once, and runs the callbacks later (on a following turn of the event loop).
   *
   * @returns A promise that settles when the callbacks have run; it rejects with an
   * {@link AggregateException} if some threw, or with {@link ObjectDisposedException} if the source was
   * disposed.
   */
  CancelAsync(): Promise<void> {
    if (this.#disposed) return Promise.reject(CancellationTokenSource.#disposedException());
    if (!this.#transition()) return Promise.resolve();
    if (this.#callbacks === null || this.#callbacks.size === 0) {
      this.#state = NOTIFYING_COMPLETE;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        try {
          this.#runCallbacks(false);
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /**
   * Schedules cancellation after `delay` (milliseconds or a TimeSpan), replacing any earlier schedule;
   * -1 (or −1 ms) stops the timer. No effect once cancellation was requested.
   *
   * @throws {ArgumentOutOfRangeException} The delay is less than -1 (param "millisecondsDelay" or "delay").
   * @throws {ObjectDisposedException} The source was disposed.
   */
  CancelAfter(delay: number | TimeSpan): void {
    const ms = CancellationTokenSource.#validateDelay(delay);
    this.#throwIfDisposed();
    if (this.IsCancellationRequested) return;
    this.#startTimer(ms);
  }

  /**
   * Makes the source reusable if it was not canceled: stops the timer and drops every registration.
   *
   * @returns true if the source was reset; false if cancellation was already requested.
   * @throws {ObjectDisposedException} The source was disposed.
   */
  TryReset(): boolean {
    this.#throwIfDisposed();
    if (this.#state !== NOT_CANCELED) return false;
    this.#clearTimer();
    this.#callbacks?.clear();
    return true;
  }

  /**
   * Releases the timer and the registrations (a linked source also detaches from its parents). It does
   * not cancel. Idempotent.
   */
  Dispose(): void {
    if (this.#disposed) return;
    this.#clearTimer();
    if (this.#links !== null) {
      for (const link of this.#links) link.Dispose();
      this.#links = null;
    }
    if (this.#external !== null) this.#external.signal.removeEventListener('abort', this.#external.listener);
    this.#callbacks = null;
    this.#disposed = true;
  }

  /** `using cts = new CancellationTokenSource()` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /**
   * A source canceled as soon as any of `tokens` is (at once if one already is). Dispose it to detach
   * from the tokens' sources.
   *
   * @throws {ArgumentNullException} `tokens` is null.
   * @throws {ArgumentException} No tokens were supplied.
   * @example
   * using linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
   */
  static CreateLinkedTokenSource(token: CancellationToken): CancellationTokenSource;
  static CreateLinkedTokenSource(token1: CancellationToken, token2: CancellationToken): CancellationTokenSource;
  static CreateLinkedTokenSource(tokens: readonly CancellationToken[]): CancellationTokenSource;
  static CreateLinkedTokenSource(...tokens: CancellationToken[]): CancellationTokenSource;
  static CreateLinkedTokenSource(...args: unknown[]): CancellationTokenSource {
    let tokens: readonly CancellationToken[];
    if (args.length === 1 && Array.isArray(args[0])) tokens = args[0] as CancellationToken[];
    else if (args.length === 1 && args[0] == null) throw new ArgumentNullException('tokens');
    else tokens = args as CancellationToken[];
    if (tokens.length === 0) throw new ArgumentException(SR.CancellationToken_CreateLinkedToken_TokensIsEmpty);

    const linked = new CancellationTokenSource();
    const cancelable = tokens.filter((t) => t.CanBeCanceled);
    if (cancelable.length > 0) {
      linked.#links = [];
      for (const token of cancelable) {
        linked.#links.push(token.Register(CancellationTokenSource.#linkedCallback, linked));
      }
    }
    return linked;
  }

  /** How Node's `util.inspect` (and so `console.log`) shows it. Node.js extension. */
  [inspect.custom](): string {
    return `CancellationTokenSource { IsCancellationRequested: ${this.IsCancellationRequested} }`;
  }

  /** Cancels the linked source passed as state (.NET: NotifyCancellation(throwOnFirstException: false)). */
  static #linkedCallback(state: CancellationTokenSource): void {
    if (state.#transition()) state.#runCallbacks(false);
  }

  static #disposedException(): ObjectDisposedException {
    return new ObjectDisposedException(null, SR.CancellationTokenSource_Disposed);
  }

  /** Validates a delay as .NET's two overloads do; returns whole milliseconds (-1 = infinite). */
  static #validateDelay(delay: number | TimeSpan): number {
    if (delay instanceof TimeSpan) {
      const ms = Math.trunc(delay.TotalMilliseconds);
      if (ms < -1 || ms > MAX_SUPPORTED_TIMEOUT) throw new ArgumentOutOfRangeException('delay');
      return ms;
    }
    if (typeof delay !== 'number' || Number.isNaN(delay) || delay < -1 || delay > 0x7fffffff) {
      throw new ArgumentOutOfRangeException('millisecondsDelay');
    }
    return Math.trunc(delay);
  }

  #throwIfDisposed(): void {
    if (this.#disposed) throw CancellationTokenSource.#disposedException();
  }

  #register(callback: CallbackNode['callback'], state: unknown, token: CancellationToken): CancellationTokenRegistration {
    if (this.#state === NOT_CANCELED) {
      // .NET tolerates registering on a disposed source: nothing is registered.
      if (this.#disposed) return new CancellationTokenRegistration();
      const node = (this.#callbacks ??= new CallbackList()).add(callback, state, token);
      return createRegistration(node, token);
    }
    // Already canceled: run now, on the caller's stack; exceptions propagate to Register's caller.
    callback(state, token);
    return new CancellationTokenRegistration();
  }

  /** Moves to NOTIFYING; false when cancellation was already requested. */
  #transition(): boolean {
    if (this.#state !== NOT_CANCELED) return false;
    this.#state = NOTIFYING;
    this.#clearTimer();
    if (this.#controller !== null) this.#controller.abort(this.#abortReason());
    return true;
  }

  /** Runs the callbacks newest first; each is unlinked before it runs, so its Unregister() returns false. */
  #runCallbacks(throwOnFirstException: boolean): void {
    const list = this.#callbacks;
    this.#callbacks = null;
    let errors: unknown[] | null = null;
    try {
      for (let node = list?.shift() ?? null; node !== null; node = list!.shift()) {
        try {
          node.callback(node.state, node.token);
        } catch (error) {
          if (throwOnFirstException) throw error;
          (errors ??= []).push(error);
        }
      }
    } finally {
      this.#state = NOTIFYING_COMPLETE;
    }
    if (errors !== null) throw new AggregateException(errors.map(toError));
  }

  /**
   * Cancellation requested by a timer or an external AbortSignal: there is no caller to throw to.
   *
   * @remarks Differs from .NET: where .NET lets a callback's exception escape on a thread-pool thread (which
   * ends the process), this reports the AggregateException with `process.emitWarning` instead.
   */
  #notifyFromTimerOrSignal(): void {
    if (this.#disposed && this.#external === null) return;
    try {
      if (this.#transition()) this.#runCallbacks(false);
    } catch (error) {
      process.emitWarning(error as Error);
    }
  }

  #signal(): AbortSignal {
    if (this.#external !== null) return this.#external.signal;
    if (this.#controller === null) {
      this.#controller = new AbortController();
      if (this.IsCancellationRequested) this.#controller.abort(this.#abortReason());
    }
    return this.#controller.signal;
  }

  #abortReason(): OperationCanceledException {
    return new OperationCanceledException(SR.OperationCanceled, (this.#token ??= tokenFor(this)));
  }

  #startTimer(ms: number): void {
    this.#clearTimer();
    if (ms === -1) return;
    const step = Math.min(ms, MAX_SET_TIMEOUT);
    const remaining = ms - step;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (remaining > 0) this.#startTimer(remaining);
      else this.#notifyFromTimerOrSignal();
    }, step);
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** @internal How many callbacks are registered on `source` (tests prove that linked sources detach). */
export function registrationCount(source: CancellationTokenSource): number {
  return countImpl(source);
}
