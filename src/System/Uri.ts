/**
 * Mirrors .NET's `System.Uri` as far as WebSocket code uses it: parse an absolute or relative URI and read
 * its parts (`Scheme`, `Host`, `Port`, `PathAndQuery`, `AbsoluteUri`, …). Parsing follows the WHATWG URL
 * standard (Node's `URL`), which agrees with .NET for the ws/wss/http/https URIs WebSocket code handles.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.uri
 */
import { SR } from '../Resources/SR.js';
import { ArgumentNullException } from './ArgumentNullException.js';
import { ArgumentOutOfRangeException } from './ArgumentOutOfRangeException.js';
import { InvalidOperationException } from './InvalidOperationException.js';
import { UriFormatException } from './UriFormatException.js';
import { UriKind } from './UriKind.js';

/** RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":". */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Ports .NET knows for the schemes it registers (others report -1 when the URI names none). */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ws: 80,
  wss: 443,
  ftp: 21,
};

/**
 * An immutable Uniform Resource Identifier.
 *
 * @example
 * const uri = new Uri('wss://example.com:8443/chat?room=1');
 * uri.Scheme;        // "wss"
 * uri.Port;          // 8443
 * uri.PathAndQuery;  // "/chat?room=1"
 */
export class Uri {
  /** "http", .NET's `Uri.UriSchemeHttp`. */
  static readonly UriSchemeHttp = 'http';
  /** "https", .NET's `Uri.UriSchemeHttps`. */
  static readonly UriSchemeHttps = 'https';
  /** "ws", .NET's `Uri.UriSchemeWs`. */
  static readonly UriSchemeWs = 'ws';
  /** "wss", .NET's `Uri.UriSchemeWss`. */
  static readonly UriSchemeWss = 'wss';

  /** The string the instance was created from. */
  readonly #original: string;
  /** The parsed form; null for a relative URI. */
  readonly #url: URL | null;

  /**
   * Parses `uriString`.
   *
   * @param uriString - The URI text; surrounding white space is ignored.
   * @param uriKind - Whether the text must be absolute (the default, as in .NET's one-argument constructor),
   *   relative, or may be either.
   * @throws {@link ArgumentNullException} when `uriString` is null or undefined.
   * @throws {@link UriFormatException} when the text is not a URI of the requested kind.
   */
  constructor(uriString: string, uriKind?: UriKind);
  /**
   * Resolves `relativeUri` against `baseUri`, like .NET's `new Uri(Uri baseUri, string relativeUri)`.
   *
   * @throws {@link ArgumentNullException} when `baseUri` is null.
   * @throws {@link ArgumentOutOfRangeException} when `baseUri` is relative.
   */
  constructor(baseUri: Uri, relativeUri: string | Uri);
  constructor(first: string | Uri, second?: UriKind | string | Uri) {
    if (first instanceof Uri) {
      if (!first.IsAbsoluteUri) throw new ArgumentOutOfRangeException('baseUri');
      const relative = second instanceof Uri ? second.OriginalString : String(second ?? '');
      let resolved: URL;
      try {
        resolved = new URL(relative, first.#url!);
      } catch (e) {
        throw new UriFormatException(SR.net_uri_BadFormat, e as Error);
      }
      this.#original = resolved.href;
      this.#url = resolved;
      return;
    }
    if (first === null || first === undefined) throw new ArgumentNullException('uriString');
    const kind = (second as UriKind | undefined) ?? UriKind.Absolute;
    this.#original = first;
    const text = String(first).trim();
    if (!SCHEME.test(text)) {
      if (kind === UriKind.Absolute) {
        throw new UriFormatException(text.length === 0 ? SR.net_uri_EmptyUri : SR.net_uri_BadFormat);
      }
      this.#url = null;
      return;
    }
    if (kind === UriKind.Relative) throw new UriFormatException(SR.net_uri_BadFormat);
    this.#url = Uri.#parse(text);
  }

  static #parse(text: string): URL {
    try {
      return new URL(text);
    } catch (e) {
      // Say which part is wrong where .NET does: the port, then the host, else the format.
      const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(text)?.[1];
      if (authority !== undefined) {
        const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
        const port = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostPort)?.[1];
        if (port !== undefined && port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
          throw new UriFormatException(SR.net_uri_BadPort, e as Error);
        }
        throw new UriFormatException(SR.net_uri_BadHostName, e as Error);
      }
      throw new UriFormatException(SR.net_uri_BadFormat, e as Error);
    }
  }

  /** The absolute form, or throws for a relative URI. */
  #absolute(): URL {
    if (this.#url === null) throw new InvalidOperationException(SR.net_uri_NotAbsolute);
    return this.#url;
  }

  /** Whether the URI is absolute (has a scheme). */
  get IsAbsoluteUri(): boolean {
    return this.#url !== null;
  }

  /** The string passed to the constructor, unchanged. */
  get OriginalString(): string {
    return this.#original;
  }

  /**
   * The canonical absolute URI, e.g. "ws://example.com/".
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get AbsoluteUri(): string {
    return this.#absolute().href;
  }

  /**
   * The scheme in lower case, without ":" (e.g. "wss").
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Scheme(): string {
    return this.#absolute().protocol.slice(0, -1);
  }

  /**
   * The host name or address; IPv6 addresses keep their brackets, as in .NET.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Host(): string {
    return this.#absolute().hostname;
  }

  /**
   * The host without IPv6 brackets, usable for name resolution.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get DnsSafeHost(): string {
    const host = this.Host;
    return host.startsWith('[') ? host.slice(1, -1) : host;
  }

  /**
   * The port: the one given, else the scheme's default (80 for ws/http, 443 for wss/https), else -1.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Port(): number {
    const url = this.#absolute();
    if (url.port !== '') return Number(url.port);
    return DEFAULT_PORTS[this.Scheme] ?? -1;
  }

  /**
   * Whether the port is the scheme's default one.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get IsDefaultPort(): boolean {
    return this.#absolute().port === '';
  }

  /**
   * Host and, when not the default, port (e.g. "example.com:8080").
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Authority(): string {
    return this.#absolute().host;
  }

  /**
   * "user:password" or "user" from the URI, "" when absent.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get UserInfo(): string {
    const url = this.#absolute();
    return url.password === '' ? url.username : `${url.username}:${url.password}`;
  }

  /**
   * The path and the query, e.g. "/chat?room=1".
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get PathAndQuery(): string {
    const url = this.#absolute();
    return url.pathname + url.search;
  }

  /**
   * The path, e.g. "/chat".
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get AbsolutePath(): string {
    return this.#absolute().pathname;
  }

  /**
   * The query including "?", or "".
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Query(): string {
    return this.#absolute().search;
  }

  /**
   * The fragment including "#", or "".
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get Fragment(): string {
    return this.#absolute().hash;
  }

  /**
   * Whether the host is "localhost" or a loopback address.
   * @throws {@link InvalidOperationException} for a relative URI.
   */
  get IsLoopback(): boolean {
    const host = this.DnsSafeHost.toLowerCase();
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  }

  /** Compares canonical forms (absolute URIs) or original strings (relative ones). */
  Equals(other: unknown): boolean {
    if (!(other instanceof Uri)) return false;
    if (this.#url === null || other.#url === null) return this.#url === other.#url && this.#original === other.#original;
    return this.#url.href === other.#url.href;
  }

  /** The canonical form of an absolute URI, the original string of a relative one. */
  ToString(): string {
    return this.#url === null ? this.#original : this.#url.href;
  }

  /** Same as {@link Uri.ToString}, so a Uri works in template literals. */
  toString(): string {
    return this.ToString();
  }
}
