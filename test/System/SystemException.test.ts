import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArithmeticException } from '../../src/System/ArithmeticException.js';
import { Exception } from '../../src/System/Exception.js';
import { ExternalException } from '../../src/System/ExternalException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { NotSupportedException } from '../../src/System/NotSupportedException.js';
import { OverflowException } from '../../src/System/OverflowException.js';
import { PlatformNotSupportedException } from '../../src/System/PlatformNotSupportedException.js';
import { SystemException } from '../../src/System/SystemException.js';

describe('SystemException', () => {
  describe('constructor', () => {
    it('uses "System error." by default', () => {
      expect(new SystemException().Message).toBe(dotnetMessage('Arg_SystemException'));
      expect(new SystemException().name).toBe('SystemException');
    });

    it('uses "Exception of type ..." when the message is null, as C# does', () => {
      expect(new SystemException(null).Message).toBe(dotnetMessage('Exception_WasThrown', 'System.SystemException'));
    });

    it('is an Exception and an Error', () => {
      const e = new SystemException('x');
      expect(e).toBeInstanceOf(Exception);
      expect(e).toBeInstanceOf(Error);
    });
  });
});

// The simple SystemException subclasses: one default message each, and their place in the hierarchy.
describe.each([
  {
    type: InvalidOperationException,
    name: 'InvalidOperationException',
    message: dotnetMessage('Arg_InvalidOperationException'),
    base: SystemException,
    hresult: -2146233079,
  },
  {
    type: NotSupportedException,
    name: 'NotSupportedException',
    message: dotnetMessage('Arg_NotSupportedException'),
    base: SystemException,
    hresult: -2146233067,
  },
  {
    type: PlatformNotSupportedException,
    name: 'PlatformNotSupportedException',
    message: dotnetMessage('Arg_PlatformNotSupported'),
    base: NotSupportedException,
    hresult: -2146233031,
  },
  {
    type: ArithmeticException,
    name: 'ArithmeticException',
    message: dotnetMessage('Arg_ArithmeticException'),
    base: SystemException,
    hresult: -2147024362,
  },
  {
    type: OverflowException,
    name: 'OverflowException',
    message: dotnetMessage('Arg_OverflowException'),
    base: ArithmeticException,
    hresult: -2146233066,
  },
  {
    type: ExternalException,
    name: 'ExternalException',
    message: dotnetMessage('Arg_ExternalException'),
    base: SystemException,
    hresult: -2147467259,
  },
])('$name', ({ type, name, message, base, hresult }) => {
  it("has .NET's default message, name and HResult", () => {
    const e = new type();
    expect(e.Message).toBe(message);
    expect(e.name).toBe(name);
    expect(e.HResult).toBe(hresult);
  });

  it('derives from its .NET base class', () => {
    expect(new type()).toBeInstanceOf(base);
  });

  it('keeps a given message and inner exception', () => {
    const inner = new Error('inner');
    const e = new type('custom', inner);
    expect(e.Message).toBe('custom');
    expect(e.InnerException).toBe(inner);
  });
});

describe('ExternalException', () => {
  describe('#ErrorCode', () => {
    it('is the HResult, which the (message, errorCode) constructor sets', () => {
      const e = new ExternalException('x', -5);
      expect(e.ErrorCode).toBe(-5);
      expect(e.HResult).toBe(-5);
    });
  });
});
