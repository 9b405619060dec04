// Where dotnet-ws differs from .NET 10, seen by the differential suite (test/interop/dotnet.test.ts).
// Each entry names the comparisons it covers ("<scenario> <comparison>", see dotnet.test.ts) and why the
// difference is there; those comparisons run as `it.fails`, so the day dotnet-ws matches .NET 10 the
// test turns red and the entry goes.
export interface Difference {
  id: string;
  /** "<scenario> <comparison>" keys; a trailing "*" matches any suffix. */
  cases: readonly string[];
  /** Why: what dotnet-ws does, what .NET 10 does, and what removes it. */
  reason: string;
}

export const differences: readonly Difference[] = [];

/** The differences a comparison key is listed under. */
export function differencesOf(key: string): Difference[] {
  return differences.filter((d) => d.cases.some((c) => (c.endsWith('*') ? key.startsWith(c.slice(0, -1)) : key === c)));
}
