/**
 * System.Threading.Tasks.Task: the static helpers of .NET's task type (a task itself is a `Promise`).
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.tasks.task
 */
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import { TimeSpan } from '../System/TimeSpan.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { handled } from '../runtime/handled-promise.js';

/** .NET's Timer.MaxSupportedTimeout: 0xfffffffe ms (about 49.7 days). */
const MAX_SUPPORTED_TIMEOUT = 0xfffffffe;
/** The longest delay setTimeout accepts; longer delays are chained. */
const MAX_SET_TIMEOUT = 0x7fffffff;

/** The one resolved promise behind {@link Task.CompletedTask}. */
const completed: Promise<void> = Promise.resolve();

/**
 * The static members of .NET's `Task`: `Delay`, `WhenAll`, `WhenAny`, `Run`, `CompletedTask`, `FromResult`,
 * `FromException`, `Yield`. A task is a `Promise` here (`Task<T>` → `Promise<T>`), so `await` works on
 * everything these return, and `Promise.all`/`Promise.race` stay available.
 *
 * A task that ends canceled is a promise rejected with an {@link OperationCanceledException} (for the
 * tasks made here, a {@link TaskCanceledException} carrying the token).
 *
 * @remarks Differs from .NET: no instances (`new Task(...)`, `Start`, `Status`, `Result`, `Wait`); await the
 * promise instead. Promises these methods reject are marked handled, so a task nobody awaits does not end the
 * process with an unhandled rejection, as an unobserved task does not on .NET.
 * @example
 * await Task.Delay(TimeSpan.FromSeconds(1), cts.Token);
 * await Task.WhenAll(clients.map((ws) => ws.SendAsync(segment, WebSocketMessageType.Text, true, CancellationToken.None)));
 */
export class Task {
  private constructor() {}

  /** An already completed task (`Promise<void>`); the same promise every time. */
  static get CompletedTask(): Promise<void> {
    return completed;
  }

  /**
   * A task completed with `result`.
   *
   * @example
   * return Task.FromResult(42);
   */
  static FromResult<TResult>(result: TResult): Promise<TResult> {
    return Promise.resolve(result);
  }

  /**
   * A task faulted with `exception`: awaiting it throws `exception`.
   *
   * @throws {ArgumentNullException} `exception` is null.
   */
  static FromException<TResult = void>(exception: Error): Promise<TResult> {
    if (exception == null) throw new ArgumentNullException('exception');
    return handled(Promise.reject(exception));
  }

  /**
   * A task that completes after `millisecondsDelay` milliseconds (-1: never), or ends canceled with a
   * {@link TaskCanceledException} carrying `cancellationToken` as soon as that token is canceled. The timer
   * keeps the process alive, as an awaited delay keeps a .NET program's `Main` running.
   *
   * @throws {ArgumentOutOfRangeException} `millisecondsDelay` is below -1 (thrown here, not by the promise).
   * @example
   * await Task.Delay(1000);
   */
  static Delay(millisecondsDelay: number, cancellationToken?: CancellationToken): Promise<void>;
  /**
   * A task that completes after `delay` (−1 ms: never), or ends canceled as soon as `cancellationToken` is.
   *
   * @throws {ArgumentOutOfRangeException} `delay` is below −1 ms or above 0xfffffffe ms.
   */
  static Delay(delay: TimeSpan, cancellationToken?: CancellationToken): Promise<void>;
  static Delay(delay: number | TimeSpan, cancellationToken: CancellationToken = CancellationToken.None): Promise<void> {
    const ms = validateDelay(delay);
    if (cancellationToken.IsCancellationRequested) return canceled(cancellationToken);
    if (ms === 0) return completed;
    return handled(
      new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | null = null;
        const registration = cancellationToken.Register(() => {
          if (timer !== null) clearTimeout(timer);
          reject(new TaskCanceledException(undefined, undefined, cancellationToken));
        });
        const arm = (remaining: number): void => {
          if (remaining === -1) {
            // Infinite: a long interval holds the event loop, as the never-ending await holds .NET's Main.
            timer = setInterval(() => {}, MAX_SET_TIMEOUT);
            return;
          }
          const step = Math.min(remaining, MAX_SET_TIMEOUT);
          timer = setTimeout(() => {
            if (remaining > step) return arm(remaining - step);
            timer = null;
            registration.Dispose();
            resolve();
          }, step);
        };
        arm(ms);
      }),
    );
  }

  /**
   * Runs `action` on a later turn of the event loop and returns a task for its result; an `async` action's
   * promise is unwrapped, as `Task.Run(async () => …)` unwraps on .NET. If `cancellationToken` is canceled
   * before the action starts, the action never runs and the task ends canceled.
   *
   * @remarks Differs from .NET: there is no thread pool; the action runs on the one JavaScript thread, so a
   * CPU-bound action still blocks everything else while it runs (use `node:worker_threads` for that).
   * @throws {ArgumentNullException} `action` is null.
   * @example
   * const receiving = Task.Run(() => ReceiveLoop(ws, cts.Token));
   */
  static Run<TResult>(
    action: () => TResult | PromiseLike<TResult>,
    cancellationToken: CancellationToken = CancellationToken.None,
  ): Promise<TResult> {
    if (action == null) throw new ArgumentNullException('action');
    if (cancellationToken.IsCancellationRequested) return canceled(cancellationToken);
    return handled(
      new Promise<TResult>((resolve, reject) => {
        setImmediate(() => {
          if (cancellationToken.IsCancellationRequested) {
            reject(new TaskCanceledException(undefined, undefined, cancellationToken));
            return;
          }
          try {
            resolve(action());
          } catch (error) {
            reject(error);
          }
        });
      }),
    );
  }

  /**
   * A task that completes when every task has, with their results in order. It waits for all of them even
   * when some fail; then awaiting it throws the exception of the first task that faulted (in completion
   * order, as .NET 10 collects them), or, if none faulted but some were canceled, the first cancellation.
   *
   * @throws {ArgumentNullException} `tasks` is null.
   * @throws {ArgumentException} An element of `tasks` is null.
   * @example
   * await Task.WhenAll(sockets.map((s) => s.CloseAsync(WebSocketCloseStatus.NormalClosure, 'bye', CancellationToken.None)));
   */
  static WhenAll<T>(tasks: Iterable<T | PromiseLike<T>>): Promise<Awaited<T>[]>;
  /** (task1, task2, …): the results as a tuple. */
  static WhenAll<const T extends readonly unknown[]>(...tasks: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
  static WhenAll(...args: unknown[]): Promise<unknown[]> {
    const tasks = taskList(args);
    if (tasks.length === 0) return Promise.resolve([]);
    return handled(
      new Promise<unknown[]>((resolve, reject) => {
        const results: unknown[] = new Array<unknown>(tasks.length);
        let pending = tasks.length;
        let fault: { error: unknown } | null = null;
        let cancellation: { error: unknown } | null = null;
        const settle = (): void => {
          if (--pending > 0) return;
          if (fault !== null) reject(fault.error);
          else if (cancellation !== null) reject(cancellation.error);
          else resolve(results);
        };
        tasks.forEach((task, i) => {
          task.then(
            (value) => {
              results[i] = value;
              settle();
            },
            (error: unknown) => {
              if (error instanceof OperationCanceledException) cancellation ??= { error };
              else fault ??= { error };
              settle();
            },
          );
        });
      }),
    );
  }

  /**
   * A task that completes when the first of `tasks` completes (successfully, faulted or canceled), with
   * that task's index. It never fails itself; await `tasks[index]` for the winner's result or exception.
   *
   * @remarks Differs from .NET: resolves with the index of the first task (as `Task.WaitAny` returns), not
   * with the task itself, because a promise resolved with a promise takes on that promise's result, so
   * `completed === task` could never hold.
   * @throws {ArgumentNullException} `tasks` is null.
   * @throws {ArgumentException} `tasks` is empty, or an element of it is null.
   * @example
   * const receive = ws.ReceiveAsync(segment, CancellationToken.None);
   * if ((await Task.WhenAny(receive, Task.Delay(5000))) === 0) console.log((await receive).Count);
   */
  static WhenAny(tasks: Iterable<PromiseLike<unknown>>): Promise<number>;
  /** (task1, task2, …) */
  static WhenAny(...tasks: PromiseLike<unknown>[]): Promise<number>;
  static WhenAny(...args: unknown[]): Promise<number> {
    const tasks = taskList(args);
    if (tasks.length === 0) throw new ArgumentException(SR.Task_MultiTaskContinuation_EmptyTaskList, 'tasks');
    return new Promise<number>((resolve) => {
      tasks.forEach((task, i) => {
        task.then(
          () => resolve(i),
          () => resolve(i),
        );
      });
    });
  }

  /**
   * A task that completes on a later turn of the event loop, letting pending I/O callbacks run first
   * (`await Task.Yield()`).
   */
  static Yield(): Promise<void> {
    return new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Validates a delay as .NET's two Delay overloads do; returns whole milliseconds (-1 = infinite). */
function validateDelay(delay: number | TimeSpan): number {
  if (delay instanceof TimeSpan) {
    const ms = Math.trunc(delay.TotalMilliseconds);
    if (ms < -1 || ms > MAX_SUPPORTED_TIMEOUT) throw new ArgumentOutOfRangeException('delay', SR.Task_InvalidTimerTimeSpan);
    return ms;
  }
  if (typeof delay !== 'number' || Number.isNaN(delay) || delay < -1 || delay > MAX_SET_TIMEOUT) {
    throw new ArgumentOutOfRangeException('millisecondsDelay', SR.Task_Delay_InvalidMillisecondsDelay);
  }
  return Math.trunc(delay);
}

/** The tasks of WhenAll/WhenAny's arguments: one iterable (not itself a promise) or the tasks themselves. */
function taskList(args: unknown[]): PromiseLike<unknown>[] {
  let items: unknown[] = args;
  if (args.length === 1) {
    const only = args[0];
    if (only == null) throw new ArgumentNullException('tasks');
    if (!isThenable(only) && typeof (only as Iterable<unknown>)[Symbol.iterator] === 'function') {
      items = [...(only as Iterable<unknown>)];
    }
  }
  return items.map((item) => {
    if (item == null) throw new ArgumentException(SR.Task_MultiTaskContinuation_NullTask, 'tasks');
    return isThenable(item) ? item : Promise.resolve(item);
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/** A task canceled by `token`. */
function canceled<T>(token: CancellationToken): Promise<T> {
  return handled(Promise.reject(new TaskCanceledException(undefined, undefined, token)));
}
