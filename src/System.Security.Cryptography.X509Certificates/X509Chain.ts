/**
 * Mirrors .NET's `System.Security.Cryptography.X509Certificates.X509Chain`, reduced to the chain the server
 * presented, as passed to a `RemoteCertificateValidationCallback`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509chain
 * @remarks Differs from .NET: only `ChainElements` (the certificates the server sent, leaf first), as an
 * array; no `Build`, `ChainPolicy` or `ChainStatus`.
 */
import type { X509Certificate2 } from './X509Certificate2.js';

/** One certificate of a chain. */
export interface X509ChainElement {
  /** The certificate at this position. */
  readonly Certificate: X509Certificate2;
}

/** The certificate chain presented by a TLS server. */
export class X509Chain {
  /** The certificates, leaf first, then each issuer the server sent. */
  readonly ChainElements: readonly X509ChainElement[];

  /** @param certificates - Leaf first. */
  constructor(certificates: readonly X509Certificate2[] = []) {
    this.ChainElements = Object.freeze(certificates.map((Certificate) => Object.freeze({ Certificate })));
  }

  /** Nothing to release; for `using` compatibility. */
  Dispose(): void {}
}
