// Every page a 党委管理员, a branch secretary and a member can open from the 工作台, at phone and office
// sizes: none may scroll sideways (the page or a table in it), log a console error, or call an API its user may not (403).
// Screenshots of every page at both sizes are kept in test-artifacts/e2e/pages for review.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, DEMO_PASSWORD, ensureArtifactsDir, REDUCED_MOTION, startServer, type RunningServer } from './harness.js';
import { settle } from './session.js';

const USERS = ['dangwei', 'zb1', 'dy1'] as const;
const SIZES = [
  { tag: 'phone', width: 390, height: 844, mobile: true },
  { tag: 'desk', width: 1440, height: 900, mobile: false },
] as const;

let server: RunningServer;
let browser: Browser;
let shots: string;

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  shots = join(await ensureArtifactsDir(), 'pages');
  await mkdir(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Visit {
  path: string;
  overflow: number;
  where: string;
  problems: string[];
}

/**
 * How far the page, or any visible box in it (a wide table in its own scroller counts), must be scrolled
 * sideways to be read, and which box that is. Runs in the page.
 */
function sidewaysScroll(): { px: number; where: string } {
  let px = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  let where = px > 0 ? 'the page' : '';
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    if (el.tagName === 'TEXTAREA' || el.offsetParent === null) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') continue;
    const hidden = el.scrollWidth - el.clientWidth;
    if (hidden > px) {
      px = hidden;
      const card = el.closest('.ant-card')?.querySelector('.ant-card-head-title')?.textContent ?? '';
      const head = Array.from(el.querySelectorAll('th')).map((th) => th.textContent?.trim()).filter(Boolean).slice(0, 4).join('|');
      where = `${el.className.toString().split(' ')[0]} ${card} ${head}`.trim();
    }
  }
  return { px, where };
}

/** A signed-in context of `username` at one size; signs in through the API, as the form is tested elsewhere. */
async function signedIn(username: string, size: (typeof SIZES)[number]): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: 1,
    isMobile: size.mobile,
    hasTouch: size.mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: REDUCED_MOTION,
  });
  const answer = await context.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(answer.status(), `login of ${username}`).toBe(200);
  return context;
}

/** The pages the 工作台 offers this user (its entry cards come from the same menu definition). */
async function entryPaths(page: Page): Promise<string[]> {
  await page.goto(`${server.baseUrl}/`);
  await page.locator('[data-path]').first().waitFor();
  const paths = await page.locator('[data-path]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-path') ?? ''));
  return ['/', ...new Set(paths.filter(Boolean))];
}

async function visit(page: Page, path: string, file: string): Promise<Visit> {
  const problems: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 200)}`);
  };
  const onError = (e: Error) => problems.push(`page error: ${e.message.slice(0, 200)}`);
  const onResponse = (r: { url(): string; status(): number; request(): { method(): string } }) => {
    if (r.url().includes('/api/') && r.status() === 403) problems.push(`403 from ${r.request().method()} ${new URL(r.url()).pathname}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('response', onResponse);
  try {
    await page.goto(`${server.baseUrl}${path}`);
    // The page is drawn when its title is there and no table or card is still loading.
    await page.locator('h4.ant-typography').first().waitFor();
    await settle(page);
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
    const overflow = await page.evaluate(sidewaysScroll);
    await page.screenshot({ path: file });
    return { path, overflow: overflow.px, where: overflow.where, problems };
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('response', onResponse);
  }
}

describe('every menu page fits the screen and runs clean', () => {
  for (const username of USERS) {
    it(`${username}: every page at 390 × 844 and 1440 × 900 without sideways scrolling, console errors or refused calls`, async () => {
      const failures: string[] = [];
      let visited = 0;
      // The two sizes walk side by side in two contexts of one browser: each visit mostly waits for the server and
      // the layout, so the pair takes little longer than one walk (this file is the longest of the browser suite).
      await Promise.all(SIZES.map(async (size) => {
        const context = await signedIn(username, size);
        try {
          const page = await context.newPage();
          const paths = await entryPaths(page);
          for (const path of paths) {
            const slug = path === '/' ? 'home' : path.slice(1).replace(/[/:]/g, '_');
            const v = await visit(page, path, join(shots, `${username}-${size.tag}-${slug}.png`));
            visited++;
            if (v.overflow > 0) failures.push(`${size.tag} ${path}: scrolls sideways by ${v.overflow} px (${v.where})`);
            for (const p of v.problems) failures.push(`${size.tag} ${path}: ${p}`);
          }
        } finally {
          await context.close();
        }
      }));
      console.log(`${username}: ${visited} page visits`);
      for (const f of failures) console.log(`  ${username} ${f}`);
      expect(failures, failures.join('\n')).toEqual([]);
    }, 600_000);
  }
});
