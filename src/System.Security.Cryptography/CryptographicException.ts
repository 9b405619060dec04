/**
 * System.Security.Cryptography.CryptographicException: cryptographic data (a certificate, a key) could
 * not be read.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.security.cryptography.cryptographicexception
 */
import { SR } from '../Resources/SR.js';
import { defineExceptionType, resolveMessage } from '../runtime/exception-type.js';
import { SystemException } from '../System/SystemException.js';

/** Thrown when a certificate or key cannot be read. */
export class CryptographicException extends SystemException {
  /**
   * @param message The message; omitted → "Error occurred during a cryptographic operation."
   * @param innerException The exception that caused this one.
   */
  constructor(message?: string | null, innerException?: Error | null) {
    super(resolveMessage(message, SR.Arg_CryptographyException, new.target), innerException);
  }
}

defineExceptionType(CryptographicException, 'System.Security.Cryptography.CryptographicException', -2146233296);
