/**
 * System.Threading.CancellationToken: the observer side of cooperative cancellation.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.cancellationtoken
 */
import { inspect } from 'node:util';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { CancellationTokenRegistration, setNoneToken } from './CancellationTokenRegistration.js';

/**
 * @internal What a token sees of its source. CancellationTokenSource is the only implementation; the token
 * knows it by this shape so that this module need not import that one (which imports this one).
 */
export interface TokenSource {
  readonly IsCancellationRequested: boolean;
}

/**
 * @internal What a token asks of CancellationTokenSource's module, which hands these over as it loads
 * ({@link setSourceOperations}). A token with a source exists only once that module has run; the two
 * operations that make a source from nothing (`new CancellationToken(true)`, `fromSignal`) are reached through
 * the System.Threading exports, which load it.
 */
export interface SourceOperations {
  /** The always-canceled source behind `new CancellationToken(true)`. */
  canceledSource(): TokenSource;
  /** The token of a new source canceled when `signal` aborts. */
  tokenFromSignal(signal: AbortSignal): CancellationToken;
  /** Registers `callback` on `source` for `token`. */
  register(
    source: TokenSource,
    callback: (state: unknown, token: unknown) => void,
    state: unknown,
    token: CancellationToken,
  ): CancellationTokenRegistration;
  /** The AbortSignal of `source`. */
  signalOf(source: TokenSource): AbortSignal;
  /** The OperationCanceledException that `token.ThrowIfCancellationRequested()` throws. */
  canceled(token: CancellationToken): Error;
}

/** Set by {@link setSourceOperations}. */
let sources: SourceOperations | null = null;

/** The operations, or an error naming the module that was not loaded (not reached through the exports). */
function sourceOperations(): SourceOperations {
  if (sources === null) throw new Error('dotnet-ws: CancellationTokenSource was not loaded');
  return sources;
}

/** The source handed to the constructor by {@link tokenFor}; null for public construction. */
let pendingSource: TokenSource | null = null;
/** A signal that never aborts, shared by every non-cancelable token. */
let neverAborted: AbortSignal | null = null;
/** Tokens already made from a signal, so `fromSignal(s)` twice gives equal tokens and one listener. */
const tokensBySignal = new WeakMap<AbortSignal, CancellationToken>();

/**
 * Tells an operation that it should stop. Get one from a {@link CancellationTokenSource}'s `Token`, or pass
 * {@link CancellationToken.None} when the caller never cancels. Cancellation is cooperative: the operation
 * polls {@link CancellationToken.IsCancellationRequested} or registers a callback.
 *
 * A token also works with Node.js APIs that take an `AbortSignal` through {@link CancellationToken.signal},
 * and any `AbortSignal` becomes a token with {@link CancellationToken.fromSignal}.
 *
 * @example
 * const cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
 * const result = await ws.ReceiveAsync(new ArraySegment(buffer), cts.Token);
 */
export class CancellationToken {
  /** The source, or null for a token that can never be canceled. */
  readonly #source: TokenSource | null;

  /**
   * @param canceled true for a token that is canceled from the start (and forever); false for a token
   * that is never canceled (equal to {@link CancellationToken.None}).
   */
  constructor(canceled: boolean) {
    if (pendingSource !== null) {
      this.#source = pendingSource;
      pendingSource = null;
    } else {
      this.#source = canceled ? sourceOperations().canceledSource() : null;
    }
    Object.freeze(this);
  }

  /** A token that is never canceled (C#'s `default(CancellationToken)`). */
  static readonly None: CancellationToken = new CancellationToken(false);

  /** True once cancellation was requested on the source. */
  get IsCancellationRequested(): boolean {
    return this.#source !== null && this.#source.IsCancellationRequested;
  }

  /** True when this token can ever be canceled (it has a source); false for {@link CancellationToken.None}. */
  get CanBeCanceled(): boolean {
    return this.#source !== null;
  }

  /**
   * An `AbortSignal` that aborts when this token is canceled, for `fetch`, `events.once`,
   * `timers/promises` and other Node.js APIs. Its `reason` is an {@link "System"!OperationCanceledException}
   * carrying this token. A token that cannot be canceled gives a signal that never aborts.
   *
   * @remarks Node.js extension. Created on first use.
   * @example
   * await setTimeout(1000, undefined, { signal: cts.Token.signal });
   */
  get signal(): AbortSignal {
    if (this.#source === null) return (neverAborted ??= new AbortController().signal);
    return sourceOperations().signalOf(this.#source);
  }

  /**
   * A token that is canceled when `signal` aborts (at once if it already has). Calling it again with the
   * same signal returns an equal token; `token.signal` returns `signal` itself.
   *
   * @remarks Node.js extension.
   * @throws {ArgumentNullException} `signal` is null or undefined.
   * @example
   * const token = CancellationToken.fromSignal(AbortSignal.timeout(5000));
   */
  static fromSignal(signal: AbortSignal): CancellationToken {
    if (signal == null) throw new ArgumentNullException('signal');
    let token = tokensBySignal.get(signal);
    if (token === undefined) {
      token = sourceOperations().tokenFromSignal(signal);
      tokensBySignal.set(signal, token);
    }
    return token;
  }

  /**
   * Registers a callback to run when the token is canceled. Callbacks of one source run synchronously
   * inside `Cancel()`, newest first. If the token is already canceled, the callback runs right now,
   * synchronously, and its exception (if any) propagates to this call. On a token that can never be
   * canceled nothing is registered.
   *
   * @param callback Called with `state` and the token.
   * @param useSynchronizationContext Ignored (there is no SynchronizationContext in Node.js).
   * @returns A registration; dispose it to remove the callback.
   * @example
   * const registration = token.Register(() => controller.abort());
   */
  Register(callback: () => void, useSynchronizationContext?: boolean): CancellationTokenRegistration;
  /** (callback, state): the callback receives `state` and the token. */
  Register<TState>(callback: (state: TState, token: CancellationToken) => void, state: TState): CancellationTokenRegistration;
  Register(callback: (state: unknown, token: CancellationToken) => void, state?: unknown): CancellationTokenRegistration {
    if (callback == null) throw new ArgumentNullException('callback');
    if (this.#source === null) return new CancellationTokenRegistration();
    return sourceOperations().register(this.#source, callback as (state: unknown, token: unknown) => void, state, this);
  }

  /**
   * Same as {@link CancellationToken.Register} (.NET's variant skips flowing the ExecutionContext, which has
   * no equivalent here).
   */
  UnsafeRegister<TState>(callback: (state: TState, token: CancellationToken) => void, state: TState): CancellationTokenRegistration {
    return this.Register(callback, state);
  }

  /**
   * Throws if cancellation was requested.
   *
   * @throws {OperationCanceledException} "The operation was canceled.", with this token.
   */
  ThrowIfCancellationRequested(): void {
    if (this.IsCancellationRequested) throw sourceOperations().canceled(this);
  }

  /** True when `other` is a token of the same source (all non-cancelable tokens are equal). */
  Equals(other: unknown): boolean {
    return other instanceof CancellationToken && other.#source === this.#source;
  }

  /** How Node's `util.inspect` (and so `console.log`) shows it. Node.js extension. */
  [inspect.custom](): string {
    return `CancellationToken { IsCancellationRequested: ${this.IsCancellationRequested}, CanBeCanceled: ${this.CanBeCanceled} }`;
  }
}

setNoneToken(CancellationToken.None);

/** @internal The token of `source` (CancellationTokenSource caches one per source). */
export function tokenFor(source: TokenSource): CancellationToken {
  pendingSource = source;
  try {
    return new CancellationToken(false);
  } finally {
    pendingSource = null;
  }
}

/** @internal Called once by CancellationTokenSource's module as it loads. */
export function setSourceOperations(operations: SourceOperations): void {
  sources = operations;
}
