/**
 * System.ObjectDisposedException: an operation was attempted on a disposed object.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.objectdisposedexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, fullNameOf, isError, resolveMessage } from '../runtime/exception-type.js';
import { InvalidOperationException } from './InvalidOperationException.js';

/**
 * Thrown when a member of a disposed object is used. When an object name is given the message gains a new
 * line and "Object name: 'X'.", e.g.
 * "Cannot access a disposed object.\nObject name: 'System.Net.WebSockets.ClientWebSocket'."
 *
 * @example
 * ObjectDisposedException.ThrowIf(this.#disposed, 'System.Net.WebSockets.ClientWebSocket');
 */
export class ObjectDisposedException extends InvalidOperationException {
  /** The name of the disposed object, or `null`. */
  readonly #objectName: string | null;

  /**
   * @param objectName The disposed object's name (.NET passes the type's full name).
   * @param message The message; omitted → "Cannot access a disposed object."
   */
  constructor(objectName: string | null | undefined, message?: string | null);
  /** (message, innerException) */
  constructor(message: string | null | undefined, innerException: Error | null);
  constructor(first: string | null | undefined, second?: string | Error | null) {
    let objectName: string | null = null;
    let text: string;
    let inner: Error | undefined;
    if (isError(second)) {
      text = resolveMessage(first, SR.ObjectDisposed_Generic, new.target);
      inner = second;
    } else {
      objectName = first ?? null;
      text = resolveMessage(second, SR.ObjectDisposed_Generic, new.target);
      if (objectName) text += `\n${SR.Format(SR.ObjectDisposed_ObjectName_Name, objectName)}`;
    }
    super(text, inner);
    this.#objectName = objectName;
  }

  /** The name of the disposed object; the empty string when none was given. */
  get ObjectName(): string {
    return this.#objectName ?? '';
  }

  /**
   * Throws an {@link ObjectDisposedException} naming `instance` when `condition` is true.
   *
   * @param instance The disposed object (its class name is used) or the object name to report.
   * @throws {ObjectDisposedException} `condition` is true.
   */
  static ThrowIf(condition: boolean, instance: object | string): void {
    if (condition) {
      throw new ObjectDisposedException(typeof instance === 'string' ? instance : fullNameOf(instance.constructor));
    }
  }
}

defineExceptionType(ObjectDisposedException, 'System.ObjectDisposedException', -2146232798);
