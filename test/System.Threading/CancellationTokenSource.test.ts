import { afterEach, describe, expect, it, vi } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { AggregateException } from '../../src/System/AggregateException.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource, registrationCount } from '../../src/System.Threading/CancellationTokenSource.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

/** Resolves when `token` is canceled. */
function canceled(token: CancellationToken): Promise<void> {
  return new Promise((resolve) => token.Register(() => resolve()));
}

const disposedMessage = dotnetMessage('CancellationTokenSource_Disposed');

afterEach(() => {
  vi.useRealTimers();
});

describe('CancellationTokenSource', () => {
  describe('constructor', () => {
    it('starts not canceled', () => {
      const cts = new CancellationTokenSource();
      expect(cts.IsCancellationRequested).toBe(false);
      expect(cts.Token.CanBeCanceled).toBe(true);
    });

    it.each([
      ['0 ms', () => new CancellationTokenSource(0)],
      ['TimeSpan.Zero', () => new CancellationTokenSource(TimeSpan.Zero)],
    ])('is canceled at once with a delay of %s', (_, create) => {
      expect(create().IsCancellationRequested).toBe(true);
    });

    it('throws ArgumentOutOfRangeException("millisecondsDelay") below -1 ms', () => {
      const error = thrown(() => new CancellationTokenSource(-2));
      expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
      expect(error.message).toBe(`${dotnetMessage('Arg_ArgumentOutOfRangeException')} (Parameter 'millisecondsDelay')`);
    });

    it('throws ArgumentOutOfRangeException("delay") for a TimeSpan below -1 ms or above 0xfffffffe ms', () => {
      expect(thrown(() => new CancellationTokenSource(TimeSpan.FromMilliseconds(-2))).message).toBe(
        `${dotnetMessage('Arg_ArgumentOutOfRangeException')} (Parameter 'delay')`,
      );
      expect(thrown(() => new CancellationTokenSource(TimeSpan.FromMilliseconds(0xffffffff)))).toBeInstanceOf(ArgumentOutOfRangeException);
    });

    it('cancels after the delay', async () => {
      const cts = new CancellationTokenSource(5);
      await canceled(cts.Token);
      expect(cts.IsCancellationRequested).toBe(true);
    });

    it('starts no timer for -1', () => {
      vi.useFakeTimers();
      new CancellationTokenSource(-1);
      new CancellationTokenSource(TimeSpan.FromMilliseconds(-1));
      expect(vi.getTimerCount()).toBe(0);
    });

    it('does not keep the process alive with its timer', () => {
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const cts = new CancellationTokenSource(60_000);
      expect(timers()).toBe(before);
      cts.Dispose();
    });

    it('waits out delays longer than setTimeout allows instead of firing early', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(0x7fffffff + 1000));
      vi.advanceTimersByTime(0x7fffffff);
      expect(cts.IsCancellationRequested).toBe(false);
      vi.advanceTimersByTime(1000);
      expect(cts.IsCancellationRequested).toBe(true);
    });
  });

  describe('#Cancel', () => {
    it('runs callbacks synchronously, newest first', () => {
      const cts = new CancellationTokenSource();
      const calls: number[] = [];
      for (const n of [1, 2, 3]) cts.Token.Register(() => calls.push(n));
      cts.Cancel();
      calls.push(0);
      expect(calls).toEqual([3, 2, 1, 0]);
      expect(cts.IsCancellationRequested).toBe(true);
    });

    it('runs each callback once, however often it is called', () => {
      const cts = new CancellationTokenSource();
      let count = 0;
      cts.Token.Register(() => count++);
      cts.Cancel();
      cts.Cancel();
      expect(count).toBe(1);
    });

    it('runs every callback and throws their exceptions as one AggregateException', () => {
      const cts = new CancellationTokenSource();
      const ran: number[] = [];
      cts.Token.Register(() => {
        ran.push(1);
        throw new Error('one');
      });
      cts.Token.Register(() => ran.push(2));
      cts.Token.Register(() => {
        ran.push(3);
        throw new Error('three');
      });
      const error = thrown(() => cts.Cancel());
      expect(error).toBeInstanceOf(AggregateException);
      expect((error as AggregateException).InnerExceptions.map((e) => e.message)).toEqual(['three', 'one']);
      expect(ran).toEqual([3, 2, 1]);
      expect(cts.IsCancellationRequested).toBe(true);
    });

    it('lets the first exception escape and skips the rest with throwOnFirstException', () => {
      const cts = new CancellationTokenSource();
      let laterRan = false;
      cts.Token.Register(() => {
        laterRan = true;
      });
      cts.Token.Register(() => {
        throw new Error('first');
      });
      const error = thrown(() => cts.Cancel(true));
      expect(error.message).toBe('first');
      expect(laterRan).toBe(false);
    });

    it('runs a callback registered during cancellation at once', () => {
      const cts = new CancellationTokenSource();
      const calls: string[] = [];
      cts.Token.Register(() => {
        cts.Token.Register(() => calls.push('inner'));
        calls.push('outer');
      });
      cts.Cancel();
      expect(calls).toEqual(['inner', 'outer']);
    });

    it('throws ObjectDisposedException after Dispose', () => {
      const cts = new CancellationTokenSource();
      cts.Dispose();
      const error = thrown(() => cts.Cancel());
      expect(error).toBeInstanceOf(ObjectDisposedException);
      expect(error.message).toBe(disposedMessage);
    });
  });

  describe('#CancelAsync', () => {
    it('requests cancellation at once and runs the callbacks later', async () => {
      const cts = new CancellationTokenSource();
      let ran = false;
      cts.Token.Register(() => {
        ran = true;
      });
      const pending = cts.CancelAsync();
      expect(cts.IsCancellationRequested).toBe(true);
      expect(ran).toBe(false);
      await pending;
      expect(ran).toBe(true);
    });

    it('rejects with AggregateException when callbacks throw', async () => {
      const cts = new CancellationTokenSource();
      cts.Token.Register(() => {
        throw new Error('x');
      });
      await expect(cts.CancelAsync()).rejects.toBeInstanceOf(AggregateException);
    });

    it('rejects with ObjectDisposedException after Dispose', async () => {
      const cts = new CancellationTokenSource();
      cts.Dispose();
      await expect(cts.CancelAsync()).rejects.toThrow(disposedMessage);
    });

    it('resolves at once without callbacks', async () => {
      const cts = new CancellationTokenSource();
      await cts.CancelAsync();
      expect(cts.IsCancellationRequested).toBe(true);
    });
  });

  describe('#CancelAfter', () => {
    it('cancels after the given milliseconds or TimeSpan', () => {
      vi.useFakeTimers();
      const a = new CancellationTokenSource();
      const b = new CancellationTokenSource();
      a.CancelAfter(100);
      b.CancelAfter(TimeSpan.FromSeconds(1));
      vi.advanceTimersByTime(99);
      expect(a.IsCancellationRequested).toBe(false);
      vi.advanceTimersByTime(1);
      expect(a.IsCancellationRequested).toBe(true);
      expect(b.IsCancellationRequested).toBe(false);
      vi.advanceTimersByTime(900);
      expect(b.IsCancellationRequested).toBe(true);
    });

    it('replaces an earlier schedule', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource(100);
      cts.CancelAfter(500);
      vi.advanceTimersByTime(100);
      expect(cts.IsCancellationRequested).toBe(false);
      expect(vi.getTimerCount()).toBe(1);
    });

    it('stops the timer with -1', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource(100);
      cts.CancelAfter(-1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('does nothing once canceled', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource();
      cts.Cancel();
      cts.CancelAfter(100);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('checks the delay before the disposed state, as .NET does', () => {
      const cts = new CancellationTokenSource();
      cts.Dispose();
      expect(thrown(() => cts.CancelAfter(-2))).toBeInstanceOf(ArgumentOutOfRangeException);
      expect(thrown(() => cts.CancelAfter(10)).message).toBe(disposedMessage);
    });

    it('reports a TimeSpan delay as "delay"', () => {
      expect(thrown<ArgumentException>(() => new CancellationTokenSource().CancelAfter(TimeSpan.FromSeconds(-1))).ParamName).toBe('delay');
    });

    it("reports a timer callback's exception as a process warning instead of crashing", async () => {
      // Captured instead of printed: Node would write the warning to stderr, where it reads as a failure.
      let report!: (warning: unknown) => void;
      const warning = new Promise<unknown>((resolve) => (report = resolve));
      const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation((w) => report(w));
      try {
        const cts = new CancellationTokenSource();
        cts.Token.Register(() => {
          throw new Error('from a timer');
        });
        cts.CancelAfter(1);
        const reported = await warning;
        expect(reported).toBeInstanceOf(AggregateException);
        expect((reported as AggregateException).message).toBe('One or more errors occurred. (from a timer)');
        expect(emitWarning).toHaveBeenCalledOnce();
      } finally {
        emitWarning.mockRestore();
      }
    });
  });

  describe('#Token', () => {
    it('returns the same token every time', () => {
      const cts = new CancellationTokenSource();
      expect(cts.Token).toBe(cts.Token);
    });

    it('throws ObjectDisposedException after Dispose, while IsCancellationRequested still works', () => {
      const cts = new CancellationTokenSource();
      cts.Cancel();
      cts.Dispose();
      expect(thrown(() => cts.Token).message).toBe(disposedMessage);
      expect(cts.IsCancellationRequested).toBe(true);
    });
  });

  describe('#TryReset', () => {
    it('drops registrations and the timer of a source that was not canceled', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource(100);
      let ran = false;
      const registration = cts.Token.Register(() => {
        ran = true;
      });
      expect(cts.TryReset()).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
      expect(registration.Unregister()).toBe(false);
      cts.Cancel();
      expect(ran).toBe(false);
    });

    it('returns false once canceled', () => {
      const cts = new CancellationTokenSource();
      cts.Cancel();
      expect(cts.TryReset()).toBe(false);
    });

    it('throws ObjectDisposedException after Dispose', () => {
      const cts = new CancellationTokenSource();
      cts.Dispose();
      expect(thrown(() => cts.TryReset()).message).toBe(disposedMessage);
    });
  });

  describe('#Dispose', () => {
    it('does not cancel, stops the timer and is idempotent', () => {
      vi.useFakeTimers();
      const cts = new CancellationTokenSource(100);
      cts.Dispose();
      cts.Dispose();
      expect(vi.getTimerCount()).toBe(0);
      expect(cts.IsCancellationRequested).toBe(false);
    });

    it('is what `using` calls', () => {
      let outer: CancellationTokenSource;
      {
        using cts = new CancellationTokenSource();
        outer = cts;
      }
      expect(thrown(() => outer.Token)).toBeInstanceOf(ObjectDisposedException);
    });

    it('makes later registrations on its token no-ops', () => {
      const cts = new CancellationTokenSource();
      const token = cts.Token;
      cts.Dispose();
      expect(token.Register(() => {}).Unregister()).toBe(false);
    });
  });

  describe('.CreateLinkedTokenSource', () => {
    it('is canceled when a parent is canceled, running its own callbacks', () => {
      const a = new CancellationTokenSource();
      const b = new CancellationTokenSource();
      const linked = CancellationTokenSource.CreateLinkedTokenSource(a.Token, b.Token);
      let ran = false;
      linked.Token.Register(() => {
        ran = true;
      });
      b.Cancel();
      expect(linked.IsCancellationRequested).toBe(true);
      expect(ran).toBe(true);
    });

    it('is canceled at once when a parent already is', () => {
      const linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None, new CancellationToken(true));
      expect(linked.IsCancellationRequested).toBe(true);
    });

    it('accepts one token, an array and a parameter list', () => {
      const parent = new CancellationTokenSource();
      const sources = [
        CancellationTokenSource.CreateLinkedTokenSource(parent.Token),
        CancellationTokenSource.CreateLinkedTokenSource([parent.Token, CancellationToken.None, parent.Token]),
        CancellationTokenSource.CreateLinkedTokenSource(parent.Token, parent.Token, parent.Token),
      ];
      parent.Cancel();
      expect(sources.map((s) => s.IsCancellationRequested)).toEqual([true, true, true]);
    });

    it('gives an independent source for tokens that cannot be canceled', () => {
      const linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
      expect(linked.Token.CanBeCanceled).toBe(true);
      linked.Cancel();
      expect(linked.IsCancellationRequested).toBe(true);
    });

    it('throws ArgumentException "No tokens were supplied." for an empty list', () => {
      for (const attempt of [
        () => CancellationTokenSource.CreateLinkedTokenSource(),
        () => CancellationTokenSource.CreateLinkedTokenSource([]),
      ]) {
        const error = thrown(attempt);
        expect(error.constructor).toBe(ArgumentException);
        expect(error.message).toBe(dotnetMessage('CancellationToken_CreateLinkedToken_TokensIsEmpty'));
      }
    });

    it('throws ArgumentNullException("tokens") for a null array', () => {
      const error = thrown(() => CancellationTokenSource.CreateLinkedTokenSource(null as unknown as CancellationToken[]));
      expect(error).toBeInstanceOf(ArgumentNullException);
      expect((error as ArgumentNullException).ParamName).toBe('tokens');
    });

    it('detaches from its parents on Dispose: 100,000 linked sources leave no registration behind', () => {
      const parent = new CancellationTokenSource();
      for (let i = 0; i < 100_000; i++) {
        CancellationTokenSource.CreateLinkedTokenSource(parent.Token, parent.Token).Dispose();
      }
      expect(registrationCount(parent)).toBe(0);
    });

    it('keeps a registration per parent while the linked source lives', () => {
      const parent = new CancellationTokenSource();
      const linked = CancellationTokenSource.CreateLinkedTokenSource(parent.Token);
      expect(registrationCount(parent)).toBe(1);
      linked.Dispose();
      expect(registrationCount(parent)).toBe(0);
    });
  });
});
