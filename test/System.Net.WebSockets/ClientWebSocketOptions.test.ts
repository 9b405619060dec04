import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Version } from '../../src/System/Version.js';
import { CookieContainer } from '../../src/System.Net/CookieContainer.js';
import { HttpVersion } from '../../src/System.Net/HttpVersion.js';
import { NetworkCredential } from '../../src/System.Net/NetworkCredential.js';
import { WebProxy } from '../../src/System.Net/WebProxy.js';
import { X509CertificateCollection } from '../../src/System.Security.Cryptography.X509Certificates/X509CertificateCollection.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';
import { ClientWebSocket } from '../../src/System.Net.WebSockets/ClientWebSocket.js';
import type { ClientWebSocketOptions } from '../../src/System.Net.WebSockets/ClientWebSocketOptions.js';
import { WebSocketDeflateOptions } from '../../src/System.Net.WebSockets/WebSocketDeflateOptions.js';
import { startWsPeer } from '../helpers/servers.js';
import { thrown } from '../helpers/errors.js';
import { closeAfter } from '../helpers/clients.js';

function options(): ClientWebSocketOptions {
  return new ClientWebSocket().Options;
}

/** Catches a synchronous throw. */

describe('ClientWebSocketOptions', () => {
  it('has .NET defaults', () => {
    const o = options();
    expect(o.KeepAliveInterval.Equals(TimeSpan.FromSeconds(30))).toBe(true);
    expect(o.KeepAliveTimeout.Equals(Timeout.InfiniteTimeSpan)).toBe(true);
    expect(o.UseDefaultCredentials).toBe(false);
    expect(o.Credentials).toBeNull();
    expect(o.Proxy).not.toBeNull();
    expect(o.Cookies).toBeNull();
    expect(o.RemoteCertificateValidationCallback).toBeNull();
    expect(o.DangerousDeflateOptions).toBeNull();
    expect(o.CollectHttpResponseDetails).toBe(false);
    expect(o.HttpVersion.Equals(HttpVersion.Version11)).toBe(true);
    expect(o.ClientCertificates).toBeInstanceOf(X509CertificateCollection);
    expect(o.ClientCertificates.Count).toBe(0);
  });

  it('throws NotSupportedException from the default proxy sentinel, as .NET does', () => {
    expect(() => options().Proxy!.Credentials).toThrow(expect.objectContaining({ name: 'NotSupportedException' }));
  });
});

describe('#KeepAliveInterval', () => {
  it.each([
    ['Zero', TimeSpan.Zero],
    ['MaxValue', TimeSpan.MaxValue],
    ['InfiniteTimeSpan', Timeout.InfiniteTimeSpan],
    ['one second', TimeSpan.FromSeconds(1)],
  ])('accepts %s', (_name, value) => {
    const o = options();
    o.KeepAliveInterval = value;
    expect(o.KeepAliveInterval).toBe(value);
  });

  it.each(['KeepAliveInterval', 'KeepAliveTimeout'] as const)(
    'throws ArgumentOutOfRangeException("value") for %s = MinValue and -2 ms',
    (property) => {
      for (const value of [TimeSpan.MinValue, TimeSpan.FromMilliseconds(-2)]) {
        const e = thrown(() => {
          options()[property] = value;
        });
        expect(e).toBeInstanceOf(ArgumentOutOfRangeException);
        expect((e as ArgumentOutOfRangeException).ParamName).toBe('value');
        expect(e.message).toBe(
          new ArgumentOutOfRangeException('value', value, dotnetMessage('net_WebSockets_ArgumentOutOfRange_TooSmall', '-00:00:00.0010000'))
            .message,
        );
      }
    },
  );
});

describe('#AddSubProtocol', () => {
  // .NET 10: ArgumentException.ThrowIfNullOrWhiteSpace (ArgumentNullException for null).
  it('throws ArgumentException("subProtocol") for an empty or white-space name', () => {
    for (const p of ['', '   ']) {
      const e = thrown(() => options().AddSubProtocol(p));
      expect(e).toBeInstanceOf(ArgumentException);
      expect(e.message).toBe(`${dotnetMessage('Argument_EmptyOrWhiteSpaceString')} (Parameter 'subProtocol')`);
    }
  });

  it('throws ArgumentNullException("subProtocol") for null', () => {
    const e = thrown(() => options().AddSubProtocol(null as unknown as string));
    expect(e).toBeInstanceOf(ArgumentNullException);
    expect(e.message).toBe(`${dotnetMessage('ArgumentNull_Generic')} (Parameter 'subProtocol')`);
  });

  it.each([
    ['a b', '[32]'],
    ['a,b', ','],
    ['chat/1', '/'],
    ['\u00ff', '[255]'],
    ['a\tb', '[9]'],
  ])('throws ArgumentException("subProtocol") for %j naming %j', (p, ch) => {
    const e = thrown(() => options().AddSubProtocol(p));
    expect(e).toBeInstanceOf(ArgumentException);
    expect((e as ArgumentException).ParamName).toBe('subProtocol');
    expect(e.message).toBe(
      new ArgumentException(dotnetMessage('net_WebSockets_InvalidCharInProtocolString', p, ch), 'subProtocol').message,
    );
  });

  it('refuses a duplicate, compared case-insensitively', () => {
    const o = options();
    o.AddSubProtocol('chat');
    const e = thrown(() => o.AddSubProtocol('CHAT'));
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.message).toBe(new ArgumentException(dotnetMessage('net_WebSockets_NoDuplicateProtocol', 'CHAT'), 'subProtocol').message);
  });
});

describe('#SetRequestHeader', () => {
  it('throws ArgumentNullException for an empty name', () => {
    expect(thrown(() => options().SetRequestHeader('', 'x'))).toBeInstanceOf(ArgumentNullException);
  });

  it.each(['bad name', 'a:b', 'x(y)', 'ü'])('throws ArgumentException("name") for %j', (name) => {
    const e = thrown(() => options().SetRequestHeader(name, 'x'));
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.message).toBe(new ArgumentException(dotnetMessage('net_WebHeaderInvalidHeaderChars', name), 'name').message);
  });

  it.each([
    ['a\rb', dotnetMessage('net_WebHeaderInvalidCRLFChars')],
    ['a\r\nb', dotnetMessage('net_WebHeaderInvalidControlChars')],
    ['a\u0001b', dotnetMessage('net_WebHeaderInvalidControlChars')],
  ])('throws ArgumentException("value") for %j', (value, message) => {
    const e = thrown(() => options().SetRequestHeader('X-Test', value));
    expect(e).toBeInstanceOf(ArgumentException);
    expect(e.message).toBe(new ArgumentException(message, 'value').message);
  });

  it('accepts a folded value and null', () => {
    const o = options();
    expect(() => o.SetRequestHeader('X-Folded', 'a\r\n b')).not.toThrow();
    expect(() => o.SetRequestHeader('X-Null', null)).not.toThrow();
  });
});

describe('#SetBuffer', () => {
  it.each([
    [0, 1, 'receiveBufferSize'],
    [-1, 1, 'receiveBufferSize'],
    [1, 0, 'sendBufferSize'],
  ])('throws ArgumentOutOfRangeException for (%i, %i) naming %s', (r, s, param) => {
    const e = thrown(() => options().SetBuffer(r, s));
    expect(e).toBeInstanceOf(ArgumentOutOfRangeException);
    expect((e as ArgumentOutOfRangeException).ParamName).toBe(param);
    const value = param === 'receiveBufferSize' ? r : s;
    expect(e.message).toBe(
      `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero', param, value)} (Parameter '${param}')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', value)}`,
    );
  });

  it('validates the segment: null array → "buffer.Array", empty → "buffer"', () => {
    const noArray = thrown(() => options().SetBuffer(1, 1, new ArraySegment<Uint8Array>()));
    expect(noArray).toBeInstanceOf(ArgumentNullException);
    expect((noArray as ArgumentNullException).ParamName).toBe('buffer.Array');
    const empty = thrown(() => options().SetBuffer(1, 1, new ArraySegment(new Uint8Array(4), 0, 0)));
    expect(empty).toBeInstanceOf(ArgumentOutOfRangeException);
    expect((empty as ArgumentOutOfRangeException).ParamName).toBe('buffer');
    expect(empty.message).toBe(
      `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonZero', 'buffer', 0)} (Parameter 'buffer')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', 0)}`,
    );
    options().SetBuffer(16, 16, new ArraySegment(new Uint8Array(16)));
  });
});

describe('#HttpVersion', () => {
  it('throws ArgumentNullException("value") for null', () => {
    const e = thrown(() => {
      options().HttpVersion = null as unknown as Version;
    });
    expect(e).toBeInstanceOf(ArgumentNullException);
    expect((e as ArgumentNullException).ParamName).toBe('value');
  });

  it('is read-only once ConnectAsync was called with HTTP/2', async () => {
    const ws = new ClientWebSocket();
    ws.Options.HttpVersion = HttpVersion.Version20;
    const connecting = ws.ConnectAsync('ws://127.0.0.1:1');
    const e = thrown(() => {
      ws.Options.HttpVersion = new Version(1, 1);
    });
    expect(e.name).toBe('InvalidOperationException');
    await connecting.catch(() => {});
  });
});

describe('#ClientCertificates', () => {
  it('throws ArgumentNullException("value") when set to null', () => {
    const e = thrown(() => {
      options().ClientCertificates = null as unknown as X509CertificateCollection;
    });
    expect(e).toBeInstanceOf(ArgumentNullException);
  });
});

describe('after ConnectAsync', () => {
  const mutators: Array<[string, (o: ClientWebSocketOptions) => void]> = [
    ['SetRequestHeader', (o) => o.SetRequestHeader('X-A', 'b')],
    ['AddSubProtocol', (o) => o.AddSubProtocol('chat')],
    ['KeepAliveInterval', (o) => (o.KeepAliveInterval = TimeSpan.Zero)],
    ['KeepAliveTimeout', (o) => (o.KeepAliveTimeout = TimeSpan.Zero)],
    ['UseDefaultCredentials', (o) => (o.UseDefaultCredentials = true)],
    ['Credentials', (o) => (o.Credentials = new NetworkCredential('u', 'p'))],
    ['Proxy', (o) => (o.Proxy = new WebProxy('http://127.0.0.1:1'))],
    ['ClientCertificates', (o) => (o.ClientCertificates = new X509CertificateCollection())],
    ['RemoteCertificateValidationCallback', (o) => (o.RemoteCertificateValidationCallback = () => true)],
    ['Cookies', (o) => (o.Cookies = new CookieContainer())],
    ['SetBuffer', (o) => o.SetBuffer(16, 16)],
    ['HttpVersion', (o) => (o.HttpVersion = HttpVersion.Version11)],
    // .NET 10 locks it too (the differential suite's options-after-connect).
    ['CollectHttpResponseDetails', (o) => (o.CollectHttpResponseDetails = true)],
  ];

  it.each(mutators)('%s throws InvalidOperationException "The WebSocket has already been started."', async (_name, mutate) => {
    const peer = await startWsPeer();
    closeAfter(peer);
    const ws = new ClientWebSocket();
    await ws.ConnectAsync(peer.url);
    const e = thrown(() => mutate(ws.Options));
    expect(e).toBeInstanceOf(InvalidOperationException);
    expect(e.message).toBe(dotnetMessage('net_WebSockets_AlreadyStarted'));
    ws.Dispose();
  });

  it('leaves DangerousDeflateOptions and ClientCertificates settable, as .NET does', async () => {
    const peer = await startWsPeer();
    closeAfter(peer);
    const ws = new ClientWebSocket();
    await ws.ConnectAsync(peer.url);
    const deflate = new WebSocketDeflateOptions();
    ws.Options.DangerousDeflateOptions = deflate;
    ws.Options.ClientCertificates.Clear();
    expect([ws.Options.DangerousDeflateOptions, ws.Options.CollectHttpResponseDetails, ws.Options.ClientCertificates.Count]).toEqual([
      deflate,
      false,
      0,
    ]);
    ws.Dispose();
  });
});
