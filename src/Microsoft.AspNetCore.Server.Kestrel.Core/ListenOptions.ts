/**
 * Mirrors ASP.NET Core's `Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions`: one endpoint's
 * protocols and TLS certificate.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.server.kestrel.core.listenoptions
 */
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { X509Certificate2 } from '../System.Security.Cryptography.X509Certificates/X509Certificate2.js';
import { HttpProtocols } from './HttpProtocols.js';

/** An endpoint given to `KestrelServerOptions.Listen*`. */
export class ListenOptions {
  /** @internal The host to bind: "localhost", an IP literal, or "*" (every interface). */
  readonly host: string;
  /** @internal The port (0: any free port). */
  readonly port: number;
  /** The HTTP versions served. */
  Protocols: HttpProtocols = HttpProtocols.Http1AndHttp2;
  /** @internal The server certificate, once UseHttps was called. */
  certificate: X509Certificate2 | null = null;

  /** @internal Made by KestrelServerOptions. */
  constructor(host: string, port: number) {
    this.host = host;
    this.port = port;
  }

  /**
   * Serves this endpoint over TLS with `certificate` (which must carry its private key), or with the
   * certificate read from `fileName` (PKCS#12, with `password`).
   * @returns this, for chaining.
   * @throws {@link System!ArgumentNullException} when the certificate is null.
   * @throws {@link "System.Security.Cryptography"!CryptographicException} when the file is not a certificate or the password is wrong.
   * @example
   * options.ListenLocalhost(5001, (listenOptions) => {
   *   listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
   *   listenOptions.UseHttps(new X509Certificate2('server.pfx', 'password'));
   * });
   */
  UseHttps(certificate: X509Certificate2 | string, password?: string | null): this {
    if (certificate === null || certificate === undefined) throw new ArgumentNullException('serverCertificate');
    this.certificate = typeof certificate === 'string' ? new X509Certificate2(certificate, password ?? null) : certificate;
    return this;
  }
}
