// The messages of permessage-deflate's failures. src/protocol/ reports what went wrong as a code and knows
// no message text; the WebSocket and its client attach .NET's message here, as .NET's WebSocketInflater
// and WebSocketHandle word them.
import { SR } from '../Resources/SR.js';
import type { DeflateNegotiationFailure } from '../protocol/deflate-negotiation.js';
import { InflateError } from '../protocol/permessage-deflate.js';

/** The message of the WebSocketException .NET throws when a received message does not inflate. */
export function inflateFailureMessage(error: Error): string {
  if (!(error instanceof InflateError)) return error.message;
  switch (error.reason) {
    case 'invalid-data':
      return SR.ZLibUnsupportedCompression;
    case 'out-of-memory':
      return SR.ZLibErrorNotEnoughMemory;
    case 'inconsistent-stream':
      return SR.ZLibErrorInconsistentStream;
    case 'data-after-final-block':
      return SR.net_WebSockets_DataAfterBFinal;
    case 'zlib-error':
      return SR.Format(SR.ZLibErrorUnexpected, error.zlibCode);
  }
}

/** The message of the WebSocketException .NET's ConnectAsync throws for a failed negotiation. */
export function negotiationFailureMessage(failure: DeflateNegotiationFailure): string {
  switch (failure.failure) {
    case 'invalid-parameter':
      return SR.Format(SR.net_WebSockets_InvalidResponseHeader, 'permessage-deflate', failure.parameter);
    case 'client-window-too-large':
      return SR.Format(SR.net_WebSockets_ClientWindowBitsNegotiationFailure, failure.offered, failure.answered);
    case 'server-window-too-large':
      return SR.Format(SR.net_WebSockets_ServerWindowBitsNegotiationFailure, failure.offered, failure.answered);
  }
}
