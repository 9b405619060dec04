// The order in which Kestrel writes a response's header fields, which the host follows so that a port's
// clients see the bytes its ASP.NET Core server sent: Content-Length first, then the headers Kestrel knows
// by name (a fixed set, written in name order), then every other header in the order it was added.
// Seen on Kestrel 10 by the differential suite (test/interop/dotnet.test.ts: raw-get-*, raw-response-head).

/** The response headers Kestrel 10 knows by name (lower case). */
const KNOWN = new Set([
  'accept-ranges',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'age',
  'allow',
  'alt-svc',
  'cache-control',
  'connection',
  'content-encoding',
  'content-language',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'date',
  'etag',
  'expires',
  'grpc-encoding',
  'grpc-message',
  'grpc-status',
  'keep-alive',
  'last-modified',
  'location',
  'pragma',
  'proxy-authenticate',
  'proxy-connection',
  'retry-after',
  'server',
  'set-cookie',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'vary',
  'via',
  'warning',
  'www-authenticate',
]);

/** The second that {@link cachedDate} was formatted for. */
let cachedSecond = -1;
/** The Date value of the current second. */
let cachedDate = '';
/** The same as a header line ("Date: …"). */
let cachedDateLine = '';

/**
 * Kestrel's Date value (RFC 1123, as `toUTCString` writes it), formatted once a second as Kestrel's
 * DateHeaderValueManager does rather than once per response.
 */
export function dateHeaderValue(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = new Date(now).toUTCString();
    cachedDateLine = `Date: ${cachedDate}`;
  }
  return cachedDate;
}

/** {@link dateHeaderValue} as a header line: "Date: " and the value. */
export function dateHeaderLine(): string {
  dateHeaderValue();
  return cachedDateLine;
}

/** What Kestrel adds to every response: its Date and Server. */
export function serverHeaders(): Array<[string, string]> {
  return [
    ['Date', dateHeaderValue()],
    ['Server', 'Kestrel'],
  ];
}

/** `headers` in Kestrel's order (stable: repeated names keep their order). */
export function kestrelOrder<T extends readonly [string, string]>(headers: readonly T[]): T[] {
  const rank = (name: string) => {
    const key = name.toLowerCase();
    return key === 'content-length' ? 0 : KNOWN.has(key) ? 1 : 2;
  };
  return headers
    .map((h, i) => ({ h, i, r: rank(h[0]), k: h[0].toLowerCase() }))
    .sort((a, b) => a.r - b.r || (a.r === 1 && a.k !== b.k ? (a.k < b.k ? -1 : 1) : a.i - b.i))
    .map((x) => x.h);
}

/** Whether `headers` has a field named `name` (lower case). */
export function hasHeader(headers: ReadonlyArray<readonly [string, string]>, name: string): boolean {
  return headers.some(([n]) => n.toLowerCase() === name);
}
