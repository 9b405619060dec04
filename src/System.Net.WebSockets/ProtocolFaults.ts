/**
 * The exception .NET's ManagedWebSocket throws for each protocol fault the frame reader
 * (src/protocol/frame-reader.ts) reports, with .NET's message.
 */
import { SR } from '../Resources/SR.js';
import { ProtocolFault } from '../protocol/frame-reader.js';
import { WebSocketError } from './WebSocketError.js';
import { WebSocketException } from './WebSocketException.js';

/** The exception .NET throws for each protocol fault, with its message. */
export function protocolException(fault: ProtocolFault, opcode: number): WebSocketException {
  let message: string | undefined;
  switch (fault) {
    case ProtocolFault.ReservedBits:
      message = SR.net_Websockets_ReservedBitsSet;
      break;
    case ProtocolFault.CompressedWhenNotEnabled:
      message = SR.net_Websockets_PerMessageCompressedFlagWhenNotEnabled;
      break;
    case ProtocolFault.CompressedInContinuation:
      message = SR.net_Websockets_PerMessageCompressedFlagInContinuation;
      break;
    case ProtocolFault.UnknownOpcode:
      // .NET formats its MessageOpcode enum here, which prints the decimal value ('0x11' for 0xB).
      message = SR.Format(SR.net_Websockets_UnknownOpcode, opcode);
      break;
    case ProtocolFault.InvalidControlFrame:
      message = SR.net_Websockets_InvalidControlMessage;
      break;
    case ProtocolFault.MaskedFrameFromServer:
      message = SR.net_Websockets_ClientReceivedMaskedFrame;
      break;
    case ProtocolFault.UnmaskedFrameFromClient:
      message = SR.net_Websockets_ServerReceivedUnmaskedFrame;
      break;
    case ProtocolFault.InvalidPayloadLength:
      message = SR.net_Websockets_InvalidPayloadLength;
      break;
    case ProtocolFault.ContinuationFromFinal:
      message = SR.net_Websockets_ContinuationFromFinalFrame;
      break;
    case ProtocolFault.NonContinuationAfterNonFinal:
      message = SR.net_Websockets_NonContinuationAfterNonFinalFrame;
      break;
    case ProtocolFault.FrameTooLong:
      message = SR.dotnetws_MessageTooBig;
      break;
    default:
      // Invalid UTF-8, a bad close frame, data that does not inflate: .NET's generic Faulted message.
      message = undefined;
  }
  return message === undefined ? new WebSocketException(WebSocketError.Faulted) : new WebSocketException(WebSocketError.Faulted, message);
}
