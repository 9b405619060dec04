import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { StatusCodes } from '../../src/Microsoft.AspNetCore.Http/StatusCodes.js';
import {
  httpRequest,
  rawConnect,
  rawExchange,
  signal,
  startApp,
  statusOf,
} from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';
import { upgradeRequest } from '../helpers/handshake.js';
import { until } from '../helpers/wait.js';
import type { TestResponse } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

/** Serves one request with `handler` and returns the response. */
async function serve(handler: (context: HttpContext) => unknown): Promise<TestResponse> {
  const { http } = await startApp((app) => app.Map('/r', handler));
  return httpRequest(`${http}/r`);
}

/** Runs `action` inside a handler and returns what it threw (or the rejection). */
async function thrownInHandler(action: (context: HttpContext) => unknown): Promise<unknown> {
  const seen = signal<unknown>();
  await serve(async (context) => {
    try {
      await action(context);
      seen.resolve(undefined);
    } catch (err) {
      seen.resolve(err);
    }
  });
  return seen.promise;
}

describe('#StatusCode', () => {
  it('is 200 by default, with an empty body', async () => {
    const res = await serve(() => {});
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body).toBe('');
  });

  it('sends the status the handler set', async () => {
    const res = await serve((context) => {
      context.Response.StatusCode = StatusCodes.Status418ImATeapot;
    });
    expect(res.status).toBe(418);
  });

  it('cannot be set once the response started', async () => {
    const error = await thrownInHandler(async (context) => {
      await context.Response.WriteAsync('started');
      context.Response.StatusCode = 500;
    });
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('ParameterReadOnlyAfterResponseStarted', 'StatusCode'));
  });

  it('keeps the connection after an upgrade request answered 400, as Kestrel does, and serves the next request', async () => {
    const { port } = await startApp((app) =>
      app.Map('/r', async (context) => {
        if (context.WebSockets.IsWebSocketRequest) return;
        if (context.Request.Headers['Upgrade'] !== undefined) {
          context.Response.StatusCode = StatusCodes.Status400BadRequest;
          return;
        }
        await context.Response.WriteAsync('plain');
      }),
    );
    const socket = await rawConnect(port);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Version 8: not a WebSocket request to .NET; the application answers 400.
    socket.write(upgradeRequest('/r', { headers: { 'Sec-WebSocket-Version': '8' } }));
    await until(() => Buffer.concat(chunks).includes('\r\n\r\n'), 'the 400');
    const first = Buffer.concat(chunks).toString('latin1');
    expect(statusOf(first)).toBe(400);
    // The differential suite's raw-upgrade-version-8 compares these bytes with Kestrel's.
    expect(
      first
        .split('\r\n')
        .slice(1, 4)
        .map((l) => l.replace(/^Date: .*/, 'Date: <date>')),
    ).toEqual(['Content-Length: 0', 'Date: <date>', 'Server: Kestrel']);
    socket.write('GET /r HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closed;
    const second = Buffer.concat(chunks).toString('latin1').slice(first.length);
    expect(statusOf(second)).toBe(200);
    expect(second).toContain('\r\n\r\n5\r\nplain\r\n0\r\n\r\n');
  });

  it('is sent as a raw response for an upgrade request the handler did not accept', async () => {
    const { port } = await startApp((app) =>
      app.Map('/r', (context) => {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers['WWW-Authenticate'] = 'Bearer';
      }),
    );
    // A client that asks to close gets the response and the close (else the connection is kept: see above).
    const response = await rawExchange(port, upgradeRequest('/r', { headers: { Connection: 'Upgrade, close' } }));
    expect(statusOf(response)).toBe(401);
    expect(response).toMatch(/\r\nWWW-Authenticate: Bearer\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/);
  });
});

describe('the response head, as Kestrel writes it', () => {
  /** The header lines of a raw response, Date's value masked. */
  const headLines = (response: string) =>
    response
      .slice(0, response.indexOf('\r\n\r\n'))
      .split('\r\n')
      .slice(1)
      .map((l) => l.replace(/^Date: (.*)$/, (_, d: string) => (new Date(d).toUTCString() === d ? 'Date: <date>' : l)));

  it('puts Content-Length first, then Connection, Date and Server: Kestrel in name order (the seed’s 400 on /ws)', async () => {
    const { port } = await startApp((app) =>
      app.Map('/r', (context) => {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
      }),
    );
    const response = await rawExchange(port, 'GET /r HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    // The differential suite's raw-get-ws-route compares these bytes with Kestrel's.
    expect(headLines(response)).toEqual(['Content-Length: 0', 'Connection: close', 'Date: <date>', 'Server: Kestrel']);
  });

  it('names chunked framing among the known headers and puts the application’s others last', async () => {
    const { port } = await startApp((app) =>
      app.Map('/r', async (context) => {
        context.Response.Headers['X-App'] = '1';
        context.Response.ContentType = 'text/plain; charset=utf-8';
        await context.Response.WriteAsync('body');
      }),
    );
    const response = await rawExchange(port, 'GET /r HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(headLines(response)).toEqual([
      'Connection: close',
      'Content-Type: text/plain; charset=utf-8',
      'Date: <date>',
      'Server: Kestrel',
      'Transfer-Encoding: chunked',
      'X-App: 1',
    ]);
    expect(response.slice(response.indexOf('\r\n\r\n') + 4)).toBe('4\r\nbody\r\n0\r\n\r\n');
  });

  it('keeps a keep-alive connection without a Connection header, and serves the next request on it', async () => {
    const { port } = await startApp((app) => app.Map('/r', (context) => context.Response.WriteAsync('ok')));
    const request = 'GET /r HTTP/1.1\r\nHost: x\r\n\r\n';
    // Two requests, the second closing: both answered on one connection.
    const response = await rawExchange(port, request + request.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    const heads = response.split(/HTTP\/1\.1 /).slice(1);
    expect(heads).toHaveLength(2);
    expect(headLines(`HTTP/1.1 ${heads[0]!}`)).toEqual(['Date: <date>', 'Server: Kestrel', 'Transfer-Encoding: chunked']);
    expect(headLines(`HTTP/1.1 ${heads[1]!}`)).toEqual([
      'Connection: close',
      'Date: <date>',
      'Server: Kestrel',
      'Transfer-Encoding: chunked',
    ]);
  });
});

describe('#Headers', () => {
  it('sends the headers set, whatever the case used to set them', async () => {
    const res = await serve((context) => {
      context.Response.Headers['X-One'] = '1';
      context.Response.Headers['x-two'] = '2';
      context.Response.Headers['X-TWO'] = 'two';
    });
    expect(res.headers['x-one']).toBe('1');
    expect(res.headers['x-two']).toBe('two');
  });

  it('removes a header on delete', async () => {
    const res = await serve((context) => {
      context.Response.Headers['X-Gone'] = 'soon';
      delete context.Response.Headers['x-gone'];
    });
    expect(res.headers['x-gone']).toBeUndefined();
  });

  it('are read-only once the response started', async () => {
    const error = await thrownInHandler(async (context) => {
      await context.Response.StartAsync();
      context.Response.Headers['X-Late'] = 'no';
    });
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('HeadersAreReadOnly'));
  });

  it.each([
    ['line\r\nbreak', '0x000D'],
    ['tab\tok\u0001', '0x0001'],
    ['caf\u00e9', '0x00E9'],
  ])('refuse the value %j as Kestrel does', async (value, character) => {
    const error = await thrownInHandler((context) => {
      context.Response.Headers['X-Bad'] = value;
    });
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('InvalidAsciiOrControlChar', character));
  });
});

describe('#ContentType', () => {
  it('reads and writes the Content-Type header', async () => {
    const seen = signal<[string | null, string | null]>();
    const res = await serve((context) => {
      const before = context.Response.ContentType;
      context.Response.ContentType = 'text/html';
      seen.resolve([before, context.Response.Headers['content-type'] ?? null]);
    });
    expect(await seen.promise).toEqual([null, 'text/html']);
    expect(res.headers['content-type']).toBe('text/html');
  });
});

describe('#ContentLength', () => {
  it('sets the Content-Length header', async () => {
    const res = await serve(async (context) => {
      context.Response.ContentLength = 5;
      await context.Response.WriteAsync('12345');
    });
    expect(res.headers['content-length']).toBe('5');
    expect(res.body).toBe('12345');
  });
});

describe('#WriteAsync', () => {
  it('writes text as UTF-8 and bytes as they are', async () => {
    const res = await serve(async (context) => {
      await context.Response.WriteAsync('서버에서 응답: ');
      await context.Response.WriteAsync(Buffer.from('bytes'));
    });
    expect(res.body).toBe('서버에서 응답: bytes');
  });

  it('starts the response', async () => {
    const seen = signal<[boolean, boolean]>();
    await serve(async (context) => {
      const before = context.Response.HasStarted;
      await context.Response.WriteAsync('x');
      seen.resolve([before, context.Response.HasStarted]);
    });
    expect(await seen.promise).toEqual([false, true]);
  });

  it('throws ArgumentNullException synchronously for null text', async () => {
    const error = await thrownInHandler((context) => {
      void context.Response.WriteAsync(null as unknown as string);
    });
    expect(error).toBeInstanceOf(ArgumentNullException);
    expect((error as ArgumentNullException).ParamName).toBe('text');
  });

  it('rejects with OperationCanceledException for a cancelled token', async () => {
    const error = await thrownInHandler((context) => context.Response.WriteAsync('x', new CancellationToken(true)));
    expect(error).toBeInstanceOf(OperationCanceledException);
  });
});

describe('#Redirect', () => {
  it.each<[boolean, number]>([
    [false, 302],
    [true, 301],
  ])('with permanent %s sends %i and Location', async (permanent, status) => {
    const res = await serve((context) => context.Response.Redirect('/elsewhere', permanent));
    expect(res.status).toBe(status);
    expect(res.headers['location']).toBe('/elsewhere');
  });
});

describe('#HttpContext', () => {
  it('is the context the response belongs to', async () => {
    const seen = signal<boolean>();
    await serve((context) => seen.resolve(context.Response.HttpContext === context));
    expect(await seen.promise).toBe(true);
  });
});
