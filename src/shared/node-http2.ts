/**
 * `node:http2`, loaded when a process first uses HTTP/2 (an HTTP/2 endpoint, or a ClientWebSocket asking for
 * HTTP/2) rather than when it imports dotnet-ws: most processes never need it, and what a process loads at
 * start-up grows V8's young generation for its whole life (see the c2s note in bench/run.mjs).
 */
import { createRequire } from 'node:module';
import type http2 from 'node:http2';

let loaded: typeof http2 | null = null;

/** The `node:http2` module. */
export function nodeHttp2(): typeof http2 {
  return (loaded ??= createRequire(import.meta.url)('node:http2') as typeof http2);
}
