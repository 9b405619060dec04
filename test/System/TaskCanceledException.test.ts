import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
// From the namespace, as a consumer gets it: `new CancellationToken(true)` needs CancellationTokenSource loaded.
import { CancellationToken } from '../../src/System.Threading/index.js';

describe('TaskCanceledException', () => {
  describe('constructor', () => {
    it('says "A task was canceled." by default', () => {
      expect(new TaskCanceledException().Message).toBe(dotnetMessage('TaskCanceledException_ctor_DefaultMessage'));
    });

    it('carries the token of (message, innerException, token)', () => {
      const token = new CancellationToken(true);
      const e = new TaskCanceledException(undefined, undefined, token);
      expect(e.Message).toBe(dotnetMessage('TaskCanceledException_ctor_DefaultMessage'));
      expect(e.CancellationToken).toBe(token);
      expect(e.InnerException).toBeNull();
    });
  });

  it("is caught as an OperationCanceledException, as C#'s catch (OperationCanceledException) does", () => {
    const e = new TaskCanceledException();
    expect(e).toBeInstanceOf(OperationCanceledException);
    expect(e.name).toBe('TaskCanceledException');
  });
});
