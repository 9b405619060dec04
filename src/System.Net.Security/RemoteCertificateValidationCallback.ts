/**
 * Mirrors .NET's `System.Net.Security.RemoteCertificateValidationCallback` delegate.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.security.remotecertificatevalidationcallback
 */
import type { X509Certificate } from '../System.Security.Cryptography.X509Certificates/X509Certificate.js';
import type { X509Chain } from '../System.Security.Cryptography.X509Certificates/X509Chain.js';
import type { SslPolicyErrors } from './SslPolicyErrors.js';

/**
 * Decides whether the server's TLS certificate is accepted: return true to accept it despite
 * `sslPolicyErrors`, false to refuse the connection.
 *
 * @remarks Differs from .NET: `sender` is the Node.js `tls.TLSSocket` (.NET passes the `SslStream`).
 * @example
 * options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
 *   errors === SslPolicyErrors.None || certificate?.GetCertHashString() === pinnedThumbprint;
 */
export type RemoteCertificateValidationCallback = (
  sender: object,
  certificate: X509Certificate | null,
  chain: X509Chain | null,
  sslPolicyErrors: SslPolicyErrors,
) => boolean;
