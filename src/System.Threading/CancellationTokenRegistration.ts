/**
 * System.Threading.CancellationTokenRegistration: the handle of a callback registered on a token.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.cancellationtokenregistration
 */
import type { CallbackNode } from '../runtime/callback-list.js';
import type { CancellationToken } from './CancellationToken.js';

/**
 * `CancellationToken.None`, handed over by CancellationToken's module as it loads (that module imports this
 * one, not the other way round, so the two load without a circle). Every way to get a registration passes
 * through a module that imports CancellationToken, so it is set before any registration exists.
 */
let noneToken: CancellationToken;

/** Connects a registration to its list node; used by CancellationTokenSource only. */
let attach: (registration: CancellationTokenRegistration, node: CallbackNode | null, token: CancellationToken) => void;

/**
 * Returned by `CancellationToken.Register`; dispose it to remove the callback (e.g. once the operation it
 * guards has completed). `new CancellationTokenRegistration()` is C#'s `default`: it is registered nowhere.
 *
 * @example
 * using registration = token.Register(() => socket.destroy());
 * await work();
 */
export class CancellationTokenRegistration {
  /** The registered callback's list node; null once unregistered, or for an empty registration. */
  #node: CallbackNode | null = null;
  /** The token the callback was registered on (None for an empty registration). */
  #token: CancellationToken | null = null;

  static {
    attach = (registration, node, token) => {
      registration.#node = node;
      registration.#token = token;
    };
  }

  /** The token this registration belongs to; `CancellationToken.None` for an empty registration. */
  get Token(): CancellationToken {
    return this.#token ?? noneToken;
  }

  /**
   * Removes the callback, so cancellation no longer runs it. Safe to call more than once, and after the
   * callback already ran.
   */
  Dispose(): void {
    this.Unregister();
  }

  /**
   * Removes the callback.
   *
   * @returns true when the callback was still registered and is now removed; false when it already ran,
   * is running, or this registration is empty.
   */
  Unregister(): boolean {
    const node = this.#node;
    if (node === null) return false;
    this.#node = null;
    return node.list !== null && node.list.remove(node);
  }

  /** Same as {@link CancellationTokenRegistration.Dispose}, for `await using`. */
  DisposeAsync(): Promise<void> {
    this.Dispose();
    return Promise.resolve();
  }

  /** True when both handles refer to the same registration (two empty registrations are equal). */
  Equals(other: unknown): boolean {
    if (!(other instanceof CancellationTokenRegistration)) return false;
    if (this === other) return true;
    return this.#node === null && other.#node === null && this.#token === null && other.#token === null;
  }

  /** `using registration = token.Register(...)` disposes it at the end of the block. */
  [Symbol.dispose](): void {
    this.Dispose();
  }

  /** `await using` support. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.DisposeAsync();
  }
}

/** @internal Creates the registration handle for a list node. */
export function createRegistration(node: CallbackNode | null, token: CancellationToken): CancellationTokenRegistration {
  const registration = new CancellationTokenRegistration();
  attach(registration, node, token);
  return registration;
}

/** @internal Called once by CancellationToken's module with `CancellationToken.None`. */
export function setNoneToken(token: CancellationToken): void {
  noneToken = token;
}
