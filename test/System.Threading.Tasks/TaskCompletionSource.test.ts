import { describe, expect, it } from 'vitest';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
// From the namespace, as a consumer gets it: `new CancellationToken(true)` needs CancellationTokenSource loaded.
import { CancellationToken } from '../../src/System.Threading/index.js';
import { TaskCompletionSource } from '../../src/System.Threading.Tasks/TaskCompletionSource.js';
import { TaskCreationOptions } from '../../src/System.Threading.Tasks/TaskCreationOptions.js';

const ALREADY = 'An attempt was made to transition a task to a final state when it had already completed.';

describe('TaskCompletionSource', () => {
  it('SetResult completes the Task (the same promise every time)', async () => {
    const tcs = new TaskCompletionSource<number>();
    expect(tcs.Task).toBe(tcs.Task);
    tcs.SetResult(7);
    await expect(tcs.Task).resolves.toBe(7);
  });

  it('the non-generic form: SetResult() with no argument', async () => {
    const tcs = new TaskCompletionSource();
    tcs.SetResult();
    await expect(tcs.Task).resolves.toBeUndefined();
  });

  it("a second Set* throws InvalidOperationException with .NET's message; TrySet* returns false", async () => {
    const tcs = new TaskCompletionSource<number>();
    expect(tcs.TrySetResult(1)).toBe(true);
    expect(() => tcs.SetResult(2)).toThrow(new InvalidOperationException(ALREADY));
    expect(() => tcs.SetException(new Error('x'))).toThrow(ALREADY);
    expect(() => tcs.SetCanceled()).toThrow(ALREADY);
    expect(tcs.TrySetResult(3)).toBe(false);
    expect(tcs.TrySetException(new Error('y'))).toBe(false);
    expect(tcs.TrySetCanceled()).toBe(false);
    await expect(tcs.Task).resolves.toBe(1);
  });

  it('SetException faults the task with that exception; null is ArgumentNullException', async () => {
    const tcs = new TaskCompletionSource<void>();
    expect(() => tcs.SetException(null as unknown as Error)).toThrow(new ArgumentNullException('exception'));
    const error = new Error('boom');
    tcs.SetException(error);
    await expect(tcs.Task).rejects.toBe(error);
  });

  it('SetCanceled: awaiting throws TaskCanceledException with the token', async () => {
    const token = new CancellationToken(true);
    const tcs = new TaskCompletionSource<void>();
    tcs.SetCanceled(token);
    const error = await tcs.Task.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TaskCanceledException);
    expect((error as TaskCanceledException).Message).toBe('A task was canceled.');
    expect((error as TaskCanceledException).CancellationToken).toBe(token);
  });

  it('accepts RunContinuationsAsynchronously and AttachedToParent; refuses scheduling options as .NET', () => {
    expect(() => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).not.toThrow();
    expect(() => new TaskCompletionSource(TaskCreationOptions.AttachedToParent)).not.toThrow();
    for (const bad of [TaskCreationOptions.LongRunning, TaskCreationOptions.PreferFairness, TaskCreationOptions.DenyChildAttach]) {
      expect(() => new TaskCompletionSource(bad)).toThrow(new ArgumentOutOfRangeException('creationOptions'));
    }
  });

  it('a faulted task nobody awaits is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      new TaskCompletionSource<void>().SetException(new Error('unobserved'));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
  });
});
