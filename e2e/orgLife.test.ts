// Browser test of QR sign-in (issue 5, Must show): the secretary of 机关第一党支部 (zb1) creates a 主题党日
// starting now, opens its projector page from the record, and reads the sign-in link under the QR code. A
// member (dy1) on a phone-sized window opens that link, is sent through the login page and back, confirms,
// and sees 签到成功 (opened again, the page says 您已签到 and offers no second sign-in). The projector's live count goes up, and the record's
// attendance rate in zb1's drawer changes. The server runs on the real clock, so "now" is inside the window.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, startBrowser, startPhone, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { loginAs, buttonLabel as label, still } from './session.js';

let server: RunningServer;
let desk: RunningBrowser;
let phone: BrowserContext;
let phoneBrowser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  desk = await startBrowser();
  phoneBrowser = await startPhone();
  phone = phoneBrowser.context;
});

afterAll(async () => {
  await phoneBrowser?.close();
  await desk?.close();
  await server?.stop();
});

const TITLE = `主题党日：学习新修订的党章 ${Math.random().toString(36).slice(2, 7)}`;

function drawer(page: Page): Locator {
  return page.getByRole('dialog').filter({ hasText: `组织生活：${TITLE}` });
}

/** Fonts and network settled, and antd's enter animations finished. */
/** `已签到 M / 应到 N` on the projector, as numbers. */
async function liveCount(page: Page): Promise<{ present: number; expected: number }> {
  const text = await page.getByTestId('live-count').innerText();
  const m = /已签到\s*(\d+)\s*\/\s*应到\s*(\d+)/.exec(text.replace(/\s+/g, ' '));
  if (!m) throw new Error(`unexpected live count: ${text}`);
  return { present: Number(m[1]), expected: Number(m[2]) };
}

describe('组织生活 QR sign-in in the browser (secretary zb1, member dy1 on a phone)', () => {
  it('create a 主题党日 → projector QR page → a member signs in from a phone → the count and the attendance rate change', async () => {
    const artifacts = await ensureArtifactsDir();
    const secretary = await desk.context.newPage();
    const member = await phone.newPage();
    let projector: Page | undefined = undefined;
    onTestFailed(async () => {
      await secretary.screenshot({ path: join(artifacts, 'orgLife-failed-zb1.png'), fullPage: true }).catch(() => undefined);
      await projector?.screenshot({ path: join(artifacts, 'orgLife-failed-projector.png') }).catch(() => undefined);
      await member.screenshot({ path: join(artifacts, 'orgLife-failed-dy1.png'), fullPage: true }).catch(() => undefined);
      // The server's warnings and errors, for a 500 behind a failed step.
      console.error(server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });
    await loginAs(secretary, server.baseUrl, 'zb1');

    // zb1 creates a 主题党日 for the branch; it starts within minutes (the form's default for today).
    await secretary.goto(`${server.baseUrl}/org-life`);
    await secretary.locator('.ant-picker-calendar').waitFor();
    await secretary.getByRole('button', { name: /新建活动/ }).click();
    const form = secretary.locator('.ant-modal').filter({ hasText: '新建活动' });
    await form.waitFor();
    await form.getByLabel('党组织').click();
    await secretary.locator('.ant-select-item-option', { hasText: '机关第一党支部（党支部）' }).click();
    await form.getByLabel('活动类型').click();
    // Only kinds a branch holds are offered (党小组会 is for a 党小组).
    await secretary.locator('.ant-select-item-option', { hasText: '主题党日' }).waitFor();
    expect(await secretary.locator('.ant-select-item-option', { hasText: '党小组会' }).count()).toBe(0);
    await secretary.locator('.ant-select-item-option', { hasText: '主题党日' }).click();
    // A title is suggested from the organisation, kind and month (or the month's theme); ours replaces it.
    await expect.poll(() => form.getByLabel('活动名称').inputValue()).toContain('主题党日');
    await form.getByLabel('活动名称').fill(TITLE);
    await form.getByLabel('地点').fill('社区党群服务中心二楼会议室');
    // The host is picked from the branch's roster.
    await form.getByLabel('主持人').click();
    // The kind's dropdown may still be fading out: pick from the one dropdown left open.
    await expect.poll(() => secretary.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])').count()).toBe(1);
    await secretary.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option').first().click();
    const createdP = secretary.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/org-life/activities' && r.status() !== 409);
    createdP.catch(() => undefined); // awaited below; a failed step before then must not also surface as an unhandled error
    await form.getByRole('button', { name: label('创建') }).click();
    // The demo data may already hold a 主题党日 of the branch today: the server's warning is confirmed.
    const again = secretary.getByRole('button', { name: label('仍要创建') });
    const created = await Promise.race([createdP, again.waitFor().then(async () => (await again.click(), createdP))]);
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;

    // The new record opens in its drawer: planned, nobody signed in yet.
    await secretary.waitForURL(`${server.baseUrl}/org-life?id=${id}`);
    const rate = drawer(secretary).getByTestId('drawer-attendance-rate');
    await rate.waitFor();
    const before = await rate.innerText();
    expect(before).toMatch(/出席 0 人/);
    const expected = Number(/应到 (\d+) 人/.exec(before)?.[1]);
    expect(expected).toBeGreaterThan(1);
    await drawer(secretary).getByRole('tab', { name: /签到表/ }).waitFor();
    expect(await drawer(secretary).locator('.ant-table-row').count()).toBe(expected);

    // 投屏签到 opens the projector page in a new tab.
    const [popup] = await Promise.all([desk.context.waitForEvent('page'), drawer(secretary).getByRole('button', { name: /投屏签到/ }).click()]);
    projector = popup;
    await projector.waitForURL(`${server.baseUrl}/org-life/projector/${id}`);
    await projector.getByText('请使用手机扫码签到').waitFor();
    const qr = projector.getByRole('img', { name: '签到二维码' });
    await qr.locator('svg').waitFor();
    await projector.getByText(TITLE).waitFor();
    await expect.poll(() => liveCount(projector!), { timeout: 15_000 }).toEqual({ present: 0, expected });
    expect(await qr.getAttribute('data-sign-in-url')).toMatch(new RegExp(`^${server.baseUrl}/sign-in\\?token=`));
    await still(projector);
    await projector.screenshot({ path: join(artifacts, 'orgLife-projector.png') });

    // dy1 scans: the phone opens the link, logs in, and comes back to the sign-in page. Opening it signs nobody in.
    // The code changes every 30 s (the previous one still signs in), so it is read as the member scans it.
    const signInUrl = await qr.getAttribute('data-sign-in-url');
    await member.goto(signInUrl!);
    await member.waitForURL(/\/login\?/);
    expect(new URL(member.url()).searchParams.get('from')).toBe(new URL(signInUrl!).pathname + new URL(signInUrl!).search);
    await member.getByPlaceholder('用户名', { exact: true }).fill('dy1');
    await member.getByPlaceholder('密码', { exact: true }).fill(DEMO_PASSWORD);
    await member.locator('form button[type="submit"]').first().tap();
    await member.waitForURL(signInUrl!);
    const confirm = member.getByRole('button', { name: /确认签到/ });
    await confirm.waitFor();
    // The phone says which activity this is before anything is written.
    expect(await member.getByTestId('sign-in-activity').innerText()).toContain(TITLE);
    await still(member);
    await member.screenshot({ path: join(artifacts, 'orgLife-sign-in-phone.png') });
    expect((await liveCount(projector)).present).toBe(0);

    const [signed] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/org-life/sign-in'),
      confirm.tap(),
    ]);
    expect(signed.status(), await signed.text()).toBe(200);
    const memberName = ((await signed.json()) as { memberName: string }).memberName;
    await member.getByText('签到成功').waitFor();
    const result = await member.getByTestId('sign-in-result').innerText();
    expect(result).toContain(TITLE);
    expect(result).toContain(memberName);
    // Minutes, not seconds: a person reads the time at a glance.
    expect(result).toMatch(/签到时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?!:)/);
    await still(member);
    await member.screenshot({ path: join(artifacts, 'orgLife-signed-in-phone.png') });

    // Scanning again: the page says 您已签到 and offers no second sign-in.
    await member.reload();
    await member.getByText('您已签到').waitFor();
    expect(await member.getByRole('button', { name: /确认签到/ }).isDisabled()).toBe(true);

    // The projector counts the member within a few seconds and lists the name.
    await expect.poll(() => liveCount(projector!), { timeout: 15_000 }).toEqual({ present: 1, expected });
    await projector.getByTestId('recent').getByText(memberName).waitFor();
    await still(projector);
    await projector.screenshot({ path: join(artifacts, 'orgLife-projector-signed.png') });

    // Back in zb1's record the rate changed, and the sheet shows the member present by QR.
    await secretary.reload();
    await expect.poll(() => drawer(secretary).getByTestId('drawer-attendance-rate').innerText(), { timeout: 15_000 }).toMatch(/出席 1 人/);
    const after = await drawer(secretary).getByTestId('drawer-attendance-rate').innerText();
    expect(after).not.toBe(before);
    expect(after).toContain(`${Math.round((1 / expected) * 1000) / 10}%`);
    const row = drawer(secretary).locator('.ant-table-row', { hasText: memberName }).filter({ hasText: '扫码' });
    await row.waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'orgLife-drawer-zb1.png') });

    // The recorder marks another member 请假: without a reason the server's refusal shows and nothing is saved;
    // with one the sheet saves and the rate stays (请假 counts as absent).
    const other = drawer(secretary).locator('.ant-table-row').filter({ hasNotText: memberName }).first();
    await other.getByRole('combobox').click();
    await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '请假' }).click();
    const save = drawer(secretary).getByRole('button', { name: '保存签到表' });
    const [refused] = await Promise.all([
      secretary.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/attendance')),
      save.click(),
    ]);
    expect(refused.status()).toBe(400);
    await drawer(secretary).locator('.ant-alert', { hasText: '请假须填写原因' }).waitFor();
    await other.getByPlaceholder('请假原因').fill('外出学习');
    const [saved] = await Promise.all([
      secretary.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith('/attendance')),
      save.click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await expect.poll(() => drawer(secretary).getByTestId('drawer-attendance-rate').innerText()).toMatch(/请假 1 人/);
    expect(await drawer(secretary).getByTestId('drawer-attendance-rate').innerText()).toMatch(/出席 1 人/);
  });
});
