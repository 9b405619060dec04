// Compiles the C# scenarios with Mono's `mcs` (once per change of the sources) and runs them with `mono`.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TranscriptSet } from './transcripts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const csDir = path.join(here, '..', 'cs');
const buildDir = path.join(here, '..', '.build');

let exe: string | null = null;

/** The compiled scenario program, built with mcs when its sources changed. */
export async function scenariosExe(): Promise<string> {
  if (exe) return exe;
  const sources = readdirSync(csDir)
    .filter((f) => f.endsWith('.cs'))
    .sort()
    .map((f) => path.join(csDir, f));
  const hash = createHash('sha1');
  for (const s of sources) hash.update(readFileSync(s));
  const out = path.join(buildDir, `Scenarios-${hash.digest('hex').slice(0, 12)}.exe`);
  if (!existsSync(out)) {
    mkdirSync(buildDir, { recursive: true });
    await promisify(execFile)('mcs', ['-nologo', '-langversion:latest', '-warnaserror+', `-out:${out}`, '-r:System.dll', ...sources]);
  }
  return (exe = out);
}

export interface MonoProcess {
  /** The first line printed. */
  firstLine: Promise<string>;
  stderr(): string;
  /** Closes standard input (the server's signal to exit) and waits for the process to end. */
  stop(): Promise<void>;
  /** Kills the process (a scenario that hangs). */
  kill(): void;
  exited: Promise<number | null>;
}

/** Starts `mono Scenarios.exe args…`, handing each line of standard output to `onLine`. */
export function startMono(args: string[], onLine: (line: string) => void): MonoProcess {
  const ready = scenariosExe().then((file) => spawn('mono', [file, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
  let err = '';
  let resolveFirst!: (l: string) => void;
  const firstLine = new Promise<string>((r) => (resolveFirst = r));
  const exited = ready.then(
    (child) =>
      new Promise<number | null>((resolve) => {
        let pending = '';
        let first = true;
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          pending += chunk;
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const line = pending.slice(0, nl).replace(/\r$/, '');
            pending = pending.slice(nl + 1);
            if (first) {
              first = false;
              resolveFirst(line);
            }
            onLine(line);
          }
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => (err += chunk));
        child.on('close', (code) => {
          resolveFirst('');
          resolve(code);
        });
      }),
  );
  return {
    firstLine,
    stderr: () => err,
    exited,
    kill: () => void ready.then((child) => child.kill('SIGKILL')),
    stop: async () => {
      const child = await ready;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs the C# client half of `names` against `baseUrl`; the transcripts, one per scenario. */
export async function runMonoClient(baseUrl: string, closedPort: number, names: readonly string[]): Promise<TranscriptSet> {
  const transcripts = new TranscriptSet();
  const child = startMono(['client', baseUrl, String(closedPort), ...names], (line) => transcripts.addOutput(line));
  // A scenario that hangs leaves its transcript without "end"; the comparison then shows where.
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill();
  }, 60_000);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0 && !killed) throw new Error(`Mono client exited with ${code}: ${child.stderr()}`);
  return transcripts;
}
