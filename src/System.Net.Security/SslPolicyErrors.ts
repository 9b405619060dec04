/**
 * Mirrors .NET's `System.Net.Security.SslPolicyErrors` ([Flags]): what is wrong with a server's TLS
 * certificate, as passed to a `RemoteCertificateValidationCallback`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.security.sslpolicyerrors
 */
export enum SslPolicyErrors {
  /** The certificate is valid. */
  None = 0,
  /** The server sent no certificate. */
  RemoteCertificateNotAvailable = 1,
  /** The certificate does not name the host that was connected to. */
  RemoteCertificateNameMismatch = 2,
  /** The certificate chain does not lead to a trusted root, or is otherwise invalid (expired, self-signed, …). */
  RemoteCertificateChainErrors = 4,
}
