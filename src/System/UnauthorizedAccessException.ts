/**
 * System.UnauthorizedAccessException: the operation is not allowed.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.unauthorizedaccessexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from './SystemException.js';

/**
 * Thrown when the caller may not do what it asked, for instance `GetBuffer()` on a `MemoryStream` made over
 * a caller's array ("MemoryStream's internal buffer cannot be accessed.").
 */
export class UnauthorizedAccessException extends SystemException {
  /** @param message The message; omitted → "Attempted to perform an unauthorized operation." */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_UnauthorizedAccessException, new.target), innerException);
  }
}

defineExceptionType(UnauthorizedAccessException, 'System.UnauthorizedAccessException', -2147024891);
