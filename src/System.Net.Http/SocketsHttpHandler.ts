/**
 * Mirrors .NET's `System.Net.Http.SocketsHttpHandler`: the connection pool behind an
 * {@link HttpMessageInvoker}, with the TLS options of its connections.
 * @see https://learn.microsoft.com/dotnet/api/system.net.http.socketshttphandler
 */
import type { RemoteCertificateValidationCallback } from '../System.Net.Security/RemoteCertificateValidationCallback.js';
import { Http2SessionPool } from '../client/http2.js';

/** `SslClientAuthenticationOptions`: the TLS settings of the handler's connections. */
export interface SslClientAuthenticationOptions {
  /** Judges the server certificate; null for the default validation. */
  RemoteCertificateValidationCallback: RemoteCertificateValidationCallback | null;
}

/** The handler: its connections and their TLS settings. */
export class SocketsHttpHandler {
  /** TLS settings of the connections. */
  readonly SslOptions: SslClientAuthenticationOptions = { RemoteCertificateValidationCallback: null };
  /** @internal The HTTP/2 connections, one per server. */
  readonly sessionPool = new Http2SessionPool(() => this.SslOptions.RemoteCertificateValidationCallback);

  /** Closes the idle connections and stops pooling. */
  Dispose(): void {
    this.sessionPool.dispose();
  }

  [Symbol.dispose](): void {
    this.Dispose();
  }
}
