/**
 * Mirrors .NET's `System.Security.Cryptography.X509Certificates.X509Certificate`: an X.509 certificate,
 * optionally with its private key (for `ClientWebSocketOptions.ClientCertificates`).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificate
 */
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SR } from '../Resources/SR.js';
import { nodeTls } from '../runtime/node-tls.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { CryptographicException } from '../System.Security.Cryptography/CryptographicException.js';

/** What TLS needs to present a certificate: PEM certificate and key, or a PKCS#12 blob and its password. */
export type CertificateTlsMaterial =
  { kind: 'pem'; cert: string; key: string } | { kind: 'pfx'; pfx: Buffer; passphrase: string | undefined };

let materialOf: (certificate: X509Certificate) => CertificateTlsMaterial | null;

/**
 * The TLS material of a certificate that has a private key, or null. Internal to dotnet-ws (not exported
 * from the namespace barrel).
 */
export function certificateTlsMaterial(certificate: X509Certificate): CertificateTlsMaterial | null {
  return materialOf(certificate);
}

/** Reads a DER or PEM certificate, or a PKCS#12 (PFX) blob with its password. */
function load(data: Uint8Array, password: string | null | undefined): { x509: NodeX509Certificate; pfx: Buffer | null } {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    return { x509: new NodeX509Certificate(buffer), pfx: null };
  } catch {
    // Not DER/PEM: try PKCS#12 below.
  }
  try {
    const context = nodeTls().createSecureContext({ pfx: buffer, passphrase: password ?? undefined }).context as {
      getCertificate(): Buffer | null;
    };
    const der = context.getCertificate();
    if (der) return { x509: new NodeX509Certificate(der), pfx: Buffer.from(buffer) };
  } catch (e) {
    throw new CryptographicException(SR.Cryptography_Der_Invalid_Encoding, e as Error);
  }
  throw new CryptographicException(SR.Cryptography_Der_Invalid_Encoding);
}

/** "C=US\nO=Acme\nCN=host" (Node) → "CN=host, O=Acme, C=US" (.NET, most specific first). */
function distinguishedName(text: string): string {
  return text.split('\n').filter(Boolean).reverse().join(', ');
}

/** An X.509 certificate. */
export class X509Certificate {
  /** Node's parsed certificate. */
  readonly #x509: NodeX509Certificate;
  /** TLS material when the private key is known. */
  #material: CertificateTlsMaterial | null;

  static {
    materialOf = (c) => c.#material;
  }

  /**
   * Reads a certificate from bytes (DER or PEM; or PKCS#12 with `password`, which brings the private key)
   * or from a file holding one of those.
   *
   * @throws {@link System!ArgumentNullException} when `data` is null.
   * @throws {@link "System.Security.Cryptography"!CryptographicException} when the data is not a certificate or the password is wrong.
   * @example
   * options.ClientCertificates.Add(new X509Certificate2('client.pfx', 'password'));
   */
  constructor(data: Uint8Array | string, password?: string | null);
  /** @internal Wraps an already parsed certificate (used by CreateFromPem and the TLS validation callback). */
  constructor(data: NodeX509Certificate, password?: undefined, key?: string);
  constructor(data: Uint8Array | string | NodeX509Certificate, password?: string | null, key?: string) {
    if (data === null || data === undefined) throw new ArgumentNullException(typeof data === 'string' ? 'fileName' : 'rawData');
    if (data instanceof NodeX509Certificate) {
      this.#x509 = data;
      this.#material = key === undefined ? null : { kind: 'pem', cert: data.toString(), key };
      return;
    }
    let bytes: Uint8Array;
    if (typeof data === 'string') {
      try {
        bytes = readFileSync(data);
      } catch (e) {
        throw new CryptographicException(SR.Cryptography_FileNotFound, e as Error);
      }
    } else {
      bytes = data;
    }
    const { x509, pfx } = load(bytes, password);
    this.#x509 = x509;
    this.#material = pfx ? { kind: 'pfx', pfx, passphrase: password ?? undefined } : null;
  }

  /** The subject's distinguished name, e.g. "CN=localhost, O=Acme". */
  get Subject(): string {
    return distinguishedName(this.#x509.subject);
  }

  /** The issuer's distinguished name. */
  get Issuer(): string {
    return distinguishedName(this.#x509.issuer);
  }

  /** The SHA-1 hash of the certificate, upper-case hex without separators (the thumbprint). */
  GetCertHashString(): string {
    return this.#x509.fingerprint.replace(/:/g, '').toUpperCase();
  }

  /** The serial number, upper-case hex. */
  GetSerialNumberString(): string {
    return this.#x509.serialNumber.toUpperCase();
  }

  /** The DER encoding. */
  GetRawCertData(): Uint8Array {
    return new Uint8Array(this.#x509.raw);
  }

  /** Same certificate bytes. */
  Equals(other: unknown): boolean {
    return other instanceof X509Certificate && Buffer.compare(this.#x509.raw, other.#x509.raw) === 0;
  }

  /** The type name, as .NET's `ToString()`. */
  ToString(): string {
    return 'System.Security.Cryptography.X509Certificates.X509Certificate';
  }

  /** Node's parsed certificate. Node.js extension. @remarks Node.js extension */
  get nodeCertificate(): NodeX509Certificate {
    return this.#x509;
  }
}
