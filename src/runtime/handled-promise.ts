/**
 * Marks a promise handled, so Node reports no unhandled rejection for it, and returns it unchanged. Used for
 * the tasks of System.Threading.Tasks: an unobserved faulted task does not end a .NET process either.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
