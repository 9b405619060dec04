/**
 * System.Threading.Tasks.TaskCreationOptions: flags that shape how a task is created and run.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.tasks.taskcreationoptions
 */

/**
 * Flags for {@link TaskCompletionSource}'s constructor, with .NET's values. A promise always runs its
 * continuations asynchronously, so `RunContinuationsAsynchronously` is what happens anyway and `None`
 * behaves the same; the scheduling hints (`PreferFairness`, `LongRunning`, `AttachedToParent`) are refused
 * by `TaskCompletionSource` as on .NET.
 */
export enum TaskCreationOptions {
  /** The default behaviour. */
  None = 0,
  /** A scheduling hint: run tasks scheduled earlier first. */
  PreferFairness = 1,
  /** A scheduling hint: the task runs for a long time. */
  LongRunning = 2,
  /** The task is attached to a parent task. */
  AttachedToParent = 4,
  /** Child tasks cannot attach to this one. */
  DenyChildAttach = 8,
  /** The ambient scheduler is hidden from the task. */
  HideScheduler = 16,
  /** Continuations run asynchronously (always the case for a promise). */
  RunContinuationsAsynchronously = 64,
}
