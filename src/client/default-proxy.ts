// The "system default proxy" of ClientWebSocketOptions.Proxy (the sentinel of src/runtime/default-web-proxy.ts)
// as the client resolves it: from the environment (http_proxy, https_proxy, all_proxy, no_proxy) the way .NET's
// HttpEnvironmentProxy does on Linux and macOS.
import { defaultWebProxy } from '../runtime/default-web-proxy.js';
import { Uri } from '../System/Uri.js';
import type { ICredentials } from '../System.Net/ICredentials.js';
import type { IWebProxy } from '../System.Net/IWebProxy.js';
import { NetworkCredential } from '../System.Net/NetworkCredential.js';

/** A proxy chosen for one connection. */
export interface ResolvedProxy {
  /** The proxy's address (http). */
  address: Uri;
  /** Credentials for a 407 challenge, or null. */
  credentials: ICredentials | null;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseProxyUri(text: string | undefined): Uri | null {
  if (text === undefined) return null;
  try {
    const uri = new Uri(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`);
    return uri.Scheme === 'http' ? uri : null;
  } catch {
    return null;
  }
}

/**
 * no_proxy as .NET's HttpEnvironmentProxy reads it (checked with .NET 10): "example.com" bypasses that host
 * only, ".example.com" the domain and its subdomains; "*" is no wildcard.
 */
function bypassedByEnvironment(destination: Uri): boolean {
  const list = env('no_proxy') ?? env('NO_PROXY');
  if (list === undefined) return false;
  const host = destination.DnsSafeHost.toLowerCase();
  return list
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry.startsWith('.')) return host === entry.slice(1) || host.endsWith(entry);
      return host === entry;
    });
}

/**
 * The proxy for `destination` under `proxy` (the option's value): null means connect directly.
 * The default sentinel reads the environment: ws:// uses http_proxy, wss:// https_proxy, then all_proxy
 * (lower case first; upper-case HTTP_PROXY only outside CGI, as .NET does).
 */
export function resolveProxy(proxy: IWebProxy | null, destination: Uri): ResolvedProxy | null {
  if (proxy === null) return null;
  if (proxy === defaultWebProxy) {
    const secure = destination.Scheme === 'wss';
    const specific = secure
      ? (env('https_proxy') ?? env('HTTPS_PROXY'))
      : (env('http_proxy') ?? (env('GATEWAY_INTERFACE') === undefined ? env('HTTP_PROXY') : undefined));
    const address = parseProxyUri(specific) ?? parseProxyUri(env('all_proxy') ?? env('ALL_PROXY'));
    if (address === null || bypassedByEnvironment(destination)) return null;
    const userInfo = address.UserInfo;
    let credentials: ICredentials | null = null;
    if (userInfo !== '') {
      const i = userInfo.indexOf(':');
      credentials = new NetworkCredential(
        decodeURIComponent(i < 0 ? userInfo : userInfo.slice(0, i)),
        i < 0 ? '' : decodeURIComponent(userInfo.slice(i + 1)),
      );
    }
    return { address, credentials };
  }
  if (proxy.IsBypassed(destination)) return null;
  const address = proxy.GetProxy(destination);
  if (address === null || address.Equals(destination)) return null;
  return { address, credentials: proxy.Credentials };
}
