// A JavaScript array that also answers to the ICollection<T>/IList<T> members C# code calls:
// `app.Urls.Add("http://localhost:3000")`, `options.AllowedOrigins.Add(...)`, `.Count`, `.Clear()`.

/**
 * An array with .NET's collection members. Indexing, `length`, `push` and iteration work as on any
 * array.
 */
export class HostList<T> extends Array<T> {
  // Array methods that build new arrays (map, filter, slice) return plain arrays.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** Number of items (`ICollection<T>.Count`). */
  get Count(): number {
    return this.length;
  }

  /** Appends `item`. */
  Add(item: T): void {
    this.push(item);
  }

  /** Removes every item. */
  Clear(): void {
    this.length = 0;
  }

  /** True when `item` is in the list (`===`). */
  Contains(item: T): boolean {
    return this.includes(item);
  }

  /** Removes the first `item`; returns whether one was found. */
  Remove(item: T): boolean {
    const index = this.indexOf(item);
    if (index < 0) return false;
    this.splice(index, 1);
    return true;
  }
}

/** A HostList holding `items`. */
export function hostListOf<T>(items: Iterable<T>): HostList<T> {
  const list = new HostList<T>();
  for (const item of items) list.push(item);
  return list;
}
