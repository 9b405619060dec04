/**
 * System.Threading.Tasks.TaskCanceledException: an awaited task was canceled.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.tasks.taskcanceledexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import { OperationCanceledException } from './OperationCanceledException.js';

/**
 * Thrown when an awaited operation was canceled before it started (for instance `ReceiveAsync` with an
 * already-canceled token). It is an {@link OperationCanceledException}, so `instanceof
 * OperationCanceledException` catches both.
 *
 * @remarks Differs from .NET: lives in the System folder/barrel (there is no System.Threading.Tasks
 * namespace here) and has no `Task` property or `(Task)` constructor.
 */
export class TaskCanceledException extends OperationCanceledException {
  /** @param message The message; omitted → "A task was canceled." */
  constructor(message?: string | null);
  /** (message, innerException, token?) */
  constructor(message: string | null | undefined, innerException: Error | null | undefined, token?: CancellationToken);
  constructor(message?: string | null, innerException?: Error | null, token?: CancellationToken) {
    super(resolveMessage(message, SR.TaskCanceledException_ctor_DefaultMessage, new.target), innerException, token);
  }
}

defineExceptionType(TaskCanceledException, 'System.Threading.Tasks.TaskCanceledException', -2146233029);
