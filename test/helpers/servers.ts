// Real servers for the ClientWebSocket tests: a raw `ws` WebSocketServer behind an http(s) server on
// 127.0.0.1 port 0, a raw TCP server that writes handcrafted handshake answers, an HTTP CONNECT proxy
// (node:http) and self-signed certificates.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket as WsWebSocket } from 'ws';

/** Something to close after each test. */
export interface Closable {
  close(): Promise<void>;
}

/** A raw ws server and what it saw. */
export interface WsPeer extends Closable {
  /** Base URL ("ws://127.0.0.1:port" or "wss://…"). */
  url: string;
  port: number;
  /** Every upgrade request received, in order. */
  requests: http.IncomingMessage[];
  /** Server-side sockets still open. */
  openSockets: Set<net.Socket>;
  /** Resolves with the next accepted ws connection. */
  nextConnection(): Promise<WsWebSocket>;
  /** Resolves once every server-side socket is closed. */
  allSocketsClosed(): Promise<void>;
}

export interface WsPeerOptions {
  /** TLS key and certificate: serve wss. */
  tls?: { key: string; cert: string; requestCert?: boolean };
  /** ws's handleProtocols. */
  handleProtocols?: (protocols: Set<string>, req: http.IncomingMessage) => string | false;
  /** Decide the upgrade yourself: return true when handled (answered or left hanging). */
  onUpgrade?: (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => boolean;
  /** Extra response headers for the 101. */
  headers?: string[];
  /** Echo every message back (default true). */
  echo?: boolean;
  /** ws's perMessageDeflate server option (default off). */
  perMessageDeflate?: boolean;
}

/** Starts a ws server on 127.0.0.1:0. */
export async function startWsPeer(options: WsPeerOptions = {}): Promise<WsPeer> {
  const server = options.tls
    ? https.createServer({
        key: options.tls.key,
        cert: options.tls.cert,
        requestCert: options.tls.requestCert ?? false,
        rejectUnauthorized: false,
      })
    : http.createServer();
  server.on('request', (_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: options.perMessageDeflate ?? false,
    ...(options.handleProtocols ? { handleProtocols: options.handleProtocols } : {}),
  });
  if (options.headers) wss.on('headers', (headers) => headers.push(...options.headers!));
  const requests: http.IncomingMessage[] = [];
  const openSockets = new Set<net.Socket>();
  const waiting: Array<(ws: WsWebSocket) => void> = [];
  const accepted: WsWebSocket[] = [];
  let socketsClosed: Array<() => void> = [];
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    openSockets.add(socket);
    // http.Server sockets allow half-open connections: answer the client's FIN so 'close' follows.
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      openSockets.delete(socket);
      if (openSockets.size === 0) {
        const waiters = socketsClosed;
        socketsClosed = [];
        waiters.forEach((w) => w());
      }
    });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    requests.push(req);
    if (options.onUpgrade?.(req, socket, head)) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (options.echo ?? true) ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      ws.on('error', () => {});
      const waiter = waiting.shift();
      if (waiter) waiter(ws);
      else accepted.push(ws);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    port,
    requests,
    openSockets,
    nextConnection: () =>
      new Promise((resolve) => {
        const ws = accepted.shift();
        if (ws) resolve(ws);
        else waiting.push(resolve);
      }),
    allSocketsClosed: () =>
      new Promise((resolve) => {
        if (openSockets.size === 0) resolve();
        else socketsClosed.push(resolve);
      }),
    close: async () => {
      for (const s of openSockets) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP server that answers each connection with `respond(requestText, socket)`. */
export async function startRawPeer(respond: (request: string, socket: net.Socket) => void): Promise<WsPeer> {
  const openSockets = new Set<net.Socket>();
  let socketsClosed: Array<() => void> = [];
  const server = net.createServer((socket) => {
    openSockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      openSockets.delete(socket);
      if (openSockets.size === 0) {
        const waiters = socketsClosed;
        socketsClosed = [];
        waiters.forEach((w) => w());
      }
    });
    let text = '';
    socket.on('data', (chunk) => {
      const before = text.includes('\r\n\r\n');
      text += chunk.toString('latin1');
      if (!before && text.includes('\r\n\r\n')) respond(text, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    requests: [],
    openSockets,
    nextConnection: () => Promise.reject(new Error('raw peer')),
    allSocketsClosed: () =>
      new Promise((resolve) => {
        if (openSockets.size === 0) resolve();
        else socketsClosed.push(resolve);
      }),
    close: async () => {
      for (const s of openSockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A CONNECT proxy and what it saw. */
export interface ConnectProxy extends Closable {
  url: string;
  /** "host:port" of every CONNECT, in order. */
  connects: string[];
  /** Proxy-Authorization of every CONNECT (or undefined). */
  authorizations: Array<string | undefined>;
}

/**
 * An HTTP proxy that only tunnels (CONNECT). With `requireAuth`, a CONNECT without that exact
 * Proxy-Authorization gets 407 with a Basic challenge; `refuse` answers 403 to everything. With
 * `anyHostIsLoopback`, every tunnel goes to 127.0.0.1 at the requested port, whatever host it names (so
 * tests can use names that do not resolve and see which ones the client sends through the proxy).
 */
export async function startConnectProxy(
  options: { requireAuth?: string; refuse?: boolean; anyHostIsLoopback?: boolean } = {},
): Promise<ConnectProxy> {
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  const sockets = new Set<net.Socket>();
  const connects: string[] = [];
  const authorizations: Array<string | undefined> = [];
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization']);
    client.on('error', () => {});
    if (options.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (options.requireAuth !== undefined && req.headers['proxy-authorization'] !== options.requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const authority = req.url ?? '';
    const colon = authority.lastIndexOf(':');
    const host = options.anyHostIsLoopback ? '127.0.0.1' : authority.slice(0, colon).replace(/^\[|\]$/g, '');
    const upstream = net.connect(Number(authority.slice(colon + 1)), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    authorizations,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A self-signed certificate (and key) made with the openssl CLI. */
export interface TestCertificate {
  key: string;
  cert: string;
}

/** Makes a self-signed certificate for `subjectAltName` (e.g. "DNS:localhost,IP:127.0.0.1"). */
export function makeCertificate(commonName: string, subjectAltName: string): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'dotnet-ws-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const configPath = join(dir, 'openssl.cnf');
    writeFileSync(
      configPath,
      `[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n[dn]\nCN=${commonName}\n[ext]\nsubjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\n`,
    );
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-config', configPath],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
