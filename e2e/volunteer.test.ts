// Browser test of 志愿服务 on a phone (issue 18, Must show): the demo volunteer dy1 opens 我的结对老人 on a
// 390 × 844 page, records a visit of one of their two paired residents in a few taps (陪伴聊天, 90 分钟, 需关注, a photo)
// and the card's next due date moves; the responsible secretary (the 书记 of the resident's branch, found as the
// branch secretary who can open the resident) finds the 需关注 visit in 我的待办, and its link opens the
// resident's record with that visit (and its photo) on top and 标记已处理 / 转督办 offered.
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { request } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { loginAs, buttonLabel as label, PNG_1PX, still } from './session.js';

const running = serverPhoneAndDesk();

/** Fonts and network settled, and antd's enter animations finished. */
/** Today in Asia/Shanghai, as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The branch secretary (zb1 … zb6) who may open the resident: the one who answers for them. */
async function secretaryOf(residentId: string): Promise<string> {
  const found: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const api = await request.newContext({ baseURL: running.server.baseUrl });
    try {
      const login = await api.post('/api/v1/auth/login', { data: { username: `zb${i}`, password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
      const answer = await api.get(`/api/v1/volunteer/residents/${residentId}`);
      if (answer.status() === 200) found.push(`zb${i}`);
      else expect(answer.status(), `zb${i} outside the resident's branch`).toBe(404);
    } finally {
      await api.dispose();
    }
  }
  expect(found, 'exactly one branch secretary answers for the resident').toHaveLength(1);
  return found[0]!;
}

describe('志愿服务 on a phone (volunteer dy1, then the responsible secretary)', () => {
  it('dy1 records a 需关注 visit in a few taps, the next due date moves, and the secretary sees it in 我的待办', async () => {
    const artifacts = await ensureArtifactsDir();
    const volunteer = await running.phone.context.newPage();
    const secretary = await running.desk.context.newPage();
    onTestFailed(async () => {
      await volunteer.screenshot({ path: join(artifacts, 'volunteer-failed-dy1.png'), fullPage: true }).catch(() => undefined);
      await secretary.screenshot({ path: join(artifacts, 'volunteer-failed-secretary.png'), fullPage: true }).catch(() => undefined);
      console.error(running.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    // dy1 signs in on the phone and opens 我的结对老人: the two residents paired with them, each with its dates.
    const login = await running.phone.context.request.post(`${running.server.baseUrl}/api/v1/auth/login`, { data: { username: 'dy1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    await volunteer.goto(`${running.server.baseUrl}/volunteer/mine`);
    const cards = volunteer.locator('[data-resident]');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const card = cards.first();
    const name = (await card.getAttribute('data-resident'))!;
    const dueBefore = await card.getByTestId('due').innerText();
    expect(dueBefore).toMatch(/^\d{4}-\d{2}-\d{2}/);
    await still(volunteer);
    await volunteer.screenshot({ path: join(artifacts, 'volunteer-mine-running.phone.png'), fullPage: true });
    // Nothing on the page scrolls sideways at 390 px.
    expect(await volunteer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

    // 记录走访: today is the default date; the kind, the duration and the condition are one tap each.
    await card.getByRole('button', { name: /记录走访/ }).tap();
    const modal = volunteer.locator('.ant-modal').filter({ hasText: `记录走访：${name}` });
    await modal.waitFor();
    expect(await modal.getByLabel('走访日期').inputValue()).toBe(today());
    await modal.getByRole('radio', { name: '陪伴聊天' }).tap();
    await modal.getByRole('radio', { name: '90 分钟' }).tap();
    await modal.locator('.ant-segmented-item', { hasText: '需关注' }).tap();
    await modal.getByText('保存后将立即通知负责的支部书记').waitFor();
    await modal.getByLabel('情况记录').fill('老人说最近腿脚不便，下楼困难，需要安排上门送餐。');
    // A photo is optional: it is uploaded to the visit once the visit is saved.
    await modal.getByLabel('选择照片').setInputFiles({ name: '上门探访.png', mimeType: 'image/png', buffer: PNG_1PX });
    await modal.getByText('已选 1 张').waitFor();
    await still(volunteer);
    await volunteer.screenshot({ path: join(artifacts, 'volunteer-visit-form-running.phone.png') });
    const [saved, photo] = await Promise.all([
      volunteer.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/volunteer/visits'),
      volunteer.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/v1\/volunteer\/visits\/[^/]+\/photos$/.test(new URL(r.url()).pathname)),
      modal.getByRole('button', { name: label('保存') }).tap(),
    ]);
    expect(saved.status(), await saved.text()).toBe(201);
    expect(photo.status(), await photo.text()).toBe(201);
    const sent = saved.request().postDataJSON() as { residentId: string; kind: string; minutes: number; condition: string; visitedOn: string };
    expect(sent).toMatchObject({ kind: 'chat', minutes: 90, condition: 'attention', visitedOn: today() });
    const visitId = ((await saved.json()) as { id: string }).id;
    await modal.waitFor({ state: 'hidden' });

    // The card now shows today's visit and a later due date.
    const same = volunteer.locator(`[data-resident="${name}"]`);
    await expect.poll(() => same.getByTestId('last-visit').innerText()).toContain(today());
    await expect.poll(() => same.getByTestId('due').innerText()).not.toBe(dueBefore);
    const dueAfter = await same.getByTestId('due').innerText();
    expect(dueAfter.slice(0, 10) > today()).toBe(true);
    expect(dueAfter).not.toContain('超期');
    await still(volunteer);
    await volunteer.screenshot({ path: join(artifacts, 'volunteer-mine-after-running.phone.png'), fullPage: true });

    // The responsible secretary finds the 需关注 visit in 我的待办; its link opens the resident with that visit.
    const zb = await secretaryOf(sent.residentId);
    // dy1's residents live in 幸福里小区, which 物业第一党支部 answers for: its 书记 is zb3 in the demo.
    expect(zb).toBe('zb3');
    await loginAs(secretary, running.server.baseUrl, zb);
    await secretary.goto(`${running.server.baseUrl}/todos`);
    const item = secretary.locator('[data-todo-kind="volunteer.attention"]').locator(`a[href*="visit=${visitId}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain(`需关注：${name}`);
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'volunteer-todos-secretary.png'), fullPage: true });
    await item.click();
    await secretary.waitForURL(`${running.server.baseUrl}/volunteer/residents?id=${sent.residentId}&visit=${visitId}`);
    const drawer = secretary.getByRole('dialog').filter({ hasText: `服务对象：${name}` });
    const focused = drawer.getByTestId('focused-visit');
    await focused.waitFor();
    expect(await focused.innerText()).toContain('需关注');
    expect(await focused.innerText()).toContain('上门送餐');
    await focused.getByRole('img', { name: '上门探访.png' }).waitFor();
    await focused.getByRole('button', { name: /标记已处理/ }).waitFor();
    await focused.getByRole('button', { name: /转督办/ }).waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'volunteer-resident-secretary.png') });
  });
});
