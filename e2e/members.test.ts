// Browser test of clear 身份证号 (issue 16): the page shows the masked number, 显示完整信息 reveals it by a POST,
// and 导出完整身份证号、手机号和住址 downloads the roster in clear by a POST (fetch, blob, object URL), never by a GET
// that a link or an image could send; without the box the export is a masked GET.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { serverAndBrowser } from './harness.js';
import { loginAs, settle } from './session.js';

const e2e = serverAndBrowser();

/** The 身份证号 column of a downloaded roster, and the request that fetched it. */
async function exportRoster(page: Page): Promise<{ ids: string[]; request: Request }> {
  const [download, response] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => r.url().includes('/api/v1/members') && r.headers()['content-type']?.includes('spreadsheetml') === true),
    page.getByRole('button', { name: /导出 Excel/ }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const ids = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => r.getCell(header.indexOf('身份证号') + 1).text);
  return { ids, request: response.request() };
}

describe('党员: clear 身份证号 only by an action', () => {
  it('党委管理员 reveals one member by POST and exports in clear by POST; the list and a plain export stay masked', async () => {
    const page = await e2e.browser.context.newPage();
    await loginAs(page, e2e.server.baseUrl, 'dangwei');
    await page.goto(`${e2e.server.baseUrl}/members`);
    const table = page.locator('.ant-table-tbody');
    await table.locator('tr.ant-table-row').first().waitFor();
    await settle(page);
    expect(await table.getByText(/^\d[0-9X]{17}$/).count()).toBe(0);
    expect(await table.getByText(/^\d\*{17}$/).count()).toBeGreaterThan(0);

    await table.locator('tr.ant-table-row').first().getByRole('button', { name: '查看' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '党员档案变动记录' });
    const idCell = drawer.locator('.ant-descriptions-item-content').filter({ hasText: /^\d[*0-9X]{17}$/ });
    await idCell.waitFor();
    expect(await idCell.textContent()).toMatch(/^\d\*{17}$/);
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reveal')),
      drawer.getByRole('button', { name: /显示完整信息/ }).click(),
    ]);
    expect(revealed.request().method()).toBe('POST');
    expect(revealed.status()).toBe(200);
    await drawer.getByText('完整身份证号、手机号和住址的查看已记入审计日志。').waitFor();
    expect(await idCell.textContent()).toMatch(/^\d{17}[\dX]$/);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    const masked = await exportRoster(page);
    expect(masked.request.method()).toBe('GET');
    expect(masked.ids.length).toBeGreaterThan(0);
    for (const id of masked.ids) expect(id).toMatch(/^\d\*{17}$/);

    await page.getByText('导出完整身份证号、手机号和住址').click();
    const clear = await exportRoster(page);
    expect(clear.request.method()).toBe('POST');
    expect(new URL(clear.request.url()).pathname).toBe('/api/v1/members/export.xlsx');
    expect(clear.request.postDataJSON()).toMatchObject({ unmasked: true });
    expect(clear.ids).toHaveLength(masked.ids.length);
    for (const id of clear.ids) expect(id).toMatch(/^\d{17}[\dX]$/);
    await page.close();
  });
});
