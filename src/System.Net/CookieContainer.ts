/**
 * Mirrors .NET's `System.Net.CookieContainer`, reduced to what a WebSocket client needs: hold cookies,
 * pick the ones matching a URI (RFC 6265 §5.4 domain, path and Secure rules) for the Cookie header of the
 * handshake, and take in the server's Set-Cookie answers.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.cookiecontainer
 * @remarks Differs from .NET: a minimal container with RFC 6265 matching; no capacity limits
 * (`Capacity`, `PerDomainCapacity`, `MaxCookieSize`), no RFC 2109/2965 `Version`/`Port` handling.
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import type { Uri } from '../System/Uri.js';
import { Cookie } from './Cookie.js';
import { CookieCollection } from './CookieCollection.js';
import { CookieException } from './CookieException.js';

/** A stored cookie and whether it only matches the exact host it came from (no Domain attribute). */
interface Entry {
  cookie: Cookie;
  hostOnly: boolean;
}

/** RFC 6265 §5.1.4 default-path: the URI's path up to, not including, its last "/". */
function defaultPath(uri: Uri): string {
  const path = uri.AbsolutePath;
  if (!path.startsWith('/')) return '/';
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** RFC 6265 §5.1.3 domain-match. */
function domainMatches(host: string, domain: string): boolean {
  const d = domain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === d || (h.endsWith(`.${d}`) && !/^[\d.]+$/.test(h) && !h.includes(':'));
}

/** Whether `uri` is sent over TLS, so Secure cookies may go with it. */
function isSecure(uri: Uri): boolean {
  return uri.Scheme === 'https' || uri.Scheme === 'wss';
}

let addFromResponse: (container: CookieContainer, uri: Uri, setCookie: string) => void;

/**
 * @internal Takes in one Set-Cookie value received from `uri`, ignoring it when invalid (as an HTTP client
 * does). Not exported from the namespace barrel.
 */
export function cookieContainerSetCookieFromResponse(container: CookieContainer, uri: Uri, setCookie: string): void {
  addFromResponse(container, uri, setCookie);
}

/** A store of cookies sent with matching requests. */
export class CookieContainer {
  readonly #entries: Entry[] = [];

  /** How many (unexpired) cookies the container holds. */
  get Count(): number {
    this.#purge();
    return this.#entries.length;
  }

  /**
   * Adds a cookie that names its own domain.
   * @throws {@link System!ArgumentNullException} when `cookie` is null.
   * @throws {@link System!ArgumentException} when `cookie.Domain` is empty.
   */
  Add(cookie: Cookie): void;
  /** Adds every cookie of `cookies` (each must name its domain). */
  Add(cookies: CookieCollection): void;
  /**
   * Adds a cookie received from `uri`: without a Domain it matches only `uri`'s host, without a Path it
   * gets `uri`'s default path.
   * @throws {@link System!ArgumentNullException} when `uri` or `cookie` is null.
   * @throws {@link CookieException} when the cookie's Domain does not match `uri`'s host.
   */
  Add(uri: Uri, cookie: Cookie | CookieCollection): void;
  Add(first: Uri | Cookie | CookieCollection, second?: Cookie | CookieCollection): void {
    if (first === null || first === undefined) throw new ArgumentNullException(second === undefined ? 'cookie' : 'uri');
    if (second === undefined) {
      if (first instanceof CookieCollection) {
        for (const c of first) this.Add(c);
        return;
      }
      const cookie = first as Cookie;
      if (cookie.Domain === '') {
        throw new ArgumentException(SR.Format(SR.net_emptystringcall, 'cookie.Domain'), 'cookie');
      }
      if (cookie.Path === '') cookie.Path = '/';
      this.#store({ cookie, hostOnly: false });
      return;
    }
    if (second === null) throw new ArgumentNullException('cookie');
    const uri = first as Uri;
    if (second instanceof CookieCollection) {
      for (const c of second) this.Add(uri, c);
      return;
    }
    this.#addFromUri(uri, second, true);
  }

  #addFromUri(uri: Uri, cookie: Cookie, throwOnError: boolean): void {
    const hostOnly = cookie.Domain === '';
    if (hostOnly) {
      cookie.Domain = uri.DnsSafeHost;
    } else if (!domainMatches(uri.DnsSafeHost, cookie.Domain)) {
      if (throwOnError) throw new CookieException(SR.Format(SR.net_cookie_attribute, 'Domain', cookie.Domain));
      return;
    }
    if (cookie.Path === '') cookie.Path = defaultPath(uri);
    this.#store({ cookie, hostOnly });
  }

  #store(entry: Entry): void {
    const { cookie } = entry;
    const i = this.#entries.findIndex(
      (e) =>
        e.cookie.Name === cookie.Name && e.cookie.Path === cookie.Path && e.cookie.Domain.toLowerCase() === cookie.Domain.toLowerCase(),
    );
    if (i >= 0) this.#entries.splice(i, 1);
    if (!cookie.Expired) this.#entries.push(entry);
  }

  #purge(): void {
    for (let i = this.#entries.length - 1; i >= 0; i--) if (this.#entries[i]!.cookie.Expired) this.#entries.splice(i, 1);
  }

  /**
   * The cookies to send to `uri`, longest path first.
   * @throws {@link System!ArgumentNullException} when `uri` is null.
   */
  GetCookies(uri: Uri): CookieCollection {
    if (uri === null || uri === undefined) throw new ArgumentNullException('uri');
    this.#purge();
    const host = uri.DnsSafeHost;
    const path = uri.AbsolutePath || '/';
    const secure = isSecure(uri);
    const result = new CookieCollection();
    this.#entries
      .filter(({ cookie, hostOnly }) => {
        const domainOk = hostOnly ? host.toLowerCase() === cookie.Domain.toLowerCase() : domainMatches(host, cookie.Domain);
        return domainOk && pathMatches(path, cookie.Path) && (secure || !cookie.Secure);
      })
      .sort((a, b) => b.cookie.Path.length - a.cookie.Path.length)
      .forEach(({ cookie }) => result.Add(cookie));
    return result;
  }

  /**
   * The Cookie header value for `uri` ("a=1; b=2"), or "" when no cookie matches.
   * @throws {@link System!ArgumentNullException} when `uri` is null.
   */
  GetCookieHeader(uri: Uri): string {
    return [...this.GetCookies(uri)].map((c) => c.ToString()).join('; ');
  }

  /** Every cookie in the container. */
  GetAllCookies(): CookieCollection {
    this.#purge();
    const result = new CookieCollection();
    for (const { cookie } of this.#entries) result.Add(cookie);
    return result;
  }

  /**
   * Takes in Set-Cookie header values received from `uri` (several may be joined with ",").
   * @throws {@link System!ArgumentNullException} when `uri` or `cookieHeader` is null.
   * @throws {@link CookieException} when a cookie cannot be parsed or its Domain does not match `uri`.
   */
  SetCookies(uri: Uri, cookieHeader: string): void {
    if (uri === null || uri === undefined) throw new ArgumentNullException('uri');
    if (cookieHeader === null || cookieHeader === undefined) throw new ArgumentNullException('cookieHeader');
    // Split on commas that start a new "name=" (an Expires date holds a comma too).
    for (const part of cookieHeader.split(/,(?=\s*[^;,=\s]+=)/)) {
      if (part.trim() === '') continue;
      let cookie: Cookie;
      try {
        cookie = parseSetCookie(part);
        this.#addFromUri(uri, cookie, true);
      } catch (e) {
        throw new CookieException(SR.Format(SR.net_cookie_parse_header, uri.AbsoluteUri), e as Error);
      }
    }
  }

  static {
    addFromResponse = (container, uri, setCookie) => {
      try {
        container.#addFromUri(uri, parseSetCookie(setCookie), false);
      } catch {
        // RFC 6265 §5.2: a user agent ignores a Set-Cookie it cannot parse.
      }
    };
  }
}

/** RFC 6265 §5.2: parses one Set-Cookie value. */
function parseSetCookie(text: string): Cookie {
  const [pair = '', ...attributes] = text.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new CookieException(SR.Format(SR.net_cookie_attribute, 'Name', pair.trim()));
  const cookie = new Cookie(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  for (const attribute of attributes) {
    const i = attribute.indexOf('=');
    const name = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
    const value = i < 0 ? '' : attribute.slice(i + 1).trim();
    switch (name) {
      case 'path':
        if (value.startsWith('/')) cookie.Path = value;
        break;
      case 'domain':
        if (value !== '') cookie.Domain = value.replace(/^\./, '');
        break;
      case 'expires': {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) cookie.Expires = date;
        break;
      }
      case 'max-age':
        if (/^-?\d+$/.test(value)) cookie.Expires = new Date(Date.now() + Number(value) * 1000);
        break;
      case 'secure':
        cookie.Secure = true;
        break;
      case 'httponly':
        cookie.HttpOnly = true;
        break;
    }
  }
  return cookie;
}
