import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';

describe('ArgumentNullException', () => {
  describe('constructor', () => {
    it('says "Value cannot be null." with the parameter name', () => {
      const e = new ArgumentNullException('buffer.Array');
      expect(e.Message).toBe(`${dotnetMessage('ArgumentNull_Generic')} (Parameter 'buffer.Array')`);
      expect(e.ParamName).toBe('buffer.Array');
    });

    it('says "Value cannot be null." without a parameter name', () => {
      expect(new ArgumentNullException().Message).toBe(dotnetMessage('ArgumentNull_Generic'));
    });

    it('takes (paramName, message)', () => {
      const e = new ArgumentNullException('bytes', dotnetMessage('ArgumentNull_Array'));
      expect(e.Message).toBe("Array cannot be null. (Parameter 'bytes')");
    });

    it('takes (message, innerException)', () => {
      const inner = new Error('x');
      const e = new ArgumentNullException('m', inner);
      expect(e.Message).toBe('m');
      expect(e.ParamName).toBeNull();
      expect(e.InnerException).toBe(inner);
    });
  });

  describe('.ThrowIfNull', () => {
    it.each([null, undefined])('throws for %s', (value) => {
      expect(() => ArgumentNullException.ThrowIfNull(value, 'options')).toThrow(new ArgumentNullException('options').Message);
    });

    it.each([0, '', false])('does not throw for %j', (value) => {
      expect(() => ArgumentNullException.ThrowIfNull(value, 'x')).not.toThrow();
    });
  });

  it('is an ArgumentException', () => {
    const e = new ArgumentNullException('x');
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.name).toBe('ArgumentNullException');
    expect(e.HResult).toBe(-2147467261);
  });
});
