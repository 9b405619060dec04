/**
 * System.Threading.Tasks.TaskCompletionSource<TResult>: a task completed by hand.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.tasks.taskcompletionsource-1
 */
import { SR } from '../Resources/SR.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { handled } from '../runtime/handled-promise.js';
import { TaskCreationOptions } from './TaskCreationOptions.js';

/** The only options .NET accepts for a promise-style task. */
const VALID_OPTIONS = TaskCreationOptions.AttachedToParent | TaskCreationOptions.RunContinuationsAsynchronously;

/**
 * Produces a task ({@link TaskCompletionSource.Task}, a `Promise`) and completes it once: with a result, an
 * exception, or cancellation. C#'s non-generic `TaskCompletionSource` is `TaskCompletionSource<void>` here
 * (the default), so `SetResult()` takes no argument.
 *
 * @remarks Differs from .NET: no `(state)` constructors and no `SetFromTask`. Continuations always run
 * asynchronously, as with `TaskCreationOptions.RunContinuationsAsynchronously`. The task is marked handled:
 * an exception nobody awaits is not reported as an unhandled rejection, as .NET ignores an unobserved task.
 * @example
 * const closed = new TaskCompletionSource<void>(TaskCreationOptions.RunContinuationsAsynchronously);
 * socket.on('close', () => closed.TrySetResult());
 * await closed.Task;
 */
export class TaskCompletionSource<TResult = void> {
  /** The promise handed out by `Task`. */
  readonly #task: Promise<TResult>;
  /** Settles #task with a value. */
  #resolve!: (value: TResult) => void;
  /** Settles #task with an exception. */
  #reject!: (reason: Error) => void;
  /** Set once the task was completed by any of the Set/TrySet methods. */
  #completed = false;

  /**
   * @param creationOptions `None`, `RunContinuationsAsynchronously` or `AttachedToParent`.
   * @throws {ArgumentOutOfRangeException} Any other option (parameter "creationOptions").
   */
  constructor(creationOptions: TaskCreationOptions = TaskCreationOptions.None) {
    if ((creationOptions & ~VALID_OPTIONS) !== 0) throw new ArgumentOutOfRangeException('creationOptions');
    this.#task = handled(
      new Promise<TResult>((resolve, reject) => {
        this.#resolve = resolve;
        this.#reject = reject;
      }),
    );
  }

  /** The task this source completes (the same promise every time). */
  get Task(): Promise<TResult> {
    return this.#task;
  }

  /**
   * Completes the task with `result`.
   *
   * @throws {InvalidOperationException} The task was already completed.
   */
  SetResult(result: TResult): void {
    if (!this.TrySetResult(result)) throw alreadyCompleted();
  }

  /** Completes the task with `result`; false (and no change) if it was already completed. */
  TrySetResult(result: TResult): boolean {
    if (this.#completed) return false;
    this.#completed = true;
    this.#resolve(result);
    return true;
  }

  /**
   * Faults the task: awaiting it throws `exception`.
   *
   * @throws {ArgumentNullException} `exception` is null.
   * @throws {InvalidOperationException} The task was already completed.
   */
  SetException(exception: Error): void {
    if (!this.TrySetException(exception)) throw alreadyCompleted();
  }

  /**
   * Faults the task with `exception`; false (and no change) if it was already completed.
   *
   * @throws {ArgumentNullException} `exception` is null.
   */
  TrySetException(exception: Error): boolean {
    if (exception == null) throw new ArgumentNullException('exception');
    if (this.#completed) return false;
    this.#completed = true;
    this.#reject(exception);
    return true;
  }

  /**
   * Cancels the task: awaiting it throws a {@link TaskCanceledException} ("A task was canceled.") carrying
   * `cancellationToken`.
   *
   * @throws {InvalidOperationException} The task was already completed.
   */
  SetCanceled(cancellationToken?: CancellationToken): void {
    if (!this.TrySetCanceled(cancellationToken)) throw alreadyCompleted();
  }

  /** Cancels the task; false (and no change) if it was already completed. */
  TrySetCanceled(cancellationToken: CancellationToken = CancellationToken.None): boolean {
    if (this.#completed) return false;
    this.#completed = true;
    this.#reject(new TaskCanceledException(undefined, undefined, cancellationToken));
    return true;
  }
}

function alreadyCompleted(): InvalidOperationException {
  return new InvalidOperationException(SR.TaskT_TransitionToFinal_AlreadyCompleted);
}
