// Browser test of 量化考核 (issue 7, Must show): the 考核员 (kaohe) opens 我的评分表, opens a draft sheet of the demo's
// open round, scores every manual indicator (the system's evidence is beside the leaves that have it), and submits
// it; the sheet becomes read-only. The 党委管理员 (dangwei) opens the round, starts the review (automatic scores are
// frozen), publishes it (with a reason when other sheets are still drafts, as the server requires), and sees the
// ranking: the chart and the table, with the target kaohe scored at the rank the server computed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ensureArtifactsDir, startBrowser, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { loginAs, buttonLabel as label, openedBox, still } from './session.js';

let server: RunningServer;
let assessorBrowser: RunningBrowser;
let adminBrowser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  [assessorBrowser, adminBrowser] = await Promise.all([startBrowser(), startBrowser()]);
});

afterAll(async () => {
  await assessorBrowser?.close();
  await adminBrowser?.close();
  await server?.stop();
});

interface SheetRow {
  id: string;
  roundId: string;
  roundName: string;
  roundStatus: string;
  targetId: string;
  targetName: string;
  status: string;
}

interface ResultsBody {
  published: boolean;
  items: { targetId: string; targetName: string; rank: number; total: number }[];
}

/** Fonts and network settled, and antd's enter animations finished. */
/** The open confirmation dialog's OK button. */
async function confirm(page: Page, ok: string): Promise<void> {
  const dialog = await openedBox(page, '.ant-modal-confirm');
  await dialog.getByRole('button', { name: label(ok) }).click();
}

function drawer(page: Page, title: string): Locator {
  return page.getByRole('dialog').filter({ hasText: title });
}

describe('量化考核 in the browser (assessor kaohe, 党委管理员 dangwei)', () => {
  it('kaohe fills and submits a sheet → dangwei starts the review and publishes → the ranking shows the target at its rank', async () => {
    const artifacts = await ensureArtifactsDir();
    const assessor = await assessorBrowser.context.newPage();
    const admin = await adminBrowser.context.newPage();
    onTestFailed(async () => {
      await assessor.screenshot({ path: join(artifacts, 'assessment-failed-kaohe.png'), fullPage: true }).catch(() => undefined);
      await admin.screenshot({ path: join(artifacts, 'assessment-failed-dangwei.png'), fullPage: true }).catch(() => undefined);
      console.error(server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    // kaohe: 我的评分表 lists the draft sheets of the open round.
    await loginAs(assessor, server.baseUrl, 'kaohe');
    const [listAnswer] = await Promise.all([
      assessor.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/v1/assessment/sheets'),
      assessor.goto(`${server.baseUrl}/assessment/sheets`),
    ]);
    expect(listAnswer.status()).toBe(200);
    const mine = ((await listAnswer.json()) as { items: SheetRow[] }).items;
    const sheet = mine.find((s) => s.status === 'draft' && (s.roundStatus === 'open' || s.roundStatus === 'scoring'));
    expect(sheet, `kaohe has no draft sheet in an open round: ${JSON.stringify(mine)}`).toBeDefined();
    const { id: sheetId, roundId, targetId, targetName } = sheet!;

    // Open it from the list (the row's 评分 button); the address keeps ?id= for links from 待办.
    const row = assessor.locator('.ant-table-row').filter({ hasText: targetName }).filter({ hasText: sheet!.roundName }).first();
    await row.getByRole('button', { name: label('评分') }).click();
    await assessor.waitForURL(`${server.baseUrl}/assessment/sheets?id=${sheetId}`);
    const editor = drawer(assessor, `评分表：${targetName}`);
    const lines = editor.getByTestId('sheet-line');
    await lines.first().waitFor();
    await still(assessor);
    const count = await lines.count();
    expect(count).toBeGreaterThan(0);

    // Every manual leaf: a score a little under its maximum and a note.
    for (let i = 0; i < count; i++) {
      const line = lines.nth(i);
      const max = Number(/满分\s*([\d.]+)/.exec(await line.locator('.ant-tag', { hasText: '满分' }).innerText())?.[1]);
      expect(max).toBeGreaterThan(0);
      const score = Math.round(max * (i % 2 === 0 ? 0.9 : 0.8) * 10) / 10;
      await line.getByRole('spinbutton').fill(String(score));
      await line.getByPlaceholder('扣分理由或说明（可选）').fill(i % 2 === 0 ? '材料齐全，按标准评分' : '个别记录不完整，酌情扣分');
    }
    await assessor.screenshot({ path: join(artifacts, 'assessment-sheet-filled.png'), fullPage: true });

    // 提交 asks for a confirmation, then saves and submits.
    await editor.getByRole('button', { name: label('提交') }).click();
    const [submitted] = await Promise.all([
      assessor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/assessment/sheets/${sheetId}/submit`),
      confirm(assessor, '提交'),
    ]);
    expect(submitted.status(), await submitted.text()).toBe(200);
    await editor.getByText('评分表已提交，只读。').waitFor();
    expect(await editor.getByRole('button', { name: label('提交') }).count()).toBe(0);
    expect(await lines.first().getByRole('spinbutton').isDisabled()).toBe(true);

    // dangwei: the round's drawer from its address.
    await loginAs(admin, server.baseUrl, 'dangwei');
    await admin.goto(`${server.baseUrl}/assessment/rounds?id=${roundId}`);
    const round = drawer(admin, '考核批次：');
    await round.locator('.ant-descriptions').waitFor();
    await still(admin);

    // 开始审核 freezes the automatic scores (only offered while scoring).
    const review = round.getByRole('button', { name: '开始审核' });
    if (await review.count()) {
      await review.click();
      const [reviewed] = await Promise.all([
        admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/assessment/rounds/${roundId}/start-review`),
        confirm(admin, '开始审核'),
      ]);
      expect(reviewed.status(), await reviewed.text()).toBe(200);
    }

    // 发布: while other sheets are still drafts the server asks for a forced publication with a reason.
    await round.getByRole('button', { name: label('发布') }).click();
    const [firstTry] = await Promise.all([
      admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/assessment/rounds/${roundId}/publish`),
      confirm(admin, '发布'),
    ]);
    let published = firstTry;
    if (firstTry.status() === 409) {
      const force = admin.locator('.ant-modal').filter({ hasText: '强制发布原因' });
      await force.waitFor();
      await force.getByText(/还有 \d+ 张评分表未提交/).waitFor();
      await force.getByLabel('强制发布原因').fill('截止日已过，未提交的评分表按 0 分计，经党委会研究同意发布');
      [published] = await Promise.all([
        admin.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/assessment/rounds/${roundId}/publish`),
        force.getByRole('button', { name: '强制发布' }).click(),
      ]);
    }
    expect(published.status(), await published.text()).toBe(200);
    const results = (await published.json()) as ResultsBody;
    expect(results.published).toBe(true);
    const mineRow = results.items.find((r) => r.targetId === targetId);
    expect(mineRow, `target ${targetName} is not in the results`).toBeDefined();

    // The ranking: the chart and the table with the target at the rank the server computed.
    await round.locator('.ant-descriptions .ant-tag', { hasText: '已发布' }).waitFor();
    await round.getByRole('tab', { name: '结果排名', selected: true }).waitFor();
    await round.getByTestId('assessment-ranking-chart').locator('canvas').waitFor();
    const table = round.getByTestId('results-table');
    const targetRow = table.locator('.ant-table-row').filter({ hasText: targetName }).first();
    await targetRow.waitFor();
    expect((await targetRow.locator('td.result-rank').innerText()).trim()).toBe(String(mineRow!.rank));
    expect(await targetRow.locator('td.result-total').innerText()).toContain(String(Math.round(mineRow!.total * 100) / 100));
    // Rows are in rank order.
    const ranks = (await table.locator('.ant-table-row td.result-rank').allInnerTexts()).map((t) => Number(t.trim()));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.length).toBe(results.items.length);
    await still(admin);
    await admin.screenshot({ path: join(artifacts, 'assessment-ranking.png'), fullPage: true });
  });
});
