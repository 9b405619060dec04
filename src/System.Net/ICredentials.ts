/**
 * Mirrors .NET's `System.Net.ICredentials`: something that supplies a {@link NetworkCredential} for a URI
 * and an authentication scheme ("Basic", …).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.icredentials
 */
import type { Uri } from '../System/Uri.js';
import type { NetworkCredential } from './NetworkCredential.js';

/** Supplies credentials for a URI and an authentication scheme. */
export interface ICredentials {
  /** The credential to use for `uri` with the scheme `authType`, or null to send none. */
  GetCredential(uri: Uri, authType: string): NetworkCredential | null;
}
