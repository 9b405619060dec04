import { describe, expect, it } from 'vitest';
import { SystemException } from '../../src/System/SystemException.js';
import { IOException } from '../../src/System.IO/IOException.js';

describe('IOException', () => {
  it("says .NET's default message and is a SystemException with COR_E_IO", () => {
    const inner = new Error('inner');
    const e = new IOException(undefined, inner);
    expect(e.Message).toBe('I/O error occurred.');
    expect(e.InnerException).toBe(inner);
    expect(e).toBeInstanceOf(SystemException);
    expect(e.name).toBe('IOException');
    expect(e.HResult).toBe(-2146232800);
  });
});
