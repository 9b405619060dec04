// Chromium's WebSocket (Debian's browser, driven by playwright-core) as a client of the dotnet-ws server:
// text, binary and 1 MiB messages echoed intact, and the close handshake started from either side.
// Flags from peers.md: without the background-networking ones Chromium keeps trying to reach the internet.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, playwrightPath } from './lib/chromium.js';
import { expectedMessages, startEchoApp } from './lib/echo-app.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => boolean, arg: A): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

/** The page's DOM, as far as the functions run in the browser use it (this file is compiled without lib.dom). */
interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
declare const document: {
  getElementById(id: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};

let browser: Browser;
let server: Awaited<ReturnType<typeof startEchoApp>>;
let page: Page;

beforeAll(async () => {
  expect(existsSync(playwrightPath), 'playwright-core is installed by test/interop/run.sh').toBe(true);
  browser = await launchChromium<Browser>();
  server = await startEchoApp();
  page = await browser.newPage();
  await page.goto(`${server.http}/`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Chromium WebSocket → dotnet-ws server', () => {
  it('echoes text, binary and 1 MiB messages intact and closes cleanly when the browser closes', async () => {
    const result = await page.evaluate(async (url: string) => {
      const ws = new WebSocket(`${url}/echo`);
      ws.binaryType = 'arraybuffer';
      const inbox: Array<string | ArrayBuffer> = [];
      let wake: (() => void) | null = null;
      ws.onmessage = (e) => {
        inbox.push(e.data as string | ArrayBuffer);
        wake?.();
      };
      const closed = new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => {
        ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean });
      });
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const big = new Uint8Array(1 << 20);
      for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
      const bytes = new Uint8Array(256);
      for (let i = 0; i < 256; i++) bytes[i] = i;
      const messages: Array<string | Uint8Array> = ['hello 안녕 🎉', bytes, big, '가'.repeat(349525) + '!'];
      const echoed: boolean[] = [];
      for (const m of messages) {
        ws.send(m);
        while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
        const got = inbox.shift()!;
        if (typeof m === 'string') echoed.push(got === m);
        else {
          const g = new Uint8Array(got as ArrayBuffer);
          echoed.push(g.length === m.length && g.every((b, i) => b === m[i]));
        }
      }
      ws.close(1000, 'done');
      return { echoed, close: await closed };
    }, server.ws);
    expect(result).toEqual({ echoed: [true, true, true, true], close: { code: 1000, reason: 'done', wasClean: true } });
    const record = await server.record('/echo');
    expect(record).toEqual({ messages: expectedMessages, closeStatus: 1000, closeStatusDescription: 'done', state: 'Closed', error: null });
  });

  it('sends an empty close frame for close() without a code, which the server reads as 1000 and ""', async () => {
    const result = await page.evaluate(async (url: string) => {
      const ws = new WebSocket(`${url}/echo-empty-close`);
      const closed = new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => {
        ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean });
      });
      await new Promise((resolve) => (ws.onopen = resolve));
      ws.close();
      return closed;
    }, server.ws);
    // The server answers with the status it read (1000); the browser reports that code.
    expect(result).toEqual({ code: 1000, reason: '', wasClean: true });
    expect(await server.record('/echo-empty-close')).toEqual({
      messages: [],
      closeStatus: 1000,
      closeStatusDescription: '',
      state: 'Closed',
      error: null,
    });
  });

  it('closes cleanly when the server closes, with the server code and reason', async () => {
    const result = await page.evaluate(async (url: string) => {
      const ws = new WebSocket(`${url}/server-close`);
      const messages: string[] = [];
      ws.onmessage = (e) => messages.push(e.data as string);
      const closed = new Promise<{ code: number; reason: string; wasClean: boolean }>((resolve) => {
        ws.onclose = (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean });
      });
      await new Promise((resolve) => (ws.onopen = resolve));
      ws.send('ready');
      const close = await closed;
      return { messages, close };
    }, server.ws);
    expect(result).toEqual({ messages: ['bye-soon'], close: { code: 4001, reason: 'server closing', wasClean: true } });
    // The browser answers with the server's code and reason (RFC 6455 §5.5.1); CloseAsync read them.
    const record = await server.record('/server-close');
    expect(record).toEqual({
      messages: [{ type: 'Text', length: 5 }],
      closeStatus: 4001,
      closeStatusDescription: 'server closing',
      state: 'Closed',
      error: null,
    });
  });
});

describe('Chromium on the demo page (npm start)', () => {
  it('connects, echoes two messages through the page, closes and shows Closed', async () => {
    const demo = spawn(process.execPath, [path.join(here, '..', '..', 'dist', 'examples', 'demo.js'), '--urls', 'http://127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => demo.on('close', r));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        demo.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Now listening on: (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        demo.on('close', () => reject(new Error(`demo exited: ${out}`)));
      });
      const demoPage = await browser.newPage();
      await demoPage.goto(`${url}/`);
      const state = () => demoPage.evaluate(() => document.getElementById('state')!.dataset.state, null);
      await demoPage.waitForFunction(() => document.getElementById('state')!.dataset.state === 'Open', null);
      for (const text of ['hi', '안녕하세요']) {
        await demoPage.fill('#message', text);
        await demoPage.click('#send');
      }
      await demoPage.waitForFunction(() => document.querySelectorAll('#log li.received').length === 2, null);
      const received = await demoPage.evaluate(() => [...document.querySelectorAll('#log li.received')].map((li) => li.textContent), null);
      expect(received).toEqual(['서버에서 응답: hi', '서버에서 응답: 안녕하세요']);
      await demoPage.click('#close');
      await demoPage.waitForFunction(() => document.getElementById('state')!.dataset.state === 'Closed', null);
      expect(await state()).toBe('Closed');
      // An artifact for a human to look at (test/interop/.build is not committed).
      mkdirSync(path.join(here, '.build'), { recursive: true });
      await demoPage.screenshot({ path: path.join(here, '.build', 'demo-page.png'), fullPage: true });
      await demoPage.close();
    } finally {
      demo.kill('SIGINT');
      await exited;
    }
  });
});
