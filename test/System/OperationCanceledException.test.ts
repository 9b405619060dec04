import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { SystemException } from '../../src/System/SystemException.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';

describe('OperationCanceledException', () => {
  describe('constructor', () => {
    it('says "The operation was canceled." with CancellationToken.None by default', () => {
      const e = new OperationCanceledException();
      expect(e.Message).toBe(dotnetMessage('OperationCanceled'));
      expect(e.CancellationToken).toBe(CancellationToken.None);
    });

    it('takes (token)', () => {
      const token = new CancellationTokenSource().Token;
      const e = new OperationCanceledException(token);
      expect(e.Message).toBe(dotnetMessage('OperationCanceled'));
      expect(e.CancellationToken).toBe(token);
    });

    it('takes (message, token)', () => {
      const token = new CancellationToken(true);
      const e = new OperationCanceledException('Aborted', token);
      expect(e.Message).toBe('Aborted');
      expect(e.CancellationToken).toBe(token);
    });

    it('takes (message, innerException, token)', () => {
      const inner = new Error('io');
      const token = new CancellationToken(true);
      const e = new OperationCanceledException('Aborted', inner, token);
      expect(e.InnerException).toBe(inner);
      expect(e.CancellationToken).toBe(token);
    });

    it('takes (message, innerException)', () => {
      const inner = new Error('io');
      const e = new OperationCanceledException('Aborted', inner);
      expect(e.Message).toBe('Aborted');
      expect(e.InnerException).toBe(inner);
      expect(e.CancellationToken).toBe(CancellationToken.None);
    });
  });

  it('is a SystemException named OperationCanceledException', () => {
    const e = new OperationCanceledException();
    expect(e).toBeInstanceOf(SystemException);
    expect(e.name).toBe('OperationCanceledException');
    expect(e.HResult).toBe(-2146233029);
  });
});
