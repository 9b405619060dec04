// UseDefaultFiles, UseStaticFiles and UseFileServer: files under the web root (wwwroot), served as
// ASP.NET Core's StaticFileMiddleware serves them. The HTTP work (Content-Type, Content-Length, HEAD,
// Last-Modified/ETag with If-None-Match/If-Modified-Since → 304, If-Match/If-Unmodified-Since → 412,
// Range/If-Range → 206 or 416, Accept-Ranges) is done by the `send` package (jshttp), a maintained
// implementation of RFC 9110's rules that Express's static middleware also uses.
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import type { lookup } from 'mime-types';
import type send from 'send';
import { SR } from '../Resources/SR.js';
import { exchangeOf } from '../Microsoft.AspNetCore.Http/HttpContext.js';
import type { Exchange } from './features/exchange.js';
import type { Middleware } from './pipeline.js';

/**
 * `send` and `mime-types` (whose media-type table alone is ~0.8 MB of heap), loaded by the first
 * UseStaticFiles rather than by `import 'dotnet-ws'`: an application that serves no files does not carry
 * them, and every object loaded at start-up grows V8's young generation (see bench/run.mjs, c2s).
 */
let fileServing: { send: typeof send; lookup: typeof lookup } | null = null;

function loadFileServing(): { send: typeof send; lookup: typeof lookup } {
  if (fileServing === null) {
    const require = createRequire(import.meta.url);
    fileServing = { send: require('send') as typeof send, lookup: (require('mime-types') as { lookup: typeof lookup }).lookup };
  }
  return fileServing;
}

/** ASP.NET Core's DefaultFilesOptions.DefaultFileNames, in its order. */
const DEFAULT_FILE_NAMES = ['default.htm', 'default.html', 'index.htm', 'index.html'];

/** The request headers `send` reads. */
const CONDITIONAL_HEADERS = ['if-match', 'if-unmodified-since', 'if-none-match', 'if-modified-since', 'range', 'if-range', 'cache-control'];

/** The file `path` names under `root`, or null when it would leave root or names a hidden (dot) entry. */
function physicalPath(root: string, path: string): string | null {
  const segments = path.split('/');
  // PhysicalFileProvider's default exclusion: nothing whose name starts with a dot.
  if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return null;
  const full = resolve(join(root, ...segments));
  return full === root || full.startsWith(root + sep) ? full : null;
}

/** Whether the request could be a static file's: GET or HEAD, and no endpoint selected. */
function applies(exchange: Exchange, endpointSelected: boolean): boolean {
  return (exchange.method === 'GET' || exchange.method === 'HEAD') && !endpointSelected;
}

/** Where static-file middleware learns whether routing picked an endpoint. */
export type EndpointProbe = (exchange: Exchange) => boolean;

/**
 * UseDefaultFiles: a request for a directory path ending in "/" is rewritten to its first default file
 * (default.htm, default.html, index.htm, index.html); a directory path without the "/" that has one is
 * redirected (301) to the path with it.
 */
export function defaultFilesMiddleware(root: string | null, endpointSelected: EndpointProbe): Middleware {
  return async (context, next) => {
    const exchange = exchangeOf(context);
    if (root !== null && applies(exchange, endpointSelected(exchange))) {
      const directory = physicalPath(root, exchange.path);
      if (directory !== null && (await isDirectory(directory))) {
        for (const name of DEFAULT_FILE_NAMES) {
          if (!(await isFile(join(directory, name)))) continue;
          if (!exchange.path.endsWith('/')) {
            context.Response.StatusCode = 301;
            context.Response.Headers['Location'] = `${encodeURI(exchange.path)}/${exchange.queryString}`;
            return;
          }
          exchange.path = exchange.path + name;
          break;
        }
      }
    }
    await next();
  };
}

/**
 * UseStaticFiles: a GET or HEAD for a file under `root` with a known content type is answered with it;
 * anything else goes on down the pipeline.
 */
export function staticFilesMiddleware(root: string | null, endpointSelected: EndpointProbe): Middleware {
  if (root === null) {
    console.warn(
      `warn: Microsoft.AspNetCore.StaticFiles.StaticFileMiddleware[16]\n      ${SR.Format(SR.AspNetCore_WebRootPathNotFound, join(process.cwd(), 'wwwroot'))}`,
    );
  }
  const { lookup } = loadFileServing();
  return async (context, next) => {
    const exchange = exchangeOf(context);
    const res = exchange.response.nodeResponse;
    const file = root === null || res === null || !applies(exchange, endpointSelected(exchange)) ? null : physicalPath(root, exchange.path);
    // FileExtensionContentTypeProvider: a file type it does not know is not served (ServeUnknownFileTypes).
    const type = file === null ? false : lookup(file);
    if (file === null || type === false || !(await isFile(file))) {
      await next();
      return;
    }
    const served = await serve(exchange, res!, file, type);
    if (!served) await next();
  };
}

/** Hands the response to `send`; resolves true once the file went out, false when it was not found. */
function serve(exchange: Exchange, res: ServerResponse, file: string, type: string): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of CONDITIONAL_HEADERS) {
    const value = exchange.header(name);
    if (value !== undefined) headers[name] = value;
  }
  return new Promise((resolvePromise, reject) => {
    const stream = loadFileServing().send(
      { method: exchange.method, headers } as never,
      `/${encodeURI(file.slice(file.lastIndexOf(sep) + 1))}`,
      {
        root: file.slice(0, file.lastIndexOf(sep) + 1),
        index: false,
        dotfiles: 'ignore',
        cacheControl: false,
        etag: true,
        lastModified: true,
      },
    );
    let started = false;
    stream.on('headers', (response: ServerResponse) => {
      started = true;
      // Headers the application's middleware set go out with the file, as on ASP.NET Core.
      exchange.response.markStarted();
      for (const [name, value] of exchange.response.headerEntries()) response.appendHeader(name, value);
      // ASP.NET Core sends the type without a charset ("text/html").
      response.setHeader('Content-Type', type);
    });
    stream.on('error', (err: Error & { status?: number }) => {
      if (!started && (err.status === 404 || err.status === 403)) {
        resolvePromise(false);
        return;
      }
      // With an error listener, send writes nothing: a failed precondition (412) or an unsatisfiable
      // range (416, Content-Range already set) goes out here, with an empty body as ASP.NET Core sends it.
      if (!started || res.headersSent) {
        reject(err);
        return;
      }
      res.statusCode = err.status ?? 500;
      res.setHeader('Content-Length', '0');
      res.end();
    });
    const done = () => resolvePromise(true);
    res.once('finish', done);
    res.once('close', done);
    stream.pipe(res);
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
