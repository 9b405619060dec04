/**
 * Mirrors .NET's `System.Net.Http.HttpRequestException`: the inner exception of a WebSocket connect that
 * failed at the HTTP level.
 * @see https://learn.microsoft.com/dotnet/api/system.net.http.httprequestexception
 */
import { Exception } from '../System/Exception.js';
import { HttpRequestError } from './HttpRequestError.js';

/** An HTTP request failed. */
export class HttpRequestException extends Exception {
  override name = 'HttpRequestException';
  /** Why the request failed. */
  readonly HttpRequestError: HttpRequestError;
  /** The status code, when the failure came with a response; otherwise null. */
  readonly StatusCode: number | null;

  constructor(httpRequestError: HttpRequestError, message: string | null, inner?: Error | null, statusCode: number | null = null) {
    super(message ?? undefined, inner ?? undefined);
    this.HttpRequestError = httpRequestError;
    this.StatusCode = statusCode;
  }
}
