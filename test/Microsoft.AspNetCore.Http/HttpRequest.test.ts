import { describe, expect, it } from 'vitest';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import type { HttpRequest } from '../../src/Microsoft.AspNetCore.Http/HttpRequest.js';
import {
  httpRequest,
  rawConnect,
  rawExchange,
  signal,
  startApp,
  wsConnect,
} from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';

/** Runs one request against `pattern` and hands back what `read` took from the HttpRequest. */
async function observe<T>(
  pattern: string,
  path: string,
  read: (request: HttpRequest, context: HttpContext) => T | Promise<T>,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<T> {
  const seen = signal<T>();
  const { http } = await startApp((app) =>
    app.Map(pattern, async (context) => {
      seen.resolve(await read(context.Request, context));
    }),
  );
  await httpRequest(`${http}${path}`, options);
  return seen.promise;
}

describe('#Method', () => {
  it.each([['GET'], ['POST'], ['DELETE']])('is %s for a %s request', async (method) => {
    expect(await observe('/m', '/m', (r) => r.Method, { method })).toBe(method);
  });
});

describe('#Path', () => {
  it('is the path without the query', async () => {
    expect(await observe('/a/b', '/a/b?x=1', (r) => r.Path)).toBe('/a/b');
  });

  it('is percent-decoded, except for an encoded slash', async () => {
    expect(await observe('/{**rest}', '/caf%C3%A9/a%2Fb', (r) => r.Path)).toBe('/café/a%2Fb');
  });

  it('takes the path of an absolute-form request target', async () => {
    const seen = signal<string>();
    const { port } = await startApp((app) => app.Map('/abs', (context) => seen.resolve(context.Request.Path)));
    await rawExchange(port, 'GET http://example.com/abs?q=1 HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n');
    expect(await seen.promise).toBe('/abs');
  });

  it('has an empty PathBase', async () => {
    expect(await observe('/p', '/p', (r) => r.PathBase)).toBe('');
  });
});

describe('#QueryString', () => {
  it('is the raw query with its "?"', async () => {
    expect(await observe('/q', '/q?a=1&b=%20', (r) => r.QueryString)).toBe('?a=1&b=%20');
  });

  it('is empty without a query', async () => {
    expect(await observe('/q', '/q', (r) => r.QueryString)).toBe('');
  });
});

describe('#Query', () => {
  it('decodes values and looks names up case-insensitively', async () => {
    const query = await observe('/q', '/q?Room=lobby&msg=a+b%21', (r) => ({
      room: r.Query['room'],
      ROOM: r.Query['ROOM'],
      msg: r.Query['msg'],
      missing: r.Query['missing'],
    }));
    expect(query).toEqual({ room: 'lobby', ROOM: 'lobby', msg: 'a b!', missing: undefined });
  });

  it('joins a repeated parameter with ","', async () => {
    expect(await observe('/q', '/q?id=1&id=2', (r) => r.Query['id'])).toBe('1,2');
  });

  it('lists its names', async () => {
    expect(await observe('/q', '/q?a=1&b=2', (r) => Object.keys(r.Query))).toEqual(['a', 'b']);
  });

  it('is read-only', async () => {
    expect(
      await observe('/q', '/q?a=1', (r) => {
        try {
          (r.Query as Record<string, string>)['a'] = 'changed';
        } catch (err) {
          return err;
        }
        return undefined;
      }),
    ).toBeInstanceOf(TypeError);
  });
});

describe('#Headers', () => {
  it('looks headers up case-insensitively', async () => {
    const headers = await observe('/h', '/h', (r) => [r.Headers['X-Custom'], r.Headers['x-custom'], r.Headers['X-CUSTOM']], {
      headers: { 'X-Custom': 'value' },
    });
    expect(headers).toEqual(['value', 'value', 'value']);
  });

  it('reads a missing header as undefined', async () => {
    expect(await observe('/h', '/h', (r) => r.Headers['X-Missing'])).toBeUndefined();
  });

  it('joins a repeated header with ","', async () => {
    const seen = signal<string | undefined>();
    const { port } = await startApp((app) => app.Map('/h', (context) => seen.resolve(context.Request.Headers['X-Multi'])));
    await rawExchange(port, 'GET /h HTTP/1.1\r\nHost: x\r\nX-Multi: a\r\nX-Multi: b\r\nConnection: close\r\n\r\n');
    expect(await seen.promise).toBe('a,b');
  });

  it('has the Host, Content-Type and Content-Length shortcuts', async () => {
    const values = await observe('/h', '/h', (r) => [r.Host, r.ContentType, r.ContentLength], {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(values[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(values.slice(1)).toEqual(['text/plain', 5]);
  });
});

describe('#Body', () => {
  it('is the request body as a readable stream', async () => {
    const body = await observe(
      '/b',
      '/b',
      async (r) => {
        const chunks: Buffer[] = [];
        for await (const chunk of r.Body) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
      { method: 'POST', body: '요청 본문' },
    );
    expect(body).toBe('요청 본문');
  });

  it('is an empty stream that ends for an accepted WebSocket request, with the headers still readable', async () => {
    const seen = signal<[number, string | undefined, string]>();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const webSocket = await context.WebSockets.AcceptWebSocketAsync();
        let bytes = 0;
        for await (const chunk of context.Request.Body) bytes += (chunk as Buffer).length;
        seen.resolve([bytes, context.Request.Headers['sec-websocket-version'], context.Request.Protocol]);
        webSocket.Abort();
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    expect(await seen.promise).toEqual([0, '13', 'HTTP/1.1']);
    client.terminate();
  });
});

describe('an accepted WebSocket request', () => {
  it('answers as before the accept, during the session and after the client left', async () => {
    type View = Record<string, unknown>;
    const view = (context: HttpContext): View => ({
      method: context.Request.Method,
      path: context.Request.Path,
      queryString: context.Request.QueryString,
      query: context.Request.Query['b'],
      room: context.Request.RouteValues['room'],
      custom: context.Request.Headers['X-Custom'],
      version: context.Request.Headers['Sec-WebSocket-Version'],
      host: context.Request.Host,
      remote: context.Connection.RemoteIpAddress,
      remotePort: context.Connection.RemotePort,
      localPort: context.Connection.LocalPort,
      trace: context.TraceIdentifier,
    });
    const seen = signal<View[]>();
    const { ws, port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/rooms/{room}', async (context) => {
        // Nothing read before the accept: whatever the host builds on first use is built after it.
        const webSocket = await context.WebSockets.AcceptWebSocketAsync();
        const during = view(context);
        // Reads until the client drops the connection.
        await webSocket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None).catch(() => {});
        seen.resolve([during, view(context)]);
      });
    });
    const client = await wsConnect(`${ws}/rooms/lobby?a=1&b=two`, undefined, {
      headers: { 'X-Custom': 'kept' },
    });
    const clientPort = (client as unknown as { _socket: { localPort: number } })._socket.localPort;
    client.terminate();
    const [during, after] = await seen.promise;
    expect(during).toEqual({
      method: 'GET',
      path: '/rooms/lobby',
      queryString: '?a=1&b=two',
      query: 'two',
      room: 'lobby',
      custom: 'kept',
      version: '13',
      host: `127.0.0.1:${port}`,
      remote: '127.0.0.1',
      remotePort: clientPort,
      localPort: port,
      trace: expect.stringMatching(/^[0-9A-V]{13}:00000001$/) as unknown,
    });
    expect(after).toEqual(during);
  });

  it('keeps every header line as the client wrote it, names spelled as sent', async () => {
    const seen = signal<Array<[string, string | undefined]>>();
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        // Nothing read before the accept: the host keeps the lines packed (common names one character each).
        await context.WebSockets.AcceptWebSocketAsync();
        const headers = context.Request.Headers;
        seen.resolve(Object.keys(headers).map((name) => [name, headers[name]]));
      });
    });
    const socket = await rawConnect(port);
    socket.write(
      Buffer.from(
        'GET /ws HTTP/1.1\r\nhost: x\r\nUpgrade: websocket\r\nconnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\nUser-Agent: a\tb\r\n' +
          'X-Latin: caf\u00e9\r\nX-Repeat: 1\r\nx-repeat: 2\r\n\r\n',
        'latin1',
      ),
    );
    expect(await seen.promise).toEqual([
      ['host', 'x'],
      ['Upgrade', 'websocket'],
      ['connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ['sec-websocket-version', '13'],
      ['User-Agent', 'a\tb'],
      ['X-Latin', 'caf\u00e9'],
      ['X-Repeat', '1,2'],
    ]);
    socket.destroy();
  });
});

describe('#Scheme', () => {
  it('is http with IsHttps false over plain TCP, and the protocol is HTTP/1.1', async () => {
    expect(await observe('/s', '/s', (r) => [r.Scheme, r.IsHttps, r.Protocol])).toEqual(['http', false, 'HTTP/1.1']);
  });
});

describe('#RouteValues', () => {
  it('holds the matched parameters, case-insensitively', async () => {
    const values = await observe('/rooms/{room}/users/{id:int}', '/rooms/lobby/users/42', (r) => [
      r.RouteValues['room'],
      r.RouteValues['ROOM'],
      r.RouteValues['id'],
    ]);
    expect(values).toEqual(['lobby', 'lobby', '42']);
  });

  it('decodes parameter values', async () => {
    expect(await observe('/rooms/{room}', '/rooms/%EB%B0%A9', (r) => r.RouteValues['room'])).toBe('방');
  });

  it('belongs to its HttpContext', async () => {
    expect(await observe('/c', '/c', (r, context) => r.HttpContext === context)).toBe(true);
  });
});
