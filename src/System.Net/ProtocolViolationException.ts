/**
 * System.Net.ProtocolViolationException: a network protocol rule was broken.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.protocolviolationexception
 */
import { defineExceptionType } from '../runtime/exception-type.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';

/** Thrown, for example, when `HttpListenerResponse.StatusCode` is set to a number that is not three digits. */
export class ProtocolViolationException extends InvalidOperationException {
  /** @param message The message. */
  constructor(message?: string | null) {
    super(message);
  }
}

defineExceptionType(ProtocolViolationException, 'System.Net.ProtocolViolationException', -2146233079);
