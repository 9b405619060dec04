// ClientWebSocket's opening handshake over ws (docs/behaviour.md#connect, docs/behaviour.md#ws-client-handshake): one or two HTTP attempts (the
// second answers a 401 Basic challenge), the response checked in .NET's order with .NET's errors, and
// the ManagedWebSocket built on the socket ws hands over (src/shared/ws-handoff.ts). Cancellation, Abort and Dispose terminate
// whatever is in flight; no failure leaves a socket or a timer behind.
import { createHash } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { SR } from '../Resources/SR.js';
import { ObjectDisposedException } from '../System/ObjectDisposedException.js';
import { OperationCanceledException } from '../System/OperationCanceledException.js';
import { TaskCanceledException } from '../System/TaskCanceledException.js';
import type { Uri } from '../System/Uri.js';
import { cookieContainerSetCookieFromResponse } from '../System.Net/CookieContainer.js';
import { certificateTlsMaterial } from '../System.Security.Cryptography.X509Certificates/X509Certificate.js';
import type { CancellationToken } from '../System.Threading/CancellationToken.js';
import type { ClientWebSocketOptions } from '../System.Net.WebSockets/ClientWebSocketOptions.js';
import { clientWebSocketOptionsInternals } from '../System.Net.WebSockets/ClientWebSocketOptions.js';
import { ManagedWebSocket } from '../System.Net.WebSockets/ManagedWebSocket.js';
import { WebSocketError } from '../System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../System.Net.WebSockets/WebSocketException.js';
import { resolveProxy } from './default-proxy.js';
import { HttpResponseHeaders } from './response-headers.js';
import { basicAuthorization, connectionFactory } from './transport.js';
import type { ClientTlsOptions, TransportSettings } from './transport.js';
import { acceptServerDeflateResponse, clientDeflateOffer, isDeflateNegotiationFailure } from '../protocol/deflate-negotiation.js';
import type { ClientDeflateSettings, DeflateParameters } from '../protocol/deflate-negotiation.js';
import { negotiationFailureMessage } from '../shared/deflate-messages.js';
import { HANDSHAKE_CLIENT_OPTIONS, HandoffWebSocket } from '../shared/ws-handoff.js';
import { connectHttp2, handshakePlan } from './http2.js';
import type { Http2SessionPool } from './http2.js';

/** RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The .NET type name an ObjectDisposedException of a ClientWebSocket carries. */
export const CLIENT_WEBSOCKET_TYPE_NAME = 'System.Net.WebSockets.ClientWebSocket';

/** Why an in-flight connect was stopped from outside. */
export type StopReason = 'canceled' | 'aborted' | 'disposed';

/** Told about every HTTP response of the handshake (the last one wins). */
export type ResponseListener = (statusCode: number, headers: HttpResponseHeaders) => void;

/** How one attempt ended. */
type Outcome =
  { kind: 'open'; webSocket: ManagedWebSocket } | { kind: 'challenge'; authorization: string } | { kind: 'failed'; error: Error };

/** .NET's ValidateHeader: exactly one value, equal ignoring case. */
function validateHeader(res: IncomingMessage, name: string, expected: string): WebSocketException | null {
  const raw = res.headers[name.toLowerCase()];
  if (raw === undefined) {
    return new WebSocketException(WebSocketError.Faulted, SR.Format(SR.net_WebSockets_MissingResponseHeader, name));
  }
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim());
  if (values.length !== 1 || values[0]!.toLowerCase() !== expected.toLowerCase()) {
    return new WebSocketException(WebSocketError.HeaderError, SR.Format(SR.net_WebSockets_InvalidResponseHeader, name, values.join(', ')));
  }
  return null;
}

/** RFC 6455 §4.1: the Connection, Upgrade and Sec-WebSocket-Accept checks of a 101, in .NET's order. */
function validateUpgradeHeaders(res: IncomingMessage, key: string): WebSocketException | null {
  const expectedAccept = createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
  return (
    validateHeader(res, 'Connection', 'Upgrade') ??
    validateHeader(res, 'Upgrade', 'websocket') ??
    validateHeader(res, 'Sec-WebSocket-Accept', expectedAccept)
  );
}

/** One ClientWebSocket.ConnectAsync in flight. */
export class ClientConnector {
  readonly #uri: Uri;
  readonly #options: ClientWebSocketOptions;
  readonly #token: CancellationToken;
  readonly #onResponse: ResponseListener;
  /** Set once by cancel/abort/dispose; the first reason wins. */
  #stopReason: StopReason | null = null;
  /** The token was already cancelled when the connect began. */
  #canceledBeforeStart = false;
  /** The ws client of the current attempt. */
  #raw: HandoffWebSocket | null = null;
  /** Sockets and requests of the current attempt's transport. */
  #resources: Array<{ destroy(): void }> = [];
  /** The HttpMessageInvoker's HTTP/2 connections (ConnectAsync with an invoker), or null. */
  readonly #pool: Http2SessionPool | null;

  constructor(
    uri: Uri,
    options: ClientWebSocketOptions,
    token: CancellationToken,
    onResponse: ResponseListener,
    pool: Http2SessionPool | null = null,
  ) {
    this.#uri = uri;
    this.#options = options;
    this.#token = token;
    this.#onResponse = onResponse;
    this.#pool = pool;
  }

  /** The certificate callback: the invoker's handler's when there is an invoker, else the options'. */
  #validationCallback(): ClientWebSocketOptions['RemoteCertificateValidationCallback'] {
    if (this.#uri.Scheme !== 'wss') return null;
    return this.#pool !== null ? this.#pool.validation() : this.#options.RemoteCertificateValidationCallback;
  }

  #deflateSettings(): ClientDeflateSettings | null {
    const deflateOptions = this.#options.DangerousDeflateOptions;
    return deflateOptions === null
      ? null
      : {
          clientMaxWindowBits: deflateOptions.ClientMaxWindowBits,
          clientContextTakeover: deflateOptions.ClientContextTakeover,
          serverMaxWindowBits: deflateOptions.ServerMaxWindowBits,
          serverContextTakeover: deflateOptions.ServerContextTakeover,
        };
  }

  /** RFC 8441 over HTTP/2 (src/client/http2.ts); 'downgrade' when HTTP/1.1 is to follow. */
  async #attemptHttp2(allowDowngrade: boolean): Promise<ManagedWebSocket | 'downgrade'> {
    this.#resources = [];
    const uri = this.#uri;
    const deflate = this.#deflateSettings();
    try {
      const outcome = await connectHttp2({
        uri,
        transport: {
          uri,
          proxy: resolveProxy(this.#options.Proxy, uri),
          tls: uri.Scheme === 'wss' ? this.#tlsOptions() : {},
          validationCallback: this.#validationCallback(),
          track: (resource) => {
            this.#resources.push(resource);
            if (this.#stopReason !== null) resource.destroy();
          },
        },
        allowDowngrade,
        headers: this.#headers(null, deflate, false),
        requestedProtocols: clientWebSocketOptionsInternals(this.#options).requestedSubProtocols,
        deflate,
        keepAliveInterval: this.#options.KeepAliveInterval,
        keepAliveTimeout: this.#options.KeepAliveTimeout,
        pool: this.#pool,
        collect: (status, rawHeaders, setCookies) => {
          const cookies = this.#options.Cookies;
          if (cookies !== null) for (const value of setCookies) cookieContainerSetCookieFromResponse(cookies, uri, value);
          if (this.#options.CollectHttpResponseDetails) this.#onResponse(status, HttpResponseHeaders.fromRaw(rawHeaders));
        },
      });
      if (this.#stopReason !== null) {
        if (outcome.kind === 'open') outcome.webSocket.Abort();
        throw this.#stoppedError();
      }
      return outcome.kind === 'open' ? outcome.webSocket : 'downgrade';
    } catch (e) {
      if (this.#stopReason !== null) throw this.#stoppedError();
      throw e;
    } finally {
      this.#resources = [];
    }
  }

  /** Stops the connect: terminates the attempt in flight; the connect then fails for `reason`. */
  stop(reason: StopReason): void {
    if (this.#stopReason !== null) return;
    this.#stopReason = reason;
    const raw = this.#raw;
    if (raw !== null && raw.readyState === HandoffWebSocket.CONNECTING) raw.terminate();
    for (const r of this.#resources) r.destroy();
  }

  /** Runs the handshake; resolves with the open socket or rejects with .NET's exception. */
  async run(): Promise<ManagedWebSocket> {
    this.#canceledBeforeStart = this.#token.IsCancellationRequested;
    const registration = this.#token.Register(() => this.stop('canceled'));
    try {
      // .NET's choice between an extended CONNECT over HTTP/2 and an HTTP/1.1 upgrade.
      const plan = handshakePlan(this.#options.HttpVersion, this.#options.HttpVersionPolicy, this.#uri.Scheme === 'wss');
      if (plan.kind === 'unsupported') throw new WebSocketException(WebSocketError.UnsupportedProtocol);
      if (plan.kind === 'http2') {
        if (this.#stopReason !== null) throw this.#stoppedError();
        const opened = await this.#attemptHttp2(plan.allowDowngrade);
        if (opened !== 'downgrade') return opened;
      }
      let authorization: string | null = null;
      for (;;) {
        if (this.#stopReason !== null) throw this.#stoppedError();
        const outcome = await this.#attempt(authorization);
        if (outcome.kind === 'open') return outcome.webSocket;
        if (outcome.kind === 'challenge' && authorization === null) {
          authorization = outcome.authorization;
          continue;
        }
        throw outcome.kind === 'failed'
          ? outcome.error
          : new WebSocketException(WebSocketError.NotAWebSocket, SR.Format(SR.net_WebSockets_Connect101Expected, 401));
      }
    } finally {
      registration.Dispose();
    }
  }

  #stoppedError(): Error {
    switch (this.#stopReason) {
      case 'canceled':
        // .NET 10: a token cancelled beforehand gives the cancelled task's "A task was canceled.", one
        // cancelled during the handshake HttpClient's "The operation was canceled.".
        return this.#canceledBeforeStart
          ? new TaskCanceledException(undefined, null, this.#token)
          : new TaskCanceledException(SR.OperationCanceled, null, this.#token);
      case 'disposed':
        return new ObjectDisposedException(CLIENT_WEBSOCKET_TYPE_NAME);
      default:
        return new WebSocketException(
          WebSocketError.Faulted,
          SR.net_webstatus_ConnectFailure,
          new OperationCanceledException(SR.OperationCanceled),
        );
    }
  }

  /**
   * The request's headers. Over HTTP/1.1 in .NET 10's order: Host, the application's headers, Connection,
   * Upgrade, Sec-WebSocket-Key, Sec-WebSocket-Version, [-Protocol], [-Extensions]. ws spreads its own
   * Connection, Upgrade and Sec-WebSocket-Key/-Version over this object, which keeps the keys where they
   * are (ws's spellings) and only replaces the values (the key is ws's); Node keeps a Host header given.
   */
  #headers(authorization: string | null, deflate: ClientDeflateSettings | null, http1: boolean): Record<string, string> {
    const internals = clientWebSocketOptionsInternals(this.#options);
    const headers: Record<string, string> = {};
    const custom = internals.requestHeaders;
    if (http1 && !custom.some(([name]) => name.toLowerCase() === 'host')) headers.Host = this.#uri.Authority;
    for (const [name, value] of custom) headers[name] = value;
    if (http1) {
      headers.Connection = 'Upgrade';
      headers.Upgrade = 'websocket';
      headers['Sec-WebSocket-Key'] = '';
      headers['Sec-WebSocket-Version'] = '13';
    }
    const protocols = internals.requestedSubProtocols;
    // docs/behaviour.md#ws-client-handshake: ws would refuse a server that picks none; send the header ourselves and check it.
    if (protocols.length > 0) headers['Sec-WebSocket-Protocol'] = protocols.join(', ');
    const cookies = this.#options.Cookies;
    if (cookies !== null) {
      const header = cookies.GetCookieHeader(this.#uri);
      if (header !== '') {
        const existing = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
        if (existing !== undefined) headers[existing] = `${headers[existing]}; ${header}`;
        else headers.Cookie = header;
      }
    }
    if (authorization !== null) headers.Authorization = authorization;
    if (deflate !== null) headers['Sec-WebSocket-Extensions'] = clientDeflateOffer(deflate);
    return headers;
  }

  #tlsOptions(): ClientTlsOptions {
    const certificates = clientWebSocketOptionsInternals(this.#options).clientCertificates;
    const cert: string[] = [];
    const key: string[] = [];
    const pfx: Array<{ buf: Buffer; passphrase?: string }> = [];
    for (const certificate of certificates ?? []) {
      const material = certificateTlsMaterial(certificate);
      if (material === null) continue;
      if (material.kind === 'pem') {
        cert.push(material.cert);
        key.push(material.key);
      } else {
        pfx.push({ buf: material.pfx, ...(material.passphrase === undefined ? {} : { passphrase: material.passphrase }) });
      }
    }
    const options: ClientTlsOptions = {};
    if (cert.length > 0) Object.assign(options, { cert, key });
    if (pfx.length > 0) options.pfx = pfx;
    return options;
  }

  #collect(res: IncomingMessage): void {
    const cookies = this.#options.Cookies;
    if (cookies !== null) {
      for (const value of res.headers['set-cookie'] ?? []) cookieContainerSetCookieFromResponse(cookies, this.#uri, value);
    }
    if (this.#options.CollectHttpResponseDetails) {
      this.#onResponse(res.statusCode ?? 0, HttpResponseHeaders.fromRaw(res.rawHeaders));
    }
  }

  #attempt(authorization: string | null): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      this.#resources = [];
      const uri = this.#uri;
      const url = new URL(uri.AbsoluteUri);
      // HTTP sends neither a fragment nor, with .NET, the URI's user info.
      url.hash = '';
      url.username = '';
      url.password = '';
      const proxy = resolveProxy(this.#options.Proxy, uri);
      const settings: TransportSettings = {
        uri,
        proxy,
        tls: uri.Scheme === 'wss' ? this.#tlsOptions() : {},
        validationCallback: this.#validationCallback(),
        track: (resource) => {
          this.#resources.push(resource);
          if (this.#stopReason !== null) resource.destroy();
        },
      };
      const requestedProtocols = clientWebSocketOptionsInternals(this.#options).requestedSubProtocols;
      const deflate = this.#deflateSettings();
      let agreed: DeflateParameters | null = null;
      let key = '';
      let failure: Error | null = null;
      let challenge: string | null = null;
      let lastError: Error | null = null;
      let subProtocol: string | null = null;
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        this.#raw = null;
        resolve(outcome);
      };

      const createConnection = connectionFactory(settings, deflate !== null);
      let raw: HandoffWebSocket;
      try {
        raw = new HandoffWebSocket(url, undefined, {
          ...HANDSHAKE_CLIENT_OPTIONS,
          ...settings.tls,
          headers: this.#headers(authorization, deflate, true),
          finishRequest: (req: ClientRequest) => {
            key = String(req.getHeader('sec-websocket-key') ?? '');
            req.end();
          },
          ...(createConnection !== undefined ? { createConnection } : {}),
        } as ConstructorParameters<typeof HandoffWebSocket>[2]);
      } catch (e) {
        settle({ kind: 'failed', error: new WebSocketException(WebSocketError.Faulted, SR.net_webstatus_ConnectFailure, e as Error) });
        return;
      }
      this.#raw = raw;

      raw.on('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
        this.#collect(res);
        const status = res.statusCode ?? 0;
        if (status === 401 && authorization === null) {
          challenge = basicAuthorization(res.headers['www-authenticate'], this.#options.Credentials, uri);
        }
        if (challenge === null) {
          // Node only upgrades a 101 that says "Connection: upgrade"; .NET checks the headers of any 101.
          failure =
            (status === 101 ? validateUpgradeHeaders(res, key) : null) ??
            new WebSocketException(WebSocketError.NotAWebSocket, SR.Format(SR.net_WebSockets_Connect101Expected, status));
        }
        res.resume();
        raw.terminate();
      });

      raw.on('upgrade', (res: IncomingMessage) => {
        this.#collect(res);
        failure = validateUpgradeHeaders(res, key);
        if (failure === null) {
          const offered = res.headers['sec-websocket-protocol'];
          // ws would compare case-sensitively and refuse "none chosen": .NET does neither (docs/behaviour.md#ws-client-handshake).
          delete res.headers['sec-websocket-protocol'];
          const chosen = offered === undefined ? '' : offered.split(',')[0]!.trim();
          if (chosen !== '') {
            subProtocol = requestedProtocols.find((p) => p.toLowerCase() === chosen.toLowerCase()) ?? null;
            if (subProtocol === null) {
              failure = new WebSocketException(
                WebSocketError.UnsupportedProtocol,
                SR.Format(SR.net_WebSockets_AcceptUnsupportedProtocol, requestedProtocols.join(', '), offered),
              );
            }
          }
        }
        // dotnet-ws negotiates compression itself (ws was told not to, and would refuse the header).
        delete res.headers['sec-websocket-extensions'];
        // Without DangerousDeflateOptions .NET ignores the extensions the server names.
        if (failure === null && deflate !== null) {
          // .NET reads each header line on its own (it never splits one at commas).
          const lines: string[] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]!.toLowerCase() === 'sec-websocket-extensions') lines.push(res.rawHeaders[i + 1]!);
          }
          const answer = acceptServerDeflateResponse(lines.length === 0 ? undefined : lines, deflate);
          if (isDeflateNegotiationFailure(answer)) {
            failure = new WebSocketException(answer.webSocketErrorCode as WebSocketError, negotiationFailureMessage(answer));
          } else {
            agreed = answer;
          }
        }
        if (failure !== null) raw.terminate();
      });

      const onError = (err: Error) => {
        lastError ??= err;
      };
      raw.on('error', onError);

      raw.onHandoff = (socket, head) => {
        // Synchronously, before any frame that arrived with the 101 response can be lost.
        let webSocket: ManagedWebSocket;
        try {
          webSocket = new ManagedWebSocket(socket, head, {
            IsServer: false,
            SubProtocol: subProtocol,
            KeepAliveInterval: this.#options.KeepAliveInterval,
            KeepAliveTimeout: this.#options.KeepAliveTimeout,
            deflate: agreed,
            httpClientStream: true,
          });
        } catch (e) {
          socket.destroy();
          settle({ kind: 'failed', error: new WebSocketException(WebSocketError.Faulted, SR.net_webstatus_ConnectFailure, e as Error) });
          return;
        }
        raw.removeListener('close', onClose);
        raw.removeListener('error', onError);
        this.#resources = [];
        settle({ kind: 'open', webSocket });
      };

      const onClose = () => {
        for (const r of this.#resources) r.destroy();
        this.#resources = [];
        if (this.#stopReason !== null) settle({ kind: 'failed', error: this.#stoppedError() });
        else if (failure !== null) settle({ kind: 'failed', error: failure });
        else if (challenge !== null) settle({ kind: 'challenge', authorization: challenge });
        else {
          settle({
            kind: 'failed',
            error: new WebSocketException(WebSocketError.Faulted, SR.net_webstatus_ConnectFailure, lastError ?? undefined),
          });
        }
      };
      raw.on('close', onClose);
    });
  }
}
