// What the server logs while a test runs, captured instead of printed: the host reports an exception a
// handler lets escape with console.error ("fail: Microsoft.AspNetCore.Server.Kestrel[13] …", as ASP.NET
// Core logs it). A test that expects such a log captures it, waits for it and asserts on it, so a passing
// run prints no stack trace that a reader would take for a failure.
import { vi } from 'vitest';

/** console.error, captured until `restore()`. */
export interface ServerLog {
  /** One entry per console.error call: its arguments as text, an Error as "Name: message". */
  readonly entries: string[];
  /** Resolves with the entries once at least `count` were logged. */
  until(count: number): Promise<string[]>;
  /** Puts console.error back. Call it in a `finally`. */
  restore(): void;
}

function text(arg: unknown): string {
  return arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg);
}

/** Starts capturing console.error. */
export function captureServerLog(): ServerLog {
  const entries: string[] = [];
  const waiters: Array<{ count: number; resolve: (entries: string[]) => void }> = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    entries.push(args.map(text).join(' '));
    for (const waiter of waiters.filter((w) => entries.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve([...entries]);
    }
  });
  return {
    entries,
    until(count) {
      if (entries.length >= count) return Promise.resolve([...entries]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    restore() {
      spy.mockRestore();
    },
  };
}

/** The first line and the exception of a "fail: …Kestrel[13]" entry: what an unhandled handler exception logs. */
export const unhandledApplicationException = (exception: string): RegExp =>
  new RegExp(
    `^fail: Microsoft\\.AspNetCore\\.Server\\.Kestrel\\[13\\]\\n {6}Connection id "[^"]+", Request id "[^"]+": An unhandled exception was thrown by the application\\. ${exception.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
  );
