// Browser test of the 督办 loop (issue 6, Must show) with two users in two browsers: the 党委管理员 (dangwei)
// deploys a task to 机关第一党支部 with its secretary (zb1) as owner; zb1 finds it in 我的待办, accepts it,
// reports progress and submits a completion report; dangwei returns it with a reason; zb1 reads the reason
// and reports completion again; dangwei verifies and closes it. The task ends 已销号 with every step on its
// timeline.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ensureArtifactsDir, startBrowser, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { loginAs, settle, buttonLabel as label, PNG_1PX as PNG, still } from './session.js';

let server: RunningServer;
let issuerBrowser: RunningBrowser;
let ownerBrowser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  [issuerBrowser, ownerBrowser] = await Promise.all([startBrowser(), startBrowser()]);
});

afterAll(async () => {
  await issuerBrowser?.close();
  await ownerBrowser?.close();
  await server?.stop();
});

/** A calendar day `days` from today in Asia/Shanghai, as YYYY-MM-DD. */
function shanghaiDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const TITLE = `整理支部党建台账 ${Math.random().toString(36).slice(2, 7)}`;

/** The open drawer of a task. */
function drawer(page: Page): Locator {
  return page.getByRole('dialog').filter({ hasText: `督办事项：${TITLE}` });
}

/** Opens a step's dialog from the drawer, fills it, sends it and waits for the server's 200. */
async function step(page: Page, button: string, action: string, fill: (modal: Locator) => Promise<void>, ok: string) {
  await drawer(page).getByRole('button', { name: label(button) }).click();
  const modal = page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: TITLE }) });
  await modal.waitFor();
  await fill(modal);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`)),
    modal.getByRole('button', { name: label(ok) }).click(),
  ]);
  expect(answer.status(), await answer.text()).toBe(200);
  await modal.waitFor({ state: 'hidden' });
}

/** Fonts and network settled, and antd's enter animations (drawer slide-in, mask fade) finished. */
async function expectStatus(page: Page, status: string) {
  await drawer(page).locator('.ant-descriptions .ant-tag', { hasText: status }).waitFor();
}

/** Reloads the task's page and waits for its drawer. */
async function openTask(page: Page, id: string) {
  await page.goto(`${server.baseUrl}/tasks?id=${id}`);
  await drawer(page).locator('.ant-descriptions').waitFor();
}

describe('督办 closed loop in the browser (issuer dangwei, owner zb1)', () => {
  it('deploy → 待办 → accept → report → complete → return with reason → complete again → verify: 已销号, every step on the timeline', async () => {
    const artifacts = await ensureArtifactsDir();
    const issuer = await issuerBrowser.context.newPage();
    const owner = await ownerBrowser.context.newPage();
    onTestFailed(async () => {
      await issuer.screenshot({ path: join(artifacts, 'tasks-failed-dangwei.png'), fullPage: true }).catch(() => undefined);
      await owner.screenshot({ path: join(artifacts, 'tasks-failed-zb1.png'), fullPage: true }).catch(() => undefined);
    });
    await Promise.all([loginAs(issuer, server.baseUrl, 'dangwei'), loginAs(owner, server.baseUrl, 'zb1')]);

    // dangwei deploys the task.
    await issuer.goto(`${server.baseUrl}/tasks`);
    await issuer.getByRole('button', { name: /部署任务/ }).click();
    const form = issuer.locator('.ant-modal').filter({ hasText: '部署任务' });
    await form.waitFor();
    // Sending it empty names the missing fields in Chinese and sends nothing.
    await form.getByRole('button', { name: label('部署') }).click();
    for (const problem of ['请填写任务标题', '请选择责任组织', '请选择责任人', '请选择截止日期', '请填写完成标准']) {
      await form.locator('.ant-form-item-explain-error', { hasText: problem }).waitFor();
    }

    await form.getByLabel('任务标题').fill(TITLE);
    const ownerPicker = form.getByLabel('责任人', { exact: true });
    // The filtered tree animates its nodes open and a click during that is lost: try again until the
    // owner picker (enabled once an organisation is chosen) says it took.
    for (let attempt = 1; ; attempt++) {
      await form.getByLabel('责任组织').click();
      await form.getByLabel('责任组织').fill('机关第一党支部');
      await issuer.waitForFunction(() => document.querySelector('.ant-select-dropdown [class*="-motion-"]') === null);
      await issuer.locator('.ant-select-tree-node-content-wrapper', { hasText: '机关第一党支部' }).first().click();
      const took = await issuer
        .waitForFunction(() => document.querySelector<HTMLInputElement>('.ant-modal input#ownerId')?.disabled === false, undefined, { timeout: 3_000 })
        .then(() => true, () => false);
      if (took) break;
      if (attempt === 5) throw new Error('could not choose 机关第一党支部 as 责任组织');
    }
    const ownerItem = form.locator('.ant-form-item').filter({ has: issuer.locator('input#ownerId') });
    // The same on a loaded machine: a click while the dropdown still animates in can miss; the field says when it took.
    for (let attempt = 1; ; attempt++) {
      await ownerPicker.click();
      await issuer.waitForFunction(() => document.querySelector('.ant-select-dropdown [class*="-motion-"]') === null);
      await issuer.locator('.ant-select-item-option', { hasText: '（zb1）' }).click();
      const took = await ownerItem.locator('.ant-select-content', { hasText: '（zb1）' }).waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (took) break;
      if (attempt === 5) throw new Error('could not choose zb1 as 责任人');
    }
    await form.getByLabel('截止日期').click();
    await form.getByLabel('截止日期').fill(shanghaiDay(10));
    await form.getByLabel('截止日期').press('Tab');
    await form.getByLabel('完成标准').fill('2026 年各次会议记录、签到表和照片齐全，按月装订成册');
    const [created] = await Promise.all([
      issuer.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tasks'),
      form.getByRole('button', { name: label('部署') }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    // The new task opens in its drawer, deployed, with nothing the issuer can do until it is reported.
    await expectStatus(issuer, '已部署');
    expect(await drawer(issuer).getByRole('button', { name: label('验收销号') }).count()).toBe(0);

    // zb1 sees it in 我的待办 (待接收) and opens it from there.
    await owner.goto(`${server.baseUrl}/todos`);
    const toAccept = owner.locator('[data-todo-kind="task.accept"]');
    await toAccept.getByText(TITLE).waitFor();
    await expect.poll(() => owner.getByTestId('notification-bell').getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/未读/);
    await still(owner);
    await owner.screenshot({ path: join(artifacts, 'tasks-todos-zb1.png'), fullPage: true });
    await toAccept.getByText(TITLE).click();
    await owner.waitForURL(`${server.baseUrl}/tasks?id=${id}`);
    await expectStatus(owner, '已部署');

    // zb1 accepts, reports progress, then reports completion.
    await step(owner, '接收', 'accept', async () => {}, '接收');
    await expectStatus(owner, '已接收');
    await step(owner, '汇报进度', 'report', async (m) => {
      await m.getByLabel('进展情况').fill('已收集 1—9 月会议记录，正在补齐签到表');
    }, '提交汇报');
    await expectStatus(owner, '办理中');
    // Evidence: a photo attached to the task before the report.
    const [uploaded] = await Promise.all([
      owner.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/attachments')),
      drawer(owner).getByLabel('选择附件').setInputFiles({ name: '会议签到表.png', mimeType: 'image/png', buffer: PNG }),
    ]);
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    await drawer(owner).getByRole('link', { name: '会议签到表.png' }).waitFor();
    await step(owner, '提交完成报告', 'complete', async (m) => {
      await m.getByLabel('完成情况及佐证').fill('全年会议记录和签到表已装订成册，共 12 册');
    }, '提交');
    await expectStatus(owner, '待验收');
    // The owner cannot verify their own task.
    expect(await drawer(owner).getByRole('button', { name: label('验收销号') }).count()).toBe(0);

    // dangwei returns it; the reason is required.
    await openTask(issuer, id);
    await expectStatus(issuer, '待验收');
    await drawer(issuer).getByRole('link', { name: '会议签到表.png' }).waitFor();
    await drawer(issuer).getByRole('button', { name: label('退回') }).click();
    const returnModal = issuer.locator('.ant-modal').filter({ hasText: '退回任务' });
    await returnModal.getByRole('button', { name: label('退回') }).click();
    await returnModal.locator('.ant-form-item-explain-error', { hasText: '请填写退回原因' }).waitFor();
    await returnModal.getByRole('button', { name: label('取消') }).click();
    await returnModal.waitFor({ state: 'hidden' });
    await step(issuer, '退回', 'return', async (m) => {
      await m.getByLabel('退回原因').fill('缺少会议照片，请补充后重新提交');
    }, '退回');
    await expectStatus(issuer, '已退回');

    // zb1 reads the reason on the task and reports completion again.
    await openTask(owner, id);
    await expectStatus(owner, '已退回');
    await drawer(owner).locator('.ant-alert', { hasText: '退回原因：缺少会议照片，请补充后重新提交' }).waitFor();
    await still(owner);
    await owner.screenshot({ path: join(artifacts, 'tasks-returned-zb1.png') });
    await step(owner, '提交完成报告', 'complete', async (m) => {
      await m.getByLabel('完成情况及佐证').fill('已补充 12 次会议的照片，与记录一并装订');
    }, '提交');
    await expectStatus(owner, '待验收');

    // dangwei verifies and closes it.
    await openTask(issuer, id);
    await step(issuer, '验收销号', 'verify', async (m) => {
      await m.getByLabel('验收意见').fill('材料齐全，同意销号');
    }, '验收通过并销号');
    await expectStatus(issuer, '已销号');

    // The timeline (newest first) lists every step, with who did it and the return reason.
    const timeline = drawer(issuer).locator('.ant-timeline-item');
    await expect.poll(() => timeline.count(), { timeout: 15_000 }).toBe(7);
    const titles = await timeline.locator('strong').allInnerTexts();
    expect(titles).toEqual(['验收销号', '完成报告', '退回', '完成报告', '汇报进度', '接收', '部署']);
    const text = await drawer(issuer).locator('.ant-timeline').innerText();
    for (const s of ['缺少会议照片，请补充后重新提交', '已收集 1—9 月会议记录', '材料齐全，同意销号', '党委管理员']) expect(text).toContain(s);
    await still(issuer);
    await issuer.screenshot({ path: join(artifacts, 'tasks-closed-dangwei.png') });

    // The owner's side agrees, and nothing is left to do.
    await openTask(owner, id);
    await expectStatus(owner, '已销号');
    await owner.goto(`${server.baseUrl}/todos`);
    await owner.locator('h4', { hasText: '我的待办' }).waitFor();
    await settle(owner);
    expect(await owner.getByText(TITLE).count()).toBe(0);

    // On a phone the list and the drawer still read (screenshots for a human look).
    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.goto(`${server.baseUrl}/tasks`);
    await owner.getByText(TITLE).waitFor();
    await still(owner);
    await owner.screenshot({ path: join(artifacts, 'tasks-list-phone.png'), fullPage: true });
    await openTask(owner, id);
    await still(owner);
    await owner.screenshot({ path: join(artifacts, 'tasks-drawer-phone.png') });
  });
});
