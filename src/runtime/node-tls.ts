/**
 * `node:tls`, loaded through require() rather than an `import`: an ES module import of a built-in module
 * builds its namespace from every export, and `tls.rootCertificates` is a getter that parses Node's bundled
 * root certificates (10-20 ms at start-up, ~0.3 MB of heap kept for the process's life), which dotnet-ws
 * never reads. `ws` requires `tls` from CommonJS and pays nothing of the kind.
 */
import { createRequire } from 'node:module';
import type tls from 'node:tls';

let loaded: typeof tls | null = null;

/** The `node:tls` module. */
export function nodeTls(): typeof tls {
  return (loaded ??= createRequire(import.meta.url)('node:tls') as typeof tls);
}
