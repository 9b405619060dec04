import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';
import { WebSocketCreationOptions } from '../../src/System.Net.WebSockets/WebSocketCreationOptions.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { thrown } from '../helpers/errors.js';

/** Runs `action` and returns what it threw. */

describe('WebSocketCreationOptions', () => {
  describe('defaults', () => {
    it('are client, no subprotocol, keep-alive off, infinite timeout, no compression', () => {
      const o = new WebSocketCreationOptions();
      expect(o.IsServer).toBe(false);
      expect(o.SubProtocol).toBeNull();
      expect(o.KeepAliveInterval.Equals(TimeSpan.Zero)).toBe(true);
      expect(o.KeepAliveTimeout.Equals(Timeout.InfiniteTimeSpan)).toBe(true);
      expect(o.DangerousDeflateOptions).toBeNull();
    });
  });

  describe('#SubProtocol', () => {
    it('accepts a token and null', () => {
      const o = new WebSocketCreationOptions();
      o.SubProtocol = 'chat.v2';
      expect(o.SubProtocol).toBe('chat.v2');
      o.SubProtocol = null;
      expect(o.SubProtocol).toBeNull();
    });

    it.each([
      // .NET 10: ArgumentException.ThrowIfNullOrWhiteSpace.
      ['', dotnetMessage('Argument_EmptyOrWhiteSpaceString')],
      ['    ', dotnetMessage('Argument_EmptyOrWhiteSpaceString')],
      ['a b', dotnetMessage('net_WebSockets_InvalidCharInProtocolString', 'a b', '[32]')],
      ['\u00ff', dotnetMessage('net_WebSockets_InvalidCharInProtocolString', '\u00ff', '[255]')],
      ['a,b', dotnetMessage('net_WebSockets_InvalidCharInProtocolString', 'a,b', ',')],
    ])('rejects %j with ArgumentException("subProtocol")', (value, message) => {
      const error = thrown(() => {
        new WebSocketCreationOptions().SubProtocol = value;
      });
      expect(error).toBeInstanceOf(ArgumentException);
      expect(error.message).toBe(`${message} (Parameter 'subProtocol')`);
    });
  });

  describe.each(['KeepAliveInterval', 'KeepAliveTimeout'] as const)('#%s', (property) => {
    it.each([TimeSpan.Zero, Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(30), TimeSpan.MaxValue])('accepts %o', (value) => {
      const o = new WebSocketCreationOptions();
      o[property] = value;
      expect(o[property]).toBe(value);
    });

    it("rejects a negative value other than -1 ms with .NET's message", () => {
      const error = thrown(() => {
        new WebSocketCreationOptions()[property] = TimeSpan.FromSeconds(-2);
      });
      expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
      expect(error.message).toBe(
        `${dotnetMessage('net_WebSockets_ArgumentOutOfRange_TooSmall', 0)} (Parameter '${property}')\nActual value was -00:00:02.`,
      );
    });
  });

  describe('#DangerousDeflateOptions', () => {
    it('holds deflate options', () => {
      const o = new WebSocketCreationOptions();
      o.DangerousDeflateOptions = new WebSocketDeflateOptions();
      expect(o.DangerousDeflateOptions.ServerMaxWindowBits).toBe(15);
    });
  });
});
