// The scenario lists of the differential suite (test/interop/dotnet.test.ts). A name is the request path's
// last segment and the case label in the C# and TypeScript halves.
import { rawCases, rawClientCases, rawServerCases } from './raw.js';

/** A client half and a server half: every pairing of a .NET or dotnet-ws client with a .NET or dotnet-ws server. */
export const paired = [
  'echo-client-close',
  'echo-server-close',
  'server-closeasync',
  'closeoutput-then-receive',
  'closeoutput-pending-receive',
  'closeasync-pending-receive',
  'close-twice',
  'large-message',
  'small-buffers',
  'fragmented',
  'fragmented-empty',
  'empty-messages',
  'memory-overloads',
  'zero-byte-receive',
  'segment-offset',
  'concurrent-receives',
  'concurrent-sends',
  'close-discards-data',
  'dispose-pending-receive',
  'abort-pending-receive',
  'client-dispose-pending-receive',
  'client-abort-pending-receive',
  'close-1005-received',
  'close-1004-received',
  'close-2999-received',
  'close-5000-received',
  'close-validation',
  'close-empty-status',
  'close-reason-123-bytes',
  'drop-by-server',
  'dispose-by-server',
  'drop-by-client',
  'server-returns',
  'cancel-receive-client',
  'cancel-receive-server',
  'precanceled-send',
  'precanceled-receive',
  'precanceled-close',
  'precanceled-close-output',
  'subprotocol',
  'subprotocol-case',
  'subprotocol-none',
  'subprotocol-unrequested',
  'subprotocol-server-only',
  'subprotocol-mismatch',
  'options-after-connect',
  'connect-rejected',
] as const;

/** Paired, but only against the ASP.NET Core servers (Kestrel and the dotnet-ws WebApplication): compression, routing. */
export const aspnetOnly = [
  'deflate',
  'deflate-options',
  'deflate-refused',
  'deflate-not-offered',
  'deflate-flags',
  'connect-404',
  'connect-not-websocket',
] as const;

/**
 * Paired scenarios whose outcome on .NET 10 over HTTP/2 depends on timing: the client sends, then drops
 * its stream (Abort, or a cancelled operation that aborts), and Kestrel drops what it had not read yet
 * when the RST_STREAM arrives; .NET against .NET gave either transcript from one run to the next.
 */
const racyOverHttp2: ReadonlySet<string> = new Set(['drop-by-client', 'precanceled-send', 'precanceled-close', 'precanceled-close-output']);

/**
 * Paired scenarios run once more over HTTP/2 (RFC 8441), every client with HttpVersion 2.0 and
 * RequestVersionExact through one invoker, against Kestrel and the WebApplication on cleartext HTTP/2:
 * all but the racy ones (the CreateFromStream server has no HTTP/2).
 */
export const overHttp2 = [...paired, ...aspnetOnly].filter((n) => !racyOverHttp2.has(n));

/** Paired scenarios whose path no server half serves (the server answers 404 or 200 itself). */
export const unserved: ReadonlySet<string> = new Set(['connect-404', 'connect-not-websocket']);

/** A client half only (nothing serves it, or nothing listens). */
export const clientOnly = ['connect-refused', 'connect-bad-uri', 'not-connected', 'precanceled-connect'] as const;

/** No connection at all: constructors, setters, static helpers. */
export const api = [
  'api-create-from-stream',
  'api-creation-options',
  'api-deflate-options',
  'api-client-options',
  'api-array-segment',
  'api-receive-result',
  'api-exception',
  'api-buffers',
  'api-accept-context',
] as const;

/** Raw frames to both roles. */
export const rawBoth = Object.keys(rawCases).map((c) => `raw-${c}`);
/** Raw peers serving a client. */
export const rawClient = [...rawBoth, ...Object.keys(rawClientCases).map((c) => `raw-${c}`)];
/** Raw peers connecting to a server. */
export const rawServer = [...rawBoth, ...Object.keys(rawServerCases).map((c) => `raw-${c}`)];
/** Raw peers connecting to a CreateFromStream server (no HTTP stack, no compression: frames only). */
export const rawStream = rawServer.filter((n) => !/^raw-(get|upgrade|deflate)-/.test(n));
/** Raw server-role cases that are plain HTTP to a path no scenario serves (no server transcript). */
export const rawServerUnlogged = new Set(['raw-get-missing', 'raw-get-plain']);

/** The tutorial's programs: the .NET program, the dotnet-ws example, and what a client does with them. */
export const seeds = [
  { program: 'seed2', example: 'section2-methods.js', client: 'seed-one-message' },
  { program: 'seed3', example: 'section3-state.js', client: 'seed-echo' },
  { program: 'seed4', example: 'section4-receive-loop.js', client: 'seed-quiet' },
  { program: 'seed5', example: 'section5-controller.js', client: 'seed-echo' },
] as const;
