import { describe, expect, it } from 'vitest';
import { StatusCodes } from '../../src/Microsoft.AspNetCore.Http/StatusCodes.js';

describe('StatusCodes', () => {
  it.each<[keyof typeof StatusCodes, number]>([
    ['Status101SwitchingProtocols', 101],
    ['Status200OK', 200],
    ['Status204NoContent', 204],
    ['Status400BadRequest', 400],
    ['Status401Unauthorized', 401],
    ['Status403Forbidden', 403],
    ['Status404NotFound', 404],
    ['Status405MethodNotAllowed', 405],
    ['Status413PayloadTooLarge', 413],
    ['Status413RequestEntityTooLarge', 413],
    ['Status426UpgradeRequired', 426],
    ['Status429TooManyRequests', 429],
    ['Status500InternalServerError', 500],
    ['Status503ServiceUnavailable', 503],
    ['Status505HttpVersionNotsupported', 505],
    ['Status511NetworkAuthenticationRequired', 511],
  ])('%s is %i', (name, value) => {
    expect(StatusCodes[name]).toBe(value);
  });

  it('has a constant for every code from 100 to 511 that ASP.NET Core names, each Status<code><Name>', () => {
    const names = Object.getOwnPropertyNames(StatusCodes).filter((n) => n.startsWith('Status'));
    expect(names).toHaveLength(65);
    for (const name of names) {
      expect(name.slice(6, 9)).toBe(String((StatusCodes as unknown as Record<string, number>)[name]));
    }
  });
});
