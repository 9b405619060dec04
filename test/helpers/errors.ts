// What an action threw, for tests that look at more than `toThrow` does (the error's properties, its
// inner exception). Both fail the test when nothing is thrown.
import { expect } from 'vitest';

/** The exception `action` throws synchronously; fails the test if it returns. */
export function thrown<T = Error>(action: () => unknown): T {
  try {
    action();
  } catch (e) {
    return e as T;
  }
  return expect.unreachable('expected a synchronous throw');
}

/** What `promise` rejects with; fails the test if it fulfils. */
export async function rejection<T = Error>(promise: PromiseLike<unknown>): Promise<T> {
  try {
    await promise;
  } catch (e) {
    return e as T;
  }
  return expect.unreachable('expected a rejection');
}
