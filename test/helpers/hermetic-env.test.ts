// The hermetic setup file (test/helpers/hermetic-env.ts): a developer's proxy, listening address or
// ASP.NET Core settings must not decide a result. `http_proxy=http://127.0.0.1:9 npm test` used to fail
// 26 ClientWebSocket tests; these check that the scrub runs for every test file and removes what it lists.
import { describe, expect, it, vi } from 'vitest';
import config from '../../vitest.config.js';
import { hermeticPrefixes, hermeticVariables } from './hermetic-env.js';

/** The environment as this file found it, before any test stubbed a variable. */
const atStart = { ...process.env };

describe('test/helpers/hermetic-env.ts', () => {
  it('is a setup file of the unit suite, so it runs before every test file', () => {
    expect(config.test?.setupFiles).toContain('test/helpers/hermetic-env.ts');
    expect(config.test?.unstubEnvs).toBe(true);
  });

  it('left none of the variables it lists in this file’s environment', () => {
    const left = Object.keys(atStart).filter(
      (name) => (hermeticVariables as readonly string[]).includes(name) || hermeticPrefixes.some((p) => name.startsWith(p)),
    );
    expect(left).toEqual([]);
  });

  it('removes the proxy, address and ASPNETCORE_ variables, in either case, and keeps DOTNET_ ones', async () => {
    const set = {
      http_proxy: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      all_proxy: 'http://127.0.0.1:9',
      ALL_PROXY: 'http://127.0.0.1:9',
      no_proxy: '*',
      NO_PROXY: '*',
      GATEWAY_INTERFACE: 'CGI/1.1',
      HTTP_PORTS: '8080',
      HTTPS_PORTS: '8443',
      PORT: '8080',
      HOST: '0.0.0.0',
      ASPNETCORE_URLS: 'http://0.0.0.0:8080',
      ASPNETCORE_ENVIRONMENT: 'Development',
    };
    for (const [name, value] of Object.entries(set)) vi.stubEnv(name, value);
    vi.stubEnv('DOTNET_CLI_TELEMETRY_OPTOUT', '1');
    vi.resetModules();
    await import('./hermetic-env.js');
    expect(Object.keys(set).filter((name) => process.env[name] !== undefined)).toEqual([]);
    expect(process.env.DOTNET_CLI_TELEMETRY_OPTOUT).toBe('1');
  });
});
