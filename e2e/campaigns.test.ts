// Browser tests of 主题实践活动 and 合理化建议. First the board (issue 8, Must show) with two users in two browsers: the 党委管理员
// (dangwei) opens a demo campaign's board and sees exactly the branches that have not submitted measures;
// 一键督办 deploys a 督办 task to each of them and the result lists them; the secretary of one missing branch
// (zb2 … zb6) opens the task's campaign from a phone-sized window, submits the branch's 推进措施 with a photo;
// dangwei's board then shows that branch as submitted and no longer missing. Then a member (dy1) files a
// 合理化建议 from a phone and the committee adopts it and records its value in 元, shown exactly from 分.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ensureArtifactsDir, startBrowser, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { loginAs, settle, PNG_1PX as PNG, still } from './session.js';

let server: RunningServer;
let managerBrowser: RunningBrowser;
let secretaryBrowser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  [managerBrowser, secretaryBrowser] = await Promise.all([startBrowser(), startBrowser()]);
});

afterAll(async () => {
  await managerBrowser?.close();
  await secretaryBrowser?.close();
  await server?.stop();
});

/** The demo branches in tree order, whose secretaries are zb1 … zb6. */
const BRANCHES = ['机关第一党支部', '机关第二党支部', '物业第一党支部', '物业第二党支部', '离退休第一党支部', '离退休第二党支部'];

interface ListItem { id: string; name: string; status: string; orgCount: number; measuresSubmitted: number }
interface Board {
  orgs: { orgId: string; orgName: string; measures: { submittedAt: string } | null; taskId: string | null }[];
  missingMeasures: { orgId: string; orgName: string }[];
}

/** Fonts and network settled, and antd's enter animations finished. */
/** The names shown as missing on the open board. */
async function missingShown(page: Page): Promise<string[]> {
  const card = page.getByTestId('missing-measures');
  await card.waitFor();
  const names = await card.locator('[data-org-missing]').evaluateAll((els) => els.map((e) => e.getAttribute('data-org-missing') ?? ''));
  return names.sort();
}

function row(page: Page, orgName: string): Locator {
  return page.locator(`[data-org-row="${orgName}"]`);
}

describe('主题实践活动 board in the browser (manager dangwei, branch secretary zb2 … zb6)', () => {
  it('missing branches at a glance → 一键督办 → the secretary submits measures from a phone → the board shows the branch as submitted', async () => {
    const artifacts = await ensureArtifactsDir();
    const manager = await managerBrowser.context.newPage();
    const secretary = await secretaryBrowser.context.newPage();
    onTestFailed(async () => {
      await manager.screenshot({ path: join(artifacts, 'campaigns-failed-dangwei.png'), fullPage: true }).catch(() => undefined);
      await secretary.screenshot({ path: join(artifacts, 'campaigns-failed-secretary.png'), fullPage: true }).catch(() => undefined);
    });
    await loginAs(manager, server.baseUrl, 'dangwei');

    // An active demo campaign where some branches have not submitted their measures.
    const list = (await (await manager.request.get(`${server.baseUrl}/api/v1/campaigns?status=active`)).json()) as { items: ListItem[] };
    const campaign = list.items.find((c) => c.measuresSubmitted < c.orgCount);
    expect(campaign, 'the demo has an active campaign with missing measures').toBeTruthy();
    const boardBefore = (await (await manager.request.get(`${server.baseUrl}/api/v1/campaigns/${campaign!.id}/board`)).json()) as Board;
    // "Not yet submitted" is exactly the applicable branches without a measures row.
    const expectedMissing = boardBefore.orgs.filter((o) => !o.measures).map((o) => o.orgName).sort();
    expect(expectedMissing.length).toBe(campaign!.orgCount - campaign!.measuresSubmitted);
    const missingBranch = BRANCHES.slice(1).find((b) => expectedMissing.includes(b));
    expect(missingBranch, 'a branch of zb2 … zb6 has not submitted').toBeTruthy();
    const secretaryName = `zb${BRANCHES.indexOf(missingBranch!) + 1}`;

    // dangwei opens the campaign from its card: the board lists exactly those branches as missing.
    await manager.goto(`${server.baseUrl}/campaigns`);
    await manager.locator(`[data-campaign="${campaign!.name}"]`).click();
    await manager.waitForURL((u) => u.searchParams.get('id') === campaign!.id);
    expect(await missingShown(manager)).toEqual(expectedMissing);
    for (const name of boardBefore.orgs.filter((o) => o.measures).map((o) => o.orgName)) {
      await row(manager, name).getByText(/已报送|逾期报送/).first().waitFor();
    }
    await still(manager);
    await manager.screenshot({ path: join(artifacts, 'campaigns-board-dangwei.png'), fullPage: true });

    // 一键督办 (nothing chosen: every missing branch): one task per missing branch, listed in the result.
    await manager.getByRole('button', { name: /一键督办/ }).click();
    const confirm = manager.locator('.ant-modal').filter({ hasText: '为以下' });
    await confirm.waitFor();
    for (const name of expectedMissing) await confirm.getByText(name, { exact: true }).waitFor();
    const [answer] = await Promise.all([
      manager.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/supervise')),
      confirm.getByRole('button', { name: '发出督办' }).click(),
    ]);
    expect(answer.status(), await answer.text()).toBe(200);
    const result = (await answer.json()) as { created: { orgId: string; taskId: string }[]; existing: { orgId: string; taskId: string }[]; skipped: { orgId: string; reason: string }[] };
    const missingIds = boardBefore.missingMeasures.map((m) => m.orgId).sort();
    expect([...result.created, ...result.existing, ...result.skipped].map((r) => r.orgId).sort()).toEqual(missingIds);
    expect(result.created.length).toBeGreaterThan(0);
    const shown = manager.getByTestId('supervise-result');
    await shown.getByText(`新部署督办任务 ${result.created.length} 项`).waitFor();
    expect(await shown.getByText('查看督办任务').count()).toBe(result.created.length);
    await still(manager);
    await manager.screenshot({ path: join(artifacts, 'campaigns-supervised-dangwei.png') });
    await manager.getByRole('button', { name: '知道了' }).click();
    // Each missing branch now links its 督办 task; a second click deploys nothing new.
    await row(manager, missingBranch!).getByRole('link', { name: '督办中' }).waitFor();
    const again = (await (await manager.request.post(`${server.baseUrl}/api/v1/campaigns/${campaign!.id}/supervise`, { data: {}, headers: { origin: server.baseUrl } })).json()) as typeof result;
    expect(again.created).toEqual([]);

    // The secretary of the missing branch, on a phone, finds the 督办 task and follows it to the campaign.
    await loginAs(secretary, server.baseUrl, secretaryName);
    await secretary.setViewportSize({ width: 390, height: 844 });
    const taskId = [...result.created, ...result.existing].find((r) => r.orgId === boardBefore.missingMeasures.find((m) => m.orgName === missingBranch)!.orgId)?.taskId;
    expect(taskId, `${missingBranch} got a 督办 task`).toBeTruthy();
    // The campaign page lists what the branch still has to report.
    await secretary.goto(`${server.baseUrl}/campaigns`);
    const due = secretary.getByTestId('my-due');
    await due.getByText(`报送“${campaign!.name}”推进措施`).waitFor();
    await secretary.goto(`${server.baseUrl}/tasks?id=${taskId}`);
    const task = secretary.getByRole('dialog').filter({ hasText: '督办事项：' });
    await task.locator('.ant-descriptions').waitFor();
    await task.getByRole('link', { name: '主题实践活动' }).click();
    await secretary.waitForURL((u) => u.pathname === '/campaigns' && u.searchParams.get('id') === campaign!.id);

    // The board on the phone: the branch's card with 报送措施.
    const mine = row(secretary, missingBranch!);
    await mine.getByText(/未报送|逾期未报/).first().waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'campaigns-board-phone.png'), fullPage: true });
    await mine.getByRole('button', { name: '报送措施' }).click();
    const drawer = secretary.getByRole('dialog').filter({ hasText: `${missingBranch} · 推进措施` });
    await drawer.waitFor();
    // Sending it empty names what is missing and sends nothing.
    await drawer.getByRole('button', { name: /报送措施/ }).click();
    await drawer.locator('.ant-form-item-explain-error', { hasText: '请填写推进措施' }).waitFor();
    const editor = drawer.getByRole('textbox', { name: '推进措施' });
    await editor.click();
    await secretary.keyboard.type('一、支委会专题研究，制定本支部活动方案。');
    await secretary.keyboard.press('Enter');
    await secretary.keyboard.type('二、党员分片包干，每月走访空巢老人不少于一次。');
    const [saved] = await Promise.all([
      secretary.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.endsWith(`/measures/${boardBefore.missingMeasures.find((m) => m.orgName === missingBranch)!.orgId}`)),
      drawer.getByRole('button', { name: /报送措施/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await drawer.getByText('党员分片包干').waitFor();
    // A photo attached to the measures.
    const [uploaded] = await Promise.all([
      secretary.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/attachments')),
      drawer.getByLabel('选择附件').setInputFiles({ name: '支委会研究.png', mimeType: 'image/png', buffer: PNG }),
    ]);
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    await drawer.getByRole('link', { name: '支委会研究.png' }).waitFor();
    await still(secretary);
    await secretary.screenshot({ path: join(artifacts, 'campaigns-measures-phone.png') });
    await drawer.locator('.ant-drawer-close').click();
    await mine.getByText(/已报送|逾期报送/).first().waitFor();
    // Nothing left to report for those measures.
    await secretary.goto(`${server.baseUrl}/campaigns`);
    await secretary.locator('[data-campaign]').first().waitFor();
    await settle(secretary);
    expect(await secretary.getByText(`报送“${campaign!.name}”推进措施`).count()).toBe(0);

    // dangwei's board: the branch is submitted and no longer missing.
    await manager.reload();
    await row(manager, missingBranch!).getByText(/已报送|逾期报送/).first().waitFor();
    expect(await missingShown(manager)).toEqual(expectedMissing.filter((n) => n !== missingBranch));
    // dangwei reads the measures and their photo.
    await row(manager, missingBranch!).getByText(/已报送|逾期报送/).first().click();
    const read = manager.getByRole('dialog').filter({ hasText: `${missingBranch} · 推进措施` });
    await read.getByText('党员分片包干').waitFor();
    await read.getByRole('link', { name: '支委会研究.png' }).waitFor();
    expect(await read.getByRole('button', { name: /修改推进措施/ }).count()).toBe(0);
    await still(manager);
    await manager.screenshot({ path: join(artifacts, 'campaigns-board-after.png'), fullPage: true });
  });

  it('a member files a 合理化建议 from a phone; the committee adopts it and records the value: 12500.5 → 12,500.50 元, corrected to 0.3 → 0.30 元', async () => {
    const artifacts = await ensureArtifactsDir();
    const member = await secretaryBrowser.context.newPage();
    const manager = await managerBrowser.context.newPage();
    onTestFailed(async () => {
      await member.screenshot({ path: join(artifacts, 'proposals-failed-dy1.png'), fullPage: true }).catch(() => undefined);
      await manager.screenshot({ path: join(artifacts, 'proposals-failed-dangwei.png'), fullPage: true }).catch(() => undefined);
    });
    const title = `楼道照明改为声控节能灯 ${Math.random().toString(36).slice(2, 6)}`;
    await secretaryBrowser.context.clearCookies();
    await loginAs(member, server.baseUrl, 'dy1');
    await member.setViewportSize({ width: 390, height: 844 });
    await member.goto(`${server.baseUrl}/proposals`);
    await member.getByRole('button', { name: /提建议/ }).click();
    const form = member.locator('.ant-modal').filter({ hasText: '提合理化建议' });
    await form.waitFor();
    await form.getByRole('button', { name: /提交建议/ }).click();
    await form.locator('.ant-form-item-explain-error', { hasText: '请填写建议标题' }).waitFor();
    await form.getByLabel('建议标题').fill(title);
    await form.getByLabel('建议内容').fill('楼道灯整夜常亮，建议更换为声控节能灯。');
    await form.getByLabel('预期效益').fill('每年节约电费约 3000 元');
    const [filed] = await Promise.all([
      member.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/proposals'),
      form.getByRole('button', { name: /提交建议/ }).click(),
    ]);
    expect(filed.status(), await filed.text()).toBe(201);
    const id = ((await filed.json()) as { id: string }).id;
    await member.getByRole('dialog').filter({ hasText: `合理化建议：${title}` }).getByText('待处理').waitFor();
    await still(member);
    await member.screenshot({ path: join(artifacts, 'proposals-filed-phone.png') });

    // dangwei adopts it, then records the implementation; three decimals are refused in Chinese.
    await manager.goto(`${server.baseUrl}/proposals?id=${id}`);
    const drawer = manager.getByRole('dialog').filter({ hasText: `合理化建议：${title}` });
    await drawer.getByText('待处理').waitFor();
    const step = async (button: RegExp, action: string, fill: (m: Locator) => Promise<void>, ok: RegExp) => {
      await drawer.getByRole('button', { name: button }).click();
      const modal = manager.locator('.ant-modal').filter({ hasText: title });
      await modal.waitFor();
      await fill(modal);
      const [answer] = await Promise.all([
        manager.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`)),
        modal.getByRole('button', { name: ok }).click(),
      ]);
      expect(answer.status(), await answer.text()).toBe(200);
      await modal.waitFor({ state: 'hidden' });
    };
    await step(/^采\s*纳$/, 'adopt', async () => {}, /^采\s*纳$/);
    await drawer.getByText('已采纳').waitFor();
    await drawer.getByRole('button', { name: /实施并记录创效/ }).click();
    const implement = manager.locator('.ant-modal').filter({ hasText: '实施并记录创效' });
    await implement.getByLabel('创效价值（元）').fill('12500.555');
    await implement.getByRole('button', { name: /保\s*存/ }).click();
    await implement.locator('.ant-form-item-explain-error', { hasText: '创效价值最多两位小数' }).waitFor();
    await implement.getByRole('button', { name: /取\s*消/ }).click();
    await implement.waitFor({ state: 'hidden' });
    await step(/实施并记录创效/, 'implement', async (m) => {
      await m.getByLabel('创效价值（元）').fill('12500.5');
      await m.getByLabel('测算说明').fill('年节约电费与维修费');
    }, /保\s*存/);
    await expect.poll(() => drawer.getByTestId('proposal-value').innerText()).toBe('12,500.50 元');
    await step(/更正创效价值/, 'value', async (m) => {
      await m.getByLabel('更正后的创效价值（元）').fill('0.3');
      await m.getByLabel('更正原因').fill('测算口径有误，按实际节约重新核定');
    }, /保存更正/);
    await expect.poll(() => drawer.getByTestId('proposal-value').innerText()).toBe('0.30 元');
    await still(manager);
    await manager.screenshot({ path: join(artifacts, 'proposals-implemented.png') });

    // The member reads the outcome in 我的建议.
    await member.reload();
    await member.locator(`[data-proposal="${title}"]`).getByText('创效 0.30 元').waitFor();
  });
});
