import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';

describe('ObjectDisposedException', () => {
  describe('constructor', () => {
    it('names the object on a new line', () => {
      const e = new ObjectDisposedException('System.Net.WebSockets.ClientWebSocket');
      expect(e.Message).toBe(
        `${dotnetMessage('ObjectDisposed_Generic')}\n${dotnetMessage('ObjectDisposed_ObjectName_Name', 'System.Net.WebSockets.ClientWebSocket')}`,
      );
      expect(e.Message).toBe("Cannot access a disposed object.\nObject name: 'System.Net.WebSockets.ClientWebSocket'.");
      expect(e.ObjectName).toBe('System.Net.WebSockets.ClientWebSocket');
    });

    it('has no object line for a null name', () => {
      const e = new ObjectDisposedException(null, dotnetMessage('CancellationTokenSource_Disposed'));
      expect(e.Message).toBe(dotnetMessage('CancellationTokenSource_Disposed'));
      expect(e.ObjectName).toBe('');
    });

    it('takes (message, innerException)', () => {
      const inner = new Error('x');
      const e = new ObjectDisposedException('m', inner);
      expect(e.Message).toBe('m');
      expect(e.InnerException).toBe(inner);
      expect(e.ObjectName).toBe('');
    });
  });

  describe('.ThrowIf', () => {
    it('throws with the given object name when the condition holds', () => {
      expect(() => ObjectDisposedException.ThrowIf(true, 'WebSocket')).toThrow(new ObjectDisposedException('WebSocket').Message);
    });

    it('uses the class name of an object', () => {
      class Widget {}
      try {
        ObjectDisposedException.ThrowIf(true, new Widget());
        expect.unreachable();
      } catch (e) {
        expect((e as ObjectDisposedException).ObjectName).toBe('Widget');
      }
    });

    it('does nothing when the condition is false', () => {
      expect(() => ObjectDisposedException.ThrowIf(false, 'x')).not.toThrow();
    });
  });

  it('is an InvalidOperationException', () => {
    const e = new ObjectDisposedException('x');
    expect(e).toBeInstanceOf(InvalidOperationException);
    expect(e.name).toBe('ObjectDisposedException');
  });
});
