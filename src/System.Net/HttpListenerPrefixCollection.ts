/**
 * System.Net.HttpListenerPrefixCollection: the URI prefixes an HttpListener answers.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httplistenerprefixcollection
 */
import { checkPrefix } from '../listener/prefix.js';

/** @internal What the collection tells its listener. */
export interface PrefixOwner {
  /** Throws ObjectDisposedException once the listener is closed. */
  checkDisposed(): void;
  /** A prefix was added (the listener starts listening on it when it is already started). */
  prefixAdded(uriPrefix: string): void;
  /** A prefix was removed, or all were (null). */
  prefixRemoved(uriPrefix: string | null): void;
}

/**
 * The prefixes of an {@link HttpListener}, such as `http://localhost:5000/ws/` or `http://+:8080/`.
 * Iterable (`for (const p of listener.Prefixes)`), as C#'s foreach.
 */
export class HttpListenerPrefixCollection implements Iterable<string> {
  /** The prefixes as added, compared ordinally as .NET does. */
  readonly #prefixes = new Set<string>();
  /** The listener. */
  readonly #owner: PrefixOwner;

  /** @internal Made by HttpListener. */
  constructor(owner: PrefixOwner) {
    this.#owner = owner;
  }

  /** The number of prefixes. */
  get Count(): number {
    return this.#prefixes.size;
  }

  /** Always false. */
  get IsReadOnly(): boolean {
    return false;
  }

  /** Always false. */
  get IsSynchronized(): boolean {
    return false;
  }

  /**
   * Adds a prefix (adding one already there does nothing). "+" and "*" as the host take every host name.
   *
   * @throws {ArgumentNullException} The prefix is null.
   * @throws {ArgumentException} Not starting with "http://" or "https://"; no host; not ending in "/".
   * @throws {ObjectDisposedException} The listener is closed.
   */
  Add(uriPrefix: string): void {
    this.#owner.checkDisposed();
    checkPrefix(uriPrefix);
    if (this.#prefixes.has(uriPrefix)) return;
    this.#prefixes.add(uriPrefix);
    this.#owner.prefixAdded(uriPrefix);
  }

  /** Whether the prefix was added (ordinal, case-sensitive comparison). */
  Contains(uriPrefix: string): boolean {
    return this.#prefixes.has(uriPrefix);
  }

  /**
   * Removes a prefix; false when it was not there.
   *
   * @throws {ObjectDisposedException} The listener is closed.
   */
  Remove(uriPrefix: string): boolean {
    this.#owner.checkDisposed();
    if (!this.#prefixes.delete(uriPrefix)) return false;
    this.#owner.prefixRemoved(uriPrefix);
    return true;
  }

  /**
   * Removes every prefix.
   *
   * @throws {ObjectDisposedException} The listener is closed.
   */
  Clear(): void {
    this.#owner.checkDisposed();
    this.#prefixes.clear();
    this.#owner.prefixRemoved(null);
  }

  /** Copies the prefixes into `array` from `offset`. */
  CopyTo(array: string[], offset: number): void {
    for (const p of this.#prefixes) array[offset++] = p;
  }

  /** The prefixes, in the order they were added. */
  [Symbol.iterator](): Iterator<string> {
    return this.#prefixes.values();
  }

  /** C#'s GetEnumerator, as an iterator. */
  GetEnumerator(): Iterator<string> {
    return this.#prefixes.values();
  }
}
