/**
 * Mirrors .NET's `System.Net.Http.HttpVersionPolicy`: how the HTTP version of a request may differ from
 * the one asked for (`ClientWebSocketOptions.HttpVersionPolicy`).
 * @see https://learn.microsoft.com/dotnet/api/system.net.http.httpversionpolicy
 */

/** Which HTTP versions a request may use, relative to the one asked for. */
export enum HttpVersionPolicy {
  /** The version asked for or a lower one (the default). */
  RequestVersionOrLower = 0,
  /** The version asked for or a higher one. */
  RequestVersionOrHigher = 1,
  /** Only the version asked for. */
  RequestVersionExact = 2,
}
