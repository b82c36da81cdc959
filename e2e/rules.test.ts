// Browser test of the 业务规则 page: the 党委管理员 changes the yellow-light days of 督办 and a star band of
// 量化考核 in forms built from the server's schemas; a wrong entry is named in Chinese on its field and nothing
// is saved; the saved values come back after a reload. A branch secretary has no such page.
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureArtifactsDir, serverAndBrowser } from './harness.js';
import { loginAs, settle, buttonLabel as label } from './session.js';

const e2e = serverAndBrowser();

async function openRule(page: Page, group: string, name: string) {
  const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: group }) });
  const panel = card.locator('.ant-collapse-item').filter({ has: page.locator('.ant-collapse-header', { hasText: name }) });
  await panel.locator('.ant-collapse-header').click();
  await panel.locator('form').waitFor();
  return panel;
}

describe('业务规则 in the browser (dangwei)', () => {
  it('changes a number and a row of a list, refuses an empty field, keeps the values after a reload', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await e2e.browser.context.newPage();
    onTestFailed(async () => { await page.screenshot({ path: join(artifacts, 'rules-failed.png'), fullPage: true }).catch(() => undefined); });
    await loginAs(page, e2e.server.baseUrl, 'dangwei');
    await page.goto(`${e2e.server.baseUrl}/admin/rules`);
    await page.getByRole('heading', { name: '业务规则' }).waitFor();

    const tasks = await openRule(page, '督办', '亮灯与提醒');
    const yellow = tasks.getByLabel('到期前亮黄灯天数');
    expect(await yellow.inputValue()).toBe('3');

    // Emptied, the field says so and nothing is sent.
    await yellow.fill('');
    await tasks.getByRole('button', { name: label('保存') }).click();
    await tasks.locator('.ant-form-item-explain-error', { hasText: '请填写到期前亮黄灯天数' }).waitFor();

    await yellow.fill('5');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/settings/rules/tasks.rules')),
      tasks.getByRole('button', { name: label('保存') }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await page.locator('.ant-message', { hasText: '「亮灯与提醒」已保存' }).waitFor();

    const stars = await openRule(page, '量化考核', '星级分档');
    const firstRow = stars.locator('.ant-card').filter({ hasText: '第 1 项' });
    await firstRow.getByLabel('下限（含）').fill('95');
    const [savedStars] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/settings/rules/assessment.stars')),
      stars.getByRole('button', { name: label('保存') }).click(),
    ]);
    expect(savedStars.status(), await savedStars.text()).toBe(200);

    await page.reload();
    await settle(page);
    expect(await (await openRule(page, '督办', '亮灯与提醒')).getByLabel('到期前亮黄灯天数').inputValue()).toBe('5');
    const starsAgain = await openRule(page, '量化考核', '星级分档');
    expect(await starsAgain.locator('.ant-card').filter({ hasText: '第 1 项' }).getByLabel('下限（含）').inputValue()).toBe('95');
    await page.screenshot({ path: join(artifacts, 'rules.png'), fullPage: true });

    // A branch secretary holds these permissions only over their branch: the page is refused.
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'zb1');
    await page.goto(`${e2e.server.baseUrl}/admin/rules`);
    await page.waitForFunction(() => document.title.startsWith('无权访问'));
    expect(await page.getByRole('heading', { name: '业务规则' }).count()).toBe(0);
  });
});
