/**
 * Mirrors .NET's `System.Net.HttpVersion`: the HTTP version constants used by
 * `ClientWebSocketOptions.HttpVersion`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.httpversion
 */
import { Version } from '../System/Version.js';

/** HTTP version numbers. */
export class HttpVersion {
  private constructor() {}

  /** 0.0: an unknown version. */
  static readonly Unknown = new Version(0, 0);
  /** HTTP/1.0. */
  static readonly Version10 = new Version(1, 0);
  /** HTTP/1.1. */
  static readonly Version11 = new Version(1, 1);
  /** HTTP/2 (WebSockets over HTTP/2: RFC 8441). */
  static readonly Version20 = new Version(2, 0);
  /** HTTP/3. */
  static readonly Version30 = new Version(3, 0);
}
