// Browser test of 宣传 (issue 8, Must show) with two users: the correspondent of 机关第一党支部 (tongxun) writes a
// manuscript on a phone-sized window (390×844) with the rich-text editor and a photo and submits it; the
// editor (shenhe) reads it in 编辑审稿 and asks for a revision with a comment; tongxun reads the comment,
// revises and resubmits from the phone; shenhe adopts it with a 1–5 rating (the criteria beside the stars)
// and registers its publication. The branch's row in the ranking on /publicity/stats changes: one more
// adopted and published manuscript and its weighted score up by the weight of the published level.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, startBrowser, startPhone, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { loginAs, settle, buttonLabel as label, PNG_1PX as PNG, still } from './session.js';

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

const run = Math.random().toString(36).slice(2, 7);
const TITLE = `机关第一党支部开展关爱空巢老人志愿服务（${run}）`;
const BRANCH = '机关第一党支部';

/** Fonts and network settled, and antd's enter animations (drawer slide-in, mask fade) finished. */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The manuscript's detail drawer (not the writing form, whose title also holds the manuscript's). */
function drawer(page: Page): Locator {
  return page.getByRole('dialog').filter({ has: page.locator('.ant-drawer-title', { hasText: new RegExp(`^稿件：${escapeRegExp(TITLE)}$`) }) });
}

function modal(page: Page, title: string): Locator {
  return page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

const isPost = (path: RegExp) => (r: { request: () => { method: () => string }; url: () => string }) =>
  r.request().method() === 'POST' && path.test(new URL(r.url()).pathname);

/** Signs in through the login page on the phone (no side menu there to wait for). */
async function phoneLogin(page: Page, username: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByPlaceholder('用户名', { exact: true }).fill(username);
  await page.getByPlaceholder('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').first().tap();
  await page.waitForURL(`${server.baseUrl}/`);
}

interface BranchFigures {
  rank: number;
  adopted: number;
  published: number;
  weighted: number;
}

/** The branch's row in 组织统计与排名 on /publicity/stats (default period: this quarter). */
async function branchFigures(page: Page): Promise<BranchFigures> {
  await page.goto(`${server.baseUrl}/publicity/stats`);
  const row = page
    .getByTestId('org-ranking')
    .locator('tr.ant-table-row')
    .filter({ has: page.locator('td.col-org span', { hasText: new RegExp(`^${BRANCH}$`) }) });
  await row.waitFor();
  const num = async (cls: string) => Number((await row.locator(`td.${cls}`).innerText()).trim());
  return { rank: await num('col-rank'), adopted: await num('col-adopted'), published: await num('col-published'), weighted: await num('col-weighted') };
}

/** Nothing on the page is wider than the phone's screen. */
async function fitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

describe('宣传 in the browser (correspondent tongxun on a phone, editor shenhe)', () => {
  it('submit from a phone → comment and revision → resubmit → adopt with rating → publish: the ranking on /publicity/stats changes', async () => {
    const artifacts = await ensureArtifactsDir();
    const editor = await desk.context.newPage();
    const author = await phone.newPage();
    onTestFailed(async () => {
      await editor.screenshot({ path: join(artifacts, 'publicity-failed-shenhe.png'), fullPage: true }).catch(() => undefined);
      await author.screenshot({ path: join(artifacts, 'publicity-failed-tongxun.png'), fullPage: true }).catch(() => undefined);
      console.error(server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });
    await Promise.all([loginAs(editor, server.baseUrl, 'shenhe'), phoneLogin(author, 'tongxun')]);

    // The ranking before: the branch's row (it has a quota, so it is listed even without manuscripts).
    const before = await branchFigures(editor);
    await editor.getByTestId('publicity-chart-ranking').locator('canvas').waitFor();
    await still(editor);
    await editor.screenshot({ path: join(artifacts, 'publicity-stats-before.png'), fullPage: true });
    const settingsAnswer = await editor.request.get(`${server.baseUrl}/api/v1/publicity/settings`);
    expect(settingsAnswer.status()).toBe(200);
    const weights = ((await settingsAnswer.json()) as { levelWeights: { city: number } }).levelWeights;
    expect(weights.city).toBeGreaterThan(0);

    // --- tongxun writes on the phone.
    await author.goto(`${server.baseUrl}/publicity/mine`);
    await author.getByRole('button', { name: /写\s*稿/ }).tap();
    const form = author.getByRole('dialog').filter({ has: author.locator('.ant-drawer-title', { hasText: /^写稿$/ }) });
    await form.getByText(`${BRANCH}（党支部）`).waitFor(); // the correspondent's own branch is preselected
    // Sending it empty names the missing fields and sends nothing.
    await form.getByRole('button', { name: /提交投稿/ }).tap();
    for (const problem of ['请填写标题', '请填写正文']) await form.locator('.ant-form-item-explain-error', { hasText: problem }).waitFor();

    await form.getByRole('textbox', { name: '标题' }).fill(TITLE);
    await form.getByText('外宣', { exact: true }).tap();
    await form.getByRole('combobox', { name: '级别' }).tap();
    await author.locator('.ant-select-item-option').filter({ hasText: /^市$/ }).tap();
    await form.getByLabel('拟投媒体').fill('市日报');
    const body = form.getByRole('textbox', { name: '正文' });
    await body.tap();
    await author.keyboard.type('11月26日上午，机关第一党支部组织12名党员走进社区，为空巢老人打扫卫生、检查用电安全。');
    await author.keyboard.press('Enter');
    await form.getByRole('button', { name: '无序列表' }).tap();
    await author.keyboard.type('结对帮扶老人 8 户');
    expect(await body.locator('ul > li').count()).toBe(1);

    // A photo: the manuscript is saved as a draft first, then the photo goes with it.
    const [created, uploaded] = await Promise.all([
      author.waitForResponse(isPost(/^\/api\/v1\/publicity\/manuscripts$/)),
      author.waitForResponse(isPost(/\/photos$/)),
      form.getByLabel('选择照片').setInputFiles({ name: '志愿服务现场.png', mimeType: 'image/png', buffer: PNG }),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    await form.getByRole('img', { name: '志愿服务现场.png' }).waitFor();
    await fitsPhone(author);
    await still(author);
    await author.screenshot({ path: join(artifacts, 'publicity-write-phone.png') });

    const [submitted] = await Promise.all([
      author.waitForResponse(isPost(new RegExp(`/manuscripts/${id}/submit$`))),
      form.getByRole('button', { name: /提交投稿/ }).tap(),
    ]);
    expect(submitted.status(), await submitted.text()).toBe(200);
    // The manuscript opens in its drawer: 待审, nothing for the author to do meanwhile.
    await author.waitForURL(new RegExp(`/publicity/mine\\?id=${id}$`));
    await drawer(author).locator('.ant-descriptions .ant-tag', { hasText: '待审' }).waitFor();
    expect(await drawer(author).getByRole('button', { name: /修改稿件|编\s*辑/ }).count()).toBe(0);
    await drawer(author).locator('.ant-drawer-close').tap();
    await author.getByTestId('manuscript-card').filter({ hasText: TITLE }).locator('.ant-tag', { hasText: '待审' }).waitFor();
    await fitsPhone(author);
    await still(author);
    await author.screenshot({ path: join(artifacts, 'publicity-mine-phone.png'), fullPage: true });

    // --- shenhe finds it in 待审 and asks for a revision with a comment.
    // The queue reads oldest first; the words of the title find it among the demo's waiting manuscripts.
    await editor.goto(`${server.baseUrl}/publicity/review`);
    await editor.locator('.ant-tabs-tab-active', { hasText: '待审' }).waitFor();
    const search = editor.getByLabel('搜索稿件');
    await search.fill(TITLE);
    await Promise.all([
      editor.waitForResponse((r) => r.url().includes('/api/v1/publicity/manuscripts?') && new URL(r.url()).searchParams.get('q') === TITLE),
      search.press('Enter'),
    ]);
    const row = editor.locator('tr.ant-table-row', { hasText: TITLE });
    await row.waitFor();
    await row.getByRole('button', { name: label('审稿') }).click();
    await drawer(editor).getByText('结对帮扶老人 8 户').waitFor();
    await drawer(editor).getByRole('img', { name: '志愿服务现场.png' }).waitFor();
    await drawer(editor).getByRole('button', { name: /意见/ }).click();
    const commentModal = modal(editor, `意见：${TITLE}`);
    await commentModal.waitFor();
    const COMMENT = '导语请写明活动时间和参加人数，结尾补充老人的反馈';
    await commentModal.getByLabel('修改意见').fill(COMMENT);
    await commentModal.getByRole('switch').click();
    const [commented] = await Promise.all([
      editor.waitForResponse(isPost(new RegExp(`/manuscripts/${id}/comment$`))),
      commentModal.getByRole('button', { name: /发送意见/ }).click(),
    ]);
    expect(commented.status(), await commented.text()).toBe(200);
    await drawer(editor).locator('.ant-descriptions .ant-tag', { hasText: '修改中' }).waitFor();
    await drawer(editor).getByTestId('comment-thread').getByText(COMMENT).waitFor();

    // --- tongxun reads the comment on the phone, revises and resubmits.
    await author.goto(`${server.baseUrl}/publicity/mine?id=${id}`);
    await drawer(author).locator('.ant-descriptions .ant-tag', { hasText: '修改中' }).waitFor();
    await drawer(author).locator('.ant-alert', { hasText: COMMENT }).waitFor();
    await still(author);
    await author.screenshot({ path: join(artifacts, 'publicity-revise-phone.png') });
    await drawer(author).getByRole('button', { name: /修改稿件/ }).tap();
    const revise = author.getByRole('dialog').filter({ has: author.locator('.ant-drawer-title', { hasText: `修改稿件：${TITLE}` }) });
    const reviseBody = revise.getByRole('textbox', { name: '正文' });
    await reviseBody.waitFor();
    await reviseBody.tap();
    await author.keyboard.press('Control+End');
    await author.keyboard.press('Enter');
    await author.keyboard.type('老人们说：“党员常来看看，心里暖和。”');
    const [resubmitted] = await Promise.all([
      author.waitForResponse(isPost(new RegExp(`/manuscripts/${id}/submit$`))),
      revise.getByRole('button', { name: /重新提交/ }).tap(),
    ]);
    expect(resubmitted.status(), await resubmitted.text()).toBe(200);
    await drawer(author).locator('.ant-descriptions .ant-tag', { hasText: '待审' }).waitFor();

    // --- shenhe adopts it with a rating (the criteria are shown beside the stars) and registers publication.
    await editor.goto(`${server.baseUrl}/publicity/review?id=${id}`);
    await drawer(editor).locator('.ant-descriptions .ant-tag', { hasText: '待审' }).waitFor();
    await drawer(editor).getByText('心里暖和').waitFor();
    await drawer(editor).getByRole('button', { name: /采\s*用/ }).click();
    const adoptModal = modal(editor, `采用：${TITLE}`);
    await adoptModal.waitFor();
    // Without a rating nothing is sent.
    await adoptModal.getByRole('button', { name: label('采用') }).click();
    await adoptModal.locator('.ant-form-item-explain-error', { hasText: '请评定质量' }).waitFor();
    const criteria = adoptModal.getByTestId('quality-criteria');
    expect(await criteria.getByRole('listitem').count()).toBe(5);
    await criteria.getByText(/^5 分：/).waitFor();
    await adoptModal.locator('.ant-rate-star').nth(3).locator('[role="radio"]').first().click();
    await criteria.locator('strong', { hasText: /^4 分：/ }).waitFor(); // the chosen score's criterion is marked
    await adoptModal.getByLabel('评语').fill('事实准确，稍作修改后采用');
    await still(editor);
    await editor.screenshot({ path: join(artifacts, 'publicity-adopt-rating.png') });
    const [adopted] = await Promise.all([
      editor.waitForResponse(isPost(new RegExp(`/manuscripts/${id}/adopt$`))),
      adoptModal.getByRole('button', { name: label('采用') }).click(),
    ]);
    expect(adopted.status(), await adopted.text()).toBe(200);
    expect(((await adopted.json()) as { quality: number }).quality).toBe(4);
    await drawer(editor).locator('.ant-descriptions .ant-tag', { hasText: '已采用' }).waitFor();

    await drawer(editor).getByRole('button', { name: /刊发登记/ }).click();
    const publishModal = modal(editor, `刊发登记：${TITLE}`);
    await publishModal.waitFor();
    expect(await publishModal.getByLabel('刊发媒体').inputValue()).toBe('市日报');
    await publishModal.getByLabel('链接或版面').fill('第 3 版');
    const [published] = await Promise.all([
      editor.waitForResponse(isPost(new RegExp(`/manuscripts/${id}/publish$`))),
      publishModal.getByRole('button', { name: /登记刊发/ }).click(),
    ]);
    expect(published.status(), await published.text()).toBe(200);
    await drawer(editor).locator('.ant-descriptions .ant-tag', { hasText: '已刊发' }).waitFor();
    await drawer(editor).getByText('第 3 版').waitFor();
    await still(editor);
    await editor.screenshot({ path: join(artifacts, 'publicity-published-shenhe.png') });

    // The ranking after: one more adopted and published manuscript, weighted up by the 市 weight.
    const after = await branchFigures(editor);
    expect(after.adopted).toBe(before.adopted + 1);
    expect(after.published).toBe(before.published + 1);
    expect(after.weighted).toBe(before.weighted + weights.city);
    expect(after.rank).toBeLessThanOrEqual(before.rank);
    expect(after).not.toEqual(before);
    await editor.getByTestId('publicity-chart-ranking').locator('canvas').waitFor();
    await still(editor);
    await editor.screenshot({ path: join(artifacts, 'publicity-stats-after.png'), fullPage: true });

    // The correspondent sees it 已刊发 with the rating; the pages fit the phone.
    await author.goto(`${server.baseUrl}/publicity/mine`);
    const card = author.getByTestId('manuscript-card').filter({ hasText: TITLE });
    await card.locator('.ant-tag', { hasText: '已刊发' }).waitFor();
    await card.getByLabel('质量 4 分').waitFor();
    await fitsPhone(author);
    await author.goto(`${server.baseUrl}/publicity/stats`);
    // A table on a desk, cards on a phone.
    await author.getByTestId('org-ranking').locator('tr.ant-table-row, [role=listitem]').first().waitFor();
    await fitsPhone(author);
    await still(author);
    await author.screenshot({ path: join(artifacts, 'publicity-stats-phone.png'), fullPage: true });
  }, 180_000); // two users through eight steps: more than the default minute on a busy machine

  it('通讯员队伍: the editor registers a correspondent and a 挂职培训, the hours count; the statistics export to Excel', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await desk.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'publicity-failed-team.png'), fullPage: true }).catch(() => undefined);
    });
    await desk.context.clearCookies();
    await loginAs(page, server.baseUrl, 'shenhe');
    await page.goto(`${server.baseUrl}/publicity/correspondents`);
    const table = page.locator('.ant-table').first();
    await table.locator('tr.ant-table-row').first().waitFor();

    // A new correspondent: the form names what is missing, then saves and opens the record.
    await page.getByRole('button', { name: /新增通讯员/ }).click();
    const form = modal(page, '新增通讯员');
    await form.waitFor();
    await form.getByRole('button', { name: label('确定') }).click();
    await form.locator('.ant-form-item-explain-error', { hasText: '请填写姓名' }).waitFor();
    const NAME = `宣传骨干${run}`;
    await form.getByLabel('姓名').fill(NAME);
    await form.getByLabel('联系电话').fill('13800138000');
    const [created] = await Promise.all([
      page.waitForResponse(isPost(/^\/api\/v1\/publicity\/correspondents$/)),
      form.getByRole('button', { name: label('确定') }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const team = page.getByRole('dialog').filter({ has: page.locator('.ant-drawer-title', { hasText: `通讯员：${NAME}` }) });
    await team.getByText('暂无培训记录').waitFor();

    // A three-month 挂职培训.
    await team.getByRole('button', { name: /登记培训/ }).click();
    const training = modal(page, `登记培训：${NAME}`);
    await training.waitFor();
    await training.getByText('挂职培训', { exact: true }).click();
    await training.getByLabel('培训名称').fill('集团报社挂职培训');
    await training.getByPlaceholder('开始日期').click();
    await training.getByPlaceholder('开始日期').fill('2026-06-01');
    await training.getByPlaceholder('开始日期').press('Enter');
    await training.getByPlaceholder('结束日期').fill('2026-08-31');
    await training.getByPlaceholder('结束日期').press('Enter');
    await training.getByLabel('学时').fill('120');
    const [added] = await Promise.all([
      page.waitForResponse(isPost(/\/trainings$/)),
      training.getByRole('button', { name: label('确定') }).click(),
    ]);
    expect(added.status(), await added.text()).toBe(201);
    await team.locator('.ant-list-item', { hasText: '集团报社挂职培训' }).getByText('挂职培训', { exact: true }).waitFor();
    await team.getByText('1 次 · 120 学时').waitFor();
    await still(page);
    await page.screenshot({ path: join(artifacts, 'publicity-correspondent.png') });
    await team.locator('.ant-drawer-close').click();
    await table.locator('tr.ant-table-row', { hasText: NAME }).getByText('1 次 / 120 学时').waitFor();

    // The statistics as an Excel workbook.
    await page.goto(`${server.baseUrl}/publicity/stats`);
    await page.getByTestId('org-ranking').locator('tr.ant-table-row, [role=listitem]').first().waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);

    // The editor's pages fit a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/publicity/review', '/publicity/correspondents', '/publicity/stats']) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('.ant-table-tbody tr.ant-table-row, .ant-list-item, [role=listitem]').first().waitFor();
      await settle(page);
      await fitsPhone(page);
      await page.screenshot({ path: join(artifacts, `publicity-phone${path.replaceAll('/', '-')}.png`), fullPage: true });
    }
    await page.close();
  }, 120_000);
});
