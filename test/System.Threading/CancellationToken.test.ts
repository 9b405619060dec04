import { EventEmitter, once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';

describe('CancellationToken', () => {
  describe('.None', () => {
    it('can never be canceled', () => {
      expect(CancellationToken.None.CanBeCanceled).toBe(false);
      expect(CancellationToken.None.IsCancellationRequested).toBe(false);
    });

    it('equals new CancellationToken(false)', () => {
      expect(new CancellationToken(false).Equals(CancellationToken.None)).toBe(true);
      expect(new CancellationToken(false).CanBeCanceled).toBe(false);
    });

    it('registers nothing: the registration is empty', () => {
      const registration = CancellationToken.None.Register(() => {
        throw new Error('must not run');
      });
      expect(registration.Token).toBe(CancellationToken.None);
      expect(registration.Unregister()).toBe(false);
    });
  });

  describe('constructor', () => {
    it('creates a token that is canceled forever with true', () => {
      const token = new CancellationToken(true);
      expect(token.IsCancellationRequested).toBe(true);
      expect(token.CanBeCanceled).toBe(true);
    });

    it('makes all canceled tokens equal, as they share one source', () => {
      expect(new CancellationToken(true).Equals(new CancellationToken(true))).toBe(true);
      expect(new CancellationToken(true).Equals(CancellationToken.None)).toBe(false);
    });
  });

  describe('#Register', () => {
    it('runs the callback at once, synchronously, when the token is already canceled', () => {
      const calls: string[] = [];
      new CancellationToken(true).Register(() => calls.push('callback'));
      calls.push('after');
      expect(calls).toEqual(['callback', 'after']);
    });

    it('lets an exception of that immediate callback propagate to the caller', () => {
      expect(() =>
        new CancellationToken(true).Register(() => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
    });

    it('passes the state and the token to the callback', () => {
      const cts = new CancellationTokenSource();
      let seen: [unknown, CancellationToken] | null = null;
      cts.Token.Register((state, token) => {
        seen = [state, token];
      }, 'state');
      cts.Cancel();
      expect(seen![0]).toBe('state');
      expect(seen![1].Equals(cts.Token)).toBe(true);
    });

    it('throws ArgumentNullException for a null callback', () => {
      expect(() => CancellationToken.None.Register(null as unknown as () => void)).toThrow(new ArgumentNullException('callback').Message);
    });
  });

  describe('#ThrowIfCancellationRequested', () => {
    it('throws OperationCanceledException "The operation was canceled." carrying the token', () => {
      const cts = new CancellationTokenSource();
      cts.Cancel();
      try {
        cts.Token.ThrowIfCancellationRequested();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(OperationCanceledException);
        expect((e as OperationCanceledException).Message).toBe(dotnetMessage('OperationCanceled'));
        expect((e as OperationCanceledException).CancellationToken).toBe(cts.Token);
      }
    });

    it('does nothing before cancellation', () => {
      expect(() => new CancellationTokenSource().Token.ThrowIfCancellationRequested()).not.toThrow();
    });
  });

  describe('#Equals', () => {
    it('is true for tokens of the same source only', () => {
      const a = new CancellationTokenSource();
      const b = new CancellationTokenSource();
      expect(a.Token.Equals(a.Token)).toBe(true);
      expect(a.Token.Equals(b.Token)).toBe(false);
      expect(a.Token.Equals('x')).toBe(false);
    });
  });

  describe('#signal', () => {
    it('never aborts for a token that cannot be canceled, and is shared', () => {
      expect(CancellationToken.None.signal.aborted).toBe(false);
      expect(CancellationToken.None.signal).toBe(new CancellationToken(false).signal);
    });

    it('is already aborted for a canceled token', () => {
      expect(new CancellationToken(true).signal.aborted).toBe(true);
    });

    it('aborts on Cancel with an OperationCanceledException reason', () => {
      const cts = new CancellationTokenSource();
      const signal = cts.Token.signal;
      expect(signal.aborted).toBe(false);
      cts.Cancel();
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBeInstanceOf(OperationCanceledException);
      expect((signal.reason as OperationCanceledException).CancellationToken).toBe(cts.Token);
    });

    it('is the same signal every time', () => {
      const cts = new CancellationTokenSource();
      expect(cts.Token.signal).toBe(cts.Token.signal);
    });

    it('cancels a timers/promises delay', async () => {
      const cts = new CancellationTokenSource();
      const pending = delay(60_000, undefined, { signal: cts.Token.signal, ref: false });
      cts.Cancel();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('cancels events.once', async () => {
      const cts = new CancellationTokenSource();
      const pending = once(new EventEmitter(), 'never', { signal: cts.Token.signal });
      cts.Cancel();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  describe('.fromSignal', () => {
    it('is canceled at once for an aborted signal', () => {
      const token = CancellationToken.fromSignal(AbortSignal.abort());
      expect(token.IsCancellationRequested).toBe(true);
      expect(token.CanBeCanceled).toBe(true);
    });

    it('runs registered callbacks when the signal aborts', () => {
      const controller = new AbortController();
      const token = CancellationToken.fromSignal(controller.signal);
      const calls: number[] = [];
      token.Register(() => calls.push(1));
      token.Register(() => calls.push(2));
      expect(token.IsCancellationRequested).toBe(false);
      controller.abort();
      expect(token.IsCancellationRequested).toBe(true);
      expect(calls).toEqual([2, 1]);
    });

    it('returns the same token for the same signal, whose signal is that signal', () => {
      const controller = new AbortController();
      const token = CancellationToken.fromSignal(controller.signal);
      expect(CancellationToken.fromSignal(controller.signal)).toBe(token);
      expect(token.signal).toBe(controller.signal);
    });

    it('throws ArgumentNullException for a null signal', () => {
      expect(() => CancellationToken.fromSignal(null as unknown as AbortSignal)).toThrow(new ArgumentNullException('signal').Message);
    });
  });

  it('is immutable', () => {
    expect(Object.isFrozen(CancellationToken.None)).toBe(true);
  });
});
