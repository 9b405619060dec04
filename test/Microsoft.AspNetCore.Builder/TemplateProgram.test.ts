// The template Program.cs calls beyond WebSockets: app.Environment, UseRouting, UseHttpsRedirection,
// UseAuthorization, UseDefaultFiles/UseStaticFiles/UseFileServer, app.Use/app.Run middleware. Expected
// behaviour checked with .NET 10 (ASP.NET Core 10) on the same Program.cs shapes.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { httpRequest, rawExchange, startApp, track } from './WebApplication.helpers.js';

let contentRoot: string;
const cwd = process.cwd();
const env = { ...process.env };

beforeEach(() => {
  contentRoot = mkdtempSync(join(tmpdir(), 'dotnet-ws-content-'));
  mkdirSync(join(contentRoot, 'wwwroot', 'docs'), { recursive: true });
  writeFileSync(join(contentRoot, 'wwwroot', 'index.html'), '<h1>hi</h1>');
  writeFileSync(join(contentRoot, 'wwwroot', 'site.css'), 'body { color: red; }');
  writeFileSync(join(contentRoot, 'wwwroot', 'data.unknownext'), 'x');
  writeFileSync(join(contentRoot, 'wwwroot', '.secret.txt'), 'secret');
  writeFileSync(join(contentRoot, 'wwwroot', 'docs', 'default.htm'), 'docs');
  writeFileSync(join(contentRoot, 'outside.txt'), 'outside');
  utimesSync(join(contentRoot, 'wwwroot', 'site.css'), new Date('2024-01-02T03:04:05Z'), new Date('2024-01-02T03:04:05Z'));
  process.chdir(contentRoot);
});

afterEach(() => {
  process.chdir(cwd);
  process.env = { ...env };
  rmSync(contentRoot, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('#Environment', () => {
  it('is Production when no environment is set', () => {
    delete process.env['ASPNETCORE_ENVIRONMENT'];
    delete process.env['DOTNET_ENVIRONMENT'];
    const app = WebApplication.Create();
    expect(app.Environment.EnvironmentName).toBe('Production');
    expect(app.Environment.IsProduction()).toBe(true);
    expect(app.Environment.IsDevelopment()).toBe(false);
    expect(app.Environment.ContentRootPath).toBe(process.cwd());
    expect(app.Environment.WebRootPath).toBe(join(process.cwd(), 'wwwroot'));
  });

  it('reads ASPNETCORE_ENVIRONMENT before DOTNET_ENVIRONMENT, and --environment before both', () => {
    process.env['DOTNET_ENVIRONMENT'] = 'Staging';
    expect(WebApplication.Create().Environment.IsStaging()).toBe(true);
    process.env['ASPNETCORE_ENVIRONMENT'] = 'development';
    const builder = WebApplication.CreateBuilder();
    expect(builder.Environment.IsDevelopment()).toBe(true);
    expect(builder.Build().Environment).toBe(builder.Environment);
    const app = WebApplication.Create(['--environment', 'QA']);
    expect(app.Environment.EnvironmentName).toBe('QA');
    expect(app.Environment.IsEnvironment('qa')).toBe(true);
  });

  it('has no WebRootPath without a wwwroot folder', () => {
    rmSync(join(contentRoot, 'wwwroot'), { recursive: true });
    expect(WebApplication.Create().Environment.WebRootPath).toBeNull();
  });
});

describe('#UseStaticFiles', () => {
  it('serves a file with its content type, length and validators, and HEAD without a body', async () => {
    const { http } = await startApp((app) => app.UseStaticFiles());
    const get = await httpRequest(`${http}/site.css`);
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toBe('text/css');
    expect(get.headers['content-length']).toBe('20');
    expect(get.headers['last-modified']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(get.headers['accept-ranges']).toBe('bytes');
    expect(get.headers['etag']).toBeTruthy();
    expect(get.body).toBe('body { color: red; }');
    const head = await httpRequest(`${http}/site.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('20');
    expect(head.body).toBe('');
  });

  it('answers conditional requests with 304 and 412', async () => {
    const { http } = await startApp((app) => app.UseStaticFiles());
    const { headers } = await httpRequest(`${http}/site.css`);
    expect((await httpRequest(`${http}/site.css`, { headers: { 'If-None-Match': headers['etag']! } })).status).toBe(304);
    expect((await httpRequest(`${http}/site.css`, { headers: { 'If-Modified-Since': headers['last-modified']! } })).status).toBe(304);
    expect((await httpRequest(`${http}/site.css`, { headers: { 'If-Match': '"other"' } })).status).toBe(412);
  });

  it('answers ranges with 206 and an unsatisfiable one with 416', async () => {
    const { http } = await startApp((app) => app.UseStaticFiles());
    const part = await httpRequest(`${http}/site.css`, { headers: { Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 0-3/20');
    expect(part.body).toBe('body');
    const none = await httpRequest(`${http}/site.css`, { headers: { Range: 'bytes=100-' } });
    expect(none.status).toBe(416);
    expect(none.headers['content-range']).toBe('bytes */20');
  });

  it('passes on unknown file types, dot files, paths outside wwwroot, other methods, and missing files', async () => {
    const { http, port } = await startApp((app) => app.UseStaticFiles());
    expect((await httpRequest(`${http}/data.unknownext`)).status).toBe(404);
    expect((await httpRequest(`${http}/.secret.txt`)).status).toBe(404);
    expect((await httpRequest(`${http}/site.css`, { method: 'POST' })).status).toBe(404);
    expect((await httpRequest(`${http}/missing.css`)).status).toBe(404);
    const raw = await rawExchange(port, 'GET /../outside.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw).not.toContain('outside');
  });

  it('leaves a request to the endpoint routing chose, and sends the headers earlier middleware set', async () => {
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        context.Response.Headers['X-Mw'] = '1';
        await next(context);
      });
      app.UseStaticFiles();
      app.MapGet('/index.html', () => 'endpoint');
    });
    expect((await httpRequest(`${http}/index.html`)).body).toBe('endpoint');
    const css = await httpRequest(`${http}/site.css`);
    expect(css.headers['x-mw']).toBe('1');
    expect(css.body).toBe('body { color: red; }');
  });

  it('warns once when there is no wwwroot, and serves nothing', async () => {
    rmSync(join(contentRoot, 'wwwroot'), { recursive: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { http } = await startApp((app) => app.UseStaticFiles());
    expect((await httpRequest(`${http}/site.css`)).status).toBe(404);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining(dotnetMessage('AspNetCore_WebRootPathNotFound', join(process.cwd(), 'wwwroot'))),
    ]);
  });
});

describe('#UseDefaultFiles and #UseFileServer', () => {
  it('serves index.html for "/" and default.htm for a folder, redirecting a folder without its slash', async () => {
    const { http } = await startApp((app) => app.UseFileServer());
    const root = await httpRequest(`${http}/`);
    expect(root.headers['content-type']).toBe('text/html');
    expect(root.body).toBe('<h1>hi</h1>');
    expect((await httpRequest(`${http}/docs/`)).body).toBe('docs');
    const redirect = await httpRequest(`${http}/docs?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers['location']).toBe('/docs/?x=1');
  });

  it('only rewrites the path: without UseStaticFiles the endpoint pipeline answers', async () => {
    const { http } = await startApp((app) => {
      app.UseDefaultFiles();
      app.Run(async (context) => {
        await context.Response.WriteAsync(`terminal ${context.Request.Path}`);
      });
    });
    expect((await httpRequest(`${http}/`)).body).toBe('terminal /index.html');
  });
});

describe('#UseRouting', () => {
  it('runs routing where it is placed: a path rewritten before it is the one matched', async () => {
    const seen: string[] = [];
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        seen.push(`before:${context.Request.RouteValues['id'] ?? 'none'}`);
        if (context.Request.Path === '/old/7') context.Request.Path = '/items/7';
        await next();
      });
      app.UseRouting();
      app.Use(async (context, next) => {
        seen.push(`after:${context.Request.RouteValues['id'] ?? 'none'}`);
        await next();
      });
      app.MapGet('/items/{id}', (context) => `item ${context.Request.RouteValues['id']}`);
    });
    expect((await httpRequest(`${http}/old/7`)).body).toBe('item 7');
    expect(seen).toEqual(['before:none', 'after:7']);
  });

  it('without UseRouting, routing runs first and every middleware sees the route values', async () => {
    let seen: unknown;
    const { http } = await startApp((app) => {
      app.Use(async (context, next) => {
        seen = context.Request.RouteValues['id'];
        await next();
      });
      app.MapGet('/items/{id}', () => 'ok');
    });
    await httpRequest(`${http}/items/3`);
    expect(seen).toBe('3');
  });
});

describe('#UseHttpsRedirection and #UseAuthorization', () => {
  it('UseHttpsRedirection passes requests on and warns once that it knows no HTTPS port', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { http } = await startApp((app) => {
      app.UseHttpsRedirection();
      app.MapGet('/', () => 'plain');
    });
    expect((await httpRequest(`${http}/`)).body).toBe('plain');
    expect((await httpRequest(`${http}/`)).body).toBe('plain');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(dotnetMessage('AspNetCore_FailedToDeterminePort'));
  });

  it('UseAuthorization throws without the authorization services, as ASP.NET Core does', () => {
    const app = WebApplication.Create();
    expect(() => app.UseAuthorization()).toThrow(InvalidOperationException);
    expect(() => app.UseAuthorization()).toThrow(dotnetMessage('Exception_UnableToFindServices', 'IServiceCollection', 'AddAuthorization'));
  });

  it('UseAuthorization after AddControllers lets every request through', async () => {
    const builder = WebApplication.CreateBuilder();
    builder.Services.AddControllers();
    const app = builder.Build();
    app.Urls.Add('http://127.0.0.1:0');
    app.UseAuthorization();
    app.MapGet('/', () => 'open');
    await app.StartAsync();
    const { http } = track(app);
    expect((await httpRequest(`${http}/`)).body).toBe('open');
  });
});
