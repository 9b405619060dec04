/**
 * .NET's WebSocketValidate, the argument checks ManagedWebSocket's public methods share.
 * @see https://github.com/dotnet/runtime/blob/main/src/libraries/Common/src/System/Net/WebSockets/WebSocketValidate.cs
 */
import { ArgumentException } from '../System/ArgumentException.js';
import { ArgumentNullException } from '../System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../System/ArgumentOutOfRangeException.js';
import type { ArraySegment } from '../System/ArraySegment.js';
import { SR } from '../Resources/SR.js';
import { closePayload as encodeClosePayload } from '../protocol/frame-writer.js';
import { WebSocketCloseStatus } from './WebSocketCloseStatus.js';

/** RFC 6455 §5.5: a control frame's payload is at most 125 bytes, two of which are the close code. */
const MAX_CLOSE_DESCRIPTION_BYTES = 123;

/** .NET's WebSocketValidate.ValidateArraySegment, for `default(ArraySegment<byte>)`. */
export function validateSegment(buffer: ArraySegment<Uint8Array>): void {
  const array = buffer.Array;
  if (array === null) throw new ArgumentNullException('buffer.Array');
  if (buffer.Offset < 0 || buffer.Offset > array.length) throw new ArgumentOutOfRangeException('buffer.Offset');
  if (buffer.Count < 0 || buffer.Count > array.length - buffer.Offset) throw new ArgumentOutOfRangeException('buffer.Count');
}

/**
 * .NET's WebSocketValidate.ValidateCloseStatus, then the frame payload: the 16-bit code and the
 * UTF-8 reason. `Empty` (1005) is put on the wire as .NET does.
 */
export function closePayload(closeStatus: WebSocketCloseStatus, statusDescription: string | null): Buffer {
  if (closeStatus === WebSocketCloseStatus.Empty && statusDescription !== null && statusDescription !== '') {
    throw new ArgumentException(SR.Format(SR.net_WebSockets_ReasonNotNull, statusDescription, 'Empty'), 'statusDescription');
  }
  const code = closeStatus as number;
  if ((code >= 0 && code <= 999) || code === 1006 || code === 1015) {
    throw new ArgumentException(SR.Format(SR.net_WebSockets_InvalidCloseStatusCode, code), 'closeStatus');
  }
  const reason = statusDescription ? Buffer.from(statusDescription, 'utf8') : null;
  if (reason !== null && reason.length > MAX_CLOSE_DESCRIPTION_BYTES) {
    throw new ArgumentException(
      SR.Format(SR.net_WebSockets_InvalidCloseStatusDescription, statusDescription, MAX_CLOSE_DESCRIPTION_BYTES),
      'statusDescription',
    );
  }
  return encodeClosePayload(code, reason);
}
