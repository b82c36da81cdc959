// Browser test of the login flow and the permission-built menu against the real server.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, serverAndBrowser } from './harness.js';
import { buttonLabel } from './session.js';

const LOGIN_JS_BUDGET_KB = 350;

const e2e = serverAndBrowser();

/** A new tab with no session cookie. */
async function freshPage(): Promise<Page> {
  await e2e.browser.context.clearCookies();
  return e2e.browser.context.newPage();
}

/** Fills and submits the login form; returns the HTTP status of POST /api/v1/auth/login. */
async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await page.getByPlaceholder('用户名', { exact: true }).fill(username);
  await page.getByPlaceholder('密码', { exact: true }).fill(password);
  // Not by accessible name: antd leaves its faded-out loading icon (aria-label "loading") in the
  // button after a quick request, which changes the name to "loading 登 录".
  const button = page.locator('form[id="login"] button[type="submit"], form[name="login"] button[type="submit"]').first();
  // A click while the previous attempt is still settling (button in loading state) is ignored.
  await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    button.click(),
  ]);
  await page.locator('.ant-btn-loading').waitFor({ state: 'detached' });
  return answer.status();
}

async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${e2e.server.baseUrl}/login`);
  const status = await submitLogin(page, username, password);
  expect(status, `login of ${username}`).toBe(200);
  await page.waitForURL(`${e2e.server.baseUrl}/`);
  await sideMenu(page).waitFor();
}

function sideMenu(page: Page) {
  return page.locator('.ant-layout-sider .ant-menu');
}

async function menuTexts(page: Page): Promise<string[]> {
  return sideMenu(page).locator('.ant-menu-title-content').allInnerTexts();
}

async function alertText(page: Page): Promise<string> {
  const alert = page.locator('.ant-alert-error');
  await alert.waitFor();
  return alert.innerText();
}

describe('login and the side menu', () => {
  it('党委管理员 logs in and sees the Chinese side menu', async () => {
    const page = await freshPage();
    await login(page, 'dangwei');
    const menu = sideMenu(page);
    await menu.getByRole('menuitem', { name: '工作台' }).waitFor();
    await menu.getByRole('menuitem', { name: '党组织' }).waitFor();
    await page.getByText('党委管理员', { exact: false }).first().waitFor();
    await page.getByText('我可以使用的功能').waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const dir = await ensureArtifactsDir();
    await page.screenshot({ path: join(dir, 'dangwei-home.png'), fullPage: true });

    // The org tree page opens from the menu and shows the committee.
    await menu.getByRole('menuitem', { name: '党组织' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/orgs`);
    await page.locator('.ant-tree').getByText('党委', { exact: true }).first().waitFor();
    await page.close();
  });

  it('a wrong password shows 用户名或密码错误', async () => {
    const page = await freshPage();
    await page.goto(`${e2e.server.baseUrl}/login`);
    expect(await submitLogin(page, 'dangwei', 'Wrong@2026pass')).toBe(401);
    expect(await alertText(page)).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('six wrong passwords lock the account and say so', async () => {
    const page = await freshPage();
    await page.goto(`${e2e.server.baseUrl}/login`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await submitLogin(page, 'dy1', `Wrong@${i}pass`));
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(423);
    expect(await alertText(page)).toContain('锁定');
    // Even the right password is refused while the lock lasts.
    expect(await submitLogin(page, 'dy1', DEMO_PASSWORD)).toBe(423);
    await page.close();
  });

  it(`the login page loads at most ${LOGIN_JS_BUDGET_KB} KB of gzipped JavaScript`, async () => {
    const page = await freshPage();
    const scripts: Response[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(r);
    });
    await page.goto(`${e2e.server.baseUrl}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('用户名', { exact: true }).waitFor();
    let gzipped = 0;
    const files: string[] = [];
    for (const r of scripts) {
      const body = await r.body();
      gzipped += gzipSync(body, { level: 9 }).length;
      files.push(new URL(r.url()).pathname);
    }
    const kb = gzipped / 1024;
    console.log(`login page: ${scripts.length} scripts, ${kb.toFixed(1)} KB gzipped`);
    expect(files.some((f) => /LoginPage-.*\.js$/.test(f))).toBe(true);
    // The admin shell and its pages must not be part of the first screen.
    expect(files.some((f) => /(ProtectedShell|ListPage|AuditPage)-.*\.js$/.test(f))).toBe(false);
    expect(kb).toBeLessThanOrEqual(LOGIN_JS_BUDGET_KB);
    await page.close();
  });

  it('安全审计员 sees 审计日志 and the login entries in it', async () => {
    const page = await freshPage();
    await login(page, 'auditor');
    const menu = sideMenu(page);
    await menu.getByText('安全审计', { exact: true }).click();
    await menu.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/audit`);
    const table = page.locator('.ant-table-tbody');
    await table.locator('tr.ant-table-row').first().waitFor();
    // The auditor's own login and 党委管理员's earlier one are in the log.
    await table.locator('tr.ant-table-row', { hasText: 'auditor' }).filter({ hasText: '登录' }).first().waitFor();
    await table.locator('tr.ant-table-row', { hasText: 'dangwei' }).filter({ hasText: '登录' }).first().waitFor();
    expect(await menuTexts(page)).not.toContain('用户管理');

    // The integrity check reports an intact chain.
    await page.getByRole('button', { name: /校验完整性/ }).click();
    await page.locator('.ant-modal').getByText('完整', { exact: true }).waitFor();
    await page.close();
  });

  it('系统管理员 sees 用户管理 but neither 审计日志 nor 党组织', async () => {
    const page = await freshPage();
    await login(page, 'admin');
    const menu = sideMenu(page);
    await menu.getByText('系统管理', { exact: true }).click();
    await menu.getByRole('menuitem', { name: '用户管理' }).waitFor();
    const texts = await menuTexts(page);
    expect(texts).toContain('工作台');
    expect(texts).not.toContain('审计日志');
    expect(texts).not.toContain('安全审计');
    expect(texts).not.toContain('党组织');
    // Opening the audit page by address gives 无权访问, not the log.
    await page.goto(`${e2e.server.baseUrl}/audit`);
    await page.getByText('无权访问').waitFor();
    await page.close();
  });
  it('a session ended elsewhere sends the user back to the login page with a message', async () => {
    const page = await freshPage();
    await login(page, 'zb1');
    // The same user signs in from another device and ends the first session from its session list.
    const other = await fetch(`${e2e.server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zb1', password: DEMO_PASSWORD }),
    });
    const cookie = (other.headers.get('set-cookie') ?? '').split(';')[0]!;
    const sessions = (await (await fetch(`${e2e.server.baseUrl}/api/v1/auth/sessions`, { headers: { cookie } })).json()) as { items: { id: string; current: boolean }[] };
    const first = sessions.items.find((s) => !s.current)!;
    expect((await fetch(`${e2e.server.baseUrl}/api/v1/auth/sessions/${first.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);

    // The next request the page makes finds the session gone: a click on the menu, or already the header's
    // polling (待办, unread notifications), whichever comes first.
    await sideMenu(page).getByRole('menuitem', { name: '党组织' }).click({ timeout: 5_000 }).catch(() => undefined);
    await page.waitForURL(/\/login\?/);
    await page.getByText('登录已超时，请重新登录').waitFor();
    await page.close();
  });

  // Last in the file: it uses up this address's login attempts for the rest of the minute.
  it('安全保密员 lowers the per-address login allowance; the next flood of logins is told how long to wait', async () => {
    const page = await freshPage();
    await login(page, 'secadmin');
    await page.goto(`${e2e.server.baseUrl}/admin/security`);
    await page.getByText('密码有效期').waitFor();
    await page.getByText('不可重复使用的密码次数').waitFor();
    const allowance = page.getByLabel('同一 IP 地址每分钟登录次数上限');
    await allowance.fill('5');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/settings/security') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: buttonLabel('保存') }).click(),
    ]);
    expect(saved.status()).toBe(200);
    expect(((await saved.json()) as { loginAttemptsPerMinute: number }).loginAttemptsPerMinute).toBe(5);
    await page.close();

    const guest = await freshPage();
    await guest.goto(`${e2e.server.baseUrl}/login`);
    const statuses: number[] = [];
    for (let i = 0; i < 7 && !statuses.includes(429); i++) statuses.push(await submitLogin(guest, 'zb2', `Wrong@${i}pass`));
    expect(statuses).toContain(429);
    expect(await alertText(guest)).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
    await guest.close();
  });
});
