// The system default proxy (ClientWebSocketOptions.Proxy left as it is): read from http_proxy,
// https_proxy, all_proxy and no_proxy as .NET's HttpEnvironmentProxy does on Linux. Every expectation
// here was first observed on .NET 10.0.12 on this machine, with ClientWebSocket against the same kind
// of loopback CONNECT proxy. The variables are set per test with vi.stubEnv (undone after each test; the
// hermetic setup file removes the developer's own before the file starts).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Uri } from '../../src/System/Uri.js';
import { WebProxy } from '../../src/System.Net/WebProxy.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { rejection } from '../helpers/errors.js';
import { echo } from '../helpers/messages.js';
import { freePort } from '../helpers/ports.js';
import { makeCertificate, startConnectProxy } from '../helpers/servers.js';
import type { ConnectProxy, TestCertificate } from '../helpers/servers.js';
import { basic, client, closeAfter, peer } from '../helpers/clients.js';

/** A CONNECT proxy that sends every tunnel to 127.0.0.1, whatever host it names. */
async function proxy(options: Parameters<typeof startConnectProxy>[0] = {}): Promise<ConnectProxy> {
  const p = await startConnectProxy({ anyHostIsLoopback: true, ...options });
  closeAfter(p);
  return p;
}

/** Sets the variables for this test only. */
function env(vars: Record<string, string>): void {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}

/** A connect that must fail as .NET's does when nothing answers: Faulted, "Unable to connect…", Closed. */
async function expectConnectFailure(ws: ClientWebSocket, url: string): Promise<WebSocketException> {
  const e = await rejection<WebSocketException>(ws.ConnectAsync(new Uri(url)));
  expect(e).toBeInstanceOf(WebSocketException);
  expect(e.WebSocketErrorCode).toBe(WebSocketError.Faulted);
  expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
  expect(ws.State).toBe(WebSocketState.Closed);
  return e;
}

describe('ClientWebSocket and the proxy from the environment', () => {
  it('tunnels ws:// through http_proxy, loopback included, and carries data', async () => {
    const p = await peer();
    const x = await proxy();
    env({ http_proxy: x.url });
    const ws = client();
    await ws.ConnectAsync(new Uri(`${p.url}/via`));
    expect(x.connects).toEqual([`127.0.0.1:${p.port}`]);
    expect(p.requests.map((r) => r.url)).toEqual(['/via']);
    expect(await echo(ws, 'through the environment’s proxy')).toBe('through the environment’s proxy');
  });

  it('sends the host name of the URI in the CONNECT, not its address', async () => {
    const p = await peer();
    const x = await proxy();
    env({ http_proxy: x.url });
    await client().ConnectAsync(new Uri(`ws://localhost:${p.port}/`));
    expect(x.connects).toEqual([`localhost:${p.port}`]);
  });

  it('takes a proxy written without a scheme as http', async () => {
    const p = await peer();
    const x = await proxy();
    env({ http_proxy: x.url.replace('http://', '') });
    await client().ConnectAsync(new Uri(p.url));
    expect(x.connects).toEqual([`127.0.0.1:${p.port}`]);
  });

  it('reads HTTP_PROXY when http_proxy is unset or empty', async () => {
    const p = await peer();
    const x = await proxy();
    env({ http_proxy: '', HTTP_PROXY: x.url });
    await client().ConnectAsync(new Uri(p.url));
    expect(x.connects).toEqual([`127.0.0.1:${p.port}`]);
  });

  it('ignores HTTP_PROXY under CGI (GATEWAY_INTERFACE set), as .NET does against httpoxy', async () => {
    const p = await peer();
    const x = await proxy();
    env({ HTTP_PROXY: x.url, GATEWAY_INTERFACE: 'CGI/1.1' });
    const ws = client();
    await ws.ConnectAsync(new Uri(p.url));
    expect(x.connects).toEqual([]);
    expect(p.requests).toHaveLength(1);
  });

  it('falls back to all_proxy (and ALL_PROXY), and prefers http_proxy to it', async () => {
    const p = await peer();
    const x = await proxy();
    env({ all_proxy: x.url });
    await client().ConnectAsync(new Uri(p.url));
    vi.stubEnv('all_proxy', '');
    vi.stubEnv('ALL_PROXY', x.url);
    await client().ConnectAsync(new Uri(p.url));
    // all_proxy points nowhere: http_proxy must win.
    vi.stubEnv('all_proxy', `http://127.0.0.1:${await freePort()}`);
    vi.stubEnv('http_proxy', x.url);
    await client().ConnectAsync(new Uri(p.url));
    expect(x.connects).toEqual([`127.0.0.1:${p.port}`, `127.0.0.1:${p.port}`, `127.0.0.1:${p.port}`]);
  });

  it('does not use https_proxy for ws://', async () => {
    const p = await peer();
    const x = await proxy();
    env({ https_proxy: x.url });
    await client().ConnectAsync(new Uri(p.url));
    expect(x.connects).toEqual([]);
    expect(p.requests).toHaveLength(1);
  });

  describe('wss://', () => {
    let cert: TestCertificate;
    beforeAll(() => {
      cert = makeCertificate('dotnet-ws test server', 'DNS:localhost,IP:127.0.0.1');
    });

    function trusting(): ClientWebSocket {
      const ws = client();
      ws.Options.RemoteCertificateValidationCallback = (_s, certificate) => certificate?.Subject === 'CN=dotnet-ws test server';
      return ws;
    }

    it('tunnels through https_proxy (an http:// proxy), TLS running inside the tunnel', async () => {
      const p = await peer({ tls: cert });
      const x = await proxy();
      env({ https_proxy: x.url });
      const ws = trusting();
      await ws.ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([`127.0.0.1:${p.port}`]);
      expect(await echo(ws, 'tls in the tunnel')).toBe('tls in the tunnel');
    });

    it('does not use http_proxy', async () => {
      const p = await peer({ tls: cert });
      const x = await proxy();
      env({ http_proxy: x.url });
      await trusting().ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([]);
    });
  });

  describe('credentials in the proxy URL', () => {
    it('answers the 407 Basic challenge with the user and password of the URL, percent-decoded', async () => {
      const p = await peer();
      const x = await proxy({ requireAuth: basic('us@er', 'p:ss') });
      env({ http_proxy: x.url.replace('http://', 'http://us%40er:p%3Ass@') });
      const ws = client();
      await ws.ConnectAsync(new Uri(p.url));
      // First without credentials (.NET waits for the challenge), then with them.
      expect(x.authorizations).toEqual([undefined, basic('us@er', 'p:ss')]);
      expect(await echo(ws, 'authenticated')).toBe('authenticated');
    });

    it('fails with the proxy’s 407, naming the proxy as written, when the credentials are refused', async () => {
      const p = await peer();
      const x = await proxy({ requireAuth: basic('us@er', 'right') });
      const proxyUrl = x.url.replace('http://', 'http://us%40er:nope@');
      env({ http_proxy: proxyUrl });
      const e = await expectConnectFailure(client(), p.url);
      expect(x.authorizations).toEqual([undefined, basic('us@er', 'nope')]);
      expect(e.InnerException!.message).toBe(dotnetMessage('net_http_proxy_tunnel_returned_failure_status_code', `${proxyUrl}/`, 407));
      expect(p.requests).toHaveLength(0);
    });
  });

  describe('no_proxy', () => {
    it.each([
      ['the exact address', '127.0.0.1'],
      ['an entry of a list, spaces trimmed', 'example.test, 127.0.0.1'],
    ])('connects directly to a host it lists: %s', async (_name, list) => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, no_proxy: list });
      await client().ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([]);
      expect(p.requests).toHaveLength(1);
    });

    it('is also read as NO_PROXY', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, NO_PROXY: '127.0.0.1' });
      await client().ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([]);
    });

    // The names below do not resolve: a connection that bypasses the proxy fails, one through the proxy
    // (which sends every tunnel to loopback) succeeds. What the proxy saw tells which way each went.
    it('with a leading dot, bypasses the domain itself and its subdomains', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, no_proxy: '.example.test' });
      await expectConnectFailure(client(), `ws://example.test:${p.port}/`);
      await expectConnectFailure(client(), `ws://sub.example.test:${p.port}/`);
      expect(x.connects).toEqual([]);
    });

    it('without a dot, bypasses that host only: a subdomain still goes through the proxy', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, no_proxy: 'example.test' });
      await expectConnectFailure(client(), `ws://example.test:${p.port}/`);
      const ws = client();
      await ws.ConnectAsync(new Uri(`ws://sub.example.test:${p.port}/`));
      expect(x.connects).toEqual([`sub.example.test:${p.port}`]);
    });

    it('has no wildcard: "*" bypasses nothing', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, no_proxy: '*' });
      await client().ConnectAsync(new Uri(`ws://example.test:${p.port}/`));
      expect(x.connects).toEqual([`example.test:${p.port}`]);
    });

    it('matches host names, not host:port', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, no_proxy: `127.0.0.1:${p.port}` });
      await client().ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([`127.0.0.1:${p.port}`]);
    });
  });

  describe('an explicit Options.Proxy', () => {
    it('null: connects directly whatever the environment says', async () => {
      const p = await peer();
      const x = await proxy();
      env({ http_proxy: x.url, all_proxy: x.url });
      const ws = client();
      ws.Options.Proxy = null;
      await ws.ConnectAsync(new Uri(p.url));
      expect(x.connects).toEqual([]);
    });

    it('a WebProxy: used instead of the environment’s', async () => {
      const p = await peer();
      const fromEnv = await proxy();
      const explicit = await proxy();
      env({ http_proxy: fromEnv.url });
      const ws = client();
      ws.Options.Proxy = new WebProxy(explicit.url);
      await ws.ConnectAsync(new Uri(p.url));
      expect([fromEnv.connects, explicit.connects]).toEqual([[], [`127.0.0.1:${p.port}`]]);
    });
  });
});
