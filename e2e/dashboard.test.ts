// Browser test of the 工作台 (issue 23, Must show): the 党委管理员 opens the home page, sees the figures of the
// modules in one request, clicks a red organisation of 三会一课落实 and lands on that organisation's own 问题清单;
// the cards fit a phone.
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_PASSWORD, ensureArtifactsDir, serverPhoneAndDesk } from './harness.js';
import { loginAs, sidewaysPx, still } from './session.js';

const running = serverPhoneAndDesk();

describe('工作台 (党委管理员 dangwei)', () => {
  it('shows the figures, and a red organisation opens its own 问题清单', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await running.desk.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'dashboard-failed.png'), fullPage: true }).catch(() => undefined);
    });
    const boards: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/dashboard')) boards.push(r.url()); });
    await loginAs(page, running.server.baseUrl, 'dangwei');
    const compliance = page.locator('[data-card="orgLife.compliance"]');
    await compliance.waitFor();
    await expect.poll(() => page.locator('[data-card]').count()).toBe(10);
    expect(boards).toHaveLength(1); // one request for every card
    await still(page);
    await page.screenshot({ path: join(artifacts, 'dashboard.desk.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    const red = compliance.locator('a[data-tone="red"]').first();
    const name = (await red.locator('[data-label]').innerText()).trim();
    const href = (await red.getAttribute('href'))!;
    const orgId = new URL(href, running.server.baseUrl).searchParams.get('orgId')!;
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/org-life/compliance') && r.url().includes(`orgId=${orgId}`));
    answer.catch(() => undefined); // awaited below; a failed step before then must not also surface as an unhandled error
    await red.click();
    await page.waitForURL(/\/org-life\/compliance\?orgId=/);
    const report = (await (await answer).json()) as { org: { name: string }; orgs: { orgId: string; light: string }[] };
    expect(report.orgs.find((o) => o.orgId === orgId)?.light).toBe('red');
    // The list is that organisation's own: it is the one reported on, and its row is on the page.
    expect(report.org.name).toBe(name.split('/').at(-1));
    await page.locator('main').getByText(name.split('/').at(-1)!, { exact: false }).first().waitFor();
    await still(page);
    await page.screenshot({ path: join(artifacts, 'dashboard-compliance.desk.png'), fullPage: true });

    const phone = await running.phone.context.newPage();
    const login = await running.phone.context.request.post(`${running.server.baseUrl}/api/v1/auth/login`, { data: { username: 'dangwei', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    await phone.goto(running.server.baseUrl);
    await phone.locator('[data-card="tasks.lights"]').waitFor();
    await still(phone);
    await phone.screenshot({ path: join(artifacts, 'dashboard.phone.png'), fullPage: true });
    expect(await sidewaysPx(phone)).toBe(0);
  });
});
