/**
 * System.Net.WebSockets.ClientWebSocketOptions: what a {@link ClientWebSocket} sends and accepts in its
 * opening handshake. Every setter and mutator throws once `ConnectAsync` was called, except
 * `DangerousDeflateOptions` and `CollectHttpResponseDetails` (as in .NET) and the live `ClientCertificates`
 * collection.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.clientwebsocketoptions
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../System/ArraySegment.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import type { Version } from '../System/Version.js';
import type { CookieContainer } from '../System.Net/CookieContainer.js';
import { HttpVersion } from '../System.Net/HttpVersion.js';
import { HttpVersionPolicy } from '../System.Net.Http/HttpVersionPolicy.js';
import type { ICredentials } from '../System.Net/ICredentials.js';
import type { IWebProxy } from '../System.Net/IWebProxy.js';
import type { RemoteCertificateValidationCallback } from '../System.Net.Security/RemoteCertificateValidationCallback.js';
import { X509CertificateCollection } from '../System.Security.Cryptography.X509Certificates/X509CertificateCollection.js';
import { Timeout } from '../System.Threading/Timeout.js';
import { defaultWebProxy } from '../runtime/default-web-proxy.js';
import { validateSubprotocol } from '../shared/subprotocol.js';
import { WebSocket } from './WebSocket.js';
import type { WebSocketDeflateOptions } from './WebSocketDeflateOptions.js';

/** What ClientWebSocket reads from its options; not part of the public API. */
export interface ClientWebSocketOptionsInternals {
  /** Locks the options (ConnectAsync was called). */
  setToReadOnly(): void;
  /** Headers set with SetRequestHeader, in order, with the spelling of their last setting. */
  readonly requestHeaders: ReadonlyArray<readonly [name: string, value: string]>;
  /** Subprotocols added with AddSubProtocol, in order. */
  readonly requestedSubProtocols: readonly string[];
  /** The ClientCertificates collection if it was ever created. */
  readonly clientCertificates: X509CertificateCollection | null;
}

let internalsOf: (options: ClientWebSocketOptions) => ClientWebSocketOptionsInternals;
let create: () => ClientWebSocketOptions;

/** @internal ClientWebSocket's view of its options. */
export function clientWebSocketOptionsInternals(options: ClientWebSocketOptions): ClientWebSocketOptionsInternals {
  return internalsOf(options);
}

/** @internal A fresh options object (the constructor is private, as .NET's is internal). */
export function createClientWebSocketOptions(): ClientWebSocketOptions {
  return create();
}

/** RFC 7230 token separators .NET's WebHeaderCollection refuses in header names. */
const INVALID_HEADER_NAME = /[()<>@,;:\\"'/[\]?={} \t\r\n]/;

/** .NET's HttpValidationHelpers.CheckBadHeaderValueChars: trims, then allows only folded line breaks. */
function checkHeaderValue(value: string | null): string {
  if (value === null || value === undefined || value === '') return '';
  const trimmed = value.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
  let crlf = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i) & 0xff;
    if (crlf === 0) {
      if (c === 0x0d) crlf = 1;
      else if (c === 0x0a) crlf = 2;
      else if (c === 0x7f || (c < 0x20 && c !== 0x09)) {
        throw new ArgumentException(SR.net_WebHeaderInvalidControlChars, 'value');
      }
    } else if (crlf === 1) {
      if (c !== 0x0a) throw new ArgumentException(SR.net_WebHeaderInvalidCRLFChars, 'value');
      crlf = 2;
    } else {
      if (c !== 0x20 && c !== 0x09) throw new ArgumentException(SR.net_WebHeaderInvalidControlChars, 'value');
      crlf = 0;
    }
  }
  if (crlf !== 0) throw new ArgumentException(SR.net_WebHeaderInvalidCRLFChars, 'value');
  return trimmed;
}

/**
 * Options of a {@link ClientWebSocket}, reached through `ws.Options`.
 *
 * @example
 * const ws = new ClientWebSocket();
 * ws.Options.AddSubProtocol('chat');
 * ws.Options.SetRequestHeader('Authorization', `Bearer ${token}`);
 * ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
 * await ws.ConnectAsync(new Uri('wss://example.com/ws'), CancellationToken.None);
 */
export class ClientWebSocketOptions {
  /** ConnectAsync was called: mutators throw. */
  #isReadOnly = false;
  /** Keep-alive interval: 30 s by default (WebSocket.DefaultKeepAliveInterval). */
  #keepAliveInterval: TimeSpan = WebSocket.DefaultKeepAliveInterval;
  /** Keep-alive timeout (.NET 9): infinite by default, i.e. unsolicited pongs. */
  #keepAliveTimeout: TimeSpan = Timeout.InfiniteTimeSpan;
  #useDefaultCredentials = false;
  #credentials: ICredentials | null = null;
  /** The system default proxy sentinel until set. */
  #proxy: IWebProxy | null = defaultWebProxy;
  #cookies: CookieContainer | null = null;
  #clientCertificates: X509CertificateCollection | null = null;
  #remoteCertificateValidationCallback: RemoteCertificateValidationCallback | null = null;
  /** Request headers by lower-case name: [spelling, value]. */
  readonly #requestHeaders = new Map<string, readonly [string, string]>();
  readonly #requestedSubProtocols: string[] = [];
  #httpVersion: Version = HttpVersion.Version11;
  #httpVersionPolicy: HttpVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
  #collectHttpResponseDetails = false;

  /**
   * permessage-deflate settings offered to the server; null (the default) offers no compression.
   * Not locked by ConnectAsync (as in .NET); read when the handshake starts.
   * @default null
   */
  DangerousDeflateOptions: WebSocketDeflateOptions | null = null;

  static {
    create = () => new ClientWebSocketOptions();
    internalsOf = (o) => ({
      setToReadOnly: () => {
        o.#isReadOnly = true;
      },
      get requestHeaders() {
        return [...o.#requestHeaders.values()];
      },
      get requestedSubProtocols() {
        return [...o.#requestedSubProtocols];
      },
      get clientCertificates() {
        return o.#clientCertificates;
      },
    });
  }

  private constructor() {}

  #throwIfReadOnly(): void {
    if (this.#isReadOnly) throw new InvalidOperationException(SR.net_WebSockets_AlreadyStarted);
  }

  static #validateKeepAlive(value: TimeSpan): void {
    if (value.Ticks < 0 && !value.Equals(Timeout.InfiniteTimeSpan)) {
      throw new ArgumentOutOfRangeException(
        'value',
        value,
        SR.Format(SR.net_WebSockets_ArgumentOutOfRange_TooSmall, Timeout.InfiniteTimeSpan.ToString()),
      );
    }
  }

  /**
   * Sets (or replaces) a header of the handshake request. Header names compare case-insensitively.
   *
   * @param headerName - A token (no separators or white space).
   * @param headerValue - The value; null sends an empty value.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   * @throws {@link System!ArgumentNullException} when `headerName` is null or empty.
   * @throws {@link System!ArgumentException} for invalid characters in the name or value.
   */
  SetRequestHeader(headerName: string, headerValue: string | null): void {
    this.#throwIfReadOnly();
    if (headerName === null || headerName === undefined || headerName === '') throw new ArgumentNullException('name');
    if (INVALID_HEADER_NAME.test(headerName) || /[^\x20-\x7e]/.test(headerName)) {
      throw new ArgumentException(SR.Format(SR.net_WebHeaderInvalidHeaderChars, headerName), 'name');
    }
    const value = checkHeaderValue(headerValue);
    this.#requestHeaders.set(headerName.toLowerCase(), [headerName, value]);
  }

  /**
   * Adds a subprotocol to offer in Sec-WebSocket-Protocol, in order of preference.
   *
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   * @throws {@link System!ArgumentException} ("subProtocol") when empty, when it holds an invalid character, or
   *   when it was added already (compared case-insensitively).
   */
  AddSubProtocol(subProtocol: string): void {
    this.#throwIfReadOnly();
    validateSubprotocol(subProtocol, 'subProtocol');
    const lower = subProtocol.toLowerCase();
    if (this.#requestedSubProtocols.some((p) => p.toLowerCase() === lower)) {
      throw new ArgumentException(SR.Format(SR.net_WebSockets_NoDuplicateProtocol, subProtocol), 'subProtocol');
    }
    this.#requestedSubProtocols.push(subProtocol);
  }

  /**
   * Interval of keep-alive frames: unsolicited pongs, or pings when {@link KeepAliveTimeout} is set too.
   * Zero or `Timeout.InfiniteTimeSpan` turns keep-alive off.
   * @default 30 seconds
   * @throws {@link System!ArgumentOutOfRangeException} ("value") for a negative value other than -1 ms.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get KeepAliveInterval(): TimeSpan {
    return this.#keepAliveInterval;
  }
  set KeepAliveInterval(value: TimeSpan) {
    this.#throwIfReadOnly();
    ClientWebSocketOptions.#validateKeepAlive(value);
    this.#keepAliveInterval = value;
  }

  /**
   * .NET 9: how long to wait for the pong to a keep-alive ping before aborting the connection. Infinite
   * (the default) or zero sends unsolicited pongs instead of pings.
   * @default Timeout.InfiniteTimeSpan
   * @throws {@link System!ArgumentOutOfRangeException} ("value") for a negative value other than -1 ms.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get KeepAliveTimeout(): TimeSpan {
    return this.#keepAliveTimeout;
  }
  set KeepAliveTimeout(value: TimeSpan) {
    this.#throwIfReadOnly();
    ClientWebSocketOptions.#validateKeepAlive(value);
    this.#keepAliveTimeout = value;
  }

  /**
   * Whether to log on with the current user's default credentials.
   * @default false
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   * @remarks Differs from .NET: Node.js has no default (Windows/Kerberos) credentials; the value is kept
   * but has no effect.
   */
  /**
   * Whether `HttpStatusCode` and `HttpResponseHeaders` of the ClientWebSocket are filled from the
   * handshake response (also when it fails).
   * @default false
   * @throws {InvalidOperationException} Set after ConnectAsync was called ("The WebSocket has already been started.").
   */
  get CollectHttpResponseDetails(): boolean {
    return this.#collectHttpResponseDetails;
  }
  set CollectHttpResponseDetails(value: boolean) {
    this.#throwIfReadOnly();
    this.#collectHttpResponseDetails = value;
  }

  get UseDefaultCredentials(): boolean {
    return this.#useDefaultCredentials;
  }
  set UseDefaultCredentials(value: boolean) {
    this.#throwIfReadOnly();
    this.#useDefaultCredentials = value;
  }

  /**
   * Credentials answered to the server's 401 challenge (HTTP Basic), e.g. a `NetworkCredential`.
   * @default null
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   * @remarks Differs from .NET: only the Basic scheme is answered (not Digest, NTLM or Negotiate).
   */
  get Credentials(): ICredentials | null {
    return this.#credentials;
  }
  set Credentials(value: ICredentials | null) {
    this.#throwIfReadOnly();
    this.#credentials = value ?? null;
  }

  /**
   * The HTTP proxy, reached with a CONNECT tunnel. The default is the system proxy (the http_proxy,
   * https_proxy, all_proxy and no_proxy environment variables, as .NET reads them on Linux); null
   * connects directly.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get Proxy(): IWebProxy | null {
    return this.#proxy;
  }
  set Proxy(value: IWebProxy | null) {
    this.#throwIfReadOnly();
    this.#proxy = value ?? null;
  }

  /**
   * Client certificates (with private keys) offered to a wss:// server that asks for one.
   * @throws {@link System!ArgumentNullException} ("value") when set to null.
   * @throws {@link System!InvalidOperationException} when set once ConnectAsync was called.
   */
  get ClientCertificates(): X509CertificateCollection {
    return (this.#clientCertificates ??= new X509CertificateCollection());
  }
  set ClientCertificates(value: X509CertificateCollection) {
    this.#throwIfReadOnly();
    if (value === null || value === undefined) throw new ArgumentNullException('value');
    this.#clientCertificates = value;
  }

  /**
   * Decides whether a wss:// server's certificate is accepted; null (the default) accepts only
   * certificates valid for the host and trusted by Node.js.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get RemoteCertificateValidationCallback(): RemoteCertificateValidationCallback | null {
    return this.#remoteCertificateValidationCallback;
  }
  set RemoteCertificateValidationCallback(value: RemoteCertificateValidationCallback | null) {
    this.#throwIfReadOnly();
    this.#remoteCertificateValidationCallback = value ?? null;
  }

  /**
   * Cookies sent with the handshake (those matching the URI); Set-Cookie answers are stored in it.
   * @default null (no cookies sent)
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get Cookies(): CookieContainer | null {
    return this.#cookies;
  }
  set Cookies(value: CookieContainer | null) {
    this.#throwIfReadOnly();
    this.#cookies = value ?? null;
  }

  /**
   * HTTP version of the handshake request.
   * @default HttpVersion.Version11
   * @throws {@link System!ArgumentNullException} ("value") when set to null.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   * `HttpVersion.Version20` opens the WebSocket over HTTP/2 (RFC 8441's extended CONNECT) when the server
   * allows it; see {@link HttpVersionPolicy} for the fallback to HTTP/1.1.
   */
  get HttpVersion(): Version {
    return this.#httpVersion;
  }
  set HttpVersion(value: Version) {
    this.#throwIfReadOnly();
    if (value === null || value === undefined) throw new ArgumentNullException('value');
    this.#httpVersion = value;
  }

  /**
   * Which versions the handshake may use relative to {@link HttpVersion}, as .NET decides:
   * - `RequestVersionOrLower` (default): with 2.0 over wss, HTTP/2 when the server offers it by ALPN and
   *   sends SETTINGS_ENABLE_CONNECT_PROTOCOL, else an HTTP/1.1 upgrade; over ws, HTTP/1.1.
   * - `RequestVersionExact`: with 2.0, HTTP/2 only (h2c with prior knowledge over ws); a server without
   *   extended CONNECT fails the connect (WebSocketException Faulted, inner HttpRequestException
   *   ExtendedConnectNotSupported).
   * - `RequestVersionOrHigher`: with 2.0 as Exact; with 1.1 over wss, HTTP/2 first, then HTTP/1.1.
   * A version above 2.0 needs RequestVersionOrLower (else WebSocketException UnsupportedProtocol).
   * @default HttpVersionPolicy.RequestVersionOrLower
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  get HttpVersionPolicy(): HttpVersionPolicy {
    return this.#httpVersionPolicy;
  }
  set HttpVersionPolicy(value: HttpVersionPolicy) {
    this.#throwIfReadOnly();
    this.#httpVersionPolicy = value;
  }

  /**
   * Sets the buffer sizes. Validated as .NET does; dotnet-ws sizes its buffers itself, so the values have
   * no further effect (as with .NET's managed implementation, which ignores them too).
   *
   * @throws {@link System!ArgumentOutOfRangeException} when a size is ≤ 0, or `buffer` is empty ("buffer").
   * @throws {@link System!ArgumentNullException} ("buffer.Array") when `buffer` has no array.
   * @throws {@link System!InvalidOperationException} once ConnectAsync was called.
   */
  SetBuffer(receiveBufferSize: number, sendBufferSize: number, buffer?: ArraySegment<Uint8Array>): void {
    this.#throwIfReadOnly();
    // .NET 10's ThrowIfNegativeOrZero and ThrowIfZero guards (NaN, which C# cannot pass, is refused too).
    if (!(receiveBufferSize > 0)) throw notPositive(receiveBufferSize, 'receiveBufferSize');
    if (!(sendBufferSize > 0)) throw notPositive(sendBufferSize, 'sendBufferSize');
    if (buffer !== undefined) {
      if (buffer === null || buffer.Array === null) throw new ArgumentNullException('buffer.Array');
      if (buffer.Offset < 0 || buffer.Offset > buffer.Array.length) throw new ArgumentOutOfRangeException('buffer.Offset');
      if (buffer.Count < 0 || buffer.Count > buffer.Array.length - buffer.Offset) {
        throw new ArgumentOutOfRangeException('buffer.Count');
      }
      ArgumentOutOfRangeException.ThrowIfZero(buffer.Count, 'buffer');
    }
  }
}

/** .NET 10's ArgumentOutOfRangeException.ThrowIfNegativeOrZero for a size: "{name} ('{value}') must be a non-negative and non-zero value." */
function notPositive(value: number, paramName: string): ArgumentOutOfRangeException {
  return new ArgumentOutOfRangeException(
    paramName,
    value,
    SR.Format(SR.ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero, paramName, value),
  );
}
