// Browser test of the member import wizard (issue 3, Must show): as the 党委管理员, import a small file with
// one bad row, read the Chinese report, fix the row, import, then find the new member by name and open the drawer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureArtifactsDir, serverAndBrowser } from './harness.js';
import { startHoldingProxy } from './holdingProxy.js';
import { loginAs, motionDone, settle } from './session.js';

const e2e = serverAndBrowser();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// GB 11643: ISO 7064 MOD 11-2 over the first 17 characters.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return '10X98765432'[sum % 11]!;
}
/** A valid 身份证号 for a birth date; an odd sequence is a man, an even one a woman. */
function idNumber(birthDate: string, seq: number): string {
  const first17 = `110105${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}
/** The same number with a check digit that does not fit. */
function withWrongCheckDigit(id: string): string {
  const right = id[17]!;
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

// Sequence numbers differ per run, so the rows are new people even on a database kept between runs.
const seq = 100 + 2 * Math.floor(Math.random() * 400);
type Row = Record<string, string>;
const common = { 民族: '汉族', 学历: '大学本科', 所在单位: '党群部', 岗位: '党务干事', 在岗状态: '在岗', 所在党支部: '机关第一党支部', 所在党小组: '第一党小组' };
const full: Row = {
  ...common, 姓名: '闻予澄', 性别: '男', 出生日期: '1990-05-12', 身份证号: idNumber('1990-05-12', seq + 1),
  手机号码: '13800138001', 参加工作日期: '2012-07-01', 党员类别: '正式党员', 入党日期: '2015-07-01', 转正日期: '2016-07-01',
};
const probationary: Row = {
  ...common, 姓名: '闻知遥', 性别: '女', 出生日期: '1998-10-03', 身份证号: idNumber('1998-10-03', seq + 2),
  参加工作日期: '2020-08-01', 党员类别: '预备党员', 入党日期: '2025-06-01', 所在党小组: '第二党小组',
};
const third: Row = {
  ...common, 姓名: '闻景行', 性别: '男', 出生日期: '1987-02-20', 身份证号: idNumber('1987-02-20', seq + 3),
  参加工作日期: '2010-07-01', 党员类别: '预备党员', 入党日期: '2025-09-01',
};

/** Fills the downloaded template: the example row is replaced, every column written (blank where unset). */
async function workbook(template: Buffer, rows: Row[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.value).replace(/[*\s]/g, ''), col));
  for (const key of new Set(rows.flatMap((r) => Object.keys(r)))) {
    if (!columns.has(key)) throw new Error(`the template has no column ${key}: ${[...columns.keys()].join(' ')}`);
  }
  rows.forEach((row, i) => {
    const excelRow = sheet.getRow(2 + i);
    for (const [header, col] of columns) excelRow.getCell(col).value = row[header] ?? null;
    excelRow.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType = XLSX): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/members/import') && r.url().includes('dryRun=true')),
    page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer }),
  ]);
}

describe('member import wizard', () => {
  it('党委管理员 imports members: a bad row is reported in Chinese, fixed, imported and found in the roster', async () => {
    const page = await e2e.browser.context.newPage();
    await loginAs(page, e2e.server.baseUrl, 'dangwei');
    const dir = await ensureArtifactsDir();

    // The 导入 button of the member list opens the wizard.
    await page.locator('.ant-layout-sider .ant-menu').getByRole('menuitem', { name: /^(flag )?党员$/ }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/members`);
    await page.getByRole('button', { name: /^(upload )?导入$/ }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/members/import`);
    await page.getByText('点击选择或将 Excel 文件拖到此处').waitFor();

    // Not an xlsx: the server's 415 is shown in an Alert and the wizard stays on the first step.
    await page.locator('input[type=file]').setInputFiles({ name: '名册.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('姓名\t性别\n') });
    const refusal = page.locator('.ant-alert-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('.xlsx');
    await refusal.locator('.ant-alert-close-icon').click();

    // The template comes from the 下载模板 button.
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载模板/ }).click()]);
    expect(templateDownload.suggestedFilename()).toBe('党员导入模板.xlsx');
    const template = await readFile((await templateDownload.path())!);

    // Three rows, the third with a wrong check digit.
    const bad = { ...third, 身份证号: withWrongCheckDigit(third.身份证号!) };
    await upload(page, '党员导入.xlsx', await workbook(template, [full, probationary, bad]));
    const problems = page.locator('.ant-table-tbody tr.ant-table-row');
    await problems.first().waitFor();
    await page.getByText('发现 1 个问题（涉及 1 行），不能导入').waitFor();
    await page.getByText('共 3 行：新增 2，更新 0，未变 0').waitFor();
    expect(await problems.count()).toBe(1);
    const cells = await problems.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('4');
    expect(cells[1]).toBe('身份证号');
    expect(cells[2]).toContain('校验位');
    const confirm = page.getByRole('button', { name: /确认导入/ });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('button', { name: /修改后重新上传/ }).waitFor();
    await settle(page);
    await page.screenshot({ path: join(dir, 'import-report.png'), fullPage: true });

    // 下载错误报告 gives the same problems as a workbook.
    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载错误报告/ }).click()]);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await readFile((await reportDownload.path())!)) as unknown as ArrayBuffer);
    const reportRow = report.worksheets[0]!.getRow(2).values as unknown[];
    expect(reportRow.slice(1, 3)).toEqual([4, '身份证号']);
    expect(String(reportRow[3])).toContain('校验位');

    // Fixed and uploaded again: no problems, 确认导入 writes all three.
    await upload(page, '党员导入（已修改）.xlsx', await workbook(template, [full, probationary, third]));
    await page.getByText('校验通过').waitFor();
    await page.getByText('共 3 行：新增 3，更新 0，未变 0').waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(false);
    const [committed] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/members/import') && r.url().includes('dryRun=false')),
      confirm.click(),
    ]);
    expect(committed.status()).toBe(200);
    await page.getByText('导入完成').waitFor();
    await page.getByText('共 3 行：新增 3，更新 0，未变 0').waitFor();

    // Back in the roster, each new member is found by name and opens in the drawer.
    await page.getByRole('button', { name: '返回党员名册' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/members`);
    for (const [row, type] of [[full, '正式党员'], [probationary, '预备党员']] as const) {
      const keyword = page.getByPlaceholder('姓名或完整身份证号');
      await keyword.fill(row.姓名!);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/members?') && decodeURIComponent(r.url()).includes(row.姓名!)),
        keyword.press('Enter'),
      ]);
      const table = page.locator('.ant-table-tbody');
      await table.locator('tr.ant-table-row').first().waitFor();
      expect(await table.locator('tr.ant-table-row').count()).toBe(1);
      await table.getByText(row.姓名!, { exact: true }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '党员档案变动记录' });
      await drawer.getByText(`党员：${row.姓名}`).waitFor();
      const facts = drawer.locator('.ant-descriptions').filter({ hasText: '党员信息' });
      await facts.getByText(type, { exact: true }).waitFor();
      await facts.getByText('机关第一党支部', { exact: true }).waitFor();
      if (row === full) {
        await facts.getByText('2016-07-01', { exact: true }).waitFor();
        await settle(page);
        await motionDone(page);
        await page.screenshot({ path: join(dir, 'import-member-drawer.png') });
      }
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    }

    // The same file again updates nobody twice: the check counts the three as updates, the import as unchanged.
    await page.getByRole('button', { name: /^(upload )?导入$/ }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/members/import`);
    await upload(page, '党员导入（再次）.xlsx', await workbook(template, [full, probationary, third]));
    await page.getByText('共 3 行：新增 0，更新 3，未变 0').waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入完成').waitFor();
    await page.getByText('共 3 行：新增 0，更新 0，未变 3').waitFor();
    await page.close();
  });

  it('a file of thousands of rows shows upload progress, then 正在校验…, then the report', async () => {
    // Through a proxy that can keep the server's answer back, so the page is seen while the server works.
    const proxy = await startHoldingProxy(e2e.server.baseUrl);
    onTestFinished(() => proxy.close());
    const page = await e2e.browser.context.newPage();
    await loginAs(page, proxy.baseUrl, 'dangwei');
    await page.goto(`${proxy.baseUrl}/members/import`);
    const template = Buffer.from(await (await page.request.get(`${proxy.baseUrl}/api/v1/members/template.xlsx`)).body());
    const rows: Row[] = [];
    for (let i = 0; i < 3000; i++) {
      const birthDate = `19${70 + (i % 30)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = idNumber(birthDate, 100 + Math.floor(i / 360) * 2 + (seq % 500));
      rows.push({
        ...common, 姓名: `批量测试${i + 1}`, 性别: Number(id[16]) % 2 === 1 ? '男' : '女', 出生日期: birthDate, 身份证号: id,
        党员类别: '预备党员', 入党日期: '2025-06-01',
      });
    }
    const file = await workbook(template, rows);
    expect(file.length).toBeGreaterThan(100_000);

    // The file is sent in full; the answer is held back until the page has shown the finished upload
    // and the wait for the check.
    proxy.hold((req) => req.method === 'POST' && (req.url ?? '').startsWith('/api/v1/members/import?'));
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/members/import'), { timeout: 60_000 });
    answer.catch(() => undefined); // awaited below; a failure before then must not surface as unhandled
    await page.locator('input[type=file]').setInputFiles({ name: '三千人.xlsx', mimeType: XLSX, buffer: file });
    await page.getByText(/^三千人\.xlsx（[\d.]+ KB）$/).waitFor();
    await page.getByText('正在校验…').waitFor();
    const progress = page.getByRole('progressbar', { name: '上传进度' });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await page.getByText('上传完成').waitFor();
    // The bar's width transition to 100 % has run (the spinner keeps animating, so only the bar is asked).
    await page.waitForFunction(() =>
      document.getAnimations().every((a) => !((a.effect as KeyframeEffect | null)?.target as Element | null)?.closest('.ant-progress') || a.playState !== 'running'),
    );
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: join(await ensureArtifactsDir(), 'import-progress.png') });
    proxy.release();
    expect((await answer).status()).toBe(200);
    await page.getByText('校验通过').waitFor();
    await page.getByText('共 3000 行：新增 3000，更新 0，未变 0').waitFor();
    await page.close();
  }, 120_000);

  it('员工 import: the same wizard from the staff list, one new employee, found in the staff roster', async () => {
    const page = await e2e.browser.context.newPage();
    await loginAs(page, e2e.server.baseUrl, 'dangwei');
    await page.goto(`${e2e.server.baseUrl}/staff`);
    await page.getByRole('button', { name: /^(upload )?导入$/ }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/staff/import`);
    await page.getByRole('heading', { name: '导入员工' }).waitFor();
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载模板/ }).click()]);
    expect(templateDownload.suggestedFilename()).toBe('员工导入模板.xlsx');
    const template = await readFile((await templateDownload.path())!);
    const person: Row = {
      姓名: '闻若岚', 性别: '女', 出生日期: '1995-03-08', 身份证号: idNumber('1995-03-08', seq + 4), 民族: '汉族', 学历: '研究生',
      所在单位: '党群部', 岗位: '宣传干事', 在岗状态: '在岗', 参加工作日期: '2019-07-01',
    };
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/staff/import') && r.url().includes('dryRun=true')),
      page.locator('input[type=file]').setInputFiles({ name: '员工导入.xlsx', mimeType: XLSX, buffer: await workbook(template, [person]) }),
    ]);
    await page.getByText('校验通过').waitFor();
    await page.getByText('共 1 行：新增 1，更新 0，未变 0').waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入完成').waitFor();
    await page.getByRole('button', { name: '返回员工名册' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/staff`);
    const keyword = page.getByPlaceholder('姓名或完整身份证号');
    await keyword.fill(person.姓名!);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/staff?') && decodeURIComponent(r.url()).includes(person.姓名!)),
      keyword.press('Enter'),
    ]);
    const table = page.locator('.ant-table-tbody');
    await table.getByText(person.姓名!, { exact: true }).waitFor();
    expect(await table.locator('tr.ant-table-row').count()).toBe(1);
    await page.close();
  });
});
