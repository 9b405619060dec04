import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { rejection } from '../helpers/errors.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TaskCanceledException } from '../../src/System/TaskCanceledException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { CancellationTokenSource } from '../../src/System.Threading/CancellationTokenSource.js';
import { Task } from '../../src/System.Threading.Tasks/Task.js';
import { TaskCompletionSource } from '../../src/System.Threading.Tasks/TaskCompletionSource.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { closeAll, serverPair } from '../helpers/peers.js';

afterEach(closeAll);

/** How many timers the process holds (a canceled delay must leave none behind). */
function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('Task', () => {
  describe('.CompletedTask / .FromResult / .FromException', () => {
    it('CompletedTask is one resolved promise', async () => {
      expect(Task.CompletedTask).toBe(Task.CompletedTask);
      await expect(Task.CompletedTask).resolves.toBeUndefined();
    });

    it('FromResult resolves with the value; FromException rejects with the exception', async () => {
      await expect(Task.FromResult(42)).resolves.toBe(42);
      const error = new Error('boom');
      await expect(Task.FromException(error)).rejects.toBe(error);
      expect(() => Task.FromException(null as unknown as Error)).toThrow(ArgumentNullException);
    });
  });

  describe('.Delay', () => {
    it('completes after the delay, for milliseconds and a TimeSpan', async () => {
      const start = process.hrtime.bigint();
      await Task.Delay(30);
      await Task.Delay(TimeSpan.FromMilliseconds(5));
      expect(Number(process.hrtime.bigint() - start) / 1e6).toBeGreaterThanOrEqual(29);
    });

    it('Delay(0) is the completed task', () => {
      expect(Task.Delay(0)).toBe(Task.CompletedTask);
    });

    it("throws ArgumentOutOfRangeException with .NET's messages for bad delays, before looking at the token", () => {
      const canceled = new CancellationToken(true);
      for (const bad of [-2, Number.NaN, 0x80000000]) {
        let error: unknown;
        try {
          void Task.Delay(bad, canceled);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
        expect((error as ArgumentOutOfRangeException).Message).toBe(
          `${dotnetMessage('Task_Delay_InvalidMillisecondsDelay')} (Parameter 'millisecondsDelay')`,
        );
      }
      for (const bad of [TimeSpan.FromMilliseconds(-2), TimeSpan.FromDays(60)]) {
        expect(() => Task.Delay(bad)).toThrow(`${dotnetMessage('Task_InvalidTimerTimeSpan')} (Parameter 'delay')`);
      }
    });

    it('ends canceled at once with TaskCanceledException carrying the token, and leaves no timer', async () => {
      const before = timers();
      using cts = new CancellationTokenSource();
      const delay = Task.Delay(60_000, cts.Token);
      expect(timers()).toBe(before + 1);
      cts.Cancel();
      const error = await rejection(delay);
      expect(error).toBeInstanceOf(TaskCanceledException);
      expect((error as TaskCanceledException).Message).toBe('A task was canceled.');
      expect((error as TaskCanceledException).CancellationToken).toBe(cts.Token);
      expect(timers()).toBe(before);
    });

    it('an infinite delay holds the process until canceled', async () => {
      const before = timers();
      using cts = new CancellationTokenSource();
      const delay = Task.Delay(-1, cts.Token);
      expect(timers()).toBe(before + 1);
      cts.Cancel();
      await expect(delay).rejects.toBeInstanceOf(TaskCanceledException);
      expect(timers()).toBe(before);
    });

    it('an already-canceled token gives a canceled task (even for 0 ms)', async () => {
      const token = new CancellationToken(true);
      await expect(Task.Delay(0, token)).rejects.toBeInstanceOf(TaskCanceledException);
      await expect(Task.Delay(TimeSpan.FromSeconds(1), token)).rejects.toBeInstanceOf(TaskCanceledException);
    });

    it('a canceled delay nobody awaits is no unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', listener);
      try {
        using cts = new CancellationTokenSource();
        void Task.Delay(60_000, cts.Token);
        cts.Cancel();
        await Task.Yield();
        await Task.Yield();
      } finally {
        process.off('unhandledRejection', listener);
      }
      expect(unhandled).toEqual([]);
    });
  });

  describe('.Run', () => {
    it('runs the action on a later turn and unwraps an async action', async () => {
      const order: string[] = [];
      const run = Task.Run(() => {
        order.push('action');
        return 1;
      });
      order.push('caller');
      await expect(run).resolves.toBe(1);
      await expect(Task.Run(async () => (await Task.Delay(1), 'done'))).resolves.toBe('done');
      expect(order).toEqual(['caller', 'action']);
    });

    it('a token canceled before the action starts: the action never runs', async () => {
      let ran = false;
      const cts = new CancellationTokenSource();
      const run = Task.Run(() => void (ran = true), cts.Token);
      cts.Cancel();
      const error = await rejection(run);
      expect(error).toBeInstanceOf(TaskCanceledException);
      expect((error as TaskCanceledException).CancellationToken).toBe(cts.Token);
      expect(ran).toBe(false);
      await expect(Task.Run(() => 1, new CancellationToken(true))).rejects.toBeInstanceOf(TaskCanceledException);
    });

    it("the action's exception faults the task", async () => {
      const error = new OperationCanceledException('mine');
      await expect(
        Task.Run(() => {
          throw error;
        }),
      ).rejects.toBe(error);
      expect(() => Task.Run(null as unknown as () => void)).toThrow(ArgumentNullException);
    });
  });

  describe('.WhenAll', () => {
    it('gives the results in order, for tasks and for a collection', async () => {
      const [a, b] = await Task.WhenAll(
        Task.Delay(5).then(() => 'late'),
        Task.FromResult(2),
      );
      expect([a, b]).toEqual(['late', 2]);
      await expect(Task.WhenAll([Task.FromResult(1), Task.FromResult(2)])).resolves.toEqual([1, 2]);
      await expect(Task.WhenAll([])).resolves.toEqual([]);
    });

    it('waits for every task, then throws the first fault in completion order (as .NET 10)', async () => {
      const slow = new TaskCompletionSource<void>();
      let settled = false;
      const all = Task.WhenAll(slow.Task, Task.FromException(new Error('B')));
      void all.then(undefined, () => (settled = true));
      await Task.Yield();
      expect(settled).toBe(false);
      slow.SetException(new Error('A'));
      await expect(all).rejects.toThrow('B');
    });

    it('a fault wins over a cancellation; without faults the first cancellation is thrown', async () => {
      const token = new CancellationToken(true);
      await expect(Task.WhenAll(Task.Delay(1, token), Task.FromException(new Error('X')))).rejects.toThrow('X');
      const first = await rejection(Task.WhenAll(Task.Delay(1), Task.Delay(5, token)));
      expect(first).toBeInstanceOf(TaskCanceledException);
      expect((first as TaskCanceledException).CancellationToken).toBe(token);
    });

    it('rejects null arguments as .NET does', () => {
      expect(() => Task.WhenAll(null as unknown as Promise<void>[])).toThrow(new ArgumentNullException('tasks'));
      expect(() => Task.WhenAll([null as unknown as Promise<void>])).toThrow(
        `${dotnetMessage('Task_MultiTaskContinuation_NullTask')} (Parameter 'tasks')`,
      );
    });

    it('property: resolves with every value in order however they settle', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.integer(), fc.nat(3)), { maxLength: 8 }), async (items) => {
          const sources = items.map(() => new TaskCompletionSource<number>());
          const all = Task.WhenAll(sources.map((s) => s.Task));
          const order = items.map((item, i) => ({ i, turns: item[1] })).sort((x, y) => x.turns - y.turns);
          for (const { i } of order) {
            sources[i]!.SetResult(items[i]![0]);
            await Task.Yield();
          }
          expect(await all).toEqual(items.map((item) => item[0]));
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('.WhenAny', () => {
    it('resolves with the index of the first task to complete, even a faulted one, and never rejects', async () => {
      const never = new TaskCompletionSource<void>();
      await expect(Task.WhenAny(never.Task, Task.Delay(5))).resolves.toBe(1);
      await expect(Task.WhenAny([never.Task, Task.FromException(new Error('x'))])).resolves.toBe(1);
      await expect(Task.WhenAny(Task.FromResult(1), Task.FromResult(2))).resolves.toBe(0);
    });

    it("rejects an empty list and null tasks with .NET's messages", () => {
      expect(() => Task.WhenAny([])).toThrow(new ArgumentException(dotnetMessage('Task_MultiTaskContinuation_EmptyTaskList'), 'tasks'));
      expect(() => Task.WhenAny([null as unknown as Promise<void>])).toThrow(ArgumentException);
      expect(() => Task.WhenAny(null as unknown as Promise<void>[])).toThrow(ArgumentNullException);
    });

    it('times out a ReceiveAsync over a real socket, then the receive still completes', async () => {
      const { ws, peer } = await serverPair();
      const buffer = new Uint8Array(16);
      const receive = ws.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
      expect(await Task.WhenAny(receive, Task.Delay(20))).toBe(1);
      peer.send('hi');
      using cts = new CancellationTokenSource();
      expect(await Task.WhenAny(receive, Task.Delay(60_000, cts.Token))).toBe(0);
      cts.Cancel();
      const result = await receive;
      expect(result.MessageType).toBe(WebSocketMessageType.Text);
      expect(Buffer.from(buffer.subarray(0, result.Count)).toString()).toBe('hi');
    });
  });
});
