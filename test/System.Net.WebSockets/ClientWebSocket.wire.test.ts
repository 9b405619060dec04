// ClientWebSocket options as they reach the wire: headers, cookies, subprotocols, credentials, a CONNECT
// proxy, wss:// with a certificate this file generates, the validation callback and client certificates.
import type { TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { Uri } from '../../src/System/Uri.js';
import { Cookie } from '../../src/System.Net/Cookie.js';
import { CookieContainer } from '../../src/System.Net/CookieContainer.js';
import { NetworkCredential } from '../../src/System.Net/NetworkCredential.js';
import { WebProxy } from '../../src/System.Net/WebProxy.js';
import { SslPolicyErrors } from '../../src/System.Net.Security/SslPolicyErrors.js';
import type { X509Certificate } from '../../src/System.Security.Cryptography.X509Certificates/X509Certificate.js';
import { X509Certificate2 } from '../../src/System.Security.Cryptography.X509Certificates/X509Certificate2.js';
import type { X509Chain } from '../../src/System.Security.Cryptography.X509Certificates/X509Chain.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { makeCertificate, startConnectProxy, startWsPeer } from '../helpers/servers.js';
import type { TestCertificate, WsPeer } from '../helpers/servers.js';
import { rejection } from '../helpers/errors.js';
import { echo } from '../helpers/messages.js';
import { basic, client, closeAfter } from '../helpers/clients.js';

/** A server that answers 401 + a Basic challenge unless the request carries `expected`. */
async function authPeer(expected: string, tls?: TestCertificate): Promise<WsPeer> {
  const p = await startWsPeer({
    handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
    ...(tls ? { tls } : {}),
    onUpgrade: (req, socket) => {
      if (req.headers.authorization === expected) return false;
      socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="ws"\r\nContent-Length: 0\r\n\r\n');
      return true;
    },
    headers: ['Set-Cookie: server=hello; Path=/'],
  });
  closeAfter(p);
  return p;
}

/** Sets the header, cookie, subprotocol and credentials whose arrival the tests check. */
function configure(ws: ClientWebSocket, url: string): CookieContainer {
  ws.Options.SetRequestHeader('X-Client', 'dotnet-ws');
  ws.Options.AddSubProtocol('chat');
  ws.Options.Credentials = new NetworkCredential('alice', 's3cret');
  const jar = new CookieContainer();
  jar.Add(new Uri(url), new Cookie('session', 'abc'));
  ws.Options.Cookies = jar;
  return jar;
}

function expectOptionsOnTheWire(p: WsPeer, ws: ClientWebSocket, jar: CookieContainer, url: string): void {
  // First attempt: no credentials (.NET answers the 401 challenge); second: Basic.
  expect(p.requests.map((r) => r.headers.authorization)).toEqual([undefined, basic('alice', 's3cret')]);
  const seen = p.requests[1]!.headers;
  expect(seen['x-client']).toBe('dotnet-ws');
  expect(seen.cookie).toBe('session=abc');
  expect(seen['sec-websocket-protocol']).toBe('chat');
  expect(ws.SubProtocol).toBe('chat');
  expect(jar.GetCookieHeader(new Uri(url))).toContain('server=hello');
}

describe('options on the wire', () => {
  it("writes the request head in .NET 10's order: Host, the application's headers, then the WebSocket ones", async () => {
    const p = await startWsPeer();
    closeAfter(p);
    const ws = client();
    ws.Options.SetRequestHeader('X-Custom', 'value');
    ws.Options.AddSubProtocol('chat');
    ws.Options.AddSubProtocol('superchat');
    ws.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
    await ws.ConnectAsync(new Uri(p.url), CancellationToken.None);
    const raw = p.requests[0]!.rawHeaders;
    const names = raw.filter((_, i) => i % 2 === 0);
    // The differential suite's raw-request-head-options compares the bytes with .NET 10's.
    expect(names).toEqual([
      'Host',
      'X-Custom',
      'Connection',
      'Upgrade',
      'Sec-WebSocket-Key',
      'Sec-WebSocket-Version',
      'Sec-WebSocket-Protocol',
      'Sec-WebSocket-Extensions',
    ]);
    expect(raw[1]).toBe(new URL(p.url).host);
    expect(raw[raw.indexOf('Sec-WebSocket-Key') + 1]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(raw[raw.indexOf('Sec-WebSocket-Version') + 1]).toBe('13');
  });

  it('sends the header, cookie and subprotocol, answers the 401 Basic challenge and stores Set-Cookie', async () => {
    const p = await authPeer(basic('alice', 's3cret'));
    const ws = client();
    const jar = configure(ws, p.url);
    await ws.ConnectAsync(new Uri(`${p.url}/chat`), CancellationToken.None);
    expect(ws.State).toBe(WebSocketState.Open);
    expectOptionsOnTheWire(p, ws, jar, p.url);
    expect(await echo(ws, 'hi')).toBe('hi');
  });

  it('reports the 401 as NotAWebSocket when the credentials are refused again', async () => {
    const p = await authPeer(basic('alice', 'right'));
    const ws = client();
    ws.Options.Credentials = new NetworkCredential('alice', 'wrong');
    ws.Options.CollectHttpResponseDetails = true;
    const e = await rejection(ws.ConnectAsync(p.url));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.NotAWebSocket);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_ConnectStatusExpected', 401, 101));
    expect(ws.HttpStatusCode).toBe(401);
    expect(p.requests).toHaveLength(2);
  });

  it('sends no credentials when none are set and reports the 401', async () => {
    const p = await authPeer(basic('alice', 's3cret'));
    const e = await rejection(client().ConnectAsync(p.url));
    expect(e.message).toBe(dotnetMessage('net_WebSockets_ConnectStatusExpected', 401, 101));
    expect(p.requests).toHaveLength(1);
  });
});

describe('Proxy', () => {
  it('tunnels through a CONNECT proxy, with the options reaching the server', async () => {
    const p = await authPeer(basic('alice', 's3cret'));
    const proxy = await startConnectProxy();
    closeAfter(proxy);
    const ws = client();
    const jar = configure(ws, p.url);
    ws.Options.Proxy = new WebProxy(proxy.url);
    await ws.ConnectAsync(p.url);
    expect(proxy.connects).toEqual([`127.0.0.1:${p.port}`, `127.0.0.1:${p.port}`]);
    expectOptionsOnTheWire(p, ws, jar, p.url);
    expect(await echo(ws, 'through the proxy')).toBe('through the proxy');
  });

  it('answers a 407 Basic challenge with the proxy’s credentials', async () => {
    const p = await startWsPeer();
    closeAfter(p);
    const proxy = await startConnectProxy({ requireAuth: basic('proxyuser', 'pw') });
    closeAfter(proxy);
    const ws = client();
    ws.Options.Proxy = new WebProxy(proxy.url, false, null, new NetworkCredential('proxyuser', 'pw'));
    await ws.ConnectAsync(p.url);
    expect(proxy.authorizations).toEqual([undefined, basic('proxyuser', 'pw')]);
    expect(await echo(ws, 'ok')).toBe('ok');
  });

  it('fails with Faulted "Unable to connect to the remote server" when the proxy refuses the tunnel', async () => {
    const p = await startWsPeer();
    closeAfter(p);
    const proxy = await startConnectProxy({ refuse: true });
    closeAfter(proxy);
    const ws = client();
    ws.Options.Proxy = new WebProxy(proxy.url);
    const e = await rejection(ws.ConnectAsync(p.url));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
    expect((e as WebSocketException).InnerException!.message).toBe(
      dotnetMessage('net_http_proxy_tunnel_returned_failure_status_code', `${proxy.url}/`, 403),
    );
    expect(ws.State).toBe(WebSocketState.Closed);
    expect(p.requests).toHaveLength(0);
  });

  it('connects directly when the destination is bypassed or Proxy is null', async () => {
    const p = await startWsPeer();
    closeAfter(p);
    const proxy = await startConnectProxy({ refuse: true });
    closeAfter(proxy);
    const bypassed = client();
    bypassed.Options.Proxy = new WebProxy(proxy.url, false, ['127\\.0\\.0\\.1']);
    await bypassed.ConnectAsync(p.url);
    const direct = client();
    direct.Options.Proxy = null;
    await direct.ConnectAsync(p.url);
    expect(proxy.connects).toEqual([]);
  });
});

describe('wss://', () => {
  let localCert: TestCertificate;
  let foreignCert: TestCertificate;
  let clientCert: TestCertificate;
  beforeAll(() => {
    localCert = makeCertificate('dotnet-ws test server', 'DNS:localhost,IP:127.0.0.1');
    foreignCert = makeCertificate('elsewhere', 'DNS:elsewhere.test');
    clientCert = makeCertificate('dotnet-ws test client', 'DNS:client.test');
  });

  async function tlsPeer(cert: TestCertificate, requestCert = false): Promise<WsPeer> {
    const p = await startWsPeer({ tls: { ...cert, requestCert } });
    closeAfter(p);
    return p;
  }

  it('rejects a self-signed certificate by default with Faulted and the TLS error inside', async () => {
    const p = await tlsPeer(localCert);
    const ws = client();
    const e = await rejection(ws.ConnectAsync(p.url));
    expect(e).toBeInstanceOf(WebSocketException);
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect(e.message).toBe(dotnetMessage('net_webstatus_ConnectFailure'));
    expect((e as WebSocketException).InnerException).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(ws.State).toBe(WebSocketState.Closed);
    await p.allSocketsClosed();
  });

  it('accepts it when the RemoteCertificateValidationCallback says so, passing the certificate and the errors', async () => {
    const p = await tlsPeer(localCert);
    const ws = client();
    const calls: Array<[X509Certificate | null, X509Chain | null, SslPolicyErrors]> = [];
    ws.Options.RemoteCertificateValidationCallback = (_sender, certificate, chain, errors) => {
      calls.push([certificate, chain, errors]);
      return true;
    };
    await ws.ConnectAsync(p.url);
    expect(await echo(ws, 'secure')).toBe('secure');
    expect(calls).toHaveLength(1);
    const [certificate, chain, errors] = calls[0]!;
    expect(errors).toBe(SslPolicyErrors.RemoteCertificateChainErrors);
    expect(certificate!.Subject).toBe('CN=dotnet-ws test server');
    expect((certificate as X509Certificate2).Thumbprint).toBe(X509Certificate2.CreateFromPem(localCert.cert).Thumbprint);
    expect(chain!.ChainElements[0]!.Certificate.Thumbprint).toBe((certificate as X509Certificate2).Thumbprint);
  });

  it('reports a name mismatch to the callback', async () => {
    const p = await tlsPeer(foreignCert);
    const ws = client();
    let seen: SslPolicyErrors | undefined;
    ws.Options.RemoteCertificateValidationCallback = (_s, _c, _ch, errors) => {
      seen = errors;
      return true;
    };
    await ws.ConnectAsync(p.url);
    expect(seen).toBe(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);
  });

  it('fails with Faulted when the callback refuses, the server seeing its socket closed', async () => {
    const p = await tlsPeer(localCert);
    const ws = client();
    ws.Options.RemoteCertificateValidationCallback = () => false;
    const e = await rejection(ws.ConnectAsync(p.url));
    expect((e as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect((e as WebSocketException).InnerException!.message).toBe(dotnetMessage('net_ssl_io_cert_custom_validation'));
    expect(p.requests).toHaveLength(0);
    await p.allSocketsClosed();
  });

  it('presents a client certificate from ClientCertificates', async () => {
    const p = await tlsPeer(localCert, true);
    const ws = client();
    ws.Options.RemoteCertificateValidationCallback = () => true;
    ws.Options.ClientCertificates.Add(X509Certificate2.CreateFromPem(clientCert.cert, clientCert.key));
    await ws.ConnectAsync(p.url);
    const peerCert = (p.requests[0]!.socket as TLSSocket).getPeerCertificate();
    expect(peerCert.subject.CN).toBe('dotnet-ws test client');
  });

  it('carries the options through a CONNECT proxy to the TLS server', async () => {
    const p = await authPeer(basic('alice', 's3cret'), localCert);
    const proxy = await startConnectProxy();
    closeAfter(proxy);
    const ws = client();
    const jar = configure(ws, p.url);
    ws.Options.Proxy = new WebProxy(proxy.url);
    ws.Options.RemoteCertificateValidationCallback = (_s, certificate) => certificate?.Subject === 'CN=dotnet-ws test server';
    await ws.ConnectAsync(new Uri(p.url));
    expect(proxy.connects).toEqual([`127.0.0.1:${p.port}`, `127.0.0.1:${p.port}`]);
    expectOptionsOnTheWire(p, ws, jar, p.url);
    expect(await echo(ws, 'tls via proxy')).toBe('tls via proxy');
  });
});
