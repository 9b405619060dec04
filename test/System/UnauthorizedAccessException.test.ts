import { describe, expect, it } from 'vitest';
import { SystemException } from '../../src/System/SystemException.js';
import { UnauthorizedAccessException } from '../../src/System/UnauthorizedAccessException.js';

describe('UnauthorizedAccessException', () => {
  it("says .NET's default message and is a SystemException with E_ACCESSDENIED", () => {
    const e = new UnauthorizedAccessException();
    expect(e.Message).toBe('Attempted to perform an unauthorized operation.');
    expect(e).toBeInstanceOf(SystemException);
    expect(e.name).toBe('UnauthorizedAccessException');
    expect(e.HResult).toBe(-2147024891);
  });
});
