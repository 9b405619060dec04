// ClientWebSocket.HttpResponseHeaders: .NET's IReadOnlyDictionary<string, IEnumerable<string>> of the
// handshake response, as a ReadonlyMap whose lookups ignore case (HTTP header names do).

/** The response headers of a handshake: name (as the server spelled it) → values. */
export class HttpResponseHeaders implements ReadonlyMap<string, readonly string[]> {
  /** Lower-case name → [spelling, values]. */
  readonly #entries = new Map<string, [string, string[]]>();

  /** From Node's `rawHeaders` ([name, value, name, value, …]); repeated names collect their values. */
  static fromRaw(rawHeaders: readonly string[]): HttpResponseHeaders {
    const headers = new HttpResponseHeaders();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      const key = name.toLowerCase();
      const entry = headers.#entries.get(key);
      if (entry) entry[1].push(rawHeaders[i + 1]!);
      else headers.#entries.set(key, [name, [rawHeaders[i + 1]!]]);
    }
    return headers;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The values of header `name` (any case), or undefined. */
  get(name: string): readonly string[] | undefined {
    return this.#entries.get(name.toLowerCase())?.[1];
  }

  /** Whether header `name` (any case) is present. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  forEach(callback: (value: readonly string[], key: string, map: ReadonlyMap<string, readonly string[]>) => void): void {
    for (const [name, values] of this.#entries.values()) callback(values, name, this);
  }

  /** [name, values] pairs, names as the server spelled them. */
  entries(): MapIterator<[string, readonly string[]]> {
    return this.#view().entries();
  }

  keys(): MapIterator<string> {
    return this.#view().keys();
  }

  values(): MapIterator<readonly string[]> {
    return this.#view().values();
  }

  [Symbol.iterator](): MapIterator<[string, readonly string[]]> {
    return this.entries();
  }

  #view(): Map<string, readonly string[]> {
    return new Map([...this.#entries.values()].map(([name, values]) => [name, values] as const));
  }
}
