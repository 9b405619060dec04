// Shared by the example tests: run a compiled example (dist/examples/*.js, built by `npm run build`) as a
// child process, as a user would run it, read its console output, and talk to it with real peers (a ws
// client, node:http requests). Every process and client is killed after each test.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { WebSocket as WsClient } from 'ws';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

const processes = new Set<ExampleProcess>();
const clients = new Set<WsClient>();

afterEach(async () => {
  for (const c of clients) c.terminate();
  clients.clear();
  await Promise.all([...processes].map((p) => p.kill()));
  processes.clear();
});

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A compiled example running as a child process. */
export class ExampleProcess {
  /** Everything written to stdout so far. */
  stdout = '';
  /** Everything written to stderr so far. */
  stderr = '';
  /** Resolves when the process has exited and its output streams are drained. */
  readonly exited: Promise<Exit>;
  readonly #child: ChildProcessWithoutNullStreams;
  /** Called whenever output arrives or the process exits. */
  readonly #watchers = new Set<() => void>();
  #exit: Exit | null = null;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.#child = child;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.stdout += chunk;
      this.#notify();
    });
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
      this.#notify();
    });
    // 'close' comes after 'exit' and after stdout/stderr have ended: the output is complete.
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.#exit = { code, signal };
        this.#notify();
        resolve(this.#exit);
      });
    });
  }

  /**
   * Starts `node dist/examples/<name>` with `args` and extra environment variables.
   * @throws {Error} The example is not compiled (run `npm run build`).
   */
  static start(name: string, args: readonly string[] = [], env: Record<string, string> = {}): ExampleProcess {
    const file = fileURLToPath(new URL(`../../dist/examples/${name}`, import.meta.url));
    if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    // Addresses come from the arguments only, unless a test says otherwise.
    for (const name of ['ASPNETCORE_URLS', 'ASPNETCORE_HTTP_PORTS', 'HTTP_PORTS', 'PORT', 'HOST']) {
      if (!(name in env)) delete childEnv[name];
    }
    const child = spawn(process.execPath, [file, ...args], { cwd: root, env: childEnv, stdio: 'pipe' });
    const p = new ExampleProcess(child);
    processes.add(p);
    return p;
  }

  /** The lines written to stdout so far. */
  get lines(): string[] {
    return this.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  }

  /** The process's standard input. */
  get stdin(): NodeJS.WritableStream {
    return this.#child.stdin;
  }

  /**
   * Resolves with the first match of `pattern` in stdout, as soon as it appears.
   * @throws {Error} The process exited without printing it.
   */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(this.stdout);
        if (m) {
          this.#watchers.delete(check);
          resolve(m);
        } else if (this.#exit) {
          this.#watchers.delete(check);
          reject(new Error(`exited (${JSON.stringify(this.#exit)}) without printing ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
      };
      this.#watchers.add(check);
      check();
    });
  }

  /** Waits for ASP.NET Core's "Now listening on: …" line and returns the address it names. */
  async listeningUrl(): Promise<string> {
    const m = await this.waitFor(/Now listening on: (http:\/\/\S+)/);
    return m[1]!;
  }

  /** Sends `signal` (Ctrl+C is SIGINT) and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<Exit> {
    if (!this.#exit) this.#child.kill(signal);
    return this.exited;
  }

  /** Kills the process if it still runs, and waits for it. */
  async kill(): Promise<void> {
    if (!this.#exit) this.#child.kill('SIGKILL');
    await this.exited;
  }

  #notify(): void {
    for (const w of [...this.#watchers]) w();
  }
}

/** A ws client connected to `url`; terminated after the test. */
export function wsConnect(url: string): Promise<WsClient> {
  const client = new WsClient(url);
  clients.add(client);
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve(client));
    client.once('error', reject);
  });
}

/** The next text message `client` receives. */
export function nextMessage(client: WsClient): Promise<string> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer, isBinary: boolean) => {
      client.off('close', onClose);
      resolve(isBinary ? `<binary ${data.length}>` : data.toString('utf8'));
    };
    const onClose = (code: number) => {
      client.off('message', onMessage);
      reject(new Error(`closed (${code}) before a message arrived`));
    };
    client.once('message', onMessage);
    client.once('close', onClose);
  });
}

/** Every message `client` receives from now on, in order. */
export function collectMessages(client: WsClient): string[] {
  const messages: string[] = [];
  client.on('message', (data: Buffer) => messages.push(data.toString('utf8')));
  return messages;
}

/** The close code and reason `client` ends with. */
export function closeEvent(client: WsClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    client.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

/** A plain HTTP GET. */
export function httpGet(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `http://127.0.0.1:54321` → `ws://127.0.0.1:54321`. */
export function wsUrl(httpUrl: string, path = '/ws'): string {
  return httpUrl.replace(/^http/, 'ws') + path;
}

/** Arguments that make an example listen on 127.0.0.1 on a free port. */
export const anyPort = ['--urls', 'http://127.0.0.1:0'] as const;

/**
 * The exceptions the host logged to stderr as "An unhandled exception was thrown by the application.",
 * each as "Type: message".
 * @throws {Error} stderr holds anything else (another log line, a crash, a warning).
 */
export function loggedExceptions(stderr: string): string[] {
  const found: string[] = [];
  const entry = /^\s*Connection id "[^"]+", Request id "[^"]+": An unhandled exception was thrown by the application\. (\w+): (.*)$/;
  for (const line of stderr.split('\n')) {
    const m = entry.exec(line);
    if (m) found.push(`${m[1]}: ${m[2]}`);
    else if (
      line !== '' &&
      !/^fail: Microsoft\.AspNetCore\.Server\.Kestrel\[\d+\]$/.test(line) && // the log entry's header
      !/^\s+at /.test(line) && // the stack
      !/^\s*[{}]/.test(line) && // the exception's own properties, as util.inspect prints them
      !/^\s+\w+: /.test(line)
    ) {
      throw new Error(`unexpected output on stderr: ${JSON.stringify(line)}\n${stderr}`);
    }
  }
  return found;
}
