// Browser test of the 大屏 (issue 23, Must show): the 党委管理员 issues a link on the 党建大屏 page, a fresh browser
// without any session opens it at 1920×1080 and sees the committee's figures and the clock, with no member's name on
// the screen; after the link is revoked, the next load says 链接无效或已停用.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { CHROMIUM_ARGS, ensureArtifactsDir, REDUCED_MOTION, serverAndBrowser } from './harness.js';
import { buttonLabel, loginAs, openedBox, still } from './session.js';

const running = serverAndBrowser();

describe('党建大屏 (党委管理员 dangwei)', () => {
  it('issues a link, a wall screen shows the figures without a session, and revoking it empties the screen', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await running.browser.context.newPage();
    const wall = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const screenCtx = await wall.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: REDUCED_MOTION });
    const screen = await screenCtx.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'display-manage-failed.png'), fullPage: true }).catch(() => undefined);
      await screen.screenshot({ path: join(artifacts, 'display-screen-failed.png') }).catch(() => undefined);
    });
    try {
      await loginAs(page, running.server.baseUrl, 'dangwei');
      await page.goto(`${running.server.baseUrl}/display-links`);
      await page.getByRole('button', { name: buttonLabel('签发链接') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('大屏位置').fill('党建活动室');
      await dialog.getByRole('button', { name: buttonLabel('签发') }).click();
      const link = page.getByTestId('display-link');
      await link.waitFor();
      const url = (await link.innerText()).trim();
      expect(url).toMatch(/\/display\/[A-Za-z0-9_-]{43}$/);
      await still(page);
      await page.screenshot({ path: join(artifacts, 'display-issued.desk.png') });
      await page.locator('.ant-modal-footer').getByRole('button', { name: buttonLabel('关闭') }).click();

      // The wall screen: a browser that never signed in.
      expect((await screenCtx.cookies()).length).toBe(0);
      await screen.goto(url);
      await expect.poll(() => screen.getByTestId('display-card').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
      await screen.getByText('社区党委 · 党建工作大屏').waitFor();
      await screen.getByTestId('display-clock').waitFor();
      const text = await screen.locator('body').innerText();
      expect(text).toContain('党员队伍');
      expect(text).toMatch(/\d+\s*名/);
      expect(text).not.toMatch(/1[3-9]\d{9}|\d{17}[\dXx]/);
      expect(screen.url()).not.toContain('/login');
      await still(screen);
      await screen.screenshot({ path: join(artifacts, 'display.wall.png') });
      // Made for 1920×1080; an office monitor shows it too (pictures at the project's two review sizes).
      for (const [name, size] of [['desk', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
        await screen.setViewportSize(size);
        await still(screen);
        await screen.screenshot({ path: join(artifacts, `display.${name}.png`) });
      }
      await screen.setViewportSize({ width: 1920, height: 1080 });

      await page.getByRole('row', { name: /党建活动室/ }).getByRole('button', { name: buttonLabel('停用') }).click();
      await (await openedBox(page, '.ant-popconfirm')).getByRole('button', { name: buttonLabel('停用') }).click();
      await page.getByRole('row', { name: /党建活动室/ }).getByText('已停用').waitFor();

      await screen.reload();
      await screen.getByText('链接无效或已停用').waitFor();
      expect(await screen.getByTestId('display-card').count()).toBe(0);
      await screen.screenshot({ path: join(artifacts, 'display-revoked.wall.png') });
    } finally {
      await screenCtx.close();
      await wall.close();
    }
  });
});
