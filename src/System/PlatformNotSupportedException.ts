/**
 * System.PlatformNotSupportedException: the feature does not run on this platform.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.platformnotsupportedexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { NotSupportedException } from './NotSupportedException.js';

/** Thrown when a feature does not run on this platform, e.g. `WebSocket.RegisterPrefixes()`. */
export class PlatformNotSupportedException extends NotSupportedException {
  /**
   * @param message The message; omitted → "Operation is not supported on this platform."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_PlatformNotSupported, new.target), innerException);
  }
}

defineExceptionType(PlatformNotSupportedException, 'System.PlatformNotSupportedException', -2146233031);
