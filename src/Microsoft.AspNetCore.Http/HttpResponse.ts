/**
 * Microsoft.AspNetCore.Http.HttpResponse: the outgoing side of an HTTP exchange.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.httpresponse
 */
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { SR } from '../Resources/SR.js';
import { createDictionary } from '../host/features/dictionary.js';
import type { ResponseState } from '../host/features/response.js';
import type { HttpContext } from './HttpContext.js';
import type { IHeaderDictionary } from './IHeaderDictionary.js';

/**
 * The response: status, headers and body. Nothing is sent until the first write (or the end of the
 * request), so status and headers can be set until then.
 */
export class HttpResponse {
  /** The owning context. */
  readonly #context: HttpContext;
  /** Status, headers, sink. */
  readonly #state: ResponseState;
  /** Header indexer, built on first use. */
  #headers: IHeaderDictionary | null = null;

  /** @internal Created by the host for each request. */
  constructor(context: HttpContext, state: ResponseState) {
    this.#context = context;
    this.#state = state;
  }

  /** The HttpContext this response belongs to. */
  get HttpContext(): HttpContext {
    return this.#context;
  }

  /**
   * The status code. 200 unless set; 101 once a WebSocket was accepted.
   * @default 200
   * @throws {InvalidOperationException} Set after the response started ("StatusCode cannot be set because
   *   the response has already started.").
   */
  get StatusCode(): number {
    return this.#state.statusCode;
  }

  set StatusCode(value: number) {
    if (this.#state.started) {
      throw new InvalidOperationException(SR.Format(SR.ParameterReadOnlyAfterResponseStarted, 'StatusCode'));
    }
    this.#state.statusCode = value;
  }

  /** The response headers, by name, case-insensitively; read-only once the response started. */
  get Headers(): IHeaderDictionary {
    this.#headers ??= createDictionary(this.#state.headers, false);
    return this.#headers;
  }

  /** The Content-Type header, or null. */
  get ContentType(): string | null {
    return this.#state.headers.get('content-type') ?? null;
  }

  set ContentType(value: string | null) {
    this.#state.headers.set('Content-Type', value === null || value === '' ? undefined : value);
  }

  /** The Content-Length header as a number, or null. */
  get ContentLength(): number | null {
    const value = this.#state.headers.get('content-length');
    return value === undefined ? null : Number(value);
  }

  set ContentLength(value: number | null) {
    this.#state.headers.set('Content-Length', value === null ? undefined : String(value));
  }

  /** True once the status and headers were sent (or the request became a WebSocket). */
  get HasStarted(): boolean {
    return this.#state.started;
  }

  /**
   * Writes `text` as UTF-8 (or raw bytes) to the body, sending status and headers first if needed.
   *
   * @throws {ArgumentNullException} `text` is null or undefined (thrown synchronously).
   * @returns A promise that rejects with OperationCanceledException when `cancellationToken` is already
   *   cancelled.
   * @remarks Differs from .NET: also takes a Uint8Array (C#'s `Body.WriteAsync(bytes)`).
   */
  WriteAsync(text: string | Uint8Array, cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    if (text === null || text === undefined) throw new ArgumentNullException('text');
    if (cancellationToken.IsCancellationRequested) {
      return Promise.reject(new OperationCanceledException(SR.OperationCanceled, undefined, cancellationToken));
    }
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    return this.#state.write(bytes);
  }

  /** Sends the status line and headers now. */
  StartAsync(cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    if (cancellationToken.IsCancellationRequested) {
      return Promise.reject(new OperationCanceledException(SR.OperationCanceled, undefined, cancellationToken));
    }
    this.#state.start();
    return Promise.resolve();
  }

  /**
   * Redirects: status 302 (301 when `permanent`) and a Location header.
   * @throws {InvalidOperationException} The response already started.
   */
  Redirect(location: string, permanent = false): void {
    this.StatusCode = permanent ? 301 : 302;
    this.#state.headers.set('Location', location);
  }
}
