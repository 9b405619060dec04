import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { Win32Exception } from '../../src/System/Win32Exception.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';

describe('WebSocketException', () => {
  describe('constructor', () => {
    it.each([
      [WebSocketError.Success, dotnetMessage('net_WebSockets_Generic')],
      [
        WebSocketError.InvalidMessageType,
        dotnetMessage('net_WebSockets_InvalidMessageType_Generic', 'WebSocket.CloseAsync', 'WebSocket.CloseOutputAsync'),
      ],
      [WebSocketError.Faulted, dotnetMessage('net_Websockets_WebSocketBaseFaulted')],
      [WebSocketError.NativeError, dotnetMessage('net_WebSockets_Generic')],
      [WebSocketError.NotAWebSocket, dotnetMessage('net_WebSockets_NotAWebSocket_Generic')],
      [WebSocketError.UnsupportedVersion, dotnetMessage('net_WebSockets_UnsupportedWebSocketVersion_Generic')],
      [WebSocketError.UnsupportedProtocol, dotnetMessage('net_WebSockets_UnsupportedProtocol_Generic')],
      [WebSocketError.HeaderError, dotnetMessage('net_WebSockets_HeaderError_Generic')],
      [WebSocketError.ConnectionClosedPrematurely, dotnetMessage('net_WebSockets_ConnectionClosedPrematurely_Generic')],
      [WebSocketError.InvalidState, dotnetMessage('net_WebSockets_InvalidState_Generic')],
    ])("gives error %i .NET's canned message", (error, message) => {
      const e = new WebSocketException(error);
      expect(e.WebSocketErrorCode).toBe(error);
      expect(e.Message).toBe(message);
    });

    it('spells the canned messages as .NET does, spaces included', () => {
      expect(new WebSocketException(WebSocketError.InvalidMessageType).Message).toBe(
        "The received  message type is invalid after calling WebSocket.CloseAsync. WebSocket.CloseAsync should only be used if no more data is expected from the remote endpoint. Use 'WebSocket.CloseOutputAsync' instead to keep being able to receive data but close the output channel.",
      );
      expect(new WebSocketException(WebSocketError.Success).Message.endsWith('for more details. ')).toBe(true);
      expect(new WebSocketException(WebSocketError.HeaderError).Message).toBe(
        'The WebSocket request or response contained unsupported header(s). ',
      );
    });

    it('takes (error, message)', () => {
      const message = dotnetMessage('net_WebSockets_InvalidState', 'Aborted', 'Open, CloseSent');
      const e = new WebSocketException(WebSocketError.InvalidState, message);
      expect(e.Message).toBe("The WebSocket is in an invalid state ('Aborted') for this operation. Valid states are: 'Open, CloseSent'");
      expect(e.WebSocketErrorCode).toBe(WebSocketError.InvalidState);
    });

    it('takes (error, innerException) with the canned message', () => {
      const inner = new Error('io');
      const e = new WebSocketException(WebSocketError.ConnectionClosedPrematurely, inner);
      expect(e.Message).toBe(dotnetMessage('net_WebSockets_ConnectionClosedPrematurely_Generic'));
      expect(e.InnerException).toBe(inner);
    });

    it('takes (error, message, innerException)', () => {
      const inner = new Error('io');
      const e = new WebSocketException(WebSocketError.Faulted, dotnetMessage('net_Websockets_ReservedBitsSet'), inner);
      expect(e.Message).toBe(dotnetMessage('net_Websockets_ReservedBitsSet'));
      expect(e.InnerException).toBe(inner);
    });

    it('uses "Exception of type ..." for an explicit null message, as C# does', () => {
      expect(new WebSocketException(WebSocketError.Faulted, null).Message).toBe(
        dotnetMessage('Exception_WasThrown', 'System.Net.WebSockets.WebSocketException'),
      );
    });

    it('takes (error, nativeError) and makes a negative native error the HResult', () => {
      const e = new WebSocketException(WebSocketError.Faulted, -5);
      expect(e.Message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
      expect(e.HResult).toBe(-5);
      expect(e.NativeErrorCode).toBe(0);
    });

    it('keeps the default HResult E_FAIL for a non-negative native error', () => {
      expect(new WebSocketException(WebSocketError.Faulted, 5).HResult).toBe(-2147467259);
    });

    it('takes (error, nativeError, message, innerException)', () => {
      const inner = new Error('io');
      const e = new WebSocketException(WebSocketError.HeaderError, -1, 'bad header', inner);
      expect([e.Message, e.InnerException, e.HResult, e.WebSocketErrorCode]).toEqual(['bad header', inner, -1, WebSocketError.HeaderError]);
    });

    it('takes (error, nativeError, innerException) with the canned message', () => {
      const inner = new Error('io');
      const e = new WebSocketException(WebSocketError.NotAWebSocket, 0, inner);
      expect(e.Message).toBe(dotnetMessage('net_WebSockets_NotAWebSocket_Generic'));
      expect(e.InnerException).toBe(inner);
    });

    it('takes (message) and (message, innerException) with error code Success', () => {
      const inner = new Error('io');
      expect(new WebSocketException('m').WebSocketErrorCode).toBe(WebSocketError.Success);
      const e = new WebSocketException('m', inner);
      expect([e.Message, e.InnerException, e.WebSocketErrorCode]).toEqual(['m', inner, WebSocketError.Success]);
    });

    it('uses the generic message and Success without arguments', () => {
      const e = new WebSocketException();
      expect(e.Message).toBe(dotnetMessage('net_WebSockets_Generic'));
      expect(e.WebSocketErrorCode).toBe(WebSocketError.Success);
    });
  });

  describe('.fromNativeError', () => {
    it('gives NativeError, the native code and the HResult for a negative code', () => {
      const e = WebSocketException.fromNativeError(-2147012865, 'native');
      expect([e.WebSocketErrorCode, e.NativeErrorCode, e.ErrorCode, e.HResult, e.Message]).toEqual([
        WebSocketError.NativeError,
        -2147012865,
        -2147012865,
        -2147012865,
        'native',
      ]);
    });

    it('gives Success for a non-negative code', () => {
      expect(WebSocketException.fromNativeError(0).WebSocketErrorCode).toBe(WebSocketError.Success);
    });

    it('uses the generic message with an inner exception', () => {
      const inner = new Error('x');
      const e = WebSocketException.fromNativeError(-1, inner);
      expect(e.Message).toBe(dotnetMessage('net_WebSockets_Generic'));
      expect(e.InnerException).toBe(inner);
      expect(e.NativeErrorCode).toBe(0);
    });
  });

  describe('#ErrorCode', () => {
    it("returns the native error code, as .NET's override does", () => {
      expect(new WebSocketException(WebSocketError.Faulted).ErrorCode).toBe(0);
    });
  });

  it('is a Win32Exception named WebSocketException with HResult E_FAIL', () => {
    const e = new WebSocketException(WebSocketError.Faulted);
    expect(e).toBeInstanceOf(Win32Exception);
    expect(e.name).toBe('WebSocketException');
    expect(e.HResult).toBe(-2147467259);
    expect(e.stack?.startsWith(`WebSocketException: ${dotnetMessage('net_Websockets_WebSocketBaseFaulted')}`)).toBe(true);
  });
});
