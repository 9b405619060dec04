import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { Nullable } from '../../src/System/Nullable.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketAcceptContext } from '../../src/Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import { nextMessage, nextPongs, rawConnect, startApp, wsConnect } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';
import { upgradeRequest } from '../helpers/handshake.js';
import { thrown } from '../helpers/errors.js';

/**
 * An app accepting /ws with `makeContext()` and echoing one message. The tests end by dropping their
 * client, which faults whichever receive is pending; that is no failure of the handler.
 */
async function acceptWith(makeContext: () => WebSocketAcceptContext) {
  return startApp((app) => {
    app.UseWebSockets();
    app.Map('/ws', async (context) => {
      const socket = await context.WebSockets.AcceptWebSocketAsync(makeContext());
      const buffer = new Uint8Array(256);
      const result = await socket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None).catch(() => null);
      if (result !== null && !result.CloseStatus.HasValue) {
        await socket.SendAsync(new ArraySegment(buffer, 0, result.Count), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None).catch(() => {});
      }
    });
  });
}

/** Sends an upgrade offering permessage-deflate and returns the response head once it arrives. */
async function rawExchangeUntil101(port: number): Promise<string> {
  const socket = await rawConnect(port);
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('\r\n\r\n')) resolve(text.slice(0, text.indexOf('\r\n\r\n') + 2));
    });
    socket.write(upgradeRequest('/ws', { headers: { 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits' } }));
  });
}

describe('constructor', () => {
  it("has ASP.NET Core's defaults", () => {
    const context = new WebSocketAcceptContext();
    expect(context.SubProtocol).toBeNull();
    expect(context.KeepAliveInterval.HasValue).toBe(false);
    expect(context.KeepAliveTimeout.HasValue).toBe(false);
    expect(context.DangerousEnableCompression).toBe(false);
    expect(context.DisableServerContextTakeover).toBe(false);
    expect(context.ServerMaxWindowBits).toBe(15);
  });

  it('sets members from an object initializer', () => {
    const context = new WebSocketAcceptContext({
      SubProtocol: 'chat',
      KeepAliveInterval: TimeSpan.FromSeconds(5),
      DangerousEnableCompression: true,
      ServerMaxWindowBits: 10,
    });
    expect(context.SubProtocol).toBe('chat');
    expect(context.KeepAliveInterval.Value.TotalSeconds).toBe(5);
    expect(context.DangerousEnableCompression).toBe(true);
    expect(context.ServerMaxWindowBits).toBe(10);
  });
});

describe('#KeepAliveInterval', () => {
  it("takes a TimeSpan, a Nullable or null, as C#'s TimeSpan? does", () => {
    const context = new WebSocketAcceptContext();
    context.KeepAliveInterval = TimeSpan.FromSeconds(1);
    expect(context.KeepAliveInterval.Value.TotalSeconds).toBe(1);
    context.KeepAliveInterval = Nullable.Of(TimeSpan.FromSeconds(2));
    expect(context.KeepAliveInterval.Value.TotalSeconds).toBe(2);
    context.KeepAliveInterval = null;
    expect(context.KeepAliveInterval.HasValue).toBe(false);
  });

  it("overrides the app's options for the accepted socket", async () => {
    const { ws } = await acceptWith(() => new WebSocketAcceptContext({ KeepAliveInterval: TimeSpan.FromMilliseconds(20) }));
    const client = await wsConnect(`${ws}/ws`);
    expect(await nextPongs(client, 2)).toEqual(Array(2).fill(Buffer.alloc(0)));
  });
});

describe('#KeepAliveTimeout', () => {
  it.each([[TimeSpan.Zero], [Timeout.InfiniteTimeSpan], [TimeSpan.FromSeconds(30)]])('accepts %s', (value) => {
    const context = new WebSocketAcceptContext();
    context.KeepAliveTimeout = value;
    expect(context.KeepAliveTimeout.Value.Equals(value)).toBe(true);
  });

  it('throws ArgumentOutOfRangeException for a negative value', () => {
    const context = new WebSocketAcceptContext();
    const error = thrown<ArgumentOutOfRangeException>(() => {
      context.KeepAliveTimeout = TimeSpan.FromMilliseconds(-2);
    });
    expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
    expect(error.ParamName).toBe('value.Value');
    expect(error.message).toContain(
      dotnetMessage(
        'ArgumentOutOfRange_Generic_MustBeGreaterOrEqual',
        'value.Value',
        TimeSpan.FromMilliseconds(-2).ToString(),
        TimeSpan.Zero.ToString(),
      ),
    );
    expect(context.KeepAliveTimeout.HasValue).toBe(false);
  });
});

describe('#ServerMaxWindowBits', () => {
  it.each([[8], [16], [0]])('throws ArgumentOutOfRangeException for %i', (bits) => {
    const context = new WebSocketAcceptContext();
    const error = thrown<ArgumentOutOfRangeException>(() => {
      context.ServerMaxWindowBits = bits;
    });
    expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
    expect(error.ParamName).toBe('ServerMaxWindowBits');
    expect(error.message).toContain(dotnetMessage('AspNetCore_ServerMaxWindowBitsOutOfRange'));
    expect(context.ServerMaxWindowBits).toBe(15);
  });

  it.each([[9], [15]])('accepts %i', (bits) => {
    const context = new WebSocketAcceptContext();
    context.ServerMaxWindowBits = bits;
    expect(context.ServerMaxWindowBits).toBe(bits);
  });
});

describe('#DangerousEnableCompression', () => {
  it("accepts the client's permessage-deflate offer when set", async () => {
    const { ws } = await acceptWith(() => new WebSocketAcceptContext({ DangerousEnableCompression: true }));
    const client = await wsConnect(`${ws}/ws`, undefined, { perMessageDeflate: true });
    expect(client.extensions).toBe('permessage-deflate');
    client.send('compressed '.repeat(20));
    expect(await nextMessage(client)).toBe('compressed '.repeat(20));
  });

  it.each<[Partial<WebSocketAcceptContext>, RegExp]>([
    [{ DisableServerContextTakeover: true }, /server_no_context_takeover/],
    [{ ServerMaxWindowBits: 10 }, /server_max_window_bits=10/],
  ])('negotiates %o', async (init, expected) => {
    const { port } = await acceptWith(() => new WebSocketAcceptContext({ DangerousEnableCompression: true, ...init }));
    const response = await rawExchangeUntil101(port);
    expect(response).toMatch(/\r\nSec-WebSocket-Extensions: permessage-deflate[^\r]*\r\n/i);
    expect(/\r\nSec-WebSocket-Extensions: ([^\r]*)\r\n/i.exec(response)![1]).toMatch(expected);
  });

  it('leaves compression off by default, even when the client offers it', async () => {
    const { ws } = await acceptWith(() => new WebSocketAcceptContext());
    const client = await wsConnect(`${ws}/ws`, undefined, { perMessageDeflate: true });
    expect(client.extensions).toBe('');
  });
});
