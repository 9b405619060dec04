// The messages .NET gives, for tests to expect: read from test/fixtures/dotnet-messages.json, whose every
// text was checked against .NET 10 itself (test/dotnet/probes/messages), never from src/Resources/SR.ts,
// so a wrong text in the code under test cannot agree with its own test.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

interface Entry {
  text: string;
  source: string;
  example?: { args: string[]; message: string };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/dotnet-messages.json', import.meta.url), 'utf8')) as {
  messages: Record<string, Entry>;
};

/**
 * Fills a .NET template as string.Format and .NET's generated resource helpers do: `{0}`, `{1}` … by
 * index, named placeholders (`{address}`) in order of first appearance, `{{`/`}}` as braces; null and
 * undefined as the empty string.
 */
export function fillTemplate(template: string, args: readonly unknown[]): string {
  const names: string[] = [];
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (match, id: string | undefined) => {
    if (id === undefined) return match[0]!;
    let index = Number(id);
    if (!/^\d+$/.test(id)) {
      if (!names.includes(id)) names.push(id);
      index = names.indexOf(id);
    }
    const value = args[index];
    return value === null || value === undefined ? '' : `${value as string | number | boolean}`;
  });
}

/** .NET's message `key` (a resource name), filled with `args`. An unknown key fails the test. */
export function dotnetMessage(key: string, ...args: unknown[]): string {
  const entry = fixture.messages[key];
  if (entry === undefined) return expect.unreachable(`test/fixtures/dotnet-messages.json has no message ${key}`);
  return fillTemplate(entry.text, args);
}

/** Expects `actual` (an Error, or a message) to carry exactly .NET's message `key` filled with `args`. */
export function expectDotnetMessage(actual: unknown, key: string, ...args: unknown[]): void {
  const message = actual instanceof Error ? actual.message : actual;
  expect(message).toBe(dotnetMessage(key, ...args));
}

/** Every key of the fixture (for the fixture's own test). */
export function dotnetMessageEntries(): Array<[string, Entry]> {
  return Object.entries(fixture.messages);
}
