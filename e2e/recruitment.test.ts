// Browser test of 发展党员 (issue 21, Must show): the secretary zb1 opens the 入党积极分子 tab, opens the activist whose
// next step is 确定发展对象, tries it a day before the year as 积极分子 is up and sees the refusal naming the rule,
// then records it on the day and sees the person become a 发展对象. The list and the person page fit a phone.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { buttonLabel as label, loginAs, sidewaysPx, still } from './session.js';

const running = serverPhoneAndDesk();

/** Types a date into the 办理日期 picker and picks it in the open calendar (Enter would also submit the form). */
async function pickDate(page: Page, date: string): Promise<void> {
  const input = page.getByLabel('办理日期');
  await input.click();
  await input.fill(date);
  const cell = page.locator(`.ant-picker-dropdown:visible td[title="${date}"]`);
  await cell.click();
  await expect.poll(() => input.inputValue()).toBe(date);
}

describe('发展党员 (secretary zb1)', () => {
  it('takes an activist to 发展对象; a step a day too early is refused with its rule', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await running.desk.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'recruitment-failed.png'), fullPage: true }).catch(() => undefined);
      console.error(running.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });
    await loginAs(page, running.server.baseUrl, 'zb1');
    await page.goto(`${running.server.baseUrl}/recruitment`);
    await page.getByText(/^入党积极分子 \d+$/).click();
    const row = page.locator('tr').filter({ hasText: '7. 确定发展对象' }).first();
    await row.waitFor();
    await still(page);
    await page.screenshot({ path: join(artifacts, 'recruitment-list.desk.png') });
    expect(await sidewaysPx(page)).toBe(0);
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/recruitment\/people\//);
    const form = page.locator('.ant-card').filter({ hasText: '办理下一步：第 7 步「确定发展对象」' });
    await form.waitFor();

    // The demo activist became one on step 3; the year is up on the same day a year later.
    const step3 = page.locator('.ant-timeline-item').filter({ hasText: '3. 推荐和确定入党积极分子' });
    const since = /(\d{4})-(\d{2})-(\d{2})/.exec(await step3.innerText())!;
    const dayOn = `${Number(since[1]) + 1}-${since[2]}-${since[3]}`;
    const d = new Date(`${dayOn}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    const dayBefore = d.toISOString().slice(0, 10);

    await pickDate(page, dayBefore);
    const refused = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
    await form.getByRole('button', { name: label('办理') }).click();
    expect((await refused).status()).toBe(409);
    const alert = form.getByRole('alert').filter({ hasText: '按规定' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`按规定，确定为发展对象须在列为入党积极分子满一年后（最早 ${dayOn}）`);
    await still(page);
    await page.screenshot({ path: join(artifacts, 'recruitment-refused.desk.png'), fullPage: true });

    await pickDate(page, dayOn);
    const accepted = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
    await form.getByRole('button', { name: label('办理') }).click();
    expect((await accepted).status()).toBe(200);
    await page.locator('.ant-tag').filter({ hasText: /^发展对象$/ }).first().waitFor();
    await page.locator('.ant-card').filter({ hasText: '办理下一步：第 8 步「报上级党委备案」' }).waitFor();
    await still(page);
    await page.screenshot({ path: join(artifacts, 'recruitment-person.desk.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // On a phone: the list as cards and the person page, nothing sideways.
    const phone = await running.phone.context.newPage();
    const login = await running.phone.context.request.post(`${running.server.baseUrl}/api/v1/auth/login`, { data: { username: 'zb1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    await phone.goto(`${running.server.baseUrl}/recruitment`);
    await phone.getByRole('button', { name: /登记入党申请人/ }).waitFor();
    await phone.locator('.ant-card').filter({ hasText: '下一步' }).first().waitFor();
    await still(phone);
    await phone.screenshot({ path: join(artifacts, 'recruitment-list.phone.png'), fullPage: true });
    expect(await sidewaysPx(phone)).toBe(0);
    await phone.goto(page.url());
    await phone.locator('.ant-timeline').waitFor();
    await still(phone);
    await phone.screenshot({ path: join(artifacts, 'recruitment-person.phone.png'), fullPage: true });
    expect(await sidewaysPx(phone)).toBe(0);
  });
});
