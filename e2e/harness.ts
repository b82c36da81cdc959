// Starts the real built server (server/dist/main.js) on a free port with a fresh data
// directory and the demo community, and drives Debian's Chromium through playwright-core.
// Needs `npm run build` first (server/dist and web/dist).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
export const DEMO_PASSWORD = 'Demo@2026pass';

const SERVER_MAIN = join(ROOT, 'server', 'dist', 'main.js');
const WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startServer(): Promise<RunningServer> {
  for (const file of [SERVER_MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the browser tests.`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'dangjian-e2e-data-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [SERVER_MAIN, 'start'], {
    cwd: ROOT,
    env: {
      ...process.env, // keeps DATABASE_URL when the suite runs on PostgreSQL
      PORT: String(port),
      HOST: '127.0.0.1',
      DANGJIAN_DATA_DIR: dataDir,
      DANGJIAN_DEMO_PASSWORD: DEMO_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { status?: string };
        if (body.status === 'ok') break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, dataDir, output: () => output, stop };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The suite's browsers ask for reduced motion, which the app honours by switching antd's animations off: a click
 * while a dialog zoomed in or a dropdown faded out was lost on a loaded CI machine more than once. The default,
 * animated path is checked in admin.test.ts.
 */
export const REDUCED_MOTION = 'reduce' as const;

export interface RunningBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Chromium with a new temporary profile, in Chinese, Asia/Shanghai, desktop size. */
export async function startBrowser(): Promise<RunningBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'dangjian-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    reducedMotion: REDUCED_MOTION,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium as a phone (390×844, touch), in Chinese, Asia/Shanghai: for the pages members use on their phones. */
export async function startPhone(): Promise<RunningBrowser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

export async function ensureArtifactsDir(): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** The built server and a desktop browser for a whole test file: started before its tests, stopped after them. */
export function serverAndBrowser(): { readonly server: RunningServer; readonly browser: RunningBrowser } {
  const running = {} as { server: RunningServer; browser: RunningBrowser };
  beforeAll(async () => {
    running.server = await startServer();
    running.browser = await startBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/** The built server with a phone (390 × 844) and a desktop browser for a whole test file, for flows that use both. */
export function serverPhoneAndDesk(): { readonly server: RunningServer; readonly phone: RunningBrowser; readonly desk: RunningBrowser } {
  const running = {} as { server: RunningServer; phone: RunningBrowser; desk: RunningBrowser };
  beforeAll(async () => {
    running.server = await startServer();
    [running.phone, running.desk] = await Promise.all([startPhone(), startBrowser()]);
  });
  afterAll(async () => {
    await running.phone?.close();
    await running.desk?.close();
    await running.server?.stop();
  });
  return running;
}
