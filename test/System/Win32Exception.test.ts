import { describe, expect, it } from 'vitest';
import { SR } from '../../src/Resources/SR.js';
import { ExternalException } from '../../src/System/ExternalException.js';
import { Win32Exception } from '../../src/System/Win32Exception.js';

describe('Win32Exception', () => {
  describe('constructor', () => {
    it('keeps the native error code of (error, message)', () => {
      const e = new Win32Exception(5, 'Access denied');
      expect(e.NativeErrorCode).toBe(5);
      expect(e.Message).toBe('Access denied');
    });

    it('describes an error code it has no text for', () => {
      expect(new Win32Exception(0x1f).Message).toBe(SR.Format(SR.UnknownError_Num, '1f'));
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
