// The response to an HTTP/2 CONNECT (RFC 8441's extended CONNECT among them) on the WebApplication host,
// as Kestrel 10 answers it (test/dotnet: connect-not-websocket net-client@kestrel-h2): a 2xx answer has no
// body, so writing one throws InvalidOperationException once WriteAsync has sent the 200's headers; the
// unhandled exception then resets the stream with INTERNAL_ERROR and no DATA frame is sent. A non-2xx
// answer keeps its body. A raw node:http2 client on 127.0.0.1 sees the frames.
import http2 from 'node:http2';
import type { ClientHttp2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpProtocols, InvalidOperationException, WebApplication } from '../../src/index.js';
import type { HttpContext } from '../../src/index.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { captureServerLog, unhandledApplicationException } from '../helpers/server-log.js';
import { signal } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** An h2c app whose /page answers with `status` and a text body, reporting what WriteAsync did. */
async function startPageApp(status: number, written: (outcome: Error | 'written') => void): Promise<string> {
  const builder = WebApplication.CreateBuilder([]);
  builder.WebHost.ConfigureKestrel((options) => {
    options.Listen('127.0.0.1', 0, (listenOptions) => {
      listenOptions.Protocols = HttpProtocols.Http2;
    });
  });
  const app = builder.Build();
  app.UseWebSockets();
  app.Map('/page', async (context: HttpContext) => {
    context.Response.StatusCode = status;
    context.Response.ContentType = 'text/plain; charset=utf-8';
    try {
      await context.Response.WriteAsync('not a WebSocket endpoint');
    } catch (e) {
      written(e as Error);
      throw e;
    }
    written('written');
  });
  await app.StartAsync();
  cleanups.push(() => app.StopAsync());
  return `http://127.0.0.1:${new URL(app.Urls[0]!).port}`;
}

/**
 * What a raw client sees of an extended CONNECT: the status, the body bytes, and how the server's side ended:
 * 'END_STREAM', or the code of the RST_STREAM that closed the stream.
 */
async function extendedConnect(url: string): Promise<{ status: number; body: string; ended: 'END_STREAM' | number }> {
  const session: ClientHttp2Session = http2.connect(url);
  cleanups.push(() => void session.destroy());
  await new Promise((resolve) => session.once('remoteSettings', resolve));
  const stream = session.request(
    {
      ':method': 'CONNECT',
      ':protocol': 'websocket',
      ':path': '/page',
      ':scheme': 'http',
      ':authority': 'x',
      'sec-websocket-version': '13',
    },
    { endStream: false },
  );
  let status = 0;
  let body = '';
  stream.on('response', (headers) => (status = Number(headers[':status'])));
  stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
  stream.on('error', () => {});
  const ended = await new Promise<'END_STREAM' | number>((resolve) => {
    stream.once('end', () => resolve('END_STREAM'));
    stream.once('close', () => resolve(stream.rstCode ?? -1));
  });
  stream.close();
  return { status, body, ended };
}

describe('HttpResponse of an HTTP/2 CONNECT', () => {
  it('refuses a body in a 200: InvalidOperationException after the headers, then RST_STREAM INTERNAL_ERROR', async () => {
    const log = captureServerLog();
    try {
      const outcome = signal<Error | 'written'>();
      const url = await startPageApp(200, outcome.resolve);
      const seen = await extendedConnect(url);
      const error = await outcome.promise;
      expect(error).toBeInstanceOf(InvalidOperationException);
      expect((error as InvalidOperationException).Message).toBe(dotnetMessage('ConnectResponseCanNotHaveBody', 200));
      expect(seen).toEqual({ status: 200, body: '', ended: http2.constants.NGHTTP2_INTERNAL_ERROR });
      const [entry] = await log.until(1);
      expect(entry).toMatch(
        unhandledApplicationException(`InvalidOperationException: ${dotnetMessage('ConnectResponseCanNotHaveBody', 200)}`),
      );
    } finally {
      log.restore();
    }
  });

  it('sends the body of a non-2xx answer, and ends the stream without a reset', async () => {
    const outcome = signal<Error | 'written'>();
    const url = await startPageApp(404, outcome.resolve);
    const seen = await extendedConnect(url);
    expect(await outcome.promise).toBe('written');
    expect(seen).toEqual({ status: 404, body: 'not a WebSocket endpoint', ended: 'END_STREAM' });
  });
});
