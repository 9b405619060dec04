/**
 * System.IO.IOException: an I/O error occurred.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.ioexception
 */
import { SR } from '../Resources/SR.js';
import { SystemException } from '../System/SystemException.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';

/**
 * Thrown when an I/O operation fails, for instance {@link MemoryStream.Seek} to before the beginning of the
 * stream ("An attempt was made to move the position before the beginning of the stream.").
 */
export class IOException extends SystemException {
  /** @param message The message; omitted → "I/O error occurred." */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_IOException, new.target), innerException);
  }
}

defineExceptionType(IOException, 'System.IO.IOException', -2146232800);
