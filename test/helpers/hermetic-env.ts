// Vitest setup file (vitest.config.ts `setupFiles`): runs in every test process before its test file is
// imported. The variables below change what the code under test does (which proxy a ClientWebSocket
// tunnels through, which addresses a WebApplication binds, what an example child process inherits), so a
// developer's shell must not decide a result: they are removed here, and a test that needs one sets it
// itself with `vi.stubEnv` (restored by `unstubEnvs` in the config).

/** Exact names removed from the environment of every test process. */
export const hermeticVariables = [
  // Proxy from the environment (src/client/default-proxy.ts, as .NET's HttpEnvironmentProxy).
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'no_proxy',
  'NO_PROXY',
  'GATEWAY_INTERFACE',
  // Listening addresses (src/host/listen.ts) and the examples' host/port.
  'HTTP_PORTS',
  'HTTPS_PORTS',
  'PORT',
  'HOST',
] as const;

/** Prefixes of the names removed: ASP.NET Core's settings (not DOTNET_*, which the dotnet CLI of other suites needs). */
export const hermeticPrefixes = ['ASPNETCORE_'] as const;

for (const name of Object.keys(process.env)) {
  if ((hermeticVariables as readonly string[]).includes(name) || hermeticPrefixes.some((p) => name.startsWith(p))) {
    delete process.env[name];
  }
}
