import { afterEach, describe, expect, it, vi } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import './fixtures/action-routed-controllers.js';
import { closeEvent, httpRequest, nextMessage, startApp, wsConnect } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

const fixture = new URL('./fixtures/action-routed-controllers.ts', import.meta.url).href;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MapControllers() without arguments', () => {
  it('answers 404 for a class that is not exported or not a controller, and warns at the first startup', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { http } = await startApp((app) => app.MapControllers());
    expect((await httpRequest(`${http}/hidden`)).status).toBe(404);
    expect((await httpRequest(`${http}/helper`)).status).toBe(404);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    for (const action of ['Hidden', 'Assist']) {
      const message = dotnetMessage('dotnetws_UnreachableAction', action, fixture);
      expect(lines.filter((l) => l.endsWith(message))).toHaveLength(1);
    }
  });
  it('routes actions whose class has no class decorator, as ASP.NET Core does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The first app read the module; this one finds the controllers it registered.
    const { http, ws } = await startApp((app) => {
      app.UseWebSockets();
      app.MapControllers();
    });
    expect((await httpRequest(`${http}/plain`)).body).toBe('plain');
    expect((await httpRequest(`${http}/items/7`, { method: 'POST' })).body).toBe('posted 7');

    const client = await wsConnect(`${ws}/echo-ws`);
    const reply = nextMessage(client);
    client.send('hi');
    expect(await reply).toBe('hi');
    const closed = closeEvent(client);
    client.close(1000);
    expect((await closed).code).toBe(1000);
  });
});
