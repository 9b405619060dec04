/**
 * permessage-deflate negotiation (RFC 7692 §5, §7.1) the way .NET does it: pure functions over header
 * values, no zlib, no sockets.
 *
 * - Server side: ASP.NET Core's `WebSocketMiddleware.AcceptAsync` + `HandshakeHelpers.ParseDeflateOptions`
 *   (dotnet/aspnetcore `src/Middleware/WebSockets/src/`), response header byte for byte.
 * - Client side: `WebSocketHandle.Managed.cs` of System.Net.WebSockets.Client (dotnet/runtime): the offer
 *   `ClientWebSocket` writes for `DangerousDeflateOptions`, and how it reads the server's answer.
 *
 * Every rule here was checked against the real .NET 10 (test/dotnet/probes/deflate/, recorded in
 * test/fixtures/deflate-negotiation.json); the comments say where .NET departs from the RFC, since it is
 * .NET's behaviour we reproduce.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7692#section-7.1
 * @see https://github.com/dotnet/aspnetcore/blob/main/src/Middleware/WebSockets/src/HandshakeHelpers.cs
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/System.Net.WebSockets.Client/src/System/Net/WebSockets/WebSocketHandle.Managed.cs
 */

/** The agreed parameters of one connection (RFC 7692 §7.1). */
export interface DeflateParameters {
  /** LZ77 window of what the client compresses (and the server inflates), 9..15. */
  clientMaxWindowBits: number;
  /** LZ77 window of what the server compresses (and the client inflates), 9..15. */
  serverMaxWindowBits: number;
  /** The client resets its compressor after every message (§7.1.1.2). */
  clientNoContextTakeover: boolean;
  /** The server resets its compressor after every message (§7.1.1.1). */
  serverNoContextTakeover: boolean;
}

/**
 * What the server is configured with: ASP.NET Core's `WebSocketAcceptContext` with
 * `DangerousEnableCompression = true`.
 */
export interface ServerDeflateSettings {
  /** `!DisableServerContextTakeover`: false makes the server answer `server_no_context_takeover`. */
  serverContextTakeover: boolean;
  /** `ServerMaxWindowBits`, 9..15 (validated by the accept context). */
  serverMaxWindowBits: number;
}

/**
 * The client's `ClientWebSocketOptions.DangerousDeflateOptions` (`WebSocketDeflateOptions`, each value
 * already validated to 9..15 by its setter).
 */
export interface ClientDeflateSettings {
  clientMaxWindowBits: number;
  clientContextTakeover: boolean;
  serverMaxWindowBits: number;
  serverContextTakeover: boolean;
}

/**
 * A client-side negotiation failure: what the response got wrong and the `WebSocketErrorCode` .NET gives the
 * exception it throws from `ConnectAsync`; the message is attached above the protocol
 * (src/shared/deflate-messages.ts).
 */
export interface DeflateNegotiationFailure {
  /**
   * `invalid-parameter`: a window-bits parameter without a valid value (`parameter` is the element as sent);
   * `client-window-too-large`, `server-window-too-large`: the response raised a window above the one
   * offered (`offered`, `answered`).
   */
  failure: 'invalid-parameter' | 'client-window-too-large' | 'server-window-too-large';
  /** The extension element that failed, for `invalid-parameter`. */
  parameter?: string;
  /** The window bits offered and answered, for the `…-too-large` failures. */
  offered?: number;
  answered?: number;
  /**
   * The `WebSocketError` value .NET gives the exception: `HeaderError` (7) for a window-bits parameter
   * without a valid value, `Success` (0) for a window larger than the one offered (.NET throws
   * `new WebSocketException(message)` there, whose code is `Success`).
   */
  webSocketErrorCode: 0 | 7;
}

const EXTENSION = 'permessage-deflate';
const CLIENT_MAX_WINDOW_BITS = 'client_max_window_bits';
const SERVER_MAX_WINDOW_BITS = 'server_max_window_bits';
const CLIENT_NO_CONTEXT_TAKEOVER = 'client_no_context_takeover';
const SERVER_NO_CONTEXT_TAKEOVER = 'server_no_context_takeover';
/** The largest LZ77 window (32 KiB), the default when a window parameter is absent (§7.1.2). */
const MAX_WINDOW_BITS = 15;
/** `WebSocketError.HeaderError`. */
const HEADER_ERROR = 7;
/** `WebSocketError.Success`. */
const SUCCESS = 0;

// .NET's char.IsWhiteSpace, which its Trim/TrimStart/TrimEnd and header splitting use (JS's trim differs:
// it takes U+FEFF and leaves U+0085).
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_WS = new RegExp(`^[${WS}]+`);
const TRAILING_WS = new RegExp(`[${WS}]+$`);
const trimStart = (s: string): string => s.replace(LEADING_WS, '');
const trimEnd = (s: string): string => s.replace(TRAILING_WS, '');
const trim = (s: string): string => trimEnd(trimStart(s));

/**
 * `int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)`: ASCII white space around, one
 * optional sign, decimal digits (trailing NULs are ignored, as .NET does). Null when .NET would fail; a
 * value too large for an int is irrelevant here (callers only accept 8..15) and comes back as a large number.
 */
function parseDotNetInt(s: string): number | null {
  const m = /^[\t-\r ]*([+-]?)([0-9]+)[\t-\r ]*\0*$/.exec(s);
  if (m === null) return null;
  const n = Number(m[2]);
  return m[1] === '-' ? -n : n;
}

/**
 * ASP.NET Core's `GetCommaSeparatedValues` over one header line: split at commas outside double quotes
 * (NUL also ends an element), trim .NET white space, drop empty elements, and strip one pair of quotes
 * that wraps a whole element.
 */
function splitHeaderList(line: string, into: string[]): void {
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= line.length; i++) {
    const c = i === line.length ? '\0' : line[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\0' || (c === ',' && !quoted)) {
      let element = trim(line.slice(start, i));
      if (element.length > 1 && element[0] === '"' && element[element.length - 1] === '"') element = element.slice(1, -1);
      if (element.length > 0) into.push(element);
      start = i + 1;
    }
  }
}

/**
 * The value of an offered `client_max_window_bits`/`server_max_window_bits` parameter as ASP.NET Core reads
 * it: `undefined` when it has none, `null` when it is invalid (the offer is then declined), else the number,
 * quotes allowed (RFC 7692 §5.2 quoted-string form).
 */
function offeredWindowBits(parameter: string): number | null | undefined {
  const eq = parameter.indexOf('=');
  if (eq < 0) return undefined;
  let value = trimEnd(parameter.slice(eq + 1));
  if (value.length === 0) return null;
  if (value.length > 1 && value[0] === '"' && value[value.length - 1] === '"') value = value.slice(1, -1);
  const bits = parseDotNetInt(value);
  // §7.1.2: 8..15 are valid values, but zlib cannot deflate with a 256-byte window: ASP.NET Core declines 8.
  return bits === null || bits < 9 || bits > MAX_WINDOW_BITS ? null : bits;
}

/** One offer (`permessage-deflate; …`, already trimmed at the start): the response, or null to decline it. */
function acceptOffer(offer: string, settings: ServerDeflateSettings): { header: string; parameters: DeflateParameters } | null {
  const parameters: DeflateParameters = {
    clientMaxWindowBits: MAX_WINDOW_BITS,
    serverMaxWindowBits: settings.serverMaxWindowBits,
    clientNoContextTakeover: false,
    serverNoContextTakeover: !settings.serverContextTakeover,
  };
  let header = EXTENSION;
  let seenClientBits = false;
  let seenServerBits = false;
  let seenClientNoContext = false;
  let seenServerNoContext = false;
  // The first element is the extension name itself, which matches none of the parameter names below.
  for (let rest = offer; ;) {
    const end = rest.indexOf(';');
    const value = trim(end >= 0 ? rest.slice(0, end) : rest);
    // ASP.NET Core stops at the first empty element ("permessage-deflate; ; x" ignores x).
    if (value.length === 0) break;
    // §7: "MUST decline ... if the negotiation offer contains multiple extension parameters with the same
    // name". Names compare ordinally; the window-bits names are matched as prefixes, as ASP.NET Core does,
    // and unknown parameters are ignored (the RFC says to decline them: ASP.NET Core does not).
    if (value === CLIENT_NO_CONTEXT_TAKEOVER) {
      if (seenClientNoContext) return null;
      seenClientNoContext = true;
      parameters.clientNoContextTakeover = true;
      header += '; ' + CLIENT_NO_CONTEXT_TAKEOVER;
    } else if (value === SERVER_NO_CONTEXT_TAKEOVER) {
      if (seenServerNoContext) return null;
      seenServerNoContext = true;
      parameters.serverNoContextTakeover = true;
    } else if (value.startsWith(CLIENT_MAX_WINDOW_BITS)) {
      if (seenClientBits) return null;
      seenClientBits = true;
      const bits = offeredWindowBits(value);
      if (bits === null) return null;
      // §7.1.2.2: answered only when offered; a value-less offer is answered with 15.
      parameters.clientMaxWindowBits = bits ?? MAX_WINDOW_BITS;
      header += `; ${CLIENT_MAX_WINDOW_BITS}=${parameters.clientMaxWindowBits}`;
    } else if (value.startsWith(SERVER_MAX_WINDOW_BITS)) {
      if (seenServerBits) return null;
      seenServerBits = true;
      const bits = offeredWindowBits(value);
      if (bits === null) return null;
      // §7.1.2.1: the server may use the offered size or less.
      parameters.serverMaxWindowBits = Math.min(bits ?? MAX_WINDOW_BITS, settings.serverMaxWindowBits);
    }
    if (end < 0) break;
    rest = rest.slice(end + 1);
  }
  // §7.1.1.1: sent when the client asked for it or the server is configured so.
  if (parameters.serverNoContextTakeover) header += '; ' + SERVER_NO_CONTEXT_TAKEOVER;
  if (seenServerBits || parameters.serverMaxWindowBits !== MAX_WINDOW_BITS) {
    header += `; ${SERVER_MAX_WINDOW_BITS}=${parameters.serverMaxWindowBits}`;
  }
  return { header, parameters };
}

/**
 * Server side: picks the first acceptable `permessage-deflate` offer among the request's
 * `Sec-WebSocket-Extensions` values, as ASP.NET Core does when `DangerousEnableCompression` is set.
 *
 * - Offers are the comma-separated elements of every header line (quoted commas do not split; an element
 *   wholly in quotes is unquoted), each trimmed; one that starts with `permessage-deflate` (ordinal, so
 *   `permessage-deflatex` counts and `Permessage-Deflate` does not) is parsed, a declined one is skipped.
 * - Declined (RFC 7692 §7): a parameter repeated; a window-bits value that is empty, not an integer, or
 *   outside 9..15 (8 too: zlib cannot deflate with it). Unknown parameters are ignored.
 * - Response: `permessage-deflate`, then in offer order `client_no_context_takeover` (echoed) and
 *   `client_max_window_bits=N` (only when offered; 15 when it had no value), then
 *   `server_no_context_takeover` (asked for or configured), then `server_max_window_bits=N`
 *   (N = min(offered or 15, configured), when offered or configured below 15). `; ` separates them.
 *
 * @param offers Every `Sec-WebSocket-Extensions` request header line (an array), or Node's joined value.
 * @returns The response header value and the parameters, or null: no deflate, the connection goes on
 *   uncompressed (and no `Sec-WebSocket-Extensions` is sent).
 * @see https://www.rfc-editor.org/rfc/rfc7692#section-7.1
 * @example
 * negotiateServerDeflate('permessage-deflate; client_max_window_bits', { serverContextTakeover: true, serverMaxWindowBits: 15 });
 * // { header: 'permessage-deflate; client_max_window_bits=15', parameters: { clientMaxWindowBits: 15, … } }
 */
export function negotiateServerDeflate(
  offers: string | readonly string[] | undefined,
  settings: ServerDeflateSettings,
): { header: string; parameters: DeflateParameters } | null {
  if (offers === undefined) return null;
  const elements: string[] = [];
  if (typeof offers === 'string') splitHeaderList(offers, elements);
  else for (const line of offers) splitHeaderList(line, elements);
  for (const element of elements) {
    const offer = trimStart(element);
    if (!offer.startsWith(EXTENSION)) continue;
    const accepted = acceptOffer(offer, settings);
    if (accepted !== null) return accepted;
  }
  return null;
}

/**
 * Client side: the `Sec-WebSocket-Extensions` value `ClientWebSocket` sends for its
 * `DangerousDeflateOptions`. `client_max_window_bits` is always offered (RFC 7692 §7.1.2.2), valueless at 15;
 * the other parameters only when they differ from the defaults.
 *
 * @example
 * clientDeflateOffer({ clientMaxWindowBits: 15, clientContextTakeover: true, serverMaxWindowBits: 15, serverContextTakeover: true });
 * // 'permessage-deflate; client_max_window_bits'
 */
export function clientDeflateOffer(settings: ClientDeflateSettings): string {
  let offer = `${EXTENSION}; ${CLIENT_MAX_WINDOW_BITS}`;
  if (settings.clientMaxWindowBits !== MAX_WINDOW_BITS) offer += `=${settings.clientMaxWindowBits}`;
  if (!settings.clientContextTakeover) offer += '; ' + CLIENT_NO_CONTEXT_TAKEOVER;
  if (settings.serverMaxWindowBits !== MAX_WINDOW_BITS) offer += `; ${SERVER_MAX_WINDOW_BITS}=${settings.serverMaxWindowBits}`;
  if (!settings.serverContextTakeover) offer += '; ' + SERVER_NO_CONTEXT_TAKEOVER;
  return offer;
}

/** A window-bits parameter of the server's response: null when .NET throws HeaderError for it. */
function respondedWindowBits(parameter: string): number | null {
  const eq = parameter.indexOf('=');
  if (eq < 0) return null;
  const bits = parseDotNetInt(parameter.slice(eq + 1));
  return bits === null || bits < 9 || bits > MAX_WINDOW_BITS ? null : bits;
}

/**
 * Client side: reads the server's `Sec-WebSocket-Extensions` as `ClientWebSocket.ConnectAsync` does.
 *
 * - Each header line is one value (.NET does not split it at commas): the first line that starts, after
 *   white space, with `permessage-deflate` (ordinal) is the answer; the others are ignored.
 * - Its `;`-separated parameters, trimmed, are matched ordinally: the two `*_no_context_takeover` names
 *   exactly (.NET accepts `client_no_context_takeover` even though the client did not offer it, which ws
 *   refuses), the two window-bits names as prefixes; unknown parameters are ignored and a repeated one
 *   overrides. Absent parameters take the defaults (15, context takeover), not the offered values.
 * - A window-bits parameter without `=`, or whose value is not an integer in 9..15 (quotes are not
 *   allowed), fails with `WebSocketException(WebSocketError.HeaderError, "The 'permessage-deflate' header
 *   value '{parameter}' is invalid.")`.
 * - Then a client window larger than `ClientMaxWindowBits` fails with
 *   `WebSocketException("The WebSocket failed to negotiate max client window bits. The client requested
 *   {offered} but the server responded with {answered}.")` (WebSocketErrorCode `Success`), and likewise for
 *   the server window. A server that ignores `client_max_window_bits=10` therefore fails the connection
 *   (the absent parameter reads as 15).
 *
 * `ConnectAsync` throws the exception as is (not wrapped), disposes the ClientWebSocket (state Closed).
 *
 * @param header The response's `Sec-WebSocket-Extensions` lines (an array from `rawHeaders`, exact), Node's
 *   joined value (then treated as one line), or undefined when absent.
 * @returns The parameters; null when the server did not accept deflate (the connection goes on
 *   uncompressed); or the failure to throw.
 * @see https://www.rfc-editor.org/rfc/rfc7692#section-7.1
 */
export function acceptServerDeflateResponse(
  header: string | readonly string[] | undefined,
  settings: ClientDeflateSettings,
): DeflateParameters | null | DeflateNegotiationFailure {
  if (header === undefined) return null;
  const lines = typeof header === 'string' ? [header] : header;
  const line = lines.find((l) => trimStart(l).startsWith(EXTENSION));
  if (line === undefined) return null;

  const parameters: DeflateParameters = {
    clientMaxWindowBits: MAX_WINDOW_BITS,
    serverMaxWindowBits: MAX_WINDOW_BITS,
    clientNoContextTakeover: false,
    serverNoContextTakeover: false,
  };
  for (const element of line.split(';')) {
    const value = trim(element);
    if (value === CLIENT_NO_CONTEXT_TAKEOVER) parameters.clientNoContextTakeover = true;
    else if (value === SERVER_NO_CONTEXT_TAKEOVER) parameters.serverNoContextTakeover = true;
    else if (value.startsWith(CLIENT_MAX_WINDOW_BITS) || value.startsWith(SERVER_MAX_WINDOW_BITS)) {
      const bits = respondedWindowBits(value);
      if (bits === null) {
        return { failure: 'invalid-parameter', parameter: value, webSocketErrorCode: HEADER_ERROR };
      }
      if (value.startsWith(CLIENT_MAX_WINDOW_BITS)) parameters.clientMaxWindowBits = bits;
      else parameters.serverMaxWindowBits = bits;
    }
  }
  // §7.1.2: the response may lower a window, never raise it above what was offered.
  if (parameters.clientMaxWindowBits > settings.clientMaxWindowBits) {
    return {
      failure: 'client-window-too-large',
      offered: settings.clientMaxWindowBits,
      answered: parameters.clientMaxWindowBits,
      webSocketErrorCode: SUCCESS,
    };
  }
  if (parameters.serverMaxWindowBits > settings.serverMaxWindowBits) {
    return {
      failure: 'server-window-too-large',
      offered: settings.serverMaxWindowBits,
      answered: parameters.serverMaxWindowBits,
      webSocketErrorCode: SUCCESS,
    };
  }
  return parameters;
}

/** Whether a result of {@link acceptServerDeflateResponse} is a failure. */
export function isDeflateNegotiationFailure(
  result: DeflateParameters | null | DeflateNegotiationFailure,
): result is DeflateNegotiationFailure {
  return result !== null && 'failure' in result;
}
