import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { AggregateException } from '../../src/System/AggregateException.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { Exception } from '../../src/System/Exception.js';

describe('AggregateException', () => {
  describe('constructor', () => {
    it('says "One or more errors occurred." without inner exceptions', () => {
      const e = new AggregateException();
      expect(e.Message).toBe(dotnetMessage('AggregateException_ctor_DefaultMessage'));
      expect(e.InnerExceptions).toEqual([]);
      expect(e.InnerException).toBeNull();
    });

    it('lists each inner message in parentheses, as .NET (Core) does', () => {
      const a = new Error('first');
      const b = new Error('second');
      const e = new AggregateException(a, b);
      expect(e.Message).toBe('One or more errors occurred. (first) (second)');
      expect(e.InnerExceptions).toEqual([a, b]);
      expect(e.InnerException).toBe(a);
    });

    it('takes an iterable of inner exceptions', () => {
      const e = new AggregateException(new Set([new Error('x')]));
      expect(e.Message).toBe('One or more errors occurred. (x)');
    });

    it('takes (message, ...innerExceptions)', () => {
      const e = new AggregateException('Failed.', new Error('x'));
      expect(e.Message).toBe('Failed. (x)');
    });

    it('takes (message, innerExceptions[])', () => {
      const e = new AggregateException('Failed.', [new Error('x'), new Error('y')]);
      expect(e.Message).toBe('Failed. (x) (y)');
    });

    it('throws ArgumentNullException for a null list', () => {
      expect(() => new AggregateException('m', null as unknown as Error[])).toThrow(ArgumentNullException);
    });

    it('throws ArgumentException for a null element', () => {
      expect(() => new AggregateException([new Error('x'), null as unknown as Error])).toThrow(
        new ArgumentException(dotnetMessage('AggregateException_ctor_InnerExceptionNull')).Message,
      );
    });

    it('freezes the inner list', () => {
      expect(Object.isFrozen(new AggregateException(new Error('x')).InnerExceptions)).toBe(true);
    });
  });

  describe('#Flatten', () => {
    it('replaces nested AggregateExceptions by their inner exceptions', () => {
      const a = new Error('a');
      const b = new Error('b');
      const c = new Error('c');
      const flat = new AggregateException('Top.', new AggregateException(a, new AggregateException(b)), c).Flatten();
      expect(flat.InnerExceptions).toEqual([a, b, c]);
      expect(flat.Message).toBe('Top. (a) (b) (c)');
    });
  });

  describe('#Handle', () => {
    it('rethrows only the unhandled inner exceptions', () => {
      const keep = new Error('keep');
      const drop = new Error('drop');
      try {
        new AggregateException(keep, drop).Handle((e) => e === drop);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AggregateException);
        expect((e as AggregateException).InnerExceptions).toEqual([keep]);
      }
    });

    it('returns when every inner exception is handled', () => {
      expect(() => new AggregateException(new Error('a')).Handle(() => true)).not.toThrow();
    });
  });

  describe('#GetBaseException', () => {
    it('unwraps single-inner aggregates down to the cause', () => {
      const root = new Error('root');
      expect(new AggregateException(new AggregateException(root)).GetBaseException()).toBe(root);
    });

    it('returns the aggregate itself when it has several inner exceptions', () => {
      const e = new AggregateException(new Error('a'), new Error('b'));
      expect(e.GetBaseException()).toBe(e);
    });
  });

  it('is an Exception', () => {
    expect(new AggregateException()).toBeInstanceOf(Exception);
    expect(new AggregateException().name).toBe('AggregateException');
  });
});
