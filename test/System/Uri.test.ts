import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentNullException } from '../../src/System/ArgumentNullException.js';
import { FormatException } from '../../src/System/FormatException.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { Uri } from '../../src/System/Uri.js';
import { UriFormatException } from '../../src/System/UriFormatException.js';
import { UriKind } from '../../src/System/UriKind.js';

describe('Uri', () => {
  it.each([
    ['ws://example.com', 'ws', 'example.com', 80, '/', 'ws://example.com/', true],
    ['wss://example.com:8443/chat?room=1#top', 'wss', 'example.com', 8443, '/chat?room=1', 'wss://example.com:8443/chat?room=1#top', false],
    ['WS://EXAMPLE.com:80/a', 'ws', 'example.com', 80, '/a', 'ws://example.com/a', true],
    ['ws://[::1]:5000/', 'ws', '[::1]', 5000, '/', 'ws://[::1]:5000/', false],
    ['http://127.0.0.1', 'http', '127.0.0.1', 80, '/', 'http://127.0.0.1/', true],
    ['foo://host/x', 'foo', 'host', -1, '/x', 'foo://host/x', true],
  ])('parses %s', (text, scheme, host, port, pathAndQuery, absolute, isDefaultPort) => {
    const uri = new Uri(text);
    expect(uri.IsAbsoluteUri).toBe(true);
    expect(uri.Scheme).toBe(scheme);
    expect(uri.Host).toBe(host);
    expect(uri.Port).toBe(port);
    expect(uri.PathAndQuery).toBe(pathAndQuery);
    expect(uri.AbsoluteUri).toBe(absolute);
    expect(uri.IsDefaultPort).toBe(isDefaultPort);
    expect(uri.OriginalString).toBe(text);
    expect(`${uri}`).toBe(absolute);
  });

  it('reads the remaining parts', () => {
    const uri = new Uri('wss://user:pw@example.com:8443/chat/room?x=1#frag');
    expect(uri.AbsolutePath).toBe('/chat/room');
    expect(uri.Query).toBe('?x=1');
    expect(uri.Fragment).toBe('#frag');
    expect(uri.Authority).toBe('example.com:8443');
    expect(uri.UserInfo).toBe('user:pw');
    expect(new Uri('ws://[::1]/').DnsSafeHost).toBe('::1');
    expect(new Uri('ws://localhost/').IsLoopback).toBe(true);
    expect(new Uri('ws://example.com/').IsLoopback).toBe(false);
  });

  it('throws ArgumentNullException("uriString") for null', () => {
    expect(() => new Uri(null as unknown as string)).toThrow(ArgumentNullException);
  });

  it.each([
    ['', dotnetMessage('net_uri_EmptyUri')],
    ['/relative/path', dotnetMessage('net_uri_BadFormat')],
    ['example.com/chat', dotnetMessage('net_uri_BadFormat')],
    ['ws://exa mple.com/', dotnetMessage('net_uri_BadHostName')],
    ['ws://example.com:99999/', dotnetMessage('net_uri_BadPort')],
    ['ws://example.com:12ab/', dotnetMessage('net_uri_BadPort')],
  ])('throws UriFormatException for %j', (text, message) => {
    let error: unknown;
    try {
      new Uri(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UriFormatException);
    expect(error).toBeInstanceOf(FormatException);
    expect((error as Error).message).toBe(message);
    expect((error as Error).name).toBe('UriFormatException');
  });

  it('keeps a relative URI when asked, whose absolute parts throw InvalidOperationException', () => {
    const uri = new Uri('/chat', UriKind.Relative);
    expect(uri.IsAbsoluteUri).toBe(false);
    expect(uri.OriginalString).toBe('/chat');
    expect(uri.ToString()).toBe('/chat');
    expect(() => uri.Scheme).toThrow(InvalidOperationException);
    expect(() => uri.AbsoluteUri).toThrow(dotnetMessage('net_uri_NotAbsolute'));
    expect(new Uri('chat', UriKind.RelativeOrAbsolute).IsAbsoluteUri).toBe(false);
    expect(new Uri('ws://h/', UriKind.RelativeOrAbsolute).IsAbsoluteUri).toBe(true);
    expect(() => new Uri('ws://h/', UriKind.Relative)).toThrow(UriFormatException);
  });

  it('resolves a relative reference against a base', () => {
    const uri = new Uri(new Uri('ws://example.com/a/b'), 'c?d=1');
    expect(uri.AbsoluteUri).toBe('ws://example.com/a/c?d=1');
  });

  it('compares canonical forms', () => {
    expect(new Uri('WS://Example.com:80').Equals(new Uri('ws://example.com/'))).toBe(true);
    expect(new Uri('ws://example.com/a').Equals(new Uri('ws://example.com/b'))).toBe(false);
  });

  it('names the WebSocket schemes', () => {
    expect([Uri.UriSchemeWs, Uri.UriSchemeWss, Uri.UriSchemeHttp, Uri.UriSchemeHttps]).toEqual(['ws', 'wss', 'http', 'https']);
  });
});
