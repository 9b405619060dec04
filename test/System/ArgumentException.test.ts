import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { SystemException } from '../../src/System/SystemException.js';

describe('ArgumentException', () => {
  describe('constructor', () => {
    it('uses "Value does not fall within the expected range." by default', () => {
      const e = new ArgumentException();
      expect(e.Message).toBe(dotnetMessage('Arg_ArgumentException'));
      expect(e.ParamName).toBeNull();
    });

    it('appends " (Parameter \'name\')" to the message when a parameter name is given', () => {
      const e = new ArgumentException('Bad thing.', 'subProtocol');
      expect(e.Message).toBe(`Bad thing. ${dotnetMessage('Arg_ParamName_Name', 'subProtocol')}`);
      expect(e.Message).toBe("Bad thing. (Parameter 'subProtocol')");
      expect(e.ParamName).toBe('subProtocol');
    });

    it('does not append a suffix for an empty parameter name', () => {
      expect(new ArgumentException('m', '').Message).toBe('m');
    });

    it('takes (message, innerException)', () => {
      const inner = new Error('inner');
      const e = new ArgumentException('m', inner);
      expect(e.Message).toBe('m');
      expect(e.InnerException).toBe(inner);
      expect(e.ParamName).toBeNull();
    });

    it('takes (message, paramName, innerException)', () => {
      const inner = new Error('inner');
      const e = new ArgumentException('m', 'p', inner);
      expect(e.Message).toBe("m (Parameter 'p')");
      expect(e.InnerException).toBe(inner);
    });

    it('uses "Exception of type ..." for a null message, as C# does', () => {
      expect(new ArgumentException(null, 'x').Message).toBe(
        `${dotnetMessage('Exception_WasThrown', 'System.ArgumentException')} (Parameter 'x')`,
      );
    });
  });

  it('is a SystemException named ArgumentException', () => {
    const e = new ArgumentException();
    expect(e).toBeInstanceOf(SystemException);
    expect(e.name).toBe('ArgumentException');
    expect(e.HResult).toBe(-2147024809);
  });
});
