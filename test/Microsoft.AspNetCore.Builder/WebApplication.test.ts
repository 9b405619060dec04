import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { Exception } from '../../src/System/Exception.js';
import { FormatException } from '../../src/System/FormatException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { configuredUrls } from '../../src/host/listen.js';
import {
  closeEvent,
  httpRequest,
  nextMessage,
  onCleanup,
  rawConnect,
  signal,
  startApp,
  track,
  wsConnect,
} from './WebApplication.helpers.js';
import { captureServerLog, unhandledApplicationException } from '../helpers/server-log.js';

import { rejection } from '../helpers/errors.js';
import { seedEcho } from '../helpers/messages.js';
import { freePort } from '../helpers/ports.js';

function refusesConnections(port: number): Promise<boolean> {
  return rawConnect(port).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
  );
}

describe('.CreateBuilder', () => {
  it('builds an application whose Urls start empty', () => {
    const app = WebApplication.CreateBuilder().Build();
    expect(app.Urls.Count).toBe(0);
  });

  it('.Create is CreateBuilder(args).Build()', () => {
    expect(WebApplication.Create()).toBeInstanceOf(WebApplication);
  });
});

describe('#StartAsync', () => {
  it('binds 127.0.0.1 port 0 and reports the real port in Urls', async () => {
    const { app, port } = await startApp(() => {});
    expect(app.Urls.Count).toBe(1);
    expect(app.Urls[0]).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(0);
  });

  it('takes the address from --urls in the arguments', async () => {
    const app = WebApplication.CreateBuilder(['--urls', 'http://127.0.0.1:0']).Build();
    app.MapGet('/', () => 'from args');
    await app.StartAsync();
    const { http } = track(app);
    expect((await httpRequest(http)).body).toBe('from args');
  });

  it('takes the address from ASPNETCORE_URLS', async () => {
    vi.stubEnv('ASPNETCORE_URLS', 'http://127.0.0.1:0');
    onCleanup(() => {
      vi.unstubAllEnvs();
    });
    const app = WebApplication.Create();
    await app.StartAsync();
    expect(track(app).port).toBeGreaterThan(0);
  });

  it('prefers Urls over the arguments', async () => {
    const app = WebApplication.CreateBuilder(['--urls=http://256.0.0.1:1']).Build();
    app.Urls.Add('http://127.0.0.1:0');
    await app.StartAsync();
    expect(track(app).port).toBeGreaterThan(0);
  });

  it('prefers builder.WebHost.UseUrls over the arguments', async () => {
    const builder = WebApplication.CreateBuilder(['--urls=http://256.0.0.1:1']);
    builder.WebHost.UseUrls('http://127.0.0.1:0');
    const app = builder.Build();
    await app.StartAsync();
    expect(track(app).port).toBeGreaterThan(0);
  });

  it('binds localhost on the loopback and reports it as localhost', async () => {
    const port = await freePort();
    const app = WebApplication.Create();
    app.Urls.Add(`http://localhost:${port}`);
    app.MapGet('/', () => 'local');
    await app.StartAsync();
    track(app);
    expect([...app.Urls]).toEqual([`http://localhost:${port}`]);
    expect((await httpRequest(`http://127.0.0.1:${port}/`)).body).toBe('local');
  });

  it('listens on several addresses', async () => {
    const app = WebApplication.Create();
    app.Urls.Add('http://127.0.0.1:0');
    app.Urls.Add('http://127.0.0.1:0');
    await app.StartAsync();
    track(app);
    expect(app.Urls.Count).toBe(2);
    expect(app.Urls[0]).not.toBe(app.Urls[1]);
  });

  it.each<[string, new (...args: never[]) => Error, string]>([
    ['http://localhost:0', InvalidOperationException, dotnetMessage('DynamicPortOnLocalhostNotSupported')],
    ['localhost:5000', FormatException, dotnetMessage('InvalidUrl', 'localhost:5000')],
    ['ftp://127.0.0.1:0', InvalidOperationException, dotnetMessage('UnsupportedAddressScheme', 'ftp://127.0.0.1:0')],
    [
      'http://127.0.0.1:0/base',
      InvalidOperationException,
      dotnetMessage('ConfigurePathBaseFromMethodCall', 'IApplicationBuilder.UsePathBase()'),
    ],
    ['https://127.0.0.1:0', InvalidOperationException, dotnetMessage('AspNetCore_HttpsNotSupported', 'https://127.0.0.1:0')],
  ])('refuses %s', async (url, type, message) => {
    const app = WebApplication.Create();
    app.Urls.Add(url);
    const error = await rejection(app.StartAsync());
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
  });

  it('reports an address in use', async () => {
    const { port } = await startApp(() => {});
    const app = WebApplication.Create();
    app.Urls.Add(`http://127.0.0.1:${port}`);
    const error = await rejection(app.StartAsync());
    expect(error).toBeInstanceOf(Exception);
    expect(error.message).toBe(dotnetMessage('EndpointAlreadyInUse', `http://127.0.0.1:${port}`));
  });

  it('throws InvalidOperationException when already started', async () => {
    const { app } = await startApp(() => {});
    const error = await rejection(app.StartAsync());
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect(error.message).toBe(dotnetMessage('ServerAlreadyStarted'));
  });

  it('throws OperationCanceledException for a cancelled token', async () => {
    const app = WebApplication.Create();
    app.Urls.Add('http://127.0.0.1:0');
    expect(await rejection(app.StartAsync(new CancellationToken(true)))).toBeInstanceOf(OperationCanceledException);
  });
});

describe('configured addresses', () => {
  it.each<[string, string[], Record<string, string>, string[]]>([
    ['the default', [], {}, ['http://localhost:5000']],
    ['--urls', ['--urls', 'http://a:1;http://b:2'], {}, ['http://a:1', 'http://b:2']],
    ['--urls=', ['--urls=http://a:1'], { ASPNETCORE_URLS: 'http://env:1' }, ['http://a:1']],
    ['ASPNETCORE_URLS', [], { ASPNETCORE_URLS: 'http://env:1', PORT: '9' }, ['http://env:1']],
    ['ASPNETCORE_HTTP_PORTS', [], { ASPNETCORE_HTTP_PORTS: '8080;8081' }, ['http://*:8080', 'http://*:8081']],
    ['PORT', [], { PORT: '3000' }, ['http://*:3000']],
  ])('come from %s', (_name, args, env, expected) => {
    expect(configuredUrls(args, env)).toEqual(expected);
  });
});

describe('#Map', () => {
  it('routes every method to the handler', async () => {
    const { http } = await startApp((app) => app.Map('/any', (context) => context.Request.Method));
    expect((await httpRequest(`${http}/any`, { method: 'PUT' })).body).toBe('PUT');
    expect((await httpRequest(`${http}/any`, { method: 'DELETE' })).body).toBe('DELETE');
  });

  it('writes a returned string as text/plain and an object as JSON', async () => {
    const { http } = await startApp((app) => {
      app.MapGet('/text', () => 'hi');
      app.MapGet('/json', async () => ({ a: 1 }));
    });
    const text = await httpRequest(`${http}/text`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('hi');
    const json = await httpRequest(`${http}/json`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual({ a: 1 });
  });

  it('passes route values', async () => {
    const { http } = await startApp((app) => app.MapGet('/rooms/{room}', (context) => context.Request.RouteValues['room']));
    expect((await httpRequest(`${http}/rooms/lobby`)).body).toBe('lobby');
  });
});

describe('#MapGet', () => {
  it.each<[string, (app: WebApplication) => void]>([
    ['GET', (app) => app.MapGet('/x', () => 'ok')],
    ['POST', (app) => app.MapPost('/x', () => 'ok')],
    ['PUT', (app) => app.MapPut('/x', () => 'ok')],
    ['DELETE', (app) => app.MapDelete('/x', () => 'ok')],
    ['PATCH', (app) => app.MapPatch('/x', () => 'ok')],
    ['OPTIONS', (app) => app.MapMethods('/x', ['OPTIONS'], () => 'ok')],
  ])('and its siblings answer only %s; other methods get 405 with Allow', async (method, map) => {
    const { http } = await startApp(map);
    expect((await httpRequest(`${http}/x`, { method })).body).toBe('ok');
    const other = await httpRequest(`${http}/x`, { method: method === 'GET' ? 'POST' : 'GET' });
    expect(other.status).toBe(405);
    expect(other.headers['allow']).toBe(method);
  });

  it('answers 404 for a path no endpoint matches', async () => {
    const { http } = await startApp((app) => app.MapGet('/known', () => 'ok'));
    const res = await httpRequest(`${http}/unknown`);
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });

  it('answers 404 to an upgrade request for an unknown path', async () => {
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', seedEcho);
    });
    const { wsHandshake } = await import('./WebApplication.helpers.js');
    expect((await wsHandshake(`${ws}/elsewhere`)).status).toBe(404);
  });
});

describe('#Use', () => {
  it('runs middleware in order around the endpoint', async () => {
    const order: string[] = [];
    const { http } = await startApp((app) => {
      app.Use(async (_context, next) => {
        order.push('a in');
        await next();
        order.push('a out');
      });
      app.Use(async (context, next) => {
        order.push('b in');
        await next(context);
        order.push('b out');
      });
      app.MapGet('/', () => {
        order.push('endpoint');
        return 'ok';
      });
    });
    await httpRequest(`${http}/`);
    expect(order).toEqual(['a in', 'b in', 'endpoint', 'b out', 'a out']);
  });

  it('resumes after the endpoint wrote its returned value, as the endpoint does in ASP.NET Core', async () => {
    const started: boolean[] = [];
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        started.push(context.Response.HasStarted);
        await next();
        started.push(context.Response.HasStarted);
      });
      app.MapGet('/', async () => 'written');
    });
    expect((await httpRequest(`${http}/`)).body).toBe('written');
    expect(started).toEqual([false, true]);
  });

  it('can short-circuit the pipeline, and sees route values already', async () => {
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        if (context.Request.RouteValues['id'] === 'blocked') {
          context.Response.StatusCode = 403;
          return;
        }
        await next();
      });
      app.MapGet('/items/{id}', () => 'item');
    });
    expect((await httpRequest(`${http}/items/blocked`)).status).toBe(403);
    expect((await httpRequest(`${http}/items/ok`)).body).toBe('item');
  });
});

describe('#Run', () => {
  it('with a handler, adds terminal middleware', async () => {
    const { http } = await startApp((app) => {
      app.Run(async (context) => {
        await context.Response.WriteAsync('terminal');
      });
      app.MapGet('/', () => 'never');
    });
    expect((await httpRequest(`${http}/`)).body).toBe('terminal');
  });

  it('with a URL, listens there only, prints the address and resolves after StopAsync', async () => {
    const lines: string[] = [];
    const started = signal();
    using _log = vi.spyOn(console, 'log').mockImplementation((text: string) => {
      lines.push(String(text));
      if (String(text).includes(dotnetMessage('AspNetCore_ApplicationStarted'))) started.resolve();
    });
    const app = WebApplication.Create();
    app.Urls.Add('http://127.0.0.1:1');
    const running = app.Run('http://127.0.0.1:0');
    await started.promise;
    expect(app.Urls.Count).toBe(1);
    expect(app.Urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[0]).toContain(dotnetMessage('AspNetCore_NowListeningOn', app.Urls[0]));
    await app.StopAsync();
    await running;
  });
});

describe('#RunAsync', () => {
  it('stops on SIGINT', async () => {
    using log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const app = WebApplication.Create();
    app.Urls.Add('http://127.0.0.1:0');
    const started = new Promise<void>((resolve) => {
      log.mockImplementation((text: string) => {
        if (String(text).includes(dotnetMessage('AspNetCore_ApplicationStarted'))) resolve();
      });
    });
    const running = app.RunAsync();
    await started;
    const port = Number(new URL(app.Urls[0]!).port);
    process.emit('SIGINT');
    await running;
    expect(await refusesConnections(port)).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});

describe('#StopAsync', () => {
  it('stops listening', async () => {
    const { app, port } = await startApp(() => {});
    await app.StopAsync();
    expect(await refusesConnections(port)).toBe(true);
  });

  it('does nothing when the application never started', async () => {
    const app = WebApplication.Create();
    await expect(app.StopAsync()).resolves.toBeUndefined();
    expect([...app.Urls]).toEqual([]);
  });

  it('sends EndpointUnavailable to open WebSockets and resolves once they are closed', async () => {
    using error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let thrown: unknown;
    const { app, ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        try {
          await seedEcho(context);
        } catch (e) {
          thrown = e;
          throw e;
        }
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    client.send('hello');
    expect(await nextMessage(client)).toBe('hello');
    const closed = closeEvent(client);
    await app.StopAsync();
    expect((await closed).code).toBe(1001);
    // The seed's loop then calls CloseAsync on a socket that is already Closed: .NET throws there too,
    // but the host does not log what its own shutdown caused.
    expect(thrown).toBeInstanceOf(WebSocketException);
    expect((thrown as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.InvalidState);
    expect(error).not.toHaveBeenCalled();
  });

  it('waits for a plain request in flight', async () => {
    const entered = signal();
    const release = signal();
    const { app, http } = await startApp((app) =>
      app.MapGet('/slow', async () => {
        entered.resolve();
        await release.promise;
        return 'finished';
      }),
    );
    const response = httpRequest(`${http}/slow`);
    await entered.promise;
    let stopped = false;
    const stopping = app.StopAsync().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.resolve();
    expect((await response).body).toBe('finished');
    await stopping;
  });

  it('aborts what is left after the shutdown timeout, and fires RequestAborted', async () => {
    const aborted = signal();
    const { app, ws } = await startApp((app) => {
      app.shutdownTimeout = TimeSpan.FromMilliseconds(50);
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        context.RequestAborted.Register(() => aborted.resolve());
        await new Promise(() => {}); // never reads, never returns
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const closed = closeEvent(client);
    await app.StopAsync();
    await aborted.promise;
    expect((await closed).code).toBe(1001);
  });

  it('aborts at once when its token is cancelled', async () => {
    const { app, ws } = await startApp((app) => {
      app.shutdownTimeout = TimeSpan.MaxValue;
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        await new Promise(() => {});
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const closed = closeEvent(client);
    await app.StopAsync(new CancellationToken(true));
    // The 1001 close frame goes out first (README, "Differences from .NET" › the server: StopAsync sends
    // it right away), then the connection is aborted without waiting for the client's answer.
    expect(await closed).toEqual({ code: 1001, reason: '' });
  });

  it('leaves no open handle: a process that stops its app exits by itself', async () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const child = spawn(process.execPath, ['--import', './fixtures/ts-register.mjs', './fixtures/stop-exits.fixture.ts'], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(killer);
    expect(stderr).toBe('');
    expect(sig).toBeNull();
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ body: 'hello', code: 1001 });
  }, 15_000);
});

describe('unhandled exceptions', () => {
  it('are logged and answered with 500, and the server keeps serving', async () => {
    using error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { http } = await startApp((app) => {
      app.MapGet('/throw', () => {
        throw new Error('boom');
      });
      app.MapGet('/ok', () => 'ok');
    });
    const res = await httpRequest(`${http}/throw`);
    expect(res.status).toBe(500);
    expect(res.body).toBe('');
    expect(error).toHaveBeenCalledOnce();
    expect(error.mock.calls[0]![1]).toBeInstanceOf(Error);
    expect((await httpRequest(`${http}/ok`)).body).toBe('ok');
  });

  it('drop the connection when the response had already started', async () => {
    using _error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { http } = await startApp((app) =>
      app.MapGet('/partial', async (context) => {
        await context.Response.WriteAsync('part');
        throw new Error('mid-response');
      }),
    );
    await expect(httpRequest(`${http}/partial`)).rejects.toThrow();
  });

  it('clear the headers the handler set before answering 500', async () => {
    using _error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { http } = await startApp((app) =>
      app.MapGet('/throw', (context) => {
        context.Response.Headers['X-Partial'] = 'yes';
        throw new Error('boom');
      }),
    );
    const res = await httpRequest(`${http}/throw`);
    expect(res.status).toBe(500);
    expect(res.headers['x-partial']).toBeUndefined();
  });
});

describe('#attach', () => {
  it('serves WebSockets beside another request handler on one port', async () => {
    // A stand-in for an Express app: the server's own request handler.
    const server = createServer((req, res) => {
      res.end(`express says ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const app = WebApplication.Create();
    app.UseWebSockets();
    app.Map('/ws', seedEcho);
    app.attach(server);
    onCleanup(() => app.StopAsync());

    expect((await httpRequest(`http://127.0.0.1:${port}/page`)).body).toBe('express says /page');
    const client = await wsConnect(`ws://127.0.0.1:${port}/ws`);
    client.send('beside express');
    expect(await nextMessage(client)).toBe('beside express');

    const closed = closeEvent(client);
    await app.StopAsync();
    expect((await closed).code).toBe(1001);
    // The server itself keeps running, without the app's upgrade listener.
    expect(server.listening).toBe(true);
    expect(server.listenerCount('upgrade')).toBe(0);
  });
});

describe('#handleRequest', () => {
  it('works as Express-style middleware: unmatched requests go to next()', async () => {
    const app = WebApplication.Create();
    app.MapGet('/api/hello', () => 'from dotnet-ws');
    const server = createServer((req, res) => {
      app.handleRequest(req, res, () => res.end('from next'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    expect((await httpRequest(`http://127.0.0.1:${port}/api/hello`)).body).toBe('from dotnet-ws');
    expect((await httpRequest(`http://127.0.0.1:${port}/other`)).body).toBe('from next');
  });

  it('passes a request whose method no endpoint takes to next() rather than answering 405', async () => {
    const app = WebApplication.Create();
    app.MapGet('/api/hello', () => 'get');
    const server = createServer((req, res) => {
      app.handleRequest(req, res, () => res.end(`next got ${req.method}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    expect((await httpRequest(`http://127.0.0.1:${port}/api/hello`, { method: 'POST' })).body).toBe('next got POST');
  });

  it('answers 404 itself without next', async () => {
    const app = WebApplication.Create();
    const server = createServer(app.handleRequest);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    expect((await httpRequest(`http://127.0.0.1:${port}/x`)).status).toBe(404);
  });
});

describe('#handleUpgrade', () => {
  it('passes an upgrade no endpoint matches to next, untouched', async () => {
    const log = captureServerLog();
    onCleanup(() => log.restore());
    const app = WebApplication.Create();
    app.UseWebSockets();
    app.Map('/ws', seedEcho);
    const passed = signal<string>();
    const server = createServer();
    server.on('upgrade', (req, socket, head) =>
      app.handleUpgrade(req, socket, head, () => {
        passed.resolve(req.url ?? '');
        socket.end("HTTP/1.1 418 I'm a teapot\r\nConnection: close\r\n\r\n");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    onCleanup(() => app.StopAsync());
    const { port } = server.address() as AddressInfo;
    const { wsHandshake } = await import('./WebApplication.helpers.js');
    expect((await wsHandshake(`ws://127.0.0.1:${port}/other`)).status).toBe(418);
    expect(await passed.promise).toBe('/other');
    const client = await wsConnect(`ws://127.0.0.1:${port}/ws`);
    client.send('x');
    expect(await nextMessage(client)).toBe('x');
    // The echo handler waits in ReceiveAsync; dropping the client faults it, and the host logs that.
    client.terminate();
    expect(await log.until(1)).toEqual([
      expect.stringMatching(
        unhandledApplicationException(
          'WebSocketException: The remote party closed the WebSocket connection without completing the close handshake.',
        ),
      ),
    ]);
  });
});

describe('#listen', () => {
  it('listens on the given port and host', async () => {
    const app = WebApplication.Create();
    app.MapGet('/', () => 'listening');
    await app.listen(0, '127.0.0.1');
    const { http } = track(app);
    expect((await httpRequest(http)).body).toBe('listening');
  });
});

describe('#DisposeAsync', () => {
  it('stops the application at the end of an await using scope', async () => {
    let port: number;
    {
      await using app = WebApplication.Create();
      app.Urls.Add('http://127.0.0.1:0');
      await app.StartAsync();
      port = Number(new URL(app.Urls[0]!).port);
    }
    expect(await refusesConnections(port)).toBe(true);
  });
});
