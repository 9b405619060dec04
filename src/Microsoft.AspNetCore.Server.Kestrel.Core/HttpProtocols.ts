/**
 * Mirrors ASP.NET Core's `Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols`: the HTTP versions an
 * endpoint serves.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.server.kestrel.core.httpprotocols
 */

/** HTTP versions an endpoint serves (flags). */
export enum HttpProtocols {
  /** No protocol. */
  None = 0,
  /** HTTP/1.x only. */
  Http1 = 1,
  /**
   * HTTP/2 only: over TLS, ALPN `h2`; without TLS, HTTP/2 with prior knowledge (h2c), and HTTP/1.x clients
   * are refused.
   */
  Http2 = 2,
  /**
   * HTTP/1.x and HTTP/2 (the default): over TLS, ALPN picks (`h2`, `http/1.1`); without TLS only HTTP/1.x is
   * served, as Kestrel does (it cannot tell the two apart without ALPN).
   */
  Http1AndHttp2 = 3,
  /** HTTP/3 (not supported by dotnet-ws: binding such an endpoint throws). */
  Http3 = 4,
  /** HTTP/1.x, HTTP/2 and HTTP/3 (dotnet-ws serves the first two). */
  Http1AndHttp2AndHttp3 = 7,
}
