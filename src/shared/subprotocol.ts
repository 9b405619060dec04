// Subprotocol validation shared by WebSocket.CreateFromStream, WebSocketCreationOptions.SubProtocol and
// ClientWebSocketOptions.AddSubProtocol (.NET's WebSocketValidate.ValidateSubprotocol; docs/behaviour.md#subprotocols).
import { SR } from '../Resources/SR.js';
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';

/** RFC 2616 §2.2 separators, which a subprotocol token may not contain. */
const SEPARATORS = '()<>@,;:\\"/[]?={} ';

/**
 * Throws .NET's ArgumentException when `subProtocol` is not a valid RFC 6455 §4.1 subprotocol token:
 * null, empty or white space; a character outside 0x21..0x7E (reported as "[code]"); or a separator.
 *
 * @param paramName - The parameter .NET names in the exception.
 */
export function validateSubprotocol(subProtocol: string | null | undefined, paramName = 'subProtocol'): void {
  // .NET 10: ArgumentException.ThrowIfNullOrWhiteSpace.
  if (subProtocol === null || subProtocol === undefined) throw new ArgumentNullException(paramName);
  if (subProtocol.trim() === '') throw new ArgumentException(SR.Argument_EmptyOrWhiteSpaceString, paramName);
  for (const ch of subProtocol) {
    const code = ch.codePointAt(0)!;
    let invalid: string | null = null;
    // .NET walks UTF-16 code units: a non-BMP character is reported by its high surrogate.
    if (code < 0x21 || code > 0x7e) invalid = `[${ch.charCodeAt(0)}]`;
    else if (SEPARATORS.includes(ch)) invalid = ch;
    if (invalid !== null) {
      throw new ArgumentException(SR.Format(SR.net_WebSockets_InvalidCharInProtocolString, subProtocol, invalid), paramName);
    }
  }
}
