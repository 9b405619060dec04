import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { track, wsHandshake } from './WebApplication.helpers.js';

describe('#Build', () => {
  it('returns a WebApplication', () => {
    expect(WebApplication.CreateBuilder().Build()).toBeInstanceOf(WebApplication);
  });

  it('throws InvalidOperationException the second time', () => {
    const builder = WebApplication.CreateBuilder();
    builder.Build();
    let error: unknown;
    try {
      builder.Build();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('BuildCalled'));
  });
});

describe('#Services', () => {
  it('accepts AddControllers() for source compatibility', () => {
    const builder = WebApplication.CreateBuilder();
    expect(builder.Services.AddControllers()).toBe(builder.Services);
  });

  it('AddWebSockets configures the options UseWebSockets() uses', async () => {
    const builder = WebApplication.CreateBuilder(['--urls', 'http://127.0.0.1:0']);
    builder.Services.AddWebSockets((options) => options.AllowedOrigins.Add('https://allowed.example'));
    const app = builder.Build();
    app.UseWebSockets();
    app.Map('/ws', async (context) => {
      await context.WebSockets.AcceptWebSocketAsync();
    });
    await app.StartAsync();
    const { ws } = track(app);
    expect((await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://other.example' })).status).toBe(403);
    expect((await wsHandshake(`${ws}/ws`, undefined, { origin: 'https://allowed.example' })).status).toBe(101);
  });
});

describe('#WebHost', () => {
  it('UseUrls sets the addresses, several separated by ";"', async () => {
    const builder = WebApplication.CreateBuilder();
    expect(builder.WebHost.UseUrls('http://127.0.0.1:0;http://127.0.0.1:0')).toBe(builder.WebHost);
    const app = builder.Build();
    await app.StartAsync();
    track(app);
    expect(app.Urls.Count).toBe(2);
  });
});
