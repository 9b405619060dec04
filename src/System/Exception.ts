/**
 * System.Exception: the root of the .NET exception hierarchy, as a real JavaScript `Error`.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.exception
 */
import { SR } from '../Resources/SR.js';
import { defaultHResultOf, defineExceptionType, fullNameOf, resolveMessage } from '../runtime/exception-type.js';

/**
 * The base class of every exception dotnet-ws throws. It is a native `Error` (stack traces, `cause`,
 * `instanceof Error` all work) that also carries .NET's members: {@link Exception.Message} is the JS
 * `message`, {@link Exception.InnerException} is the JS `cause`, and `name` is the .NET type name, so a
 * stack trace starts with `WebSocketException: …` just as on .NET.
 *
 * @example
 * try {
 *   await ws.ReceiveAsync(segment, CancellationToken.None);
 * } catch (e) {
 *   if (e instanceof WebSocketException) console.log(e.WebSocketErrorCode, e.Message);
 * }
 */
export class Exception extends Error {
  /** HResult set by a constructor; `undefined` means the type's default. */
  #hresult: number | undefined;

  /**
   * @param message The message; omitted → "Exception of type 'System.Exception' was thrown."
   * @param innerException The exception that caused this one, stored as `cause`.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    // A user's own subclass gets its class name as `name` before the stack header is captured.
    if (!Object.hasOwn(new.target.prototype, 'name')) {
      Object.defineProperty(new.target.prototype, 'name', {
        value: new.target.name,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    const text = resolveMessage(message, SR.Format(SR.Exception_WasThrown, fullNameOf(new.target)), new.target);
    if (innerException != null) super(text, { cause: innerException });
    else super(text);
  }

  /** The message that describes the error (the same string as `message`). */
  get Message(): string {
    return this.message;
  }

  /** The exception that caused this one (the JS `cause`), or `null`. */
  get InnerException(): Error | null {
    return this.cause instanceof Error ? this.cause : null;
  }

  /** The coded numeric value .NET assigns to this exception type (e.g. -2146233079 for InvalidOperationException). */
  get HResult(): number {
    return this.#hresult ?? defaultHResultOf(this);
  }

  protected set HResult(value: number) {
    this.#hresult = value;
  }

  /** The stack trace (JS format), or `null` when none was captured. */
  get StackTrace(): string | null {
    return this.stack ?? null;
  }

  /**
   * The innermost exception of the {@link Exception.InnerException} chain: the root cause.
   *
   * @example
   * const root = e.GetBaseException();
   */
  GetBaseException(): Error {
    // The walk down the InnerException chain starts at this exception.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let current: Error = this;
    for (let inner = innerOf(current); inner !== null; inner = innerOf(current)) current = inner;
    return current;
  }
}

function innerOf(error: Error): Error | null {
  if (error instanceof Exception) return error.InnerException;
  return error.cause instanceof Error ? error.cause : null;
}

defineExceptionType(Exception, 'System.Exception', -2146233088);
