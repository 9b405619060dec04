// HttpListener against real clients on 127.0.0.1. The expected texts and codes are what .NET 10 does on
// Linux, recorded with test/dotnet/probes/httplistener (run it with two free ports to see them again).
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection, thrown } from '../helpers/errors.js';
import { freePort } from '../helpers/ports.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { ObjectDisposedException } from '../../src/System/ObjectDisposedException.js';
import { Uri } from '../../src/System/Uri.js';
import { HttpListener } from '../../src/System.Net/HttpListener.js';
import { HttpListenerException } from '../../src/System.Net/HttpListenerException.js';
import { ProtocolViolationException } from '../../src/System.Net/ProtocolViolationException.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocketCloseStatus } from '../../src/System.Net.WebSockets/WebSocketCloseStatus.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';

const listeners: HttpListener[] = [];
afterEach(() => {
  for (const l of listeners.splice(0)) l.Close();
});

/** A started listener on a free port of 127.0.0.1 under `path`. */
async function started(path = '/'): Promise<{ listener: HttpListener; port: number }> {
  const port = await freePort();
  const listener = new HttpListener();
  listeners.push(listener);
  listener.Prefixes.Add(`http://127.0.0.1:${port}${path}`);
  listener.Start();
  return { listener, port };
}

const SCHEME = "Only Uri prefixes starting with 'http://' or 'https://' are supported.";
const HOST = 'Only Uri prefixes with a valid hostname are supported.';
const SLASH = "Only Uri prefixes ending in '/' are allowed.";
const START = 'Please call the Start() method before calling this method.';

describe('HttpListenerPrefixCollection', () => {
  describe('#Add', () => {
    it.each([
      'http://+:8080/',
      'http://*:8080/',
      'http://localhost:5000/ws/',
      'https://localhost:5001/',
      'http://localhost/',
      'HTTP://LocalHost:5000/A/',
      'http://[::1]:5000/',
    ])('takes %s', (prefix) => {
      const listener = new HttpListener();
      listener.Prefixes.Add(prefix);
      expect([...listener.Prefixes]).toEqual([prefix]);
    });

    it.each([
      ['http://localhost:5000/ws', SLASH],
      ['http://localhost:5000', SLASH],
      ['ftp://localhost:5000/', SCHEME],
      ['ws://localhost:5000/', SCHEME],
      ['localhost:5000/', SCHEME],
      ['', SCHEME],
      ['http://:8080/', HOST],
    ])('refuses %s as .NET does', (prefix, message) => {
      const e = thrown<ArgumentException>(() => new HttpListener().Prefixes.Add(prefix));
      expect(e).toBeInstanceOf(ArgumentException);
      expect(e.message).toBe(`${message} (Parameter 'uriPrefix')`);
      expect(e.ParamName).toBe('uriPrefix');
    });

    it('refuses null with ArgumentNullException', () => {
      const e = thrown<ArgumentNullException>(() => new HttpListener().Prefixes.Add(null as unknown as string));
      expect(e).toBeInstanceOf(ArgumentNullException);
      expect(e.ParamName).toBe('uriPrefix');
    });

    it('keeps one copy of a prefix added twice and compares ordinally', () => {
      const prefixes = new HttpListener().Prefixes;
      prefixes.Add('http://localhost:5000/');
      prefixes.Add('http://localhost:5000/');
      expect(prefixes.Count).toBe(1);
      expect(prefixes.Contains('http://localhost:5000/')).toBe(true);
      expect(prefixes.Contains('HTTP://LOCALHOST:5000/')).toBe(false);
      expect(prefixes.Remove('http://nope:1/')).toBe(false);
    });

    it('refuses anything not starting with http:// or https:// (property)', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          fc.pre(!/^https?:\/\//i.test(text));
          const e = thrown<ArgumentException>(() => new HttpListener().Prefixes.Add(text));
          expect(e).toBeInstanceOf(ArgumentException);
          expect(e.message.startsWith(SCHEME)).toBe(true);
        }),
      );
    });

    it('takes every http(s)://host[:port]/path/ and refuses it without the final slash (property)', () => {
      const segment = fc.stringMatching(/^[a-z0-9]{1,8}$/);
      fc.assert(
        fc.property(
          fc.boolean(),
          segment,
          fc.option(fc.integer({ min: 1, max: 65535 })),
          fc.array(segment, { maxLength: 3 }),
          (tls, host, port, path) => {
            const prefix = `${tls ? 'https' : 'http'}://${host}${port === null ? '' : `:${port}`}/${path.map((p) => `${p}/`).join('')}`;
            const prefixes = new HttpListener().Prefixes;
            prefixes.Add(prefix);
            const e = thrown<ArgumentException>(() => prefixes.Add(prefix.slice(0, -1)));
            expect(prefixes.Contains(prefix)).toBe(true);
            expect(e.message.startsWith(SLASH)).toBe(true);
          },
        ),
      );
    });
  });
});

describe('HttpListener', () => {
  describe('states', () => {
    it('asks for Start before GetContext, GetContextAsync and after Stop; Stop before Start is fine', async () => {
      const listener = new HttpListener();
      listeners.push(listener);
      listener.Prefixes.Add(`http://127.0.0.1:${await freePort()}/`);
      expect(listener.IsListening).toBe(false);
      for (const call of [() => listener.GetContext(), () => listener.GetContextAsync()]) {
        const e = thrown<InvalidOperationException>(call);
        expect(e).toBeInstanceOf(InvalidOperationException);
        expect(e.message).toBe(START);
      }
      listener.Stop();
      listener.Start();
      listener.Start();
      expect(listener.IsListening).toBe(true);
      listener.Stop();
      expect(listener.IsListening).toBe(false);
      expect(thrown(() => listener.GetContext()).message).toBe(START);
      expect(listener.Prefixes.Count).toBe(1);
      listener.Start();
      expect(listener.IsListening).toBe(true);
    });

    it('rejects a waiting GetContextAsync with ObjectDisposedException when stopped', async () => {
      const { listener } = await started();
      const pending = listener.GetContextAsync();
      listener.Stop();
      const e = await rejection<ObjectDisposedException>(pending);
      expect(e).toBeInstanceOf(ObjectDisposedException);
      expect(e.message).toBe("Cannot access a disposed object.\nObject name: 'listener'.");
    });

    it('throws ObjectDisposedException after Close, except from Close itself', async () => {
      const { listener } = await started();
      listener.Close();
      const disposed = "Cannot access a disposed object.\nObject name: 'System.Net.HttpListener'.";
      for (const call of [
        () => listener.GetContext(),
        () => listener.Start(),
        () => listener.Stop(),
        () => listener.Prefixes.Add('http://localhost:1/'),
      ]) {
        const e = thrown(call);
        expect(e).toBeInstanceOf(ObjectDisposedException);
        expect(e.message).toBe(disposed);
      }
      listener.Close();
      expect(listener.IsListening).toBe(false);
    });

    it('reports a port in use as HttpListenerException 98 "Address already in use"', async () => {
      const holder = net.createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      try {
        const listener = new HttpListener();
        listeners.push(listener);
        listener.Prefixes.Add(`http://127.0.0.1:${(holder.address() as net.AddressInfo).port}/`);
        const e = thrown<HttpListenerException>(() => listener.Start());
        expect(e).toBeInstanceOf(HttpListenerException);
        expect(e.message).toBe('Address already in use');
        expect(e.ErrorCode).toBe(98);
        expect(e.NativeErrorCode).toBe(98);
        expect(e.HResult).toBe(-2147467259);
        expect(listener.IsListening).toBe(false);
        listener.Close();
      } finally {
        await new Promise((resolve) => holder.close(resolve));
      }
    });
  });

  describe('requests', () => {
    it('gives method, Url, RawUrl, headers, query and end points of a plain GET', async () => {
      const { listener, port } = await started();
      const next = listener.GetContextAsync();
      const response = fetch(`http://127.0.0.1:${port}/path/x?a=1`, { headers: { 'X-Thing': 'v' } });
      const context = await next;
      const r = context.Request;
      expect(r.IsWebSocketRequest).toBe(false);
      expect(r.HttpMethod).toBe('GET');
      expect(r.Url).toBeInstanceOf(Uri);
      expect(r.Url.ToString()).toBe(`http://127.0.0.1:${port}/path/x?a=1`);
      expect(r.RawUrl).toBe('/path/x?a=1');
      expect(r.UserHostName).toBe(`127.0.0.1:${port}`);
      expect(r.Headers['Host']).toBe(`127.0.0.1:${port}`);
      expect(r.Headers['x-THING']).toBe('v');
      expect(r.QueryString['a']).toBe('1');
      expect(r.RemoteEndPoint.Address).toBe('127.0.0.1');
      expect(r.LocalEndPoint.ToString()).toBe(`127.0.0.1:${port}`);
      expect(r.IsLocal).toBe(true);
      expect(context.Response.StatusCode).toBe(200);
      context.Response.StatusCode = 404;
      context.Response.Close();
      const answer = await response;
      expect(answer.status).toBe(404);
      expect(answer.statusText).toBe('Not Found');
      expect(answer.headers.get('server')).toBe('Microsoft-NetCore/2.0');
      expect(await answer.text()).toBe('');
    });

    it('can be reached as soon as Start returns (a client connecting in the same tick)', async () => {
      const port = await freePort();
      const listener = new HttpListener();
      listeners.push(listener);
      listener.Prefixes.Add(`http://127.0.0.1:${port}/`);
      listener.Start();
      const connected = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
        socket.once('connect', () => socket.destroy());
      });
      expect(connected).toBe(true);
    });

    it('drops a connection on an address no prefix of its port names', async () => {
      const { listener, port } = await started();
      listener.Prefixes.Remove(`http://127.0.0.1:${port}/`);
      listener.Prefixes.Add(`http://127.0.0.2:${port}/`);
      const error = await rejection<Error>(fetch(`http://127.0.0.1:${port}/`));
      expect(error).toBeInstanceOf(TypeError);
    });

    it('answers 404 itself for a path or host no prefix covers', async () => {
      const { port } = await started('/only/');
      const other = await fetch(`http://127.0.0.1:${port}/other`);
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('<h1>Not Found (Not Found)</h1>');
      // The right path under another Host name: the prefix names 127.0.0.1, so .NET answers 404 too.
      const status = await new Promise<number | undefined>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port, path: '/only/', headers: { Host: `localhost:${port}` } }, (res) =>
            resolve(res.resume().statusCode),
          )
          .on('error', reject),
      );
      expect(status).toBe(404);
    });

    it('sends the body written to OutputStream, the status code and description', async () => {
      const { listener, port } = await started();
      const next = listener.GetContextAsync();
      const response = fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'xyz' });
      const context = await next;
      expect(context.Request.HasEntityBody).toBe(true);
      expect(context.Request.ContentLength64).toBe(3);
      context.Response.StatusCode = 500;
      context.Response.StatusDescription = 'Custom';
      context.Response.OutputStream.Write(Buffer.from('body'));
      context.Response.Close();
      const answer = await response;
      expect([answer.status, answer.statusText, await answer.text()]).toEqual([500, 'Custom', 'body']);
    });
  });

  describe('HttpListenerResponse', () => {
    it('keeps the description it was read at (.NET: read at 200, a 404 goes out "OK"); "" for unknown codes', async () => {
      const { listener, port } = await started();
      const first = fetch(`http://127.0.0.1:${port}/`);
      const c1 = await listener.GetContextAsync();
      expect(c1.Response.StatusDescription).toBe('OK');
      c1.Response.StatusCode = 404;
      c1.Response.Close();
      expect((await first).statusText).toBe('OK');
      const second = fetch(`http://127.0.0.1:${port}/`);
      const c2 = await listener.GetContextAsync();
      c2.Response.StatusCode = 299;
      c2.Response.Close();
      expect([(await second).status, (await second).statusText]).toEqual([299, '']);
    });

    it('refuses status codes that are not three digits, control characters and changes after Close', async () => {
      const { listener, port } = await started();
      const answer = fetch(`http://127.0.0.1:${port}/`);
      const response = (await listener.GetContextAsync()).Response;
      for (const code of [99, 1000]) {
        const e = thrown(() => (response.StatusCode = code));
        expect(e).toBeInstanceOf(ProtocolViolationException);
        expect(e).toBeInstanceOf(InvalidOperationException);
        expect(e.message).toBe('The status code must be exactly three digits.');
      }
      const e = thrown<ArgumentException>(() => (response.StatusDescription = 'a\nb'));
      expect(e.message).toBe("Specified value has invalid Control characters. (Parameter 'value')");
      response.Close();
      response.Close();
      const closed = thrown(() => (response.StatusCode = 200));
      expect(closed).toBeInstanceOf(ObjectDisposedException);
      expect(closed.message).toBe("Cannot access a disposed object.\nObject name: 'System.Net.HttpListenerResponse'.");
      expect((await answer).status).toBe(200);
    });
  });

  describe('AcceptWebSocketAsync', () => {
    it('refuses a plain request with WebSocketException NotAWebSocket', async () => {
      const { listener, port } = await started();
      const answer = fetch(`http://127.0.0.1:${port}/`);
      const context = await listener.GetContextAsync();
      const e = await rejection<WebSocketException>(context.AcceptWebSocketAsync(null));
      expect(e).toBeInstanceOf(WebSocketException);
      expect(e.WebSocketErrorCode).toBe(WebSocketError.NotAWebSocket);
      expect(e.message).toBe(
        "The ValidateWebSocketHeaders operation was called on an incoming request that did not specify a 'Connection: Upgrade' header or the Upgrade header not contain 'websocket'. Upgrade specified by the client was ''.",
      );
      context.Response.StatusCode = 400;
      context.Response.Close();
      expect((await answer).status).toBe(400);
    });

    it('checks the subprotocol, then accepts and echoes with a ClientWebSocket', async () => {
      const { listener, port } = await started();
      const client = new ClientWebSocket();
      client.Options.AddSubProtocol('chat');
      client.Options.AddSubProtocol('x');
      const connected = client.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/ws`), CancellationToken.None);
      const context = await listener.GetContextAsync();
      expect(context.Request.IsWebSocketRequest).toBe(true);
      const empty = await rejection<ArgumentException>(context.AcceptWebSocketAsync(''));
      expect(empty.message).toBe("The value cannot be an empty string or composed entirely of whitespace. (Parameter 'subProtocol')");
      const other = await rejection<WebSocketException>(context.AcceptWebSocketAsync('nope'));
      expect(other.message).toBe(
        "The WebSocket client request requested 'chat, x' protocol(s), but server is only accepting 'nope' protocol(s).",
      );
      expect(other.WebSocketErrorCode).toBe(WebSocketError.UnsupportedProtocol);
      const wsContext = await context.AcceptWebSocketAsync('chat');
      await connected;
      const server = wsContext.WebSocket;
      expect([server.State, server.SubProtocol, client.SubProtocol]).toEqual([WebSocketState.Open, 'chat', 'chat']);
      expect(wsContext.SecWebSocketProtocols).toEqual(['chat']);
      expect(wsContext.SecWebSocketVersion).toBe('13');
      expect(wsContext.RequestUri.ToString()).toBe(`http://127.0.0.1:${port}/ws`);
      expect(context.Response.StatusCode).toBe(101);

      await client.SendAsync(Buffer.from('hi'), WebSocketMessageType.Text, true, CancellationToken.None);
      const buffer = Buffer.alloc(100);
      const got = await server.ReceiveAsync(buffer, CancellationToken.None);
      await server.SendAsync(buffer.subarray(0, got.Count), got.MessageType, got.EndOfMessage, CancellationToken.None);
      const echo = await client.ReceiveAsync(buffer, CancellationToken.None);
      expect(buffer.subarray(0, echo.Count).toString()).toBe('hi');
      await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'done', CancellationToken.None);
      const closing = await server.ReceiveAsync(buffer, CancellationToken.None);
      expect(closing.MessageType).toBe(WebSocketMessageType.Close);
      expect([server.CloseStatus.Value, server.CloseStatusDescription]).toEqual([WebSocketCloseStatus.NormalClosure, 'done']);
      await server.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, 'bye', CancellationToken.None);
      const closed = await client.ReceiveAsync(buffer, CancellationToken.None);
      expect(closed.MessageType).toBe(WebSocketMessageType.Close);
      expect([client.CloseStatus.Value, client.CloseStatusDescription, client.State]).toEqual([
        WebSocketCloseStatus.NormalClosure,
        'bye',
        WebSocketState.Closed,
      ]);
      client.Dispose();
    });

    it('answers a WebSocket request the application refuses with the status it set', async () => {
      const { listener, port } = await started();
      const client = new ClientWebSocket();
      const connecting = rejection<WebSocketException>(client.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/`), CancellationToken.None));
      const context = await listener.GetContextAsync();
      context.Response.StatusCode = 400;
      context.Response.Close();
      const e = await connecting;
      expect(e.message).toBe("The server returned status code '400' when status code '101' was expected.");
      client.Dispose();
    });

    it('aborts accepted WebSockets when the listener closes', async () => {
      const { listener, port } = await started();
      const client = new ClientWebSocket();
      const connected = client.ConnectAsync(new Uri(`ws://127.0.0.1:${port}/`), CancellationToken.None);
      const server = (await (await listener.GetContextAsync()).AcceptWebSocketAsync(null)).WebSocket;
      await connected;
      const receiving = rejection(client.ReceiveAsync(Buffer.alloc(10), CancellationToken.None));
      listener.Close();
      expect(server.State).toBe(WebSocketState.Aborted);
      expect(await receiving).toBeInstanceOf(WebSocketException);
      client.Dispose();
    });
  });
});
