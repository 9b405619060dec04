/**
 * Mirrors .NET's `System.Security.Cryptography.X509Certificates.X509Certificate2`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificate2
 */
import { X509Certificate as NodeX509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SR } from '../Resources/SR.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { CryptographicException } from '../System.Security.Cryptography/CryptographicException.js';
import { X509Certificate, certificateTlsMaterial } from './X509Certificate.js';

/** An X.509 certificate with the .NET 2.0+ properties. */
export class X509Certificate2 extends X509Certificate {
  /**
   * A certificate and its private key from PEM text.
   *
   * @throws {@link "System.Security.Cryptography"!CryptographicException} when the text holds no certificate or an unreadable key.
   * @example
   * const cert = X509Certificate2.CreateFromPem(certPem, keyPem);
   */
  static CreateFromPem(certPem: string, keyPem?: string): X509Certificate2 {
    if (certPem === null || certPem === undefined) throw new ArgumentNullException('certPem');
    let x509: NodeX509Certificate;
    try {
      x509 = new NodeX509Certificate(certPem);
    } catch (e) {
      throw new CryptographicException(SR.Cryptography_X509_NoPemCertificate, e as Error);
    }
    if (keyPem === undefined) return new X509Certificate2(x509);
    try {
      const key = createPrivateKey(keyPem);
      if (!x509.checkPrivateKey(key)) throw new Error('The key does not belong to the certificate.');
      return new X509Certificate2(x509, undefined, key.export({ type: 'pkcs8', format: 'pem' }) as string);
    } catch (e) {
      throw new CryptographicException(SR.Cryptography_X509_NoOrMismatchedPemKey, e as Error);
    }
  }

  /** {@link X509Certificate2.CreateFromPem} with the PEM read from files. */
  static CreateFromPemFile(certPemFilePath: string, keyPemFilePath?: string): X509Certificate2 {
    let certPem: string;
    let keyPem: string | undefined;
    try {
      certPem = readFileSync(certPemFilePath, 'utf8');
      keyPem = keyPemFilePath === undefined ? undefined : readFileSync(keyPemFilePath, 'utf8');
    } catch (e) {
      throw new CryptographicException(SR.Cryptography_FileNotFound, e as Error);
    }
    return X509Certificate2.CreateFromPem(certPem, keyPem ?? (keyPemFilePath === undefined ? certPem : undefined));
  }

  /** The thumbprint: SHA-1 of the certificate, upper-case hex. */
  get Thumbprint(): string {
    return this.GetCertHashString();
  }

  /** The serial number, upper-case hex. */
  get SerialNumber(): string {
    return this.GetSerialNumberString();
  }

  /** Start of validity. */
  get NotBefore(): Date {
    return new Date(this.nodeCertificate.validFrom);
  }

  /** End of validity. */
  get NotAfter(): Date {
    return new Date(this.nodeCertificate.validTo);
  }

  /** The DER encoding. */
  get RawData(): Uint8Array {
    return this.GetRawCertData();
  }

  /** Whether the private key is known, so the certificate can authenticate this client. */
  get HasPrivateKey(): boolean {
    return certificateTlsMaterial(this) !== null;
  }

  override ToString(): string {
    return 'System.Security.Cryptography.X509Certificates.X509Certificate2';
  }
}
