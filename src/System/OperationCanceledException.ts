/**
 * System.OperationCanceledException: an operation was canceled.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.operationcanceledexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { CancellationToken } from '../System.Threading/CancellationToken.js';
import { SystemException } from './SystemException.js';

/**
 * Thrown when an operation is canceled through a {@link CancellationToken}, or when a WebSocket operation
 * fails because the socket was aborted. Catch it with `instanceof OperationCanceledException`: that also
 * matches {@link TaskCanceledException}, as C#'s `catch (OperationCanceledException)` does.
 *
 * @example
 * try {
 *   await ws.ReceiveAsync(buffer, cts.Token);
 * } catch (e) {
 *   if (e instanceof OperationCanceledException) console.log('canceled', e.CancellationToken === cts.Token);
 * }
 */
export class OperationCanceledException extends SystemException {
  /** The token whose cancellation caused this exception. */
  readonly #token: CancellationToken;

  /** @param message The message; omitted → "The operation was canceled." */
  constructor(message?: string | null);
  /** (token) */
  constructor(token: CancellationToken);
  /** (message, token) */
  constructor(message: string | null | undefined, token: CancellationToken);
  /** (message, innerException, token?) */
  constructor(message: string | null | undefined, innerException: Error | null | undefined, token?: CancellationToken);
  constructor(...args: unknown[]) {
    const [first, second, third] = args;
    let message: string | null | undefined;
    let inner: Error | null | undefined;
    let token: unknown;
    if (first instanceof CancellationToken) token = first;
    else {
      message = first as string | null | undefined;
      if (second instanceof CancellationToken) token = second;
      else {
        inner = second as Error | null | undefined;
        token = third;
      }
    }
    super(resolveMessage(message, SR.OperationCanceled, new.target), inner);
    this.#token = token instanceof CancellationToken ? token : CancellationToken.None;
  }

  /** The token associated with the canceled operation; `CancellationToken.None` when none was given. */
  get CancellationToken(): CancellationToken {
    return this.#token;
  }
}

defineExceptionType(OperationCanceledException, 'System.OperationCanceledException', -2146233029);
