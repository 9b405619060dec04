/**
 * Mirrors .NET's `System.Net.CookieCollection`: a list of {@link Cookie}s.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.cookiecollection
 */
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import type { Cookie } from './Cookie.js';

/** An ordered collection of cookies; a cookie with the same name, path and domain replaces the old one. */
export class CookieCollection implements Iterable<Cookie> {
  readonly #items: Cookie[] = [];

  /** How many cookies the collection holds. */
  get Count(): number {
    return this.#items.length;
  }

  /**
   * Adds `cookie`, replacing one with the same name, path and domain.
   * @throws {@link System!ArgumentNullException} when `cookie` is null.
   */
  Add(cookie: Cookie | CookieCollection): void {
    if (cookie === null || cookie === undefined) throw new ArgumentNullException('cookie');
    if (cookie instanceof CookieCollection) {
      for (const c of cookie) this.Add(c);
      return;
    }
    const i = this.#items.findIndex(
      (c) =>
        c.Name.toLowerCase() === cookie.Name.toLowerCase() &&
        c.Path === cookie.Path &&
        c.Domain.toLowerCase() === cookie.Domain.toLowerCase(),
    );
    if (i >= 0) this.#items[i] = cookie;
    else this.#items.push(cookie);
  }

  /**
   * The cookie at `index` (C# `collection[index]`).
   * @throws {@link System!ArgumentOutOfRangeException} when `index` is outside 0..Count-1.
   */
  get(index: number): Cookie;
  /** The first cookie named `name` (case-insensitive), or null (C# `collection[name]`). */
  get(name: string): Cookie | null;
  get(key: number | string): Cookie | null {
    if (typeof key === 'string') return this.#items.find((c) => c.Name.toLowerCase() === key.toLowerCase()) ?? null;
    if (!Number.isInteger(key) || key < 0 || key >= this.#items.length) throw new ArgumentOutOfRangeException('index');
    return this.#items[key]!;
  }

  /** Whether `cookie` (the same instance) is in the collection. */
  Contains(cookie: Cookie): boolean {
    return this.#items.includes(cookie);
  }

  /** Removes `cookie` (the same instance); true if it was there. */
  Remove(cookie: Cookie): boolean {
    const i = this.#items.indexOf(cookie);
    if (i < 0) return false;
    this.#items.splice(i, 1);
    return true;
  }

  /** Removes every cookie. */
  Clear(): void {
    this.#items.length = 0;
  }

  /** The items in order, so that `for (const item of collection)` works as C#'s `foreach`. */
  [Symbol.iterator](): Iterator<Cookie> {
    return this.#items[Symbol.iterator]();
  }
}
