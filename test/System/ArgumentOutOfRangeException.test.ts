import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';

describe('ArgumentOutOfRangeException', () => {
  describe('constructor', () => {
    it('uses "Specified argument was out of the range of valid values." with the parameter', () => {
      const e = new ArgumentOutOfRangeException('count');
      expect(e.Message).toBe(`${dotnetMessage('Arg_ArgumentOutOfRangeException')} (Parameter 'count')`);
      expect(e.ParamName).toBe('count');
      expect(e.ActualValue).toBeNull();
    });

    it('takes (paramName, message)', () => {
      const e = new ArgumentOutOfRangeException('offset', dotnetMessage('ArgumentOutOfRange_NeedNonNegNum'));
      expect(e.Message).toBe("Non-negative number required. (Parameter 'offset')");
    });

    it('takes (message, innerException)', () => {
      const inner = new Error('x');
      const e = new ArgumentOutOfRangeException('m', inner);
      expect(e.Message).toBe('m');
      expect(e.InnerException).toBe(inner);
    });

    it('appends a new line and "Actual value was X." for (paramName, actualValue, message)', () => {
      const e = new ArgumentOutOfRangeException('ClientMaxWindowBits', 8, dotnetMessage('net_WebSockets_ArgumentOutOfRange', 9, 15));
      expect(e.Message).toBe("The argument must be a value between 9 and 15. (Parameter 'ClientMaxWindowBits')\nActual value was 8.");
      expect(e.ActualValue).toBe(8);
    });

    it("prints a TimeSpan actual value in .NET's format", () => {
      const e = new ArgumentOutOfRangeException('KeepAliveInterval', TimeSpan.FromSeconds(-2), 'm');
      expect(e.Message).toBe("m (Parameter 'KeepAliveInterval')\nActual value was -00:00:02.");
    });

    it('prints booleans as True/False', () => {
      expect(new ArgumentOutOfRangeException('p', true, 'm').Message).toBe("m (Parameter 'p')\nActual value was True.");
    });

    it('omits the actual value line when the value is null', () => {
      expect(new ArgumentOutOfRangeException('p', null, 'm').Message).toBe("m (Parameter 'p')");
    });

    it('shows the complete message in the stack header', () => {
      const e = new ArgumentOutOfRangeException('p', 1, 'm');
      expect(e.stack?.startsWith("ArgumentOutOfRangeException: m (Parameter 'p')\nActual value was 1.")).toBe(true);
    });
  });

  describe('.ThrowIfNegative', () => {
    it("throws .NET 8's guard message for a negative value", () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfNegative(-1, 'count')).toThrow(
        "count ('-1') must be a non-negative value. (Parameter 'count')\nActual value was -1.",
      );
    });

    it('accepts zero', () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfNegative(0, 'count')).not.toThrow();
    });
  });

  describe('.ThrowIfNegativeOrZero', () => {
    it('throws for zero', () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(0, 'receiveBufferSize')).toThrow(
        "receiveBufferSize ('0') must be a non-negative and non-zero value. (Parameter 'receiveBufferSize')\nActual value was 0.",
      );
    });
  });

  describe('.ThrowIfZero', () => {
    it('throws for zero only', () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfZero(0, 'buffer')).toThrow(
        "buffer ('0') must be a non-zero value. (Parameter 'buffer')\nActual value was 0.",
      );
      expect(() => ArgumentOutOfRangeException.ThrowIfZero(-1, 'buffer')).not.toThrow();
    });
  });

  describe('.ThrowIfLessThan', () => {
    it('throws when the value is below the limit', () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfLessThan(-2, -1, 'millisecondsDelay')).toThrow(
        "millisecondsDelay ('-2') must be greater than or equal to '-1'. (Parameter 'millisecondsDelay')\nActual value was -2.",
      );
    });
  });

  describe('.ThrowIfGreaterThan', () => {
    it('throws when the value is above the limit', () => {
      expect(() => ArgumentOutOfRangeException.ThrowIfGreaterThan(3, 2, 'messageType')).toThrow(
        "messageType ('3') must be less than or equal to '2'. (Parameter 'messageType')\nActual value was 3.",
      );
    });
  });

  it('is an ArgumentException', () => {
    const e = new ArgumentOutOfRangeException('x');
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.name).toBe('ArgumentOutOfRangeException');
  });
});
