import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { ArgumentException } from '../../src/System/ArgumentException.js';
import { Uri } from '../../src/System/Uri.js';
import { Cookie } from '../../src/System.Net/Cookie.js';
import { CookieContainer } from '../../src/System.Net/CookieContainer.js';
import { CookieException } from '../../src/System.Net/CookieException.js';

describe('CookieContainer', () => {
  describe('#GetCookieHeader', () => {
    it('sends a host-only cookie to its host and not to a subdomain', () => {
      const jar = new CookieContainer();
      jar.Add(new Uri('ws://example.com/chat'), new Cookie('sid', '42'));
      expect(jar.GetCookieHeader(new Uri('ws://example.com/chat'))).toBe('sid=42');
      expect(jar.GetCookieHeader(new Uri('wss://example.com/other'))).toBe('sid=42');
      expect(jar.GetCookieHeader(new Uri('ws://api.example.com/'))).toBe('');
      expect(jar.GetCookieHeader(new Uri('ws://example.org/'))).toBe('');
    });

    it('sends a domain cookie to the domain and its subdomains', () => {
      const jar = new CookieContainer();
      jar.Add(new Cookie('a', '1', '/', 'example.com'));
      expect(jar.GetCookieHeader(new Uri('ws://example.com/'))).toBe('a=1');
      expect(jar.GetCookieHeader(new Uri('ws://api.example.com/x'))).toBe('a=1');
      expect(jar.GetCookieHeader(new Uri('ws://badexample.com/'))).toBe('');
    });

    it('matches paths by RFC 6265 rules, longest first', () => {
      const jar = new CookieContainer();
      jar.Add(new Cookie('root', 'r', '/', 'example.com'));
      jar.Add(new Cookie('chat', 'c', '/chat', 'example.com'));
      expect(jar.GetCookieHeader(new Uri('ws://example.com/chat/room'))).toBe('chat=c; root=r');
      expect(jar.GetCookieHeader(new Uri('ws://example.com/chatter'))).toBe('root=r');
    });

    it('sends Secure cookies only over wss/https and drops expired ones', () => {
      const jar = new CookieContainer();
      const secure = new Cookie('s', '1', '/', 'example.com');
      secure.Secure = true;
      jar.Add(secure);
      const old = new Cookie('old', 'x', '/', 'example.com');
      jar.Add(old);
      old.Expired = true;
      expect(jar.GetCookieHeader(new Uri('ws://example.com/'))).toBe('');
      expect(jar.GetCookieHeader(new Uri('wss://example.com/'))).toBe('s=1');
      expect(jar.Count).toBe(1);
    });
  });

  describe('#Add', () => {
    it('throws ArgumentException("cookie") for a cookie without a domain', () => {
      expect(() => new CookieContainer().Add(new Cookie('a', 'b'))).toThrow(ArgumentException);
      expect(() => new CookieContainer().Add(new Cookie('a', 'b'))).toThrow(dotnetMessage('net_emptystringcall', 'cookie.Domain'));
    });

    it('replaces a cookie with the same name, path and domain', () => {
      const jar = new CookieContainer();
      const uri = new Uri('ws://example.com/');
      jar.Add(uri, new Cookie('a', '1'));
      jar.Add(uri, new Cookie('a', '2'));
      expect(jar.GetCookieHeader(uri)).toBe('a=2');
      expect(jar.Count).toBe(1);
    });

    it('throws CookieException when the domain does not match the URI', () => {
      expect(() => new CookieContainer().Add(new Uri('ws://example.com/'), new Cookie('a', '1', '/', 'other.com'))).toThrow(
        CookieException,
      );
    });
  });

  describe('#SetCookies', () => {
    it('takes in Set-Cookie values, including an Expires date with a comma', () => {
      const jar = new CookieContainer();
      const uri = new Uri('wss://example.com/app/ws');
      jar.SetCookies(uri, 'a=1; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT, b=2; Secure; HttpOnly');
      const cookies = jar.GetCookies(uri);
      expect(cookies.Count).toBe(2);
      expect(cookies.get('a')!.Expires!.getUTCFullYear()).toBe(2099);
      expect(cookies.get('b')!.Secure).toBe(true);
      expect(cookies.get('b')!.HttpOnly).toBe(true);
      expect(cookies.get('b')!.Path).toBe('/app');
      expect(jar.GetCookieHeader(new Uri('ws://example.com/'))).toBe('a=1');
    });

    it('throws CookieException for an unparsable header', () => {
      expect(() => new CookieContainer().SetCookies(new Uri('ws://example.com/'), '=nope')).toThrow(
        dotnetMessage('net_cookie_parse_header', 'ws://example.com/'),
      );
    });
  });
});

describe('Cookie', () => {
  it.each(['', 'a b', 'a=b', 'a;b', '$x'])('throws CookieException for the name %j', (name) => {
    expect(() => new Cookie(name, 'v')).toThrow(CookieException);
  });

  it('throws CookieException for an unquoted value with ";", accepts it quoted', () => {
    expect(() => new Cookie('a', 'x;y')).toThrow(dotnetMessage('net_cookie_attribute', 'Value', 'x;y'));
    expect(new Cookie('a', '"x;y"').ToString()).toBe('a="x;y"');
  });
});
