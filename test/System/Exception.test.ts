import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { Exception } from '../../src/System/Exception.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';

describe('Exception', () => {
  describe('constructor', () => {
    it('uses "Exception of type \'System.Exception\' was thrown." when no message is given', () => {
      expect(new Exception().Message).toBe(dotnetMessage('Exception_WasThrown', 'System.Exception'));
      expect(new Exception(null).Message).toBe(dotnetMessage('Exception_WasThrown', 'System.Exception'));
    });

    it('keeps the message as both Message and message', () => {
      const e = new Exception('boom');
      expect(e.Message).toBe('boom');
      expect(e.message).toBe('boom');
    });

    it('stores the inner exception as InnerException and cause', () => {
      const inner = new Error('inner');
      const e = new Exception('outer', inner);
      expect(e.InnerException).toBe(inner);
      expect(e.cause).toBe(inner);
    });

    it('has no cause property when there is no inner exception', () => {
      const e = new Exception('x');
      expect(e.InnerException).toBeNull();
      expect(Object.hasOwn(e, 'cause')).toBe(false);
    });
  });

  describe('#name', () => {
    it('is the .NET type name, also in the stack header', () => {
      const e = new Exception('boom');
      expect(e.name).toBe('Exception');
      expect(e.stack?.split('\n')[0]).toBe('Exception: boom');
      expect(Object.keys(e)).not.toContain('name');
    });

    it('is the class name of a user subclass, whose default message names it too', () => {
      class MyError extends Exception {}
      const e = new MyError();
      expect(e.name).toBe('MyError');
      expect(e.Message).toBe(dotnetMessage('Exception_WasThrown', 'MyError'));
      expect(e).toBeInstanceOf(Exception);
    });
  });

  describe('#HResult', () => {
    it('is the HResult .NET gives the type', () => {
      expect(new Exception().HResult).toBe(-2146233088);
      expect(new InvalidOperationException().HResult).toBe(-2146233079);
    });
  });

  describe('#GetBaseException', () => {
    it('returns the innermost exception of the chain', () => {
      const root = new Error('root');
      const e = new Exception('a', new Exception('b', root));
      expect(e.GetBaseException()).toBe(root);
    });

    it('returns itself without an inner exception', () => {
      const e = new Exception('a');
      expect(e.GetBaseException()).toBe(e);
    });
  });

  describe('#StackTrace', () => {
    it('is the JavaScript stack', () => {
      const e = new Exception('a');
      expect(e.StackTrace).toBe(e.stack);
    });
  });
});
