import { describe, expect, it } from 'vitest';
import { ExternalException } from '../../src/System/ExternalException.js';
import { Win32Exception } from '../../src/System/Win32Exception.js';

describe('Win32Exception', () => {
  describe('constructor', () => {
    it('keeps the native error code of (error, message)', () => {
      const e = new Win32Exception(5, 'Access denied');
      expect(e.NativeErrorCode).toBe(5);
      expect(e.Message).toBe('Access denied');
    });

    // A known difference from .NET (README, "Differences from .NET" › WebSocket: "the parameterless
    // Win32Exception forms use error 0 and 'Unknown error (0x…)'"): .NET on Linux asks strerror (0x1f is
    // "Too many links"), on Windows FormatMessage; dotnet-ws has no message table and always gives the
    // Windows fallback text. Pinned as it is today, so a change either way shows here.
    it('describes an error code with the Windows fallback text [differs from .NET: documented]', () => {
      expect(new Win32Exception(0x1f).Message).toBe('Unknown error (0x1f)');
    });

    it('uses error 0 for (message) and (message, innerException)', () => {
      const inner = new Error('x');
      const e = new Win32Exception('m', inner);
      expect(e.NativeErrorCode).toBe(0);
      expect(e.InnerException).toBe(inner);
    });
  });

  it('is an ExternalException with HResult E_FAIL', () => {
    const e = new Win32Exception('m');
    expect(e).toBeInstanceOf(ExternalException);
    expect(e.HResult).toBe(-2147467259);
    expect(e.name).toBe('Win32Exception');
  });
});
