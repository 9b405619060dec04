import { describe, expect, it } from 'vitest';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import type { HttpContext } from '../../src/Microsoft.AspNetCore.Http/HttpContext.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { upgradeRequest } from '../helpers/handshake.js';
import {
  closeEvent,
  httpRequest,
  rawConnect,
  signal,
  startApp,
  wsConnect,
} from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

describe('#RequestAborted', () => {
  it('fires when the client disconnects during a plain request', async () => {
    const entered = signal();
    const aborted = signal<boolean>();
    const { port } = await startApp((app) =>
      app.MapGet('/slow', async (context) => {
        context.RequestAborted.Register(() => aborted.resolve(context.RequestAborted.IsCancellationRequested));
        entered.resolve();
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
      }),
    );
    const socket = await rawConnect(port);
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await entered.promise;
    socket.destroy();
    expect(await aborted.promise).toBe(true);
  });

  it('fires for every pipelined request still running when the client disconnects', async () => {
    const entered: string[] = [];
    const bothEntered = signal();
    const aborted: string[] = [];
    const bothAborted = signal();
    const { port } = await startApp((app) =>
      app.MapGet('/slow/{n}', async (context) => {
        const n = String(context.Request.RouteValues['n']);
        context.RequestAborted.Register(() => {
          aborted.push(n);
          if (aborted.length === 2) bothAborted.resolve();
        });
        entered.push(n);
        if (entered.length === 2) bothEntered.resolve();
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
      }),
    );
    const socket = await rawConnect(port);
    socket.write('GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /slow/2 HTTP/1.1\r\nHost: x\r\n\r\n');
    await bothEntered.promise;
    socket.destroy();
    await bothAborted.promise;
    expect(aborted.sort()).toEqual(['1', '2']);
  });

  it('fires when the client of an accepted WebSocket drops the connection', async () => {
    const aborted = signal<boolean>();
    const accepted = signal();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        context.RequestAborted.Register(() => aborted.resolve(context.RequestAborted.IsCancellationRequested));
        accepted.resolve();
        await aborted.promise;
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    await accepted.promise;
    client.terminate();
    expect(await aborted.promise).toBe(true);
  });

  it("fires after the pending receive of an accepted WebSocket failed, at the connection's close", async () => {
    const accepted = signal();
    const events: string[] = [];
    const both = signal();
    const record = (event: string) => {
      events.push(event);
      if (events.length === 2) both.resolve();
    };
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const socket = await context.WebSockets.AcceptWebSocketAsync();
        context.RequestAborted.Register(() => record('RequestAborted'));
        accepted.resolve();
        // The peer's end fails the receive (ConnectionClosedPrematurely); the close that follows aborts the request.
        await socket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None).catch(() => record('ReceiveAsync failed'));
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    await accepted.promise;
    client.terminate();
    await both.promise;
    expect(events).toEqual(['ReceiveAsync failed', 'RequestAborted']);
  });

  it('fires for a request still running and the WebSocket accepted behind it on one connection', async () => {
    const running = signal();
    const aborted: string[] = [];
    const both = signal();
    const abortedOne = (name: string) => () => {
      aborted.push(name);
      if (aborted.length === 2) both.resolve();
    };
    const { port } = await startApp((app) => {
      app.UseWebSockets();
      app.MapGet('/slow', async (context) => {
        context.RequestAborted.Register(abortedOne('slow'));
        running.resolve();
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
      });
      app.Map('/ws', async (context) => {
        const socket = await context.WebSockets.AcceptWebSocketAsync();
        context.RequestAborted.Register(abortedOne('ws'));
        await socket.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None).catch(() => {});
      });
    });
    const socket = await rawConnect(port);
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await running.promise;
    const switched = new Promise<void>((resolve) => socket.on('data', (chunk: Buffer) => chunk.includes('101 Switching') && resolve()));
    socket.write(upgradeRequest('/ws'));
    await switched;
    socket.destroy();
    await both.promise;
    expect(aborted.sort()).toEqual(['slow', 'ws']);
  });

  it('fires when the application aborts its accepted WebSocket', async () => {
    const aborted = signal<boolean>();
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        const socket = await context.WebSockets.AcceptWebSocketAsync();
        socket.Abort();
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
        aborted.resolve(context.RequestAborted.IsCancellationRequested);
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    const closed = closeEvent(client);
    expect(await aborted.promise).toBe(true);
    expect((await closed).code).toBe(1006);
  });

  it('does not fire for a request that completes', async () => {
    let token: CancellationToken | null = null;
    const { http } = await startApp((app) =>
      app.MapGet('/', (context) => {
        token = context.RequestAborted;
        return 'done';
      }),
    );
    await httpRequest(`${http}/`);
    expect(token!.CanBeCanceled).toBe(true);
    expect(token!.IsCancellationRequested).toBe(false);
  });
});

describe('#Abort', () => {
  it("drops a plain request's connection without a response", async () => {
    const { http } = await startApp((app) => app.MapGet('/', (context) => context.Abort()));
    await expect(httpRequest(`${http}/`)).rejects.toThrow();
  });

  it("drops an accepted WebSocket's connection: the peer sees no close frame", async () => {
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.Map('/ws', async (context) => {
        await context.WebSockets.AcceptWebSocketAsync();
        context.Abort();
        await new Promise<void>((resolve) => context.RequestAborted.Register(() => resolve()));
      });
    });
    const client = await wsConnect(`${ws}/ws`);
    expect((await closeEvent(client)).code).toBe(1006);
  });

  it('fires RequestAborted', async () => {
    const fired = signal<boolean>();
    const { http } = await startApp((app) =>
      app.MapGet('/', (context) => {
        context.Abort();
        fired.resolve(context.RequestAborted.IsCancellationRequested);
      }),
    );
    await httpRequest(`${http}/`).catch(() => {});
    expect(await fired.promise).toBe(true);
  });
});

describe('#TraceIdentifier', () => {
  it('is "{connection id}:{request number}" and counts requests on one connection', async () => {
    const ids: string[] = [];
    const done = signal();
    const { port } = await startApp((app) =>
      app.MapGet('/', (context) => {
        ids.push(`${context.Connection.Id}|${context.TraceIdentifier}`);
        if (ids.length === 2) done.resolve();
        return 'ok';
      }),
    );
    const socket = await rawConnect(port);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await done.promise;
    const [first, second] = ids.map((s) => s.split('|'));
    expect(first![0]).toBe(second![0]);
    expect(first![1]).toBe(`${first![0]}:00000001`);
    expect(second![1]).toBe(`${first![0]}:00000002`);
  });
});

describe('#Items', () => {
  it('is shared by middleware and the endpoint of one request', async () => {
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        context.Items.set('user', 'kim');
        await next();
      });
      app.MapGet('/', (context) => String(context.Items.get('user')));
    });
    expect((await httpRequest(`${http}/`)).body).toBe('kim');
  });
});

describe('members', () => {
  it('are the same objects for the whole request', async () => {
    const seen = signal<boolean>();
    const { http } = await startApp((app) =>
      app.MapGet('/', (context: HttpContext) => {
        seen.resolve(
          context.Request === context.Request &&
            context.Response === context.Response &&
            context.WebSockets === context.WebSockets &&
            context.Connection === context.Connection,
        );
      }),
    );
    await httpRequest(`${http}/`);
    expect(await seen.promise).toBe(true);
  });
});
