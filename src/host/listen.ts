// Server addresses as Kestrel reads them ("http://localhost:5000", "http://*:8080",
// "http://127.0.0.1:0", several joined with ";"), where they come from (command line, environment,
// default), and binding them with node:http.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { Exception } from '../System/Exception.js';
import { FormatException } from '../System/FormatException.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { SR } from '../Resources/SR.js';
import type { LocalEndpoint } from '../Microsoft.AspNetCore.Http/ConnectionInfo.js';

/** ASP.NET Core's default address when none is configured. */
export const DEFAULT_URL = 'http://localhost:5000';

/** A parsed server address. */
export interface ServerAddress {
  /** The address as configured. */
  url: string;
  scheme: 'http' | 'https';
  /** "localhost", an IP literal (IPv6 without brackets), or anything else (all interfaces). */
  host: string;
  port: number;
}

/**
 * Parses one address as Kestrel's ServerAddress.FromUrl and AddressBinder do.
 *
 * @throws {FormatException} Not a URL ("Invalid url: …").
 * @throws {InvalidOperationException} Not http(s), it has a path, it is https (this host has no
 *   certificate), or it asks for a dynamic port on localhost.
 */
export function parseServerAddress(url: string): ServerAddress {
  const trimmed = url.trim();
  const scheme_ = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (!scheme_) throw new FormatException(SR.Format(SR.InvalidUrl, url));
  if (!/^https?$/i.test(scheme_[1]!)) throw new InvalidOperationException(SR.Format(SR.UnsupportedAddressScheme, url));
  const m = /^(https?):\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?(\/.*)?$/i.exec(trimmed);
  if (!m || m[2] === '') throw new FormatException(SR.Format(SR.InvalidUrl, url));
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
  const port = m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port > 65535) throw new FormatException(SR.Format(SR.InvalidUrl, url));
  const pathBase = (m[4] ?? '').replace(/\/$/, '');
  if (pathBase !== '') {
    throw new InvalidOperationException(SR.Format(SR.ConfigurePathBaseFromMethodCall, 'IApplicationBuilder.UsePathBase()'));
  }
  if (scheme === 'https') throw new InvalidOperationException(SR.Format(SR.AspNetCore_HttpsNotSupported, url));
  if (host.toLowerCase() === 'localhost' && port === 0) {
    throw new InvalidOperationException(SR.DynamicPortOnLocalhostNotSupported);
  }
  return { url: trimmed, scheme, host, port };
}

/** Splits a "url1;url2" setting. */
export function splitUrls(value: string): string[] {
  return value
    .split(';')
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/** The `urls` setting from command-line arguments (`--urls x`, `--urls=x`, `/urls x`, `urls=x`). */
export function urlsFromArgs(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^(?:--|\/)?urls(?:=(.*))?$/i.exec(arg);
    if (!m) continue;
    if (m[1] !== undefined) found = m[1];
    else if (/^(--|\/)/.test(arg) && i + 1 < args.length) found = args[++i];
  }
  return found;
}

/**
 * The addresses to bind when `app.Urls` is empty: `--urls` from the arguments, else ASPNETCORE_URLS,
 * else ASPNETCORE_HTTP_PORTS / HTTP_PORTS (all interfaces), else PORT (Node.js convention, all
 * interfaces), else http://localhost:5000.
 */
export function configuredUrls(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromArgs = urlsFromArgs(args);
  if (fromArgs !== undefined && fromArgs.trim() !== '') return splitUrls(fromArgs);
  const fromEnv = env['ASPNETCORE_URLS'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return splitUrls(fromEnv);
  const ports = env['ASPNETCORE_HTTP_PORTS'] ?? env['HTTP_PORTS'];
  if (ports !== undefined && ports.trim() !== '') return splitUrls(ports).map((p) => `http://*:${p}`);
  const port = env['PORT'];
  if (port !== undefined && /^\d+$/.test(port.trim())) return [`http://*:${port.trim()}`];
  return [DEFAULT_URL];
}

/**
 * Listeners a bound server forwards to, with the server's own address and port when it is bound to one
 * address (see {@link LocalEndpoint}), else null.
 */
export interface Listeners {
  request: (req: IncomingMessage, res: ServerResponse, local: LocalEndpoint | null) => void;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, local: LocalEndpoint | null) => void;
}

/** Makes the server for one bound address (HTTP/2 endpoints bring their own: src/host/http2.ts). */
export type ServerFactory = () => Server;

function listen(host: string, port: number, listeners: Listeners, factory?: ServerFactory): Promise<Server> {
  return new Promise((resolve, reject) => {
    let server: Server;
    // Known once listening: a server bound to one address accepts every connection on that address.
    let local: LocalEndpoint | null = null;
    if (factory) {
      server = factory();
    } else {
      server = createServer((req, res) => listeners.request(req, res, local));
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => listeners.upgrade(req, socket, head, local));
    }
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      const bound = server.address();
      if (!isAnyAddress(host) && bound !== null && typeof bound === 'object') local = { address: bound.address, port: bound.port };
      resolve(server);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port });
  });
}

/** The wildcard addresses, on which the local address differs from one connection to the next. */
function isAnyAddress(host: string): boolean {
  return host === '::' || host === '0.0.0.0';
}

function formatHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function addressInUse(url: string, err: unknown): Exception {
  return new Exception(SR.Format(SR.EndpointAlreadyInUse, url), err instanceof Error ? err : undefined);
}

/** Closes servers that were bound before a later bind failed. */
function closeAll(servers: readonly Server[]): Promise<void> {
  return Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);
}

/**
 * Binds one address as Kestrel does: localhost on both loopbacks (IPv6 optional), an IP literal on itself,
 * anything else on every interface (IPv6 any, dual-stack, else IPv4 any).
 * Returns the servers and the URLs they report (the real port when 0 was asked).
 *
 * @throws {Exception} The port is in use ("Failed to bind to address …: address already in use.").
 */
export async function bindAddress(
  address: ServerAddress,
  listeners: Listeners,
  factory?: ServerFactory,
): Promise<{ servers: Server[]; urls: string[] }> {
  const { scheme, host, port } = address;
  const lower = host.toLowerCase();
  const servers: Server[] = [];
  try {
    if (lower === 'localhost') {
      servers.push(await listen('127.0.0.1', port, listeners, factory));
      try {
        servers.push(await listen('::1', port, listeners, factory));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw err;
        // No IPv6 loopback on this machine: Kestrel logs a warning and carries on with IPv4.
      }
      return { servers, urls: [`${scheme}://localhost:${port}`] };
    }
    if (isIP(host) !== 0) {
      const server = await listen(host, port, listeners, factory);
      servers.push(server);
      const bound = (server.address() as { port: number }).port;
      return { servers, urls: [`${scheme}://${formatHost(host)}:${bound}`] };
    }
    let server: Server;
    let anyHost = '::';
    try {
      server = await listen('::', port, listeners, factory);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw err;
      anyHost = '0.0.0.0';
      server = await listen('0.0.0.0', port, listeners, factory);
    }
    servers.push(server);
    const bound = (server.address() as { port: number }).port;
    return { servers, urls: [`${scheme}://${formatHost(anyHost)}:${bound}`] };
  } catch (err) {
    await closeAll(servers);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw addressInUse(address.url, err);
    throw err;
  }
}
