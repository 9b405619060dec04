// The connection under a ClientWebSocket's handshake when ws's own (net.connect / tls.connect) is not
// enough: through an HTTP proxy (a CONNECT tunnel, as .NET uses for WebSockets through a proxy), and/or
// TLS whose certificate a RemoteCertificateValidationCallback judges. Handed to ws as `createConnection`,
// which Node's http client calls with a callback.
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { SR } from '../Resources/SR.js';
import { nodeTls } from '../runtime/node-tls.js';
import type { Uri } from '../System/Uri.js';
import type { ICredentials } from '../System.Net/ICredentials.js';
import type { RemoteCertificateValidationCallback } from '../System.Net.Security/RemoteCertificateValidationCallback.js';
import { SslPolicyErrors } from '../System.Net.Security/SslPolicyErrors.js';
import { X509Certificate2 } from '../System.Security.Cryptography.X509Certificates/X509Certificate2.js';
import { X509Chain } from '../System.Security.Cryptography.X509Certificates/X509Chain.js';
import { deliverRead, lendsReads, sharedReadBuffer } from '../engine/socket-reads.js';
import type { ResolvedProxy } from './default-proxy.js';

/** TLS options for the server connection (client certificates, trust decisions). */
export type ClientTlsOptions = Pick<tls.ConnectionOptions, 'cert' | 'key' | 'pfx'>;

/** What the transport needs for one connection attempt. */
export interface TransportSettings {
  /** The WebSocket URI (ws or wss). */
  uri: Uri;
  /** The proxy to tunnel through, or null. */
  proxy: ResolvedProxy | null;
  /** Client certificate material for wss. */
  tls: ClientTlsOptions;
  /** Judges the server certificate, or null for Node's own verification. */
  validationCallback: RemoteCertificateValidationCallback | null;
  /** Told about each object to destroy if the connect is cancelled meanwhile. */
  track(resource: { destroy(): void }): void;
  /** ALPN protocols offered over TLS (default: http/1.1; HTTP/2 connects offer h2, src/client/http2.ts). */
  alpn?: string[];
}

/** Error of a connection the proxy refused; message is .NET's. */
function tunnelFailure(proxy: Uri, status: number): Error {
  return Object.assign(new Error(SR.Format(SR.net_http_proxy_tunnel_returned_failure_status_code, proxy.ToString(), status)), {
    code: 'ERR_PROXY_TUNNEL',
    statusCode: status,
  });
}

/** "Basic base64(user:password)" for a Basic challenge among `challenges`, or null. */
export function basicAuthorization(challenges: string | string[] | undefined, credentials: ICredentials | null, uri: Uri): string | null {
  if (credentials === null || challenges === undefined) return null;
  const list = Array.isArray(challenges) ? challenges : [challenges];
  if (!list.some((c) => /^\s*basic(\s|,|$)/i.test(c) || /,\s*basic(\s|,|$)/i.test(c))) return null;
  const credential = credentials.GetCredential(uri, 'Basic');
  if (credential === null) return null;
  return `Basic ${Buffer.from(`${credential.UserName}:${credential.Password}`, 'utf8').toString('base64')}`;
}

/** Opens a CONNECT tunnel to the WebSocket server's host and port, answering one 407 Basic challenge. */
async function openTunnel(settings: TransportSettings, proxy: ResolvedProxy): Promise<net.Socket> {
  const target = settings.uri;
  const authority = `${target.Host}:${target.Port}`;
  let authorization: string | null = null;
  for (;;) {
    const headers: Record<string, string> = { Host: authority };
    if (authorization !== null) headers['Proxy-Authorization'] = authorization;
    const req = http.request({
      host: proxy.address.DnsSafeHost,
      port: proxy.address.Port,
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    settings.track(req);
    const { res, socket, head } = await new Promise<{ res: http.IncomingMessage; socket: net.Socket; head: Buffer }>((resolve, reject) => {
      req.once('connect', (res, socket, head) => resolve({ res, socket, head }));
      req.once('error', reject);
      req.end();
    });
    if (res.statusCode === 200) {
      if (head.length > 0) socket.unshift(head);
      settings.track(socket);
      return socket;
    }
    socket.destroy();
    if (res.statusCode === 407 && authorization === null) {
      authorization = basicAuthorization(res.headers['proxy-authenticate'], proxy.credentials, proxy.address);
      if (authorization !== null) continue;
    }
    throw tunnelFailure(proxy.address, res.statusCode ?? 0);
  }
}

/** The chain the server sent, leaf first. */
function peerChain(leaf: tls.DetailedPeerCertificate): X509Chain {
  const certificates: X509Certificate2[] = [];
  let current: tls.DetailedPeerCertificate | undefined = leaf;
  const seen = new Set<string>();
  while (current && current.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    certificates.push(new X509Certificate2(new NodeX509Certificate(current.raw)));
    current = current.issuerCertificate;
  }
  return new X509Chain(certificates);
}

/** Runs TLS over `socket` (or a new TCP connection) and applies the trust decision. */
function startTls(settings: TransportSettings, socket: net.Socket | null): Promise<tls.TLSSocket> {
  const { uri, validationCallback } = settings;
  const host = uri.DnsSafeHost;
  return new Promise((resolve, reject) => {
    const options: tls.ConnectionOptions = {
      ...settings.tls,
      servername: net.isIP(host) ? '' : host,
      ALPNProtocols: settings.alpn ?? ['http/1.1'],
      // With a callback the decision is the callback's; without one, Node's verification (chain + host name).
      rejectUnauthorized: validationCallback === null,
    };
    if (socket) options.socket = socket;
    else Object.assign(options, { host, port: uri.Port });
    const tlsSocket = nodeTls().connect(options);
    settings.track(tlsSocket);
    tlsSocket.once('error', reject);
    tlsSocket.once('secureConnect', () => {
      tlsSocket.removeListener('error', reject);
      if (validationCallback === null) {
        resolve(tlsSocket);
        return;
      }
      // Read the peer certificate once, with its chain: on Node 20 getPeerX509Certificate() leaves
      // getPeerCertificate() empty afterwards.
      const detailed = tlsSocket.getPeerCertificate(true);
      const peer = detailed && detailed.raw ? new NodeX509Certificate(detailed.raw) : null;
      let errors = SslPolicyErrors.None;
      if (!peer) {
        errors |= SslPolicyErrors.RemoteCertificateNotAvailable;
      } else {
        if (!tlsSocket.authorized) errors |= SslPolicyErrors.RemoteCertificateChainErrors;
        if (nodeTls().checkServerIdentity(host, detailed) !== undefined) errors |= SslPolicyErrors.RemoteCertificateNameMismatch;
      }
      let accepted: boolean;
      try {
        accepted =
          validationCallback(tlsSocket, peer ? new X509Certificate2(peer) : null, peer ? peerChain(detailed) : null, errors) === true;
      } catch (e) {
        tlsSocket.destroy();
        reject(e);
        return;
      }
      if (!accepted) {
        tlsSocket.destroy();
        reject(Object.assign(new Error(SR.net_ssl_io_cert_custom_validation), { code: 'ERR_TLS_CERT_REJECTED_BY_CALLBACK' }));
        return;
      }
      resolve(tlsSocket);
    });
  });
}

/** Whether ws's own connection code is enough for these settings. */
export function needsCustomTransport(settings: Pick<TransportSettings, 'proxy' | 'validationCallback'>): boolean {
  return settings.proxy !== null || settings.validationCallback !== null;
}

/**
 * ws's `createConnection` for these settings: a tunnel and/or judged TLS when ws's own connection is not
 * enough ({@link createTransport}); for plain ws:// without compression, a socket whose reads the receive
 * pump borrows ({@link connectSharingReadBuffer}); else undefined (ws's own).
 */
export function connectionFactory(settings: TransportSettings, compressed: boolean) {
  if (needsCustomTransport(settings)) return createTransport(settings);
  if (settings.uri.Scheme === 'ws' && !compressed) return connectSharingReadBuffer;
  return undefined;
}

/**
 * The connection to the server: TCP, through the proxy's tunnel if any, then TLS for wss. TLS is
 * established when it resolves (its ALPN result readable); TCP may still be connecting.
 */
export async function openConnection(settings: TransportSettings): Promise<net.Socket> {
  const tunnel = settings.proxy ? await openTunnel(settings, settings.proxy) : null;
  if (settings.uri.Scheme === 'wss') return startTls(settings, tunnel);
  if (tunnel) return tunnel;
  const socket = net.connect({ host: settings.uri.DnsSafeHost, port: settings.uri.Port });
  settings.track(socket);
  return socket;
}

/**
 * The `createConnection` of a plain ws:// connection without compression: ws's own TCP connect (net.connect
 * on the request's options, their HTTP path dropped as ws drops it), over a socket whose reads share one
 * buffer (src/engine/socket-reads.ts): a long message read in small pieces keeps no socket reads alive.
 */
export function connectSharingReadBuffer(options: http.ClientRequestArgs): net.Socket {
  const socket: net.Socket = net.connect({
    ...options,
    path: options.socketPath,
    onread: {
      buffer: sharedReadBuffer(),
      callback: (nread: number, buffer: Uint8Array): boolean => {
        deliverRead(socket, (buffer as Buffer).subarray(0, nread));
        return true;
      },
    },
  } as net.NetConnectOpts);
  lendsReads(socket);
  return socket;
}

/** A `createConnection` for ws/http.request that tunnels and/or judges the certificate. */
export function createTransport(settings: TransportSettings) {
  return (_options: unknown, callback: (err: Error | null, socket?: Duplex) => void): undefined => {
    openConnection(settings).then(
      (socket) => callback(null, socket),
      (err: Error) => callback(err),
    );
    return undefined;
  };
}
