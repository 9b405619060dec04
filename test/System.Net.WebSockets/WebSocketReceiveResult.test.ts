import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { Nullable } from '../../src/System/Nullable.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketReceiveResult } from '../../src/System.Net.WebSockets/WebSocketReceiveResult.js';

describe('WebSocketReceiveResult', () => {
  describe('constructor', () => {
    it('leaves the close status empty and the description null for data', () => {
      const r = new WebSocketReceiveResult(5, WebSocketMessageType.Text, true);
      expect([r.Count, r.MessageType, r.EndOfMessage]).toEqual([5, WebSocketMessageType.Text, true]);
      expect(r.CloseStatus.HasValue).toBe(false);
      expect(r.CloseStatus).toBe(Nullable.Null);
      expect(r.CloseStatusDescription).toBeNull();
    });

    it('carries the close status and description of a close result', () => {
      const r = new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.PolicyViolation, 'Yeet');
      expect(r.CloseStatus.HasValue).toBe(true);
      expect(r.CloseStatus.Value).toBe(WebSocketCloseStatus.PolicyViolation);
      expect(r.CloseStatusDescription).toBe('Yeet');
    });

    it('accepts a Nullable close status, and a custom code', () => {
      const r = new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, Nullable.Of(4000 as WebSocketCloseStatus), '');
      expect(r.CloseStatus.Value).toBe(4000);
      expect(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, null, null).CloseStatus.HasValue).toBe(false);
    });

    it('does not validate the message type, as .NET does not', () => {
      expect(new WebSocketReceiveResult(0, 7 as WebSocketMessageType, true).MessageType).toBe(7);
    });

    it('throws ArgumentOutOfRangeException("count") for a negative count', () => {
      expect(() => new WebSocketReceiveResult(-1, WebSocketMessageType.Binary, true)).toThrow(ArgumentOutOfRangeException);
      expect(() => new WebSocketReceiveResult(-1, WebSocketMessageType.Binary, true)).toThrow(
        `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonNegative', 'count', -1)} (Parameter 'count')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', -1)}`,
      );
    });
  });
});
