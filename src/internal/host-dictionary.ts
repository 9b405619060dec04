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

/** The store behind a dictionary proxy, reachable by its owner through {@link storeOf}. */
export class DictionaryStore {
  /** Entries by lower-cased name. */
  readonly #entries = new Map<string, Entry>();
  /** Refuses changes (headers after the response started, read-only collections). */
  readonly #guard: DictionaryGuard | null;

  constructor(guard: DictionaryGuard | null) {
    this.#guard = guard;
  }

  get(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  set(name: string, value: string | undefined): void {
    this.#guard?.beforeChange(name, value);
    this.setUnchecked(name, value);
  }

  /** Stores without asking the guard: for the owner filling the dictionary. */
  setUnchecked(name: string, value: string | undefined): void {
    const key = name.toLowerCase();
    if (value === undefined) {
      this.#entries.delete(key);
      return;
    }
    const existing = this.#entries.get(key);
    if (existing) existing.value = value;
    else this.#entries.set(key, { name, value });
  }

  names(): string[] {
    return [...this.#entries.values()].map((e) => e.name);
  }

  entries(): Array<[string, string]> {
    return [...this.#entries.values()].map((e) => [e.name, e.value]);
  }
}

/** Proxy → its store, for owners that need to read or fill it without going through the indexer. */
const stores = new WeakMap<object, DictionaryStore>();

/** The store of a dictionary made by {@link createDictionary}. */
export function storeOf(dictionary: object): DictionaryStore {
  const store = stores.get(dictionary);
  if (!store) throw new TypeError('not a dotnet-ws dictionary');
  return store;
}

/**
 * A plain-looking object whose string keys are looked up case-insensitively in `store`. Reading a
 * missing key gives undefined; assigning undefined or `delete` removes it. When `readonly`, writes are
 * refused (a TypeError in strict-mode code, as for a frozen object).
 */
export function createDictionary(store: DictionaryStore, readonly: boolean): Record<string, string | undefined> {
  const proxy = new Proxy(Object.create(null) as Record<string, string | undefined>, {
    get(_target, prop) {
      if (typeof prop !== 'string') return undefined;
      return store.get(prop);
    },
    has(_target, prop) {
      return typeof prop === 'string' && store.has(prop);
    },
    set(_target, prop, value: unknown) {
      if (readonly || typeof prop !== 'string') return false;
      store.set(prop, value === undefined || value === null ? undefined : String(value));
      return true;
    },
    deleteProperty(_target, prop) {
      if (readonly || typeof prop !== 'string') return false;
      store.set(prop, undefined);
      return true;
    },
    defineProperty() {
      return false;
    },
    ownKeys() {
      return store.names();
    },
    getOwnPropertyDescriptor(_target, prop) {
      if (typeof prop !== 'string' || !store.has(prop)) return undefined;
      return { value: store.get(prop), writable: !readonly, enumerable: true, configurable: true };
    },
  });
  stores.set(proxy, store);
  return proxy;
}
