/**
 * Mirrors .NET's `System.Net.Cookie`: one HTTP cookie (RFC 6265), as stored in a {@link CookieContainer}.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.cookie
 */
import { SR } from '../Resources/SR.js';
import { CookieException } from './CookieException.js';

/** RFC 6265 §4.1.1 token characters, minus what .NET refuses in names ("$" first, separators). */
const INVALID_NAME = /[=;,\s]|^\$/;
/** A value may not hold ";" or "," unless it is quoted. */
const INVALID_VALUE = /[;,]/;

/** An HTTP cookie. */
export class Cookie {
  #name = '';
  #value = '';
  #path = '';
  #domain = '';
  /** Only sent over https/wss. @default false */
  Secure = false;
  /** Marks a cookie scripts may not read; no effect on what is sent. @default false */
  HttpOnly = false;
  /** When the cookie expires; null for a session cookie. @default null */
  Expires: Date | null = null;

  /**
   * @throws {@link CookieException} when `name` is empty or holds "=", ";", ",", white space or starts with "$",
   *   or when an unquoted `value` holds ";" or ",".
   * @example
   * options.Cookies = new CookieContainer();
   * options.Cookies.Add(new Uri('ws://example.com'), new Cookie('session', 'abc'));
   */
  constructor(name?: string, value?: string | null, path?: string | null, domain?: string | null) {
    if (name !== undefined) this.Name = name;
    if (value !== undefined) this.Value = value;
    if (path !== undefined) this.Path = path;
    if (domain !== undefined) this.Domain = domain;
  }

  /**
   * The name.
   * @throws {@link CookieException} when empty or invalid.
   */
  get Name(): string {
    return this.#name;
  }
  set Name(value: string) {
    if (value === null || value === undefined || value === '' || INVALID_NAME.test(value)) {
      throw new CookieException(SR.Format(SR.net_cookie_attribute, 'Name', value ?? '<null>'));
    }
    this.#name = value;
  }

  /**
   * The value (null becomes "").
   * @throws {@link CookieException} when it holds ";" or "," and is not quoted.
   */
  get Value(): string {
    return this.#value;
  }
  set Value(value: string | null) {
    const v = value ?? '';
    const quoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"');
    if (!quoted && INVALID_VALUE.test(v)) throw new CookieException(SR.Format(SR.net_cookie_attribute, 'Value', v));
    this.#value = v;
  }

  /** The path the cookie applies to ("" until set or defaulted by the container). */
  get Path(): string {
    return this.#path;
  }
  set Path(value: string | null) {
    this.#path = value ?? '';
  }

  /** The domain the cookie applies to ("" until set or defaulted by the container). */
  get Domain(): string {
    return this.#domain;
  }
  set Domain(value: string | null) {
    this.#domain = value ?? '';
  }

  /** Whether {@link Cookie.Expires} has passed. Setting true expires the cookie now. */
  get Expired(): boolean {
    return this.Expires !== null && this.Expires.getTime() <= Date.now();
  }
  set Expired(value: boolean) {
    if (value) this.Expires = new Date(Date.now() - 1);
  }

  /** "name=value", as sent in a Cookie header. */
  ToString(): string {
    return `${this.#name}=${this.#value}`;
  }

  /** Same as {@link Cookie.ToString}. */
  toString(): string {
    return this.ToString();
  }
}
