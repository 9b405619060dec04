// HttpListener's URI prefixes: the check HttpListenerPrefixCollection.Add makes (the managed, Linux
// implementation's ListenerPrefix rules, recorded with test/dotnet/probes/httplistener) and the parts a
// request is matched against.
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { SR } from '../Resources/SR.js';

/** A prefix taken apart. */
export interface ListenerPrefix {
  /** The prefix as added. */
  readonly original: string;
  /** https:// rather than http://. */
  readonly secure: boolean;
  /** The host, lower-cased, without brackets: "+" and "*" are wildcards. */
  readonly host: string;
  /** The port (80 or 443 when none is written); NaN when the text is not a port. */
  readonly port: number;
  /** The path, starting and ending with "/", lower-cased. */
  readonly path: string;
}

/** Where the host starts and ends in a prefix that passed the scheme check. */
function hostBounds(uriPrefix: string, start: number): [number, number] {
  if (uriPrefix[start] === '[') {
    const close = uriPrefix.indexOf(']', start);
    return [start, close === -1 ? uriPrefix.length : close + 1];
  }
  let end = start;
  while (end < uriPrefix.length && uriPrefix[end] !== ':' && uriPrefix[end] !== '/') end++;
  return [start, end];
}

/**
 * Throws what .NET's HttpListenerPrefixCollection.Add throws for a prefix it refuses, in .NET's order:
 * null, then the scheme, then the host, then the trailing slash.
 *
 * @throws {ArgumentNullException} The prefix is null.
 * @throws {ArgumentException} Not http:// or https://; no host; not ending in "/".
 */
export function checkPrefix(uriPrefix: string | null | undefined): asserts uriPrefix is string {
  if (uriPrefix === null || uriPrefix === undefined) throw new ArgumentNullException('uriPrefix');
  const lower = uriPrefix.toLowerCase();
  if (!lower.startsWith('http://') && !lower.startsWith('https://')) {
    throw new ArgumentException(SR.net_listener_scheme, 'uriPrefix');
  }
  const start = lower.indexOf('://') + 3;
  const [hostStart, hostEnd] = hostBounds(uriPrefix, start);
  if (hostEnd === hostStart) throw new ArgumentException(SR.net_listener_host, 'uriPrefix');
  if (!uriPrefix.endsWith('/')) throw new ArgumentException(SR.net_listener_slash, 'uriPrefix');
}

/** Takes apart a prefix that passed {@link checkPrefix}. */
export function parsePrefix(uriPrefix: string): ListenerPrefix {
  const lower = uriPrefix.toLowerCase();
  const secure = lower.startsWith('https://');
  const start = lower.indexOf('://') + 3;
  const [hostStart, hostEnd] = hostBounds(lower, start);
  let host = lower.slice(hostStart, hostEnd);
  if (host.startsWith('[')) host = host.slice(1, -1);
  const slash = lower.indexOf('/', hostEnd);
  let port = secure ? 443 : 80;
  if (lower[hostEnd] === ':') {
    const text = lower.slice(hostEnd + 1, slash);
    port = /^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : NaN;
  }
  return Object.freeze({ original: uriPrefix, secure, host, port, path: lower.slice(slash) });
}

/** Whether the prefix's host is a wildcard ("+" strong, "*" weak). */
export function isWildcardHost(prefix: ListenerPrefix): boolean {
  return prefix.host === '+' || prefix.host === '*';
}

/**
 * The prefix that takes a request for `hostName` and `path` (both as the client sent them), as .NET
 * chooses: a prefix naming the host first, then "+", then "*"; among those, the longest path that the request's path starts with (a path equal to the prefix's without its
 * final "/" matches too).
 */
export function matchPrefix(prefixes: Iterable<ListenerPrefix>, port: number, hostName: string, path: string): ListenerPrefix | null {
  const host = hostName.toLowerCase();
  const lowerPath = path.toLowerCase();
  const rank = (p: ListenerPrefix): number => (p.host === host ? 0 : p.host === '+' ? 1 : p.host === '*' ? 2 : -1);
  let best: ListenerPrefix | null = null;
  for (const p of prefixes) {
    if (p.port !== port || rank(p) < 0) continue;
    if (!lowerPath.startsWith(p.path) && lowerPath !== p.path.slice(0, -1)) continue;
    if (best === null || rank(p) < rank(best) || (rank(p) === rank(best) && p.path.length > best.path.length)) best = p;
  }
  return best;
}
