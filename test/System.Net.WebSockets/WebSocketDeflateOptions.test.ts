import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';

describe('WebSocketDeflateOptions', () => {
  it('defaults to 15 window bits and context takeover on both sides', () => {
    const o = new WebSocketDeflateOptions();
    expect([o.ClientMaxWindowBits, o.ServerMaxWindowBits, o.ClientContextTakeover, o.ServerContextTakeover]).toEqual([15, 15, true, true]);
  });

  describe.each(['ClientMaxWindowBits', 'ServerMaxWindowBits'] as const)('#%s', (property) => {
    it.each([9, 12, 15])('accepts %i', (bits) => {
      const o = new WebSocketDeflateOptions();
      o[property] = bits;
      expect(o[property]).toBe(bits);
    });

    it.each([8, 16, Number.NaN])("rejects %d with .NET's message and actual value", (bits) => {
      const o = new WebSocketDeflateOptions();
      const attempt = () => {
        o[property] = bits;
      };
      expect(attempt).toThrow(ArgumentOutOfRangeException);
      expect(attempt).toThrow(
        `${dotnetMessage('net_WebSockets_ArgumentOutOfRange', 9, 15)} (Parameter '${property}')\nActual value was ${bits}.`,
      );
      expect(o[property]).toBe(15);
    });
  });

  it('lets the takeover flags be switched off', () => {
    const o = new WebSocketDeflateOptions();
    o.ClientContextTakeover = false;
    o.ServerContextTakeover = false;
    expect([o.ClientContextTakeover, o.ServerContextTakeover]).toEqual([false, false]);
  });
});
