import { describe, expect, it } from 'vitest';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketMessageFlags } from '../../src/System.Net.WebSockets/WebSocketMessageFlags.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';

/** The name → value pairs of a numeric TS enum (skipping the reverse mapping). */
const members = (e: object) => Object.fromEntries(Object.entries(e).filter(([k]) => Number.isNaN(Number(k))));

describe('WebSocketState', () => {
  it("has .NET's values", () => {
    expect(members(WebSocketState)).toEqual({
      None: 0,
      Connecting: 1,
      Open: 2,
      CloseSent: 3,
      CloseReceived: 4,
      Closed: 5,
      Aborted: 6,
    });
  });

  it("prints names as C#'s ToString does", () => {
    expect(WebSocketState[WebSocketState.CloseReceived]).toBe('CloseReceived');
  });
});

describe('WebSocketMessageType', () => {
  it("has .NET's values", () => {
    expect(members(WebSocketMessageType)).toEqual({ Text: 0, Binary: 1, Close: 2 });
  });
});

describe('WebSocketMessageFlags', () => {
  it("has .NET's flag values", () => {
    expect(members(WebSocketMessageFlags)).toEqual({ None: 0, EndOfMessage: 1, DisableCompression: 2 });
    expect(WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression).toBe(3);
  });
});

describe('WebSocketCloseStatus', () => {
  it("has .NET's values and no members for 1004, 1006 or 1012-1015", () => {
    expect(members(WebSocketCloseStatus)).toEqual({
      NormalClosure: 1000,
      EndpointUnavailable: 1001,
      ProtocolError: 1002,
      InvalidMessageType: 1003,
      Empty: 1005,
      InvalidPayloadData: 1007,
      PolicyViolation: 1008,
      MessageTooBig: 1009,
      MandatoryExtension: 1010,
      InternalServerError: 1011,
    });
    expect(WebSocketCloseStatus[1006]).toBeUndefined();
  });
});

describe('WebSocketError', () => {
  it("has .NET's values", () => {
    expect(members(WebSocketError)).toEqual({
      Success: 0,
      InvalidMessageType: 1,
      Faulted: 2,
      NativeError: 3,
      NotAWebSocket: 4,
      UnsupportedVersion: 5,
      UnsupportedProtocol: 6,
      HeaderError: 7,
      ConnectionClosedPrematurely: 8,
      InvalidState: 9,
    });
  });
});
