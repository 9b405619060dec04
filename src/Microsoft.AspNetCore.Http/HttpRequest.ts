/**
 * Microsoft.AspNetCore.Http.HttpRequest: the incoming side of an HTTP exchange.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.httprequest
 */
import type { Readable } from 'node:stream';
import { createDictionary, DictionaryStore } from '../host/features/dictionary.js';
import type { Exchange } from '../host/features/exchange.js';
import type { HttpContext } from './HttpContext.js';
import type { IHeaderDictionary } from './IHeaderDictionary.js';
import type { IQueryCollection } from './IQueryCollection.js';
import type { RouteValueDictionary } from './RouteValueDictionary.js';

/** Parses a query string as ASP.NET Core's QueryHelpers does: `+` is a space, repeated keys are joined. */
function parseQuery(queryString: string): DictionaryStore {
  const store = new DictionaryStore(null);
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of new URLSearchParams(queryString)) {
    const key = name.toLowerCase();
    const entry = grouped.get(key);
    if (entry) entry.values.push(value);
    else grouped.set(key, { name, values: [value] });
  }
  for (const { name, values } of grouped.values()) store.setUnchecked(name, values.join(','));
  return store;
}

/**
 * The request: method, path, query, headers and the route values of the matched endpoint.
 */
export class HttpRequest {
  /** The owning context. */
  readonly #context: HttpContext;
  /** The host's record of this exchange. */
  readonly #exchange: Exchange;
  /** Header indexer over the exchange's header store, built on first use. */
  #headers: IHeaderDictionary | null = null;
  /** Query indexer, built on first use. */
  #query: IQueryCollection | null = null;
  /** Route-value indexer, built on first use. */
  #routeValues: RouteValueDictionary | null = null;

  /** @internal Created by the host for each request. */
  constructor(context: HttpContext, exchange: Exchange) {
    this.#context = context;
    this.#exchange = exchange;
  }

  /** The HttpContext this request belongs to. */
  get HttpContext(): HttpContext {
    return this.#context;
  }

  /** The HTTP method, e.g. "GET". */
  get Method(): string {
    return this.#exchange.method;
  }

  /** "http" or "https". */
  get Scheme(): string {
    return this.#exchange.isHttps ? 'https' : 'http';
  }

  /** True when the request came over TLS. */
  get IsHttps(): boolean {
    return this.#exchange.isHttps;
  }

  /**
   * The Host header, e.g. "localhost:5000".
   * @remarks Differs from .NET: a string, not a HostString.
   */
  get Host(): string {
    return this.#exchange.header('host') ?? '';
  }

  /**
   * The part of the path the app is mounted at; always "" here (there is no UsePathBase).
   * @remarks Differs from .NET: a string, not a PathString.
   */
  get PathBase(): string {
    return '';
  }

  /**
   * The request path without the query, percent-decoded except for "%2F", e.g. "/ws".
   * @remarks Differs from .NET: a string, not a PathString (compare it with `===`; there is no `.Value`).
   */
  get Path(): string {
    return this.#exchange.path;
  }

  set Path(value: string) {
    this.#exchange.path = value;
  }

  /**
   * The raw query string including its leading "?", or "" when there is none.
   * @remarks Differs from .NET: a string, not a QueryString struct.
   */
  get QueryString(): string {
    return this.#exchange.queryString;
  }

  /** The query parameters, by name, case-insensitively. */
  get Query(): IQueryCollection {
    this.#query ??= createDictionary(parseQuery(this.#exchange.queryString), true);
    return this.#query;
  }

  /** The request headers, by name, case-insensitively. */
  get Headers(): IHeaderDictionary {
    this.#headers ??= createDictionary(this.#exchange.requestHeaders, false);
    return this.#headers;
  }

  /** The protocol, e.g. "HTTP/1.1". */
  get Protocol(): string {
    return `HTTP/${this.#exchange.httpVersion}`;
  }

  /** The Content-Type header, or null. */
  get ContentType(): string | null {
    return this.#exchange.header('content-type') ?? null;
  }

  /** The Content-Length header as a number, or null when absent or invalid. */
  get ContentLength(): number | null {
    const value = this.#exchange.header('content-length');
    return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : null;
  }

  /** The route values of the matched endpoint (`/ws/{room}` → `RouteValues["room"]`). */
  get RouteValues(): RouteValueDictionary {
    this.#routeValues ??= createDictionary(this.#exchange.routeValues, false);
    return this.#routeValues;
  }

  /**
   * The request body as a Node readable stream (Node's IncomingMessage; an empty stream for an upgrade
   * request, whose body Node does not read).
   * @remarks Differs from .NET: a Node Readable, not a System.IO.Stream.
   */
  get Body(): Readable {
    return this.#exchange.body;
  }
}
