import { describe, expect, it } from 'vitest';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenRegistration } from '../../src/System.Threading/CancellationTokenRegistration.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';

describe('CancellationTokenRegistration', () => {
  describe('constructor', () => {
    it("creates an empty registration (C#'s default) on CancellationToken.None", () => {
      const registration = new CancellationTokenRegistration();
      expect(registration.Token).toBe(CancellationToken.None);
      expect(registration.Unregister()).toBe(false);
      expect(registration.Equals(new CancellationTokenRegistration())).toBe(true);
    });
  });

  describe('#Dispose', () => {
    it('removes the callback so Cancel does not run it', () => {
      const cts = new CancellationTokenSource();
      let ran = false;
      cts.Token.Register(() => {
        ran = true;
      }).Dispose();
      cts.Cancel();
      expect(ran).toBe(false);
    });

    it('can be called twice', () => {
      const registration = new CancellationTokenSource().Token.Register(() => {});
      registration.Dispose();
      expect(() => registration.Dispose()).not.toThrow();
    });

    it('is what `using` calls', () => {
      const cts = new CancellationTokenSource();
      let ran = false;
      {
        using registration = cts.Token.Register(() => {
          ran = true;
        });
        expect(registration.Token).toBe(cts.Token);
      }
      cts.Cancel();
      expect(ran).toBe(false);
    });
  });

  describe('#Unregister', () => {
    it('returns true once while the callback is registered', () => {
      const registration = new CancellationTokenSource().Token.Register(() => {});
      expect(registration.Unregister()).toBe(true);
      expect(registration.Unregister()).toBe(false);
    });

    it('returns false after the callback ran', () => {
      const cts = new CancellationTokenSource();
      const registration = cts.Token.Register(() => {});
      cts.Cancel();
      expect(registration.Unregister()).toBe(false);
    });

    it('returns false from inside its own running callback', () => {
      const cts = new CancellationTokenSource();
      let result: boolean | undefined;
      const registration: CancellationTokenRegistration = cts.Token.Register(() => {
        result = registration.Unregister();
      });
      cts.Cancel();
      expect(result).toBe(false);
    });

    it('lets a callback unregister a later-running one', () => {
      const cts = new CancellationTokenSource();
      const calls: string[] = [];
      const first = cts.Token.Register(() => calls.push('first'));
      cts.Token.Register(() => {
        calls.push('second');
        first.Unregister();
      });
      cts.Cancel();
      expect(calls).toEqual(['second']);
    });
  });

  describe('#DisposeAsync', () => {
    it('unregisters and resolves', async () => {
      const cts = new CancellationTokenSource();
      let ran = false;
      await cts.Token.Register(() => {
        ran = true;
      }).DisposeAsync();
      cts.Cancel();
      expect(ran).toBe(false);
    });
  });

  describe('#Token', () => {
    it('is the token the callback was registered on, also after cancellation', () => {
      const cts = new CancellationTokenSource();
      const registration = cts.Token.Register(() => {});
      cts.Cancel();
      expect(registration.Token).toBe(cts.Token);
    });
  });
});
