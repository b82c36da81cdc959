// Browser test of 我的 on a phone (issue 23, Must show): the member dy1 opens 我的档案 on a 390 × 844 page and sees
// their name, branch and this year's 组织生活 attendance without sideways scrolling, taps 查看 beside the masked
// 身份证号 and gets it in clear, and the 安全审计员 finds that view in the audit log; the 工作台 greets dy1 by name.
// A 三员 account's menu (系统管理员 on a desk) lists no business page.
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { request } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { loginAs, sidewaysPx, still } from './session.js';

const running = serverPhoneAndDesk();

describe('我的 on a phone (member dy1), and a 三员 menu', () => {
  it('dy1 sees their own record and attendance, reveals the 身份证号 (audited), and is greeted by name', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await running.phone.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'me-failed-dy1.png'), fullPage: true }).catch(() => undefined);
      console.error(running.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });
    const login = await running.phone.context.request.post(`${running.server.baseUrl}/api/v1/auth/login`, { data: { username: 'dy1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const who = await (await running.phone.context.request.get(`${running.server.baseUrl}/api/v1/me`)).json() as { name: string };

    await page.goto(`${running.server.baseUrl}/me`);
    const record = page.locator('[data-section="members.record"]');
    await record.locator('[data-field="name"]').waitFor();
    expect(await record.locator('[data-field="name"]').innerText()).toBe(who.name);
    expect(await record.locator('[data-field="branch"]').innerText()).toBe('机关第一党支部');
    const masked = await record.locator('[data-field="idNumber"]').innerText();
    expect(masked).toMatch(/^\d\*{17}$/);
    const attendance = page.locator('[data-section="orgLife.attendance"]');
    await attendance.locator('[data-item]').first().waitFor();
    expect(await attendance.locator('[data-item]').count()).toBeGreaterThan(0);
    await still(page);
    await page.screenshot({ path: join(artifacts, 'me-running.phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // 查看: the 身份证号 in clear, and one sensitive.view of dy1's record in the audit log.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me/reveal') && r.request().method() === 'POST'),
      record.getByRole('button', { name: /查\s*看/ }).tap(),
    ]);
    expect(answer.status()).toBe(200);
    await page.getByText('明文查看已记入审计日志').waitFor();
    const clear = await record.locator('[data-field="idNumber"]').innerText();
    expect(clear).toMatch(/^\d{17}[\dX]$/);
    expect(clear[0]).toBe(masked[0]);
    expect(await sidewaysPx(page)).toBe(0);
    const auditor = await request.newContext({ baseURL: running.server.baseUrl });
    try {
      expect((await auditor.post('/api/v1/auth/login', { data: { username: 'auditor', password: DEMO_PASSWORD } })).status()).toBe(200);
      const log = await (await auditor.get('/api/v1/audit?username=dy1&action=sensitive.view')).json() as { items: { entity: string; username: string }[] };
      expect(log.items.filter((e) => e.entity === 'member' && e.username === 'dy1')).toHaveLength(1);
    } finally {
      await auditor.dispose();
    }

    // The 工作台 greets dy1 by their name.
    await page.goto(`${running.server.baseUrl}/`);
    await page.getByTestId('greeting-name').filter({ hasText: who.name }).waitFor();
  });

  it('the 系统管理员 sees no business page in the menu or on the 工作台', async () => {
    const page = await running.desk.context.newPage();
    await loginAs(page, running.server.baseUrl, 'admin');
    const menu = page.locator('.ant-layout-sider .ant-menu');
    await menu.getByText('系统管理').waitFor();
    const text = await menu.innerText();
    for (const label of ['民主评议', '我的档案', '我的党费', '我的示范岗考评', '党员', '组织生活']) expect(text, label).not.toContain(label);
    expect(await page.locator('[data-path="/appraisals"], [data-path="/me"], [data-path="/dues/mine"]').count()).toBe(0);
  });
});
