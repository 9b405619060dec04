// HttpListenerRequest.Headers / QueryString: NameValueCollections in .NET, read by name case-insensitively
// (`request.Headers["Origin"]`). Here a frozen record behind a Proxy that folds the name's case; its own
// keys are the names as the client wrote them, so `Object.keys(headers)` is .NET's `AllKeys`.

/**
 * A read-only, case-insensitive name → value collection; repeated names are joined with "," as .NET does.
 * .NET types `HttpListenerRequest.Headers` and `QueryString` as `NameValueCollection`; here they index the
 * same way (`Headers["Origin"]`), and `Object.keys` gives `AllKeys`.
 */
export type NameValueRecord = Readonly<Record<string, string | undefined>>;

/** Builds a {@link NameValueRecord} from name/value pairs. */
export function nameValueRecord(pairs: Iterable<readonly [string, string]>): NameValueRecord {
  const target: Record<string, string> = Object.create(null) as Record<string, string>;
  const byLower = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = byLower.get(name.toLowerCase());
    if (key === undefined) {
      byLower.set(name.toLowerCase(), name);
      target[name] = value;
    } else {
      target[key] = `${target[key]},${value}`;
    }
  }
  Object.freeze(target);
  return new Proxy(target, {
    get(t, name) {
      if (typeof name !== 'string') return undefined;
      const key = byLower.get(name.toLowerCase());
      return key === undefined ? undefined : t[key];
    },
    has(_t, name) {
      return typeof name === 'string' && byLower.has(name.toLowerCase());
    },
  });
}

/** The pairs of Node's `rawHeaders` ([name, value, name, value, …]). */
export function* rawHeaderPairs(raw: readonly string[]): Iterable<readonly [string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) yield [raw[i]!, raw[i + 1]!];
}
