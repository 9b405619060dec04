// Waiting on observed state where no event says it changed: the condition is checked once per turn of
// the event loop (after I/O), never after a fixed sleep, and the wait fails the test if it is still
// false after `timeoutMs` (a bound for a broken case, not a duration the test depends on).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect } from 'vitest';

export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) expect.unreachable(`still waiting after ${timeoutMs} ms for ${what}`);
    await nextTurn();
  }
}
