import { describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';
import { WebSocketOptions } from '../../src/Microsoft.AspNetCore.Builder/WebSocketOptions.js';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { httpRequest, nextPongs, onCleanup, startApp, wsConnect, wsHandshake } from './WebApplication.helpers.js';

/** Accepts and keeps a read pending until the client closes. */
async function acceptAndRead(context: HttpContext): Promise<void> {
  if (!context.WebSockets.IsWebSocketRequest) {
    context.Response.StatusCode = 400;
    return;
  }
  const socket = await context.WebSockets.AcceptWebSocketAsync();
  await socket.ReceiveAsync(new ArraySegment(new Uint8Array(64)), CancellationToken.None).catch(() => {});
}

describe('constructor', () => {
  it("has ASP.NET Core's defaults", () => {
    const options = new WebSocketOptions();
    expect(options.KeepAliveInterval.Equals(TimeSpan.FromMinutes(2))).toBe(true);
    expect(options.KeepAliveTimeout.Equals(Timeout.InfiniteTimeSpan)).toBe(true);
    expect(options.AllowedOrigins.Count).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(options.ReceiveBufferSize).toBe(0);
  });

  it('sets members from an object initializer', () => {
    const options = new WebSocketOptions({
      KeepAliveInterval: TimeSpan.FromSeconds(10),
      KeepAliveTimeout: TimeSpan.FromSeconds(3),
      AllowedOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(options.KeepAliveInterval.TotalSeconds).toBe(10);
    expect(options.KeepAliveTimeout.TotalSeconds).toBe(3);
    expect([...options.AllowedOrigins]).toEqual(['https://a.example', 'https://b.example']);
  });
});

describe('#KeepAliveTimeout', () => {
  it.each([[TimeSpan.Zero], [Timeout.InfiniteTimeSpan], [TimeSpan.FromSeconds(1)]])('accepts %s', (value) => {
    const options = new WebSocketOptions();
    options.KeepAliveTimeout = value;
    expect(options.KeepAliveTimeout.Equals(value)).toBe(true);
  });

  it('throws ArgumentOutOfRangeException for a negative value other than infinite', () => {
    const options = new WebSocketOptions();
    let error: unknown;
    try {
      options.KeepAliveTimeout = TimeSpan.FromSeconds(-1);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ArgumentOutOfRangeException);
    expect((error as ArgumentOutOfRangeException).ParamName).toBe('value');
    expect((error as Error).message).toContain(
      dotnetMessage(
        'ArgumentOutOfRange_Generic_MustBeGreaterOrEqual',
        'value',
        TimeSpan.FromSeconds(-1).ToString(),
        TimeSpan.Zero.ToString(),
      ),
    );
    expect(options.KeepAliveTimeout.Equals(Timeout.InfiniteTimeSpan)).toBe(true);
  });
});

describe('#KeepAliveInterval', () => {
  it('reaches accepted sockets: a short interval sends unsolicited pongs', async () => {
    const { ws } = await startApp((app) => {
      app.UseWebSockets(new WebSocketOptions({ KeepAliveInterval: TimeSpan.FromMilliseconds(20) }));
      app.Map('/ws', acceptAndRead);
    });
    const client = await wsConnect(`${ws}/ws`);
    expect(await nextPongs(client, 3)).toEqual(Array(3).fill(Buffer.alloc(0)));
  });

  it('with a KeepAliveTimeout, sends pings that the peer answers', async () => {
    const { ws } = await startApp((app) => {
      app.UseWebSockets(
        new WebSocketOptions({ KeepAliveInterval: TimeSpan.FromMilliseconds(20), KeepAliveTimeout: TimeSpan.FromSeconds(10) }),
      );
      app.Map('/ws', acceptAndRead);
    });
    // Listening from the start: the first ping can come with the 101, before a connect promise resumes.
    const client = new WsClient(`${ws}/ws`, { perMessageDeflate: false });
    onCleanup(() => client.terminate());
    const payloads: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      client.once('error', reject);
      client.on('ping', (data: Buffer) => {
        payloads.push(data);
        if (payloads.length === 2) resolve();
      });
    });
    // .NET 9's ping payload: an 8-byte big-endian counter from 1.
    expect(payloads.map((p) => p.readBigUInt64BE(0))).toEqual([1n, 2n]);
  });
});

describe('#AllowedOrigins', () => {
  async function originApp(...origins: string[]) {
    const reached: string[] = [];
    const t = await startApp((app) => {
      const options = new WebSocketOptions();
      for (const o of origins) options.AllowedOrigins.Add(o);
      app.UseWebSockets(options);
      app.Map('/ws', async (context) => {
        reached.push(context.Request.Headers['Origin'] ?? '(none)');
        await acceptAndRead(context);
      });
    });
    return { ...t, reached };
  }

  it('answers 403 to a WebSocket request from another origin, without reaching the app', async () => {
    const { ws, reached } = await originApp('https://good.example');
    const result = await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://evil.example' });
    expect(result.status).toBe(403);
    expect(reached).toEqual([]);
  });

  it('accepts a listed origin, comparing with the list lower-cased', async () => {
    const { ws, reached } = await originApp('HTTPS://Good.Example');
    const result = await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://good.example' });
    expect(result.status).toBe(101);
    expect(reached).toEqual(['https://good.example']);
  });

  it('compares the Origin header case-sensitively', async () => {
    const { ws } = await originApp('https://good.example');
    const result = await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://GOOD.example' });
    expect(result.status).toBe(403);
  });

  it('lets a WebSocket request without an Origin header through', async () => {
    const { ws, reached } = await originApp('https://good.example');
    expect((await wsHandshake(`${ws}/ws`)).status).toBe(101);
    expect(reached).toEqual(['(none)']);
  });

  it('allows every origin when the list contains "*"', async () => {
    const { ws } = await originApp('https://good.example', '*');
    expect((await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://any.example' })).status).toBe(101);
  });

  it('does not check plain requests', async () => {
    const { http, reached } = await originApp('https://good.example');
    const res = await httpRequest(`${http}/ws`, { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(400);
    expect(reached).toEqual(['https://evil.example']);
  });
});
