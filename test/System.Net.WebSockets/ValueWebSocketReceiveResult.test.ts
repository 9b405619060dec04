import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ValueWebSocketReceiveResult } from '../../src/System.Net.WebSockets/ValueWebSocketReceiveResult.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

describe('ValueWebSocketReceiveResult', () => {
  describe('constructor', () => {
    it.each([WebSocketMessageType.Text, WebSocketMessageType.Binary, WebSocketMessageType.Close])('accepts type %i', (type) => {
      const r = new ValueWebSocketReceiveResult(3, type, false);
      expect([r.Count, r.MessageType, r.EndOfMessage]).toEqual([3, type, false]);
    });

    it('throws ArgumentOutOfRangeException("count") for a negative count', () => {
      const e = thrown<ArgumentOutOfRangeException>(() => new ValueWebSocketReceiveResult(-1, WebSocketMessageType.Text, true));
      expect(e).toBeInstanceOf(ArgumentOutOfRangeException);
      expect(e.ParamName).toBe('count');
      expect(e.Message).toBe("count ('-1') must be a non-negative value. (Parameter 'count')\nActual value was -1.");
    });

    it.each([
      [3, '3'],
      [-1, '4294967295'],
    ])('throws the plain ArgumentOutOfRangeException("messageType") for type %i (%s unsigned), as .NET 10 does', (type) => {
      const e = thrown<ArgumentOutOfRangeException>(() => new ValueWebSocketReceiveResult(0, type as WebSocketMessageType, true));
      expect(e.ParamName).toBe('messageType');
      expect(e.Message).toBe(`${dotnetMessage('Arg_ArgumentOutOfRangeException')} (Parameter 'messageType')`);
    });
  });

  it('is immutable', () => {
    expect(Object.isFrozen(new ValueWebSocketReceiveResult(0, WebSocketMessageType.Text, true))).toBe(true);
  });
});
