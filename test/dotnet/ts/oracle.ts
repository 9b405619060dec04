// Runs the .NET 10 oracle (../Oracle.csproj, built by ../build.mjs) as child processes, hands each line
// of their output on, and kills every one still running when asked (afterAll).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { buildOracle, dotnetEnv } from '../build.mjs';
import { TranscriptSet } from './transcripts.js';

const children = new Set<ChildProcessWithoutNullStreams>();

export interface OracleProcess {
  /** The first line printed ("" if the process ended first). */
  firstLine: Promise<string>;
  stderr(): string;
  /** Closes standard input (the server's signal to exit) and waits, killing it after 5 s. */
  stop(): Promise<void>;
  /** Sends a signal (SIGINT: Ctrl+C for the seed programs) and waits for the exit. */
  signal(name: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `dotnet Oracle.dll args…`, handing each line of standard output to `onLine`. */
export function startOracle(args: string[], onLine: (line: string) => void, cwd?: string): OracleProcess {
  const ready = buildOracle().then((dll) => {
    const child = spawn('dotnet', [dll, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: dotnetEnv, cwd });
    children.add(child);
    return child;
  });
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
          children.delete(child);
          if (pending.length > 0) onLine(pending);
          resolveFirst('');
          resolve(code);
        });
      }),
  );
  return {
    firstLine,
    stderr: () => err,
    exited,
    stop: async () => {
      const child = await ready;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    signal: async (name) => {
      const child = await ready;
      child.kill(name);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Kills every oracle process still running. */
export async function killAll(): Promise<void> {
  const waits = [...children].map((child) => {
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    child.kill('SIGKILL');
    return closed;
  });
  await Promise.all(waits);
}

/** The .NET server (Kestrel and the CreateFromStream server) in one long-lived process. */
export async function startOracleServer(): Promise<{
  kestrel: string;
  stream: string;
  /** The same Kestrel application on cleartext HTTP/2 only. */
  kestrelH2: string;
  transcripts: TranscriptSet;
  stop(): Promise<void>;
}> {
  const transcripts = new TranscriptSet();
  const child = startOracle(['server'], (line) => transcripts.addOutput(line));
  const m = /^listening (\d+) (\d+) (\d+)$/.exec(await child.firstLine);
  if (!m) throw new Error(`the .NET server did not start: ${child.stderr()}`);
  return {
    kestrel: `ws://127.0.0.1:${m[1]}`,
    stream: `ws://127.0.0.1:${m[2]}`,
    kestrelH2: `ws://127.0.0.1:${m[3]}`,
    transcripts,
    stop: () => child.stop(),
  };
}

/** Runs the ClientWebSocket half of `names` against `baseUrl` in a .NET process (over HTTP/2 with `http2`); the transcripts. */
export async function runOracleClient(
  baseUrl: string,
  closedPort: number,
  names: readonly string[],
  timeoutMs = 120_000,
  http2 = false,
): Promise<TranscriptSet> {
  const transcripts = new TranscriptSet();
  const child = startOracle([http2 ? 'client-h2' : 'client', baseUrl, String(closedPort), ...names], (line) => transcripts.addOutput(line));
  // A scenario that hangs past the process's own per-scenario timeout leaves its transcript without "end".
  const timer = setTimeout(() => void child.signal('SIGKILL'), timeoutMs);
  const code = await child.exited;
  clearTimeout(timer);
  if (code !== 0) transcripts.console.push(`exit code ${code}: ${child.stderr()}`);
  return transcripts;
}
