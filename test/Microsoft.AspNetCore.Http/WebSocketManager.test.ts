import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { NotSupportedException } from '../../src/System/NotSupportedException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { WebSocketAcceptContext } from '../../src/Microsoft.AspNetCore.Http/WebSocketAcceptContext.js';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { until } from '../helpers/wait.js';
import {
  closeEvent,
  httpRequest,
  rawConnect,
  rawExchange,
  signal,
  startApp,
  onCleanup,
  statusOf,
  wsConnect,
  wsHandshake,
} from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';
import { captureServerLog, unhandledApplicationException } from '../helpers/server-log.js';
import { upgradeRequest } from '../helpers/handshake.js';

/** Body of a raw HTTP response (close-delimited or chunked). */
function bodyOf(text: string): string {
  const split = text.indexOf('\r\n\r\n');
  let body = text.slice(split + 4);
  if (!/\r\ntransfer-encoding: chunked\r\n/i.test(text.slice(0, split + 2))) return body;
  let decoded = '';
  for (;;) {
    const eol = body.indexOf('\r\n');
    const size = parseInt(body.slice(0, eol), 16);
    if (!(size > 0)) return decoded;
    decoded += body.slice(eol + 2, eol + 2 + size);
    body = body.slice(eol + 2 + size + 2);
  }
}

/** An app whose /check endpoint answers with IsWebSocketRequest (and never accepts). */
async function checker(useWebSockets = true) {
  return startApp((app) => {
    if (useWebSockets) app.UseWebSockets();
    app.Map('/check', (context) => String(context.WebSockets.IsWebSocketRequest));
  });
}

/** Waits for the handler's error (or value) reported through `report`, while a request runs. */
async function capture<T>(
  run: (report: (value: T) => void) => (context: HttpContext) => Promise<void>,
  send: (t: { http: string; ws: string; port: number }) => Promise<unknown>,
  useWebSockets = true,
): Promise<T> {
  const reported = signal<T>();
  const t = await startApp((app) => {
    if (useWebSockets) app.UseWebSockets();
    app.Map('/ws', run(reported.resolve));
  });
  void send(t).catch(() => {});
  return reported.promise;
}

async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('#IsWebSocketRequest', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    ['a well-formed upgrade', {}, 'GET'],
    ['Upgrade in another case', { Upgrade: 'WebSocket' }, 'GET'],
    ['Upgrade listing websocket among others', { Upgrade: 'h2c, websocket' }, 'GET'],
    ['Connection listing Upgrade among others', { Connection: 'keep-alive, Upgrade' }, 'GET'],
    ['Connection in lower case', { Connection: 'upgrade' }, 'GET'],
    ['a version list containing 13', { 'Sec-WebSocket-Version': '8, 13' }, 'GET'],
  ])('is true for %s', async (_name, overrides, method) => {
    const { port } = await checker();
    const response = await rawExchange(port, upgradeRequest('/check', { headers: overrides, method }));
    expect(statusOf(response)).toBe(200);
    expect(bodyOf(response)).toBe('true');
  });

  it.each<[string, Record<string, string | undefined>, string]>([
    ['a POST', {}, 'POST'],
    ['version 8', { 'Sec-WebSocket-Version': '8' }, 'GET'],
    ['no version', { 'Sec-WebSocket-Version': undefined }, 'GET'],
    ['a key that is not base64', { 'Sec-WebSocket-Key': 'not a key!' }, 'GET'],
    ['a key of 15 bytes', { 'Sec-WebSocket-Key': Buffer.alloc(15, 1).toString('base64') }, 'GET'],
    ['a key of 17 bytes', { 'Sec-WebSocket-Key': Buffer.alloc(17, 1).toString('base64') }, 'GET'],
    ['a key without padding', { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ' }, 'GET'],
    ['no key', { 'Sec-WebSocket-Key': undefined }, 'GET'],
    ['an upgrade to another protocol', { Upgrade: 'h2c' }, 'GET'],
    ['no Connection: Upgrade', { Connection: 'close' }, 'GET'],
  ])('is false for %s', async (_name, overrides, method) => {
    const { port } = await checker();
    const response = await rawExchange(port, upgradeRequest('/check', { headers: overrides, method }));
    expect(statusOf(response)).toBe(200);
    expect(bodyOf(response)).toBe('false');
  });

  it('is false for a plain request', async () => {
    const { http } = await checker();
    expect((await httpRequest(`${http}/check`)).body).toBe('false');
  });

  it('is false for a well-formed upgrade when UseWebSockets was not called', async () => {
    const { port } = await checker(false);
    expect(bodyOf(await rawExchange(port, upgradeRequest('/check')))).toBe('false');
  });
});

describe('#WebSocketRequestedProtocols', () => {
  it('lists the comma-separated Sec-WebSocket-Protocol values in order', async () => {
    const protocols = await capture<readonly string[]>(
      (report) => async (context) => report(context.WebSockets.WebSocketRequestedProtocols),
      ({ port }) => rawExchange(port, upgradeRequest('/ws', { headers: { 'Sec-WebSocket-Protocol': 'chat, superchat ,v2' } })),
    );
    expect(protocols).toEqual(['chat', 'superchat', 'v2']);
  });

  it('is empty without the header', async () => {
    const protocols = await capture<readonly string[]>(
      (report) => async (context) => report(context.WebSockets.WebSocketRequestedProtocols),
      ({ http }) => httpRequest(`${http}/ws`),
    );
    expect(protocols).toEqual([]);
  });
});

describe('#AcceptWebSocketAsync', () => {
  it('returns an open server socket and completes the handshake', async () => {
    const accepted = signal<WebSocket>();
    const done = signal();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const socket = await context.WebSockets.AcceptWebSocketAsync();
        accepted.resolve(socket);
        await done.promise;
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const socket = await accepted.promise;
    expect(socket.State).toBe(WebSocketState.Open);
    expect(socket.SubProtocol).toBeNull();
    expect(client.protocol).toBe('');
    done.resolve();
  });

  it('leaves the response started with status 101', async () => {
    const seen = signal<[number, boolean]>();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        seen.resolve([context.Response.StatusCode, context.Response.HasStarted]);
      });
    });
    await wsConnect(`${ws}/ws`);
    expect(await seen.promise).toEqual([101, true]);
  });

  it('leaves a response first touched after the accept at 101, started, without headers, and read-only', async () => {
    type Seen = { status: number; started: boolean; headers: string[]; setHeader: string; setStatus: string; write: string };
    const seen: Seen[] = [];
    const both = signal();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const webSocket = await context.WebSockets.AcceptWebSocketAsync();
        const response = context.Response;
        const failure = (action: () => unknown) => {
          try {
            action();
            return 'none';
          } catch (err) {
            return `${(err as Error).constructor.name}: ${(err as Error).message}`;
          }
        };
        const setHeader = failure(() => (response.Headers['X-Late'] = String(seen.length)));
        const setStatus = failure(() => (response.StatusCode = 200 + seen.length));
        const write = await response.WriteAsync('late').then(
          () => 'written',
          (err: unknown) => `${(err as Error).constructor.name}`,
        );
        seen.push({
          status: response.StatusCode,
          started: response.HasStarted,
          headers: Object.keys(response.Headers),
          setHeader,
          setStatus,
          write,
        });
        if (seen.length === 2) both.resolve();
        webSocket.Abort();
      });
    });
    // Two connections, one after the other: what the first tried leaves no trace on the second.
    (await wsConnect(`${ws}/ws`)).on('error', () => {});
    await until(() => seen.length === 1, 'the first handler to look at its response');
    (await wsConnect(`${ws}/ws`)).on('error', () => {});
    await both.promise;
    const expected: Seen = {
      status: 101,
      started: true,
      headers: [],
      setHeader: `InvalidOperationException: ${dotnetMessage('HeadersAreReadOnly')}`,
      setStatus: `InvalidOperationException: ${dotnetMessage('ParameterReadOnlyAfterResponseStarted', 'StatusCode')}`,
      write: 'written',
    };
    expect(seen).toEqual([expected, expected]);
  });

  it('writes the 101 head as Kestrel does: Connection, Date, Server, Upgrade, then Sec-WebSocket-Accept', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
      });
    });
    const response = await rawExchange(port, upgradeRequest('/ws'));
    const lines = response.slice(0, response.indexOf('\r\n\r\n')).split('\r\n');
    // The differential suite's raw-response-head compares these bytes with Kestrel's.
    expect(lines.map((l) => l.replace(/^Date: .*/, 'Date: <date>').replace(/^(Sec-WebSocket-Accept): .*/, '$1: <accept>'))).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'Connection: Upgrade',
      'Date: <date>',
      'Server: Kestrel',
      'Upgrade: websocket',
      'Sec-WebSocket-Accept: <accept>',
    ]);
    const date = lines[2]!.slice('Date: '.length);
    expect(new Date(date).toUTCString()).toBe(date);
  });

  it('writes the subprotocol and extension lines after Sec-WebSocket-Accept, with or without headers of the application', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/plain', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync(
          new WebSocketAcceptContext({ SubProtocol: 'chat', DangerousEnableCompression: true }),
        );
      });
      app.Map('/set', async (context) => {
        context.Response.Headers['X-Server'] = 'dotnet-ws';
        context.Response.Headers['Cache-Control'] = 'no-store';
        await context.WebSockets.AcceptWebSocketAsync(
          new WebSocketAcceptContext({ SubProtocol: 'chat', DangerousEnableCompression: true }),
        );
      });
    });
    const headOf = async (path: string) => {
      const response = await rawExchange(
        port,
        upgradeRequest(path, { headers: { 'Sec-WebSocket-Protocol': 'chat', 'Sec-WebSocket-Extensions': 'permessage-deflate' } }),
      );
      return response
        .slice(0, response.indexOf('\r\n\r\n'))
        .split('\r\n')
        .map((l) => l.replace(/^Date: .*/, 'Date: <date>').replace(/^(Sec-WebSocket-Accept): .*/, '$1: <accept>'));
    };
    const negotiated = ['Sec-WebSocket-Accept: <accept>', 'Sec-WebSocket-Protocol: chat', 'Sec-WebSocket-Extensions: permessage-deflate'];
    expect(await headOf('/plain')).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'Connection: Upgrade',
      'Date: <date>',
      'Server: Kestrel',
      'Upgrade: websocket',
      ...negotiated,
    ]);
    // Known headers in name order, then the others in the order they were added.
    expect(await headOf('/set')).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'Cache-Control: no-store',
      'Connection: Upgrade',
      'Date: <date>',
      'Server: Kestrel',
      'Upgrade: websocket',
      'X-Server: dotnet-ws',
      ...negotiated,
    ]);
  });

  it('sends the response headers the application set with the 101', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        context.Response.Headers['Set-Cookie'] = 'session=abc';
        context.Response.Headers['X-Server'] = 'dotnet-ws';
        await context.WebSockets.AcceptWebSocketAsync('chat');
      });
    });
    const response = await rawExchange(port, upgradeRequest('/ws'));
    expect(statusOf(response)).toBe(101);
    expect(response).toMatch(/\r\nSet-Cookie: session=abc\r\n/);
    expect(response).toMatch(/\r\nX-Server: dotnet-ws\r\n/);
    expect(response.match(/Sec-WebSocket-Protocol/gi)).toHaveLength(1);
  });

  it('rejects with WebSocketException when the client left before the accept', async () => {
    const error = await capture<unknown>(
      (report) => async (context) => {
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
        report(await caught(() => context.WebSockets.AcceptWebSocketAsync()));
      },
      async ({ port }) => {
        const socket = await rawConnect(port);
        socket.write(upgradeRequest('/ws'));
        // Give the server the request, then leave before any answer.
        socket.end();
      },
    );
    expect(error).toBeInstanceOf(WebSocketException);
    expect((error as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.ConnectionClosedPrematurely);
  });

  it('keeps the bytes a client sent before the 101 for the WebSocket', async () => {
    const entered = signal();
    const go = signal();
    const received = signal<string>();
    // The app on a server of our own (app.attach), so the test can see the server's end of the connection.
    const server = createServer();
    let serverEnd: Socket | null = null;
    server.on('upgrade', (_req, socket: Socket) => (serverEnd = socket));
    const app = WebApplication.CreateBuilder([]).Build();
    app.UseWebSockets();
    app.Map('/ws', async (context) => {
      entered.resolve();
      await go.promise;
      const socket = await context.WebSockets.AcceptWebSocketAsync();
      const buffer = new Uint8Array(16);
      const result = await socket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
      received.resolve(Buffer.from(buffer.subarray(0, result.Count)).toString('utf8'));
    });
    app.attach(server);
    onCleanup(async () => {
      await app.StopAsync();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = await rawConnect((server.address() as AddressInfo).port);
    socket.write(upgradeRequest('/ws'));
    await entered.promise;
    // A frame sent before the 101 (RFC 6455 says wait; a client may not), in a packet of its own.
    const mask = [1, 2, 3, 4];
    const payload = Buffer.from('early').map((b, i) => b ^ mask[i % 4]!);
    const early = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, ...mask]), payload]);
    const readBefore = serverEnd!.bytesRead;
    socket.write(early);
    // The server has read it off the connection before the application accepts.
    await until(() => serverEnd!.bytesRead >= readBefore + early.length, 'the server to read the early frame');
    go.resolve();
    expect(await received.promise).toBe('early');
  });

  // The handlers below hold the socket open in ReceiveAsync; when the client then drops the connection, the
  // receive faults, the handler lets it escape and the host logs it, as Kestrel does.
  const droppedMidReceive = unhandledApplicationException(
    'WebSocketException: The remote party closed the WebSocket connection without completing the close handshake.',
  );

  it('answers with the subprotocol the application picks', async () => {
    const log = captureServerLog();
    try {
      const accepted = signal<WebSocket>();
      const { ws } = await startApp((app) => {
        app.UseWebSockets();
        app.Map('/ws', async (context) => {
          const picked = context.WebSockets.WebSocketRequestedProtocols.find((p) => p === 'superchat') ?? null;
          const socket = await context.WebSockets.AcceptWebSocketAsync(picked);
          accepted.resolve(socket);
          await socket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None);
        });
      });
      const client = await wsConnect(`${ws}/ws`, ['chat', 'superchat']);
      expect(client.protocol).toBe('superchat');
      expect((await accepted.promise).SubProtocol).toBe('superchat');
      client.terminate();
      expect(await log.until(1)).toEqual([expect.stringMatching(droppedMidReceive)]);
    } finally {
      log.restore();
    }
  });

  it('takes the subprotocol from a WebSocketAcceptContext', async () => {
    const log = captureServerLog();
    try {
      const { ws } = await startApp((app) => {
        app.UseWebSockets();
        app.Map('/ws', async (context) => {
          const socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext({ SubProtocol: 'chat' }));
          await socket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None);
        });
      });
      const client = await wsConnect(`${ws}/ws`, ['chat']);
      expect(client.protocol).toBe('chat');
      client.terminate();
      expect(await log.until(1)).toEqual([expect.stringMatching(droppedMidReceive)]);
    } finally {
      log.restore();
    }
  });

  it('names a subprotocol the client did not ask for, unchecked, as ASP.NET Core does', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync('unrequested');
      });
    });
    const response = await rawExchange(port, upgradeRequest('/ws'));
    expect(statusOf(response)).toBe(101);
    expect(response).toMatch(/\r\nSec-WebSocket-Protocol: unrequested\r\n/i);
  });

  it('names no subprotocol when the application picks none, even if some were requested', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
      });
    });
    const response = await rawExchange(port, upgradeRequest('/ws', { headers: { 'Sec-WebSocket-Protocol': 'chat' } }));
    expect(statusOf(response)).toBe(101);
    expect(response).not.toMatch(/Sec-WebSocket-Protocol/i);
  });

  it('accepts a request whose Sec-WebSocket-Protocol ws itself would refuse (duplicates)', async () => {
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync('chat');
      });
    });
    const response = await rawExchange(port, upgradeRequest('/ws', { headers: { 'Sec-WebSocket-Protocol': 'chat, chat' } }));
    expect(statusOf(response)).toBe(101);
  });

  it('throws NotSupportedException synchronously without UseWebSockets', async () => {
    const error = await capture<unknown>(
      (report) => async (context) => {
        try {
          void context.WebSockets.AcceptWebSocketAsync();
          report(undefined);
        } catch (err) {
          report(err);
        }
      },
      ({ port }) => rawExchange(port, upgradeRequest('/ws')),
      false,
    );
    expect(error).toBeInstanceOf(NotSupportedException);
    expect((error as Error).message).toBe(dotnetMessage('AspNetCore_WebSocketsNotSupported'));
  });

  it('rejects with InvalidOperationException "Not a WebSocket request." for a plain request', async () => {
    const error = await capture<unknown>(
      (report) => async (context) => report(await caught(() => context.WebSockets.AcceptWebSocketAsync())),
      ({ http }) => httpRequest(`${http}/ws`),
    );
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('AspNetCore_NotAWebSocketRequest'));
  });

  it('answers 500 when the handler lets "Not a WebSocket request." escape', async () => {
    using error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { http } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
      });
    });
    expect((await httpRequest(`${http}/ws`)).status).toBe(500);
    expect(error).toHaveBeenCalledOnce();
  });

  it('rejects a second accept on the same request', async () => {
    const error = await capture<unknown>(
      (report) => async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        report(await caught(() => context.WebSockets.AcceptWebSocketAsync()));
      },
      ({ ws }) => wsConnect(`${ws}/ws`),
    );
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('UpgradeCannotBeCalledMultipleTimes'));
  });

  it('rejects an accept after the response started', async () => {
    const error = await capture<unknown>(
      (report) => async (context) => {
        await context.Response.WriteAsync('too late');
        report(await caught(() => context.WebSockets.AcceptWebSocketAsync()));
      },
      ({ port }) => rawExchange(port, upgradeRequest('/ws')),
    );
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('ParameterReadOnlyAfterResponseStarted', 'StatusCode'));
  });

  it.each([[''], ['   '], ['bad protocol']])('rejects the subprotocol %j with ArgumentException before answering', async (subProtocol) => {
    const seen = signal<unknown>();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const error = await caught(() => context.WebSockets.AcceptWebSocketAsync(subProtocol));
        seen.resolve(error);
        context.Response.StatusCode = 500;
      });
    });
    const result = await wsHandshake(`${ws}/ws`);
    expect(result.status).toBe(500);
    const error = await seen.promise;
    expect(error).toBeInstanceOf(ArgumentException);
    expect((error as ArgumentException).ParamName).toBe('subProtocol');
  });

  it('drops the connection when the handler returns without closing the socket', async () => {
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const closed = await closeEvent(client);
    expect(closed.code).toBe(1006);
  });

  it('aborts the socket when the handler throws after accepting, and the server keeps serving', async () => {
    using error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ws, http } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        throw new Error('boom');
      });
      app.MapGet('/ok', () => 'fine');
    });
    const client = await wsConnect(`${ws}/ws`);
    expect((await closeEvent(client)).code).toBe(1006);
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]![0])).toContain('An unhandled exception was thrown by the application.');
    expect((await httpRequest(`${http}/ok`)).body).toBe('fine');
  });

  it('answers 500 on the raw socket when the handler throws before accepting an upgrade', async () => {
    using _error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', () => {
        throw new Error('before accept');
      });
    });
    expect((await wsHandshake(`${ws}/ws`)).status).toBe(500);
  });
});
