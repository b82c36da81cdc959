// Browser test of 考试 on a phone (issue 20, Must show): the demo member dy1 opens 我的考试 on a 390 × 844 page, starts
// the committee's open exam, answers every question one screen at a time (each answer saved as it is chosen), submits
// with the confirm and sees the score at once. Then the 党委 keeper opens 考试管理 on a desk and the statistics of
// last month's exam. Nothing scrolls sideways on the phone.
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { buttonLabel as label, loginAs, openedBox, sidewaysPx, still } from './session.js';

const running = serverPhoneAndDesk();

describe('考试 on a phone (member dy1), then the statistics on a desk (dangwei)', () => {
  it('dy1 takes the open exam, submits and sees the score; the keeper sees the statistics', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await running.phone.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'training-exam-failed.png'), fullPage: true }).catch(() => undefined);
      console.error(running.server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    const login = await running.phone.context.request.post(`${running.server.baseUrl}/api/v1/auth/login`, { data: { username: 'dy1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(`${running.server.baseUrl}/training/my-exams`);
    const card = page.locator('[data-exam="党的基础知识在线测试"]');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('best-score').innerText()).toBe('尚未交卷');
    await still(page);
    await page.screenshot({ path: join(artifacts, 'training-my-exams-running.phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // 开始答题, confirmed: the answer sheet opens with the server's countdown.
    await card.getByRole('button', { name: label('开始答题') }).tap();
    await (await openedBox(page, '.ant-modal-confirm')).getByRole('button', { name: label('开始答题') }).tap();
    await page.waitForURL(/\/training\/attempts\//);
    const countdown = page.getByTestId('countdown');
    await countdown.waitFor();
    expect(await countdown.innerText()).toMatch(/剩余 \d{2}:\d{2}/);

    // One question per screen: choose an answer (saved at once), then 下一题, until 交卷.
    const total = await page.locator('button[aria-label^="第 "]').count();
    expect(total).toBeGreaterThan(0);
    for (let i = 0; i < total; i++) {
      const q = page.getByTestId('question');
      const saved = page.waitForResponse((r) => /\/answers\/\d+$/.test(r.url()) && r.request().method() === 'PUT');
      saved.catch(() => undefined); // awaited below; a failed step before then must not also surface as an unhandled error
      const fill = q.locator('input[placeholder="请输入答案"]');
      if (await fill.count()) {
        await fill.fill('民主集中制');
        await fill.blur();
      } else if (await q.locator('.ant-checkbox-wrapper').count()) {
        await q.locator('.ant-checkbox-wrapper').nth(0).tap();
      } else {
        await q.locator('.ant-radio-wrapper').first().tap();
      }
      expect((await saved).status()).toBe(200);
      if (i === 0) {
        await still(page);
        await page.screenshot({ path: join(artifacts, 'training-attempt-running.phone.png'), fullPage: true });
        expect(await sidewaysPx(page)).toBe(0);
      }
      if (i < total - 1) await q.getByRole('button', { name: /下一题/ }).tap();
    }
    await page.getByTestId('question').getByRole('button', { name: label('交卷') }).tap();
    const submitted = page.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    submitted.catch(() => undefined); // as above
    await (await openedBox(page, '.ant-modal-confirm')).getByRole('button', { name: label('交卷') }).tap();
    expect((await submitted).status()).toBe(200);

    // The score at once; the correct answers wait for the window to close.
    const score = page.getByTestId('attempt-score');
    await score.waitFor();
    expect(await score.innerText()).toMatch(/^\d+ 分$/);
    await expect.poll(() => page.getByText(/考试结束（.*）后可查看错题的正确答案和解析/).count()).toBe(1);
    await still(page);
    await page.screenshot({ path: join(artifacts, 'training-result-running.phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // Back on 我的考试 the card shows the best score.
    await page.getByRole('button', { name: /返回我的考试/ }).tap();
    await card.waitFor();
    await expect.poll(() => card.getByTestId('best-score').innerText()).toMatch(/^最高 \d+ 分/);

    // The committee's keeper: 考试管理 on a desk, the statistics of last month's exam.
    const keeper = await running.desk.context.newPage();
    onTestFailed(async () => { await keeper.screenshot({ path: join(artifacts, 'training-exam-failed-running.desk.png') }).catch(() => undefined); });
    await loginAs(keeper, running.server.baseUrl, 'dangwei');
    await keeper.goto(`${running.server.baseUrl}/training/exams`);
    const closed = keeper.getByText('2026年10月党章党规知识测试');
    await closed.first().waitFor();
    await closed.first().click();
    const drawer = keeper.getByRole('dialog').filter({ hasText: '考试统计：' });
    await drawer.getByText('按支部').waitFor();
    await expect.poll(async () => Number(await drawer.locator('.ant-statistic').nth(1).locator('.ant-statistic-content-value').innerText())).toBeGreaterThan(50);
    await still(keeper);
    await keeper.screenshot({ path: join(artifacts, 'training-exam-stats-running.desk.png') });
    expect(await sidewaysPx(keeper)).toBe(0);
  });
});
