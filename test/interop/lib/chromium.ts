// Debian's Chromium driven by playwright-core, which test/interop/run.sh installs into test/interop/.deps
// (not a dependency of the package). Each test declares the slice of playwright's API it uses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const playwrightPath = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '.deps',
  'node_modules',
  'playwright-core',
  'index.mjs',
);

/** Headless Chromium with nothing that reaches outside loopback (no QUIC, sync, updates or background traffic). */
export async function launchChromium<Browser>(): Promise<Browser> {
  const { chromium } = (await import(playwrightPath)) as { chromium: { launch(o: object): Promise<Browser> } };
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
