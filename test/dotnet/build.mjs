// Builds the .NET 10 oracle (test/dotnet/Oracle.csproj) into test/interop/.build/dotnet, only when one of
// its sources changed since the last build (a SHA-1 stamp of every .cs, .csproj and nuget.config file).
// Restore needs no package feed: the project uses the shared framework only and nuget.config clears every
// source. Used by test/interop/run.sh (`node test/dotnet/build.mjs`), the suite and `npm run bench`.
//
//   node test/dotnet/build.mjs        builds if needed, prints the path of Oracle.dll
//   node test/dotnet/build.mjs check  prints why .NET 10 is unusable here (exit 1), or nothing (exit 0)
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const buildDir = path.join(root, 'test', 'interop', '.build', 'dotnet');
export const oracleDll = path.join(buildDir, 'bin', 'Oracle', 'release', 'Oracle.dll');
const stampFile = path.join(buildDir, 'sources.sha1');

/** What the .NET processes get in their environment: no telemetry, no first-run banner. */
export const dotnetEnv = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };

/** Why the suite cannot run here (no `dotnet`, no ASP.NET Core 10 shared framework), or null. */
export async function unusable() {
  let runtimes;
  try {
    runtimes = (await run('dotnet', ['--list-runtimes'], { env: dotnetEnv })).stdout;
  } catch (e) {
    return e.code === 'ENOENT' ? '`dotnet` is not on PATH' : `\`dotnet --list-runtimes\` failed: ${e.message}`;
  }
  if (!/^Microsoft\.NETCore\.App 10\./m.test(runtimes))
    return 'no .NET 10 runtime (`dotnet --list-runtimes` lists no Microsoft.NETCore.App 10.x)';
  if (!/^Microsoft\.AspNetCore\.App 10\./m.test(runtimes))
    return 'no ASP.NET Core 10 shared framework (`dotnet --list-runtimes` lists no Microsoft.AspNetCore.App 10.x)';
  const sdks = (await run('dotnet', ['--list-sdks'], { env: dotnetEnv }).catch(() => ({ stdout: '' }))).stdout;
  if (!/^10\./m.test(sdks)) return 'no .NET 10 SDK (`dotnet --list-sdks` lists no 10.x) to build test/dotnet';
  return null;
}

function sources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || ['ts', 'probes', 'bin', 'obj'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(cs|csproj)$|^nuget\.config$/.test(entry.name)) files.push(full);
    }
  };
  walk(here);
  return files.sort();
}

/** Builds the oracle unless the stamp says its sources are unchanged; the path of Oracle.dll. */
export async function buildOracle() {
  const hash = createHash('sha1');
  for (const file of sources()) hash.update(path.relative(here, file)).update('\0').update(readFileSync(file)).update('\0');
  const stamp = hash.digest('hex');
  if (existsSync(oracleDll) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return oracleDll;
  mkdirSync(buildDir, { recursive: true });
  try {
    await run(
      'dotnet',
      ['build', path.join(here, 'Oracle.csproj'), '-c', 'Release', '--artifacts-path', buildDir, '--nologo', '-v', 'q', '-clp:ErrorsOnly'],
      {
        env: dotnetEnv,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (e) {
    throw new Error(`dotnet build test/dotnet/Oracle.csproj failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
  }
  writeFileSync(stampFile, stamp);
  return oracleDll;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'check') {
    const why = await unusable();
    if (why) {
      console.log(why);
      process.exit(1);
    }
  } else {
    console.log(await buildOracle());
  }
}
