/**
 * Mirrors .NET's `System.Net.WebProxy`: an HTTP proxy at a fixed address, with a bypass list. dotnet-ws
 * reaches it with an HTTP `CONNECT` tunnel for both ws:// and wss://, as .NET does for WebSockets.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.webproxy
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { Uri } from '../System/Uri.js';
import type { ICredentials } from './ICredentials.js';
import type { IWebProxy } from './IWebProxy.js';

/** An HTTP proxy. */
export class WebProxy implements IWebProxy {
  #address: Uri | null = null;
  #bypassList: string[] = [];
  #bypassRegexes: RegExp[] = [];

  /** Whether local addresses (loopback, or a host name without a dot) are reached directly. @default false */
  BypassProxyOnLocal = false;
  /** Credentials answered to the proxy's 407 challenge (Basic). @default null */
  Credentials: ICredentials | null = null;
  /** Accepted for .NET compatibility; there are no default credentials on Node.js. @default false */
  UseDefaultCredentials = false;

  /**
   * @param address - The proxy, e.g. "http://proxy:3128" or a {@link Uri}; a bare "host:port" is read as http.
   * @param bypassOnLocal - Sets {@link WebProxy.BypassProxyOnLocal}.
   * @param bypassList - Regular expressions; a destination whose "scheme://host[:port]" matches one is reached directly.
   * @param credentials - Sets {@link WebProxy.Credentials}.
   * @throws {@link System!UriFormatException} when `address` is not a valid URI.
   * @example
   * options.Proxy = new WebProxy('http://127.0.0.1:3128');
   */
  constructor(
    address?: string | Uri | null,
    bypassOnLocal?: boolean,
    bypassList?: readonly string[] | null,
    credentials?: ICredentials | null,
  );
  /** A proxy at `host`:`port` (http). */
  constructor(host: string, port: number);
  constructor(
    address?: string | Uri | null,
    second?: boolean | number,
    bypassList?: readonly string[] | null,
    credentials?: ICredentials | null,
  ) {
    if (typeof second === 'number') {
      this.#address = new Uri(`http://${address as string}:${second}`);
    } else {
      this.Address = address ?? null;
      this.BypassProxyOnLocal = second ?? false;
      if (bypassList) this.BypassList = bypassList;
      this.Credentials = credentials ?? null;
    }
  }

  /** The proxy's address, or null (then every destination is reached directly). */
  get Address(): Uri | null {
    return this.#address;
  }
  set Address(value: string | Uri | null) {
    if (value === null || value === undefined) this.#address = null;
    else if (value instanceof Uri) this.#address = value;
    else this.#address = new Uri(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`);
  }

  /**
   * Regular expressions for destinations reached directly.
   * @throws {@link System!ArgumentException} when an entry is not a valid regular expression.
   */
  get BypassList(): string[] {
    return [...this.#bypassList];
  }
  set BypassList(value: readonly string[]) {
    const regexes = value.map((entry) => {
      try {
        return new RegExp(entry, 'i');
      } catch (e) {
        throw new ArgumentException(SR.Format(SR.net_bad_bypass_list_entry, entry), 'value', e as Error);
      }
    });
    this.#bypassList = [...value];
    this.#bypassRegexes = regexes;
  }

  /** The proxy for `destination`, or `destination` itself when it is bypassed. */
  GetProxy(destination: Uri): Uri | null {
    return this.IsBypassed(destination) ? destination : this.#address;
  }

  /** Whether `host` is reached without the proxy. */
  IsBypassed(host: Uri): boolean {
    if (this.#address === null) return true;
    if (this.BypassProxyOnLocal && (host.IsLoopback || !host.DnsSafeHost.includes('.'))) return true;
    const target = host.IsDefaultPort ? `${host.Scheme}://${host.Host}` : `${host.Scheme}://${host.Host}:${host.Port}`;
    return this.#bypassRegexes.some((r) => r.test(target));
  }
}
