// Shared by the Microsoft.AspNetCore.* tests: an app on 127.0.0.1 port 0, and real peers (ws clients,
// node:http requests, raw TCP) that are all closed after each test.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import type { ClientOptions } from 'ws';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';

const apps: WebApplication[] = [];
const clients: WsClient[] = [];
const sockets: Socket[] = [];
const extraCleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  for (const s of sockets.splice(0)) s.destroy();
  for (const app of apps.splice(0)) await app.StopAsync();
  for (const f of extraCleanup.splice(0)) await f();
});

/** Registers something to undo after the test. */
export function onCleanup(f: () => Promise<void> | void): void {
  extraCleanup.push(f);
}

/** A started app, and where to reach it. */
export interface TestApp {
  app: WebApplication;
  /** e.g. "http://127.0.0.1:54321" */
  http: string;
  /** e.g. "ws://127.0.0.1:54321" */
  ws: string;
  port: number;
}

/** An app built with `configure`, listening on 127.0.0.1 port 0; stopped after the test. */
export async function startApp(configure: (app: WebApplication) => void, args: string[] = []): Promise<TestApp> {
  const app = WebApplication.CreateBuilder(args).Build();
  app.Urls.Add('http://127.0.0.1:0');
  configure(app);
  await app.StartAsync();
  apps.push(app);
  return fromUrl(app);
}

/** Registers an app started elsewhere for cleanup and reads its address. */
export function track(app: WebApplication): TestApp {
  apps.push(app);
  return fromUrl(app);
}

function fromUrl(app: WebApplication): TestApp {
  const url = new URL(app.Urls[0]!);
  const port = Number(url.port);
  return { app, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}`, port };
}

/** A response read to its end. */
export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends a request with node:http (no keep-alive) and reads the whole response. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a raw TCP connection to `port`; destroyed after the test. */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** Writes `text` on a new raw connection and collects everything received until the server closes it. */
export async function rawExchange(port: number, text: string): Promise<string> {
  const socket = await rawConnect(port);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(text);
  });
}

/** Status code of a raw HTTP response text. */
export function statusOf(responseText: string): number {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(responseText);
  return m ? Number(m[1]) : 0;
}

/** The outcome of a ws handshake: the open client, or the HTTP status it was refused with. */
export type Handshake = { client: WsClient; status: 101 } | { client: null; status: number; headers: IncomingHttpHeaders; body: string };

/** Connects a ws client; resolves on open or with the refusing response. */
export function wsHandshake(url: string, protocols?: string | string[], options: ClientOptions = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const client = new WsClient(url, protocols, { perMessageDeflate: false, ...options });
    clients.push(client);
    client.once('open', () => resolve({ client, status: 101 }));
    client.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ client: null, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        client.terminate();
      });
    });
    client.once('error', (err) => reject(err));
  });
}

/** Connects a ws client that must be accepted. */
export async function wsConnect(url: string, protocols?: string | string[], options?: ClientOptions): Promise<WsClient> {
  const result = await wsHandshake(url, protocols, options);
  if (result.client === null) throw new Error(`handshake refused with ${result.status}`);
  return result.client;
}

/** The next message a client receives, as text. */
export function nextMessage(client: WsClient): Promise<string> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('closed before a message arrived'));
    client.once('close', onClose);
    client.once('message', (data: Buffer) => {
      client.off('close', onClose);
      resolve(data.toString('utf8'));
    });
  });
}

/** The payloads of the next `count` pongs the client receives (unsolicited keep-alive pongs are empty). */
export function nextPongs(client: WsClient, count: number): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const seen: Buffer[] = [];
    const onPong = (data: Buffer) => {
      seen.push(data);
      if (seen.length === count) {
        client.off('pong', onPong);
        resolve(seen);
      }
    };
    client.on('pong', onPong);
  });
}

/** The client's close event: code and reason. */
export function closeEvent(client: WsClient): Promise<{ code: number; reason: string }> {
  if (client.readyState === WsClient.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => {
    client.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

/** A promise and its resolver, for waiting on something a handler does. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
