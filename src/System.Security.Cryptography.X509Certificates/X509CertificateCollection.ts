/**
 * Mirrors .NET's `System.Security.Cryptography.X509Certificates.X509CertificateCollection`, the type of
 * `ClientWebSocketOptions.ClientCertificates`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificatecollection
 */
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import type { X509Certificate } from './X509Certificate.js';

/** An ordered list of certificates. */
export class X509CertificateCollection implements Iterable<X509Certificate> {
  readonly #items: X509Certificate[] = [];

  constructor(certificates?: Iterable<X509Certificate>) {
    if (certificates) this.AddRange(certificates);
  }

  /** How many certificates the collection holds. */
  get Count(): number {
    return this.#items.length;
  }

  /**
   * Appends `value` and returns its index.
   * @throws {@link System!ArgumentNullException} when `value` is null.
   */
  Add(value: X509Certificate): number {
    if (value === null || value === undefined) throw new ArgumentNullException('value');
    return this.#items.push(value) - 1;
  }

  /**
   * Appends every certificate of `value`.
   * @throws {@link System!ArgumentNullException} when `value` is null.
   */
  AddRange(value: Iterable<X509Certificate>): void {
    if (value === null || value === undefined) throw new ArgumentNullException('value');
    for (const c of [...value]) this.Add(c);
  }

  /**
   * The certificate at `index` (C# `collection[index]`).
   * @throws {@link System!ArgumentOutOfRangeException} when `index` is outside 0..Count-1.
   */
  get(index: number): X509Certificate {
    if (!Number.isInteger(index) || index < 0 || index >= this.#items.length) throw new ArgumentOutOfRangeException('index');
    return this.#items[index]!;
  }

  /** Whether an equal certificate is in the collection. */
  Contains(value: X509Certificate): boolean {
    return this.#items.some((c) => c.Equals(value));
  }

  /** Removes the first equal certificate. */
  Remove(value: X509Certificate): void {
    const i = this.#items.findIndex((c) => c.Equals(value));
    if (i >= 0) this.#items.splice(i, 1);
  }

  /** Removes every certificate. */
  Clear(): void {
    this.#items.length = 0;
  }

  /** The items in order, so that `for (const item of collection)` works as C#'s `foreach`. */
  [Symbol.iterator](): Iterator<X509Certificate> {
    return this.#items[Symbol.iterator]();
  }
}
