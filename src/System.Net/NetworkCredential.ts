/**
 * Mirrors .NET's `System.Net.NetworkCredential`: a user name and password (and optional domain), used
 * by `ClientWebSocketOptions.Credentials` and `WebProxy.Credentials`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.networkcredential
 */
import type { Uri } from '../System/Uri.js';
import type { ICredentials } from './ICredentials.js';

/** A user name and password for password-based authentication. */
export class NetworkCredential implements ICredentials {
  #userName: string;
  #password: string;
  #domain: string;

  /**
   * @example
   * options.Credentials = new NetworkCredential('alice', 's3cret');
   */
  constructor(userName?: string | null, password?: string | null, domain?: string | null) {
    this.#userName = userName ?? '';
    this.#password = password ?? '';
    this.#domain = domain ?? '';
  }

  /** The user name; never null. */
  get UserName(): string {
    return this.#userName;
  }
  set UserName(value: string | null) {
    this.#userName = value ?? '';
  }

  /** The password; never null. */
  get Password(): string {
    return this.#password;
  }
  set Password(value: string | null) {
    this.#password = value ?? '';
  }

  /** The domain; never null. Not sent by Basic authentication. */
  get Domain(): string {
    return this.#domain;
  }
  set Domain(value: string | null) {
    this.#domain = value ?? '';
  }

  /** Returns this credential, whatever the URI and scheme (as .NET does). */
  GetCredential(_uri: Uri, _authType: string): NetworkCredential {
    return this;
  }
}
