import { describe, expect, it } from 'vitest';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { Uri } from '../../src/System/Uri.js';
import { NetworkCredential } from '../../src/System.Net/NetworkCredential.js';
import { WebProxy } from '../../src/System.Net/WebProxy.js';

describe('WebProxy', () => {
  const destination = new Uri('ws://example.com/chat');

  it('sends everything through its address by default, loopback included', () => {
    const proxy = new WebProxy('http://127.0.0.1:3128');
    expect(proxy.Address!.AbsoluteUri).toBe('http://127.0.0.1:3128/');
    expect(proxy.IsBypassed(destination)).toBe(false);
    expect(proxy.IsBypassed(new Uri('ws://127.0.0.1:5000/'))).toBe(false);
    expect(proxy.GetProxy(destination)!.AbsoluteUri).toBe('http://127.0.0.1:3128/');
  });

  it('reads "host:port" as an http address and (host, port) as one too', () => {
    expect(new WebProxy('proxy.local:8080').Address!.AbsoluteUri).toBe('http://proxy.local:8080/');
    expect(new WebProxy('proxy.local', 8080).Address!.AbsoluteUri).toBe('http://proxy.local:8080/');
  });

  it('bypasses everything without an address', () => {
    const proxy = new WebProxy();
    expect(proxy.IsBypassed(destination)).toBe(true);
    expect(proxy.GetProxy(destination)).toBe(destination);
  });

  it('bypasses local hosts with BypassProxyOnLocal and matches the bypass list', () => {
    const proxy = new WebProxy('http://proxy:1', true, ['example\\.com$']);
    expect(proxy.IsBypassed(new Uri('ws://localhost/'))).toBe(true);
    expect(proxy.IsBypassed(new Uri('ws://intranet/'))).toBe(true);
    expect(proxy.IsBypassed(destination)).toBe(true);
    expect(proxy.IsBypassed(new Uri('ws://example.org/'))).toBe(false);
    expect(proxy.BypassList).toEqual(['example\\.com$']);
  });

  it('throws ArgumentException for an invalid bypass pattern', () => {
    expect(() => new WebProxy('http://proxy:1', false, ['('])).toThrow(ArgumentException);
  });

  it('keeps credentials', () => {
    const credential = new NetworkCredential('u', 'p');
    expect(new WebProxy('http://proxy:1', false, null, credential).Credentials).toBe(credential);
    expect(credential.GetCredential(destination, 'Basic')).toBe(credential);
    expect(new NetworkCredential().UserName).toBe('');
  });
});
