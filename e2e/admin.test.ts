// Browser tests of the administration pages' dialogs against the real server.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, serverAndBrowser } from './harness.js';
import { loginAs, openedBox } from './session.js';

const e2e = serverAndBrowser();

describe('user administration dialogs', () => {
  it('an edit dialog shows the record it was opened for, not the one opened before', async () => {
    const page = await e2e.browser.context.newPage();
    await loginAs(page, e2e.server.baseUrl, 'admin');
    await page.goto(`${e2e.server.baseUrl}/admin/users`);
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();

    const opened: string[][] = [];
    for (const i of [0, 1, 0]) {
      await rows.nth(i).getByText('编辑', { exact: true }).click();
      const modal = page.locator('.ant-modal');
      await modal.waitFor();
      const rowText = await rows.nth(i).innerText();
      await modal.locator('input').first().waitFor();
      opened.push([rowText, ...(await modal.locator('input').evaluateAll((inputs) => inputs.map((e) => (e as HTMLInputElement).value)))]);
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      await modal.waitFor({ state: 'hidden' });
    }
    // Each dialog carries its own row's username and name.
    for (const [rowText, username, displayName] of opened) {
      expect(rowText).toContain(username!);
      expect(rowText).toContain(displayName!);
    }
    expect(opened[0]![1]).not.toBe(opened[1]![1]);
    await page.close();
  });
});

describe('motion follows the system setting', () => {
  // The suite's browsers ask for reduced motion (harness.ts); a person who did not still gets antd's animations.
  it('the edit dialog zooms in by default and opens at once when the system asks for reduced motion', async () => {
    const seen: Record<string, string[]> = {};
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const page = await e2e.browser.context.newPage();
      await page.emulateMedia({ reducedMotion });
      await loginAs(page, e2e.server.baseUrl, 'admin');
      await page.goto(`${e2e.server.baseUrl}/admin/users`);
      await page.locator('.ant-table-row').first().waitFor();
      // Every class an element takes from now on, caught as it is set (an animation's classes last a few frames).
      await page.evaluate(() => {
        const classes = new Set<string>();
        (window as unknown as { motionClasses: Set<string> }).motionClasses = classes;
        const note = (el: Element) => el.classList.forEach((c) => classes.add(c));
        new MutationObserver((records) => {
          for (const r of records) {
            if (r.type === 'attributes') note(r.target as Element);
            r.addedNodes.forEach((n) => { if (n instanceof Element) { note(n); n.querySelectorAll('*').forEach(note); } });
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await page.locator('.ant-table-row').first().getByText('编辑', { exact: true }).click();
      const modal = page.locator('.ant-modal');
      await modal.locator('input').first().waitFor();
      await expect.poll(() => modal.getAttribute('class')).not.toMatch(/-(appear|enter)\b/);
      // antd marks the zoom's running steps -start and -active (a one-frame -prepare, which only places the origin,
      // is set either way).
      seen[reducedMotion] = await page.evaluate(() => [...(window as unknown as { motionClasses: Set<string> }).motionClasses].filter((c) => /-(appear|enter)-(start|active)$/.test(c)));
      await page.close();
    }
    expect(seen['no-preference']).toContain('ant-zoom-appear-active');
    expect(seen.reduce).toEqual([]);
  });
});

describe('a password reset by two 三员 accounts', () => {
  const signIn = async (page: Page, username: string) => {
    await e2e.browser.context.clearCookies();
    await page.goto(`${e2e.server.baseUrl}/login`);
    await page.getByPlaceholder('用户名', { exact: true }).fill(username);
    await page.getByPlaceholder('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(`${e2e.server.baseUrl}/`);
  };

  it('the 系统管理员 sees part A once, the 安全保密员 approves and sees part B once, and both together open the account', async () => {
    const page = await e2e.browser.context.newPage();
    await signIn(page, 'admin');
    await page.goto(`${e2e.server.baseUrl}/admin/users`);
    const row = page.locator('.ant-table-row', { hasText: 'kaohe' });
    await row.getByRole('button', { name: '重置密码（需安全保密员批准）' }).click();
    await (await openedBox(page, '.ant-popconfirm')).getByRole('button', { name: /确\s*定/ }).click();
    const partA = (await page.getByTestId('password-part').innerText()).trim();
    expect(partA).toMatch(/^[A-Za-z2-9]{6,}$/);
    await page.getByRole('button', { name: '我已交给本人，关闭' }).click();
    // kaohe is named after the employee it is linked to in the demo; the request names the account by that name.
    await page.getByText(/重置密码：.+（kaohe）/).first().waitFor();

    await signIn(page, 'secadmin');
    await page.goto(`${e2e.server.baseUrl}/admin/approvals`);
    const card = page.locator('.ant-card', { hasText: '待我批准' });
    await card.getByText(/重置密码：.+（kaohe）/).waitFor();
    await card.getByRole('button', { name: /批\s*准/ }).click();
    await (await openedBox(page, '.ant-popconfirm')).getByRole('button', { name: /确\s*定/ }).click();
    const partB = (await page.getByTestId('password-part').innerText()).trim();
    expect(partB).toMatch(/^[A-Za-z2-9]{6,}$/);

    const login = await fetch(`${e2e.server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kaohe', password: partA + partB }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    await page.close();
  });
});
