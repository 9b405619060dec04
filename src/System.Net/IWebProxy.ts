/**
 * Mirrors .NET's `System.Net.IWebProxy`: chooses the proxy for a destination.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.iwebproxy
 */
import type { Uri } from '../System/Uri.js';
import type { ICredentials } from './ICredentials.js';

/** A proxy choice for outgoing connections. */
export interface IWebProxy {
  /** Credentials for the proxy (answered to a 407 challenge), or null. */
  Credentials: ICredentials | null;
  /** The proxy to use for `destination`; `destination` itself (or null) means "connect directly". */
  GetProxy(destination: Uri): Uri | null;
  /** Whether `host` is reached directly, without the proxy. */
  IsBypassed(host: Uri): boolean;
}
