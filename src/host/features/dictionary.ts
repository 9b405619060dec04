// Case-insensitive string dictionaries with an indexer, for HttpRequest.Headers/Query/RouteValues and
// HttpResponse.Headers: `Headers["Origin"]`, `Headers.origin` and `Headers["ORIGIN"]` are one entry, as in
// ASP.NET Core's IHeaderDictionary, IQueryCollection and RouteValueDictionary (all OrdinalIgnoreCase).

/** One stored entry: the name as first given (for enumeration and output) and its value. */
interface Entry {
  name: string;
  value: string;
}

/** Hooks a mutable dictionary calls before a change; they throw to refuse it. */
export interface DictionaryGuard {
  /** Called with the name and value about to be stored, or value undefined for a removal. */
  beforeChange(name: string, value: string | undefined): void;
}

/** The store behind a dictionary proxy (its owner keeps a reference to read or fill it directly). */
export class DictionaryStore {
  /** Entries by lower-cased name; created on the first entry (most stores of an idle request stay empty). */
  #entries: Map<string, Entry> | null = null;
  /** Refuses changes (headers after the response started, read-only collections). */
  readonly #guard: DictionaryGuard | null;

  constructor(guard: DictionaryGuard | null) {
    this.#guard = guard;
  }

  get(name: string): string | undefined {
    return this.#entries?.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.#entries?.has(name.toLowerCase()) ?? false;
  }

  set(name: string, value: string | undefined): void {
    this.#guard?.beforeChange(name, value);
    this.setUnchecked(name, value);
  }

  /** Stores without asking the guard: for the owner filling the dictionary. */
  setUnchecked(name: string, value: string | undefined): void {
    const key = name.toLowerCase();
    if (value === undefined) {
      this.#entries?.delete(key);
      return;
    }
    const existing = this.#entries?.get(key);
    if (existing) existing.value = value;
    else (this.#entries ??= new Map()).set(key, { name, value });
  }

  names(): string[] {
    return this.#entries === null ? [] : [...this.#entries.values()].map((e) => e.name);
  }

  entries(): Array<[string, string]> {
    return this.#entries === null ? [] : [...this.#entries.values()].map((e) => [e.name, e.value]);
  }
}

/** Where a dictionary proxy's target keeps its store (a symbol, so it is no string key of the dictionary). */
const STORE = Symbol('store');

/** A proxy's target: a null-prototype object that only carries the store. */
interface Target {
  [STORE]: DictionaryStore;
}

/**
 * The traps, shared by every dictionary of one kind: they find the store on the target, so that a
 * dictionary costs a proxy and its target rather than a handler with its own closures.
 */
function handler(readonly: boolean): ProxyHandler<Target> {
  return {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      return target[STORE].get(prop);
    },
    has(target, prop) {
      return typeof prop === 'string' && target[STORE].has(prop);
    },
    set(target, prop, value: unknown) {
      if (readonly || typeof prop !== 'string') return false;
      // A header set to a number (or anything else) is stored as its text, as the C# StringValues conversion does.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      target[STORE].set(prop, value === undefined || value === null ? undefined : String(value));
      return true;
    },
    deleteProperty(target, prop) {
      if (readonly || typeof prop !== 'string') return false;
      target[STORE].set(prop, undefined);
      return true;
    },
    defineProperty() {
      return false;
    },
    ownKeys(target) {
      return target[STORE].names();
    },
    getOwnPropertyDescriptor(target, prop) {
      const store = target[STORE];
      if (typeof prop !== 'string' || !store.has(prop)) return undefined;
      return { value: store.get(prop), writable: !readonly, enumerable: true, configurable: true };
    },
  };
}

const mutableHandler = handler(false);
const readonlyHandler = handler(true);

/**
 * A plain-looking object whose string keys are looked up case-insensitively in `store`. Reading a
 * missing key gives undefined; assigning undefined or `delete` removes it. When `readonly`, writes are
 * refused (a TypeError in strict-mode code, as for a frozen object).
 */
export function createDictionary(store: DictionaryStore, readonly: boolean): Record<string, string | undefined> {
  const target = Object.create(null) as Target;
  // Not enumerable, and configurable so that the proxy's invariants allow ownKeys not to list it.
  Object.defineProperty(target, STORE, { value: store, configurable: true });
  const proxy = new Proxy(target, readonly ? readonlyHandler : mutableHandler) as unknown as Record<string, string | undefined>;
  return proxy;
}
