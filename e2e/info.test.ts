// Browser test of the information base (issue 4, Must show): a branch 委员 writes an entry with the rich-text
// editor and an attachment (a disguised file is refused in Chinese), submits it; the branch 书记 previews it in
// 审核发布 and publishes it; then the entry is found in the 信息库 by a Chinese word, marked, and is 已发布.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureArtifactsDir, serverAndBrowser } from './harness.js';
import { loginAs, motionDone, openedBox, settle } from './session.js';

const e2e = serverAndBrowser();

/** A small well-formed PDF: the server checks the content, not the name. */
function pdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A Windows program renamed to .pdf. */
function disguisedExe(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}

// A number per run keeps the title unique even on a database kept between runs.
const run = String(Date.now() % 100000).padStart(5, '0');
const TITLE = `社区垃圾分类志愿服务管理制度（${run}）`;

describe('information base', () => {
  it('委员 writes and submits an entry, 书记 publishes it from 审核发布, and it is found by a Chinese word', async () => {
    const dir = await ensureArtifactsDir();
    const page = await e2e.browser.context.newPage();

    // --- weiyuan (委员 of 机关第一党支部): may write, may not publish.
    await loginAs(page, e2e.server.baseUrl, 'weiyuan');
    const menu = page.locator('.ant-layout-sider .ant-menu');
    await menu.getByText('管控信息').click();
    await menu.getByRole('menuitem', { name: '信息库' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/info`);
    expect(await menu.getByRole('menuitem', { name: '审核发布' }).count()).toBe(0);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

    await page.getByRole('button', { name: /新建/ }).click();
    const editor = page.getByRole('dialog').filter({ hasText: '新建信息' });
    await editor.waitFor();
    await editor.getByText('机关第一党支部（党支部）').waitFor(); // the writer's own branch is preselected
    await editor.getByPlaceholder('例如：社区消防安全管理制度').fill(TITLE);

    // The body through the editor: a paragraph, then a bulleted list from the toolbar.
    const body = editor.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type('为推进社区垃圾分类工作，规范志愿服务，制定本制度。');
    await page.keyboard.press('Enter');
    await editor.getByRole('button', { name: '无序列表' }).click();
    await page.keyboard.type('每周三上午在小区门口开展垃圾分类宣传');
    await page.keyboard.press('Enter');
    await page.keyboard.type('志愿者服务时长按月登记');
    expect(await body.locator('ul > li').count()).toBe(2);

    // Two files: a program disguised as a PDF (refused with the server's Chinese reason) and a real PDF.
    await editor.locator('input[type=file]').setInputFiles([
      { name: '志愿者名单.pdf', mimeType: 'application/pdf', buffer: disguisedExe() },
      { name: '垃圾分类宣传单.pdf', mimeType: 'application/pdf', buffer: pdf() },
    ]);
    await editor.getByRole('button', { name: /保存并提交/ }).click();
    await editor.getByText('信息已保存，但有附件未能上传').waitFor();
    const refusal = editor.getByRole('alert').filter({ hasText: '志愿者名单.pdf：' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('文件内容与扩展名不符');
    await settle(page);
    await page.screenshot({ path: join(dir, 'info-editor-refused-file.png') });

    // The refused file is removed; saving again submits the entry for review.
    await editor.locator('.ant-upload-list-item-error').getByRole('button', { name: /删除|delete/i }).click();
    await expect.poll(() => editor.locator('.ant-upload-list-item-error').count()).toBe(0);
    const [submitted] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/info-entries\/[^/]+\/submit$/.test(r.url()) && r.request().method() === 'POST'),
      editor.getByRole('button', { name: /保存并提交/ }).click(),
    ]);
    expect(submitted.status()).toBe(200);
    await editor.waitFor({ state: 'hidden' });

    // The new entry opens in the drawer: 待审核, its attachment, and no 发布 for a 委员.
    const drawer = page.getByRole('dialog').filter({ hasText: TITLE });
    await drawer.locator('.ant-tag', { hasText: '待审核' }).first().waitFor();
    await drawer.getByRole('link', { name: '垃圾分类宣传单.pdf' }).waitFor();
    expect(await drawer.getByRole('button', { name: /^(check )?发\s*布$/ }).count()).toBe(0);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // --- zb1 (书记 of the same branch): may publish.
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'zb1');
    await page.goto(`${e2e.server.baseUrl}/info/review`);
    const queue = page.locator('.ant-table-tbody');
    const row = queue.locator('tr.ant-table-row', { hasText: TITLE });
    await row.waitFor();
    await row.getByRole('button', { name: /审核/ }).click();

    // Preview before deciding: the whole body and the attachment.
    const review = page.getByRole('dialog').filter({ hasText: `审核：${TITLE}` });
    await review.getByText('志愿者服务时长按月登记').waitFor();
    expect(await review.locator('.dj-richtext ul > li').count()).toBe(2);
    await review.getByRole('link', { name: '垃圾分类宣传单.pdf' }).waitFor();
    await settle(page);
    await motionDone(page);
    await page.screenshot({ path: join(dir, 'info-review-preview.png') });
    await review.getByRole('button', { name: /发\s*布/ }).click();
    const publish = (await openedBox(page, '.ant-popconfirm')).getByRole('button', { name: /发\s*布/ });
    const [published] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/info-entries\/[^/]+\/publish$/.test(r.url()) && r.request().method() === 'POST'),
      publish.click(),
    ]);
    expect(published.status()).toBe(200);
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => queue.locator('tr.ant-table-row', { hasText: TITLE }).count()).toBe(0);

    // --- Search the 信息库 by a Chinese word of the entry.
    await page.goto(`${e2e.server.baseUrl}/info`);
    const search = page.getByLabel('搜索标题和正文');
    await search.fill('垃圾分类');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/info-entries?') && decodeURIComponent(r.url()).includes('q=垃圾分类')),
      search.press('Enter'),
    ]);
    const hit = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: TITLE });
    await hit.waitFor();
    await hit.locator('.ant-tag', { hasText: '已发布' }).first().waitFor();
    expect(await hit.locator('mark', { hasText: '垃圾分类' }).count()).toBeGreaterThan(0);
    await page.getByText(/找到 \d+ 条与“垃圾分类”相关的信息/).waitFor();
    await settle(page);
    await page.screenshot({ path: join(dir, 'info-search.png'), fullPage: true });

    // The entry in the drawer: 已发布, version 1 in the history with the full text.
    await hit.getByText(TITLE).click();
    const detail = page.getByRole('dialog').filter({ hasText: TITLE });
    await detail.locator('.ant-tag', { hasText: '已发布' }).first().waitFor();
    await detail.getByText('第 1 版').waitFor();
    await detail.getByRole('button', { name: /历史版本/ }).click();
    const history = page.getByRole('dialog').filter({ hasText: `历史版本：${TITLE}` });
    await history.getByText('每周三上午在小区门口开展垃圾分类宣传').waitFor();
    await page.close();
  });

  it('每月统计 shows the chart, the organisation table whose totals match the figures, 本月无新增, the Excel file, and fits a phone', async () => {
    const dir = await ensureArtifactsDir();
    const page = await e2e.browser.context.newPage();
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'dangwei');
    await page.goto(`${e2e.server.baseUrl}/info/stats`);
    await page.locator('canvas').first().waitFor();
    const table = page.locator('.ant-table').filter({ hasText: '组织' });
    await table.locator('tr.ant-table-row').nth(1).waitFor();
    expect(await table.locator('tr.ant-table-row').count()).toBeGreaterThan(3);

    // The 期间新增 figure is the 合计 row's new total; 本月无新增 lists organisations or says there are none.
    const periodNew = await page.locator('.ant-statistic').filter({ hasText: '期间新增' }).locator('.ant-statistic-content-value').innerText();
    const summary = (await table.locator('.ant-table-summary tr').first().locator('td').allInnerTexts()).map((t) => t.trim());
    expect(summary[0]).toBe('合计');
    expect(summary[summary.length - 2]).toBe(periodNew.replace(/,/g, ''));
    const silent = page.locator('.ant-card').filter({ hasText: '本月无新增' }).last();
    await silent.getByText(/个组织没有新增信息|各组织都有新增信息/).waitFor();
    await settle(page);
    await page.screenshot({ path: join(dir, 'info-stats.png'), fullPage: true });

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
    expect(file.suggestedFilename()).toMatch(/^管控信息统计-.+\.xlsx$/);

    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/info/stats', '/info']) {
      await page.goto(`${e2e.server.baseUrl}${path}`);
      await page.locator(path === '/info' ? '.ant-table-tbody tr.ant-table-row' : 'canvas').first().waitFor();
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(dir, `info-phone${path.replaceAll('/', '-')}.png`), fullPage: true });
    }
    // The entry drawer and the editor take the whole phone screen.
    await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('a').first().click();
    const drawer = page.getByRole('dialog').filter({ hasText: '正文' });
    await drawer.locator('.dj-richtext').waitFor();
    await settle(page);
    await motionDone(page);
    expect((await drawer.boundingBox())!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(dir, 'info-phone-drawer.png') });
    await drawer.locator('.ant-drawer-close').click();
    await page.getByRole('button', { name: /新建/ }).click();
    const editor = page.getByRole('dialog').filter({ hasText: '新建信息' });
    await editor.getByRole('textbox', { name: '正文' }).waitFor();
    await settle(page);
    await motionDone(page);
    await page.screenshot({ path: join(dir, 'info-phone-editor.png') });
    await page.close();
  });

  it('pasted HTML is cleaned in the editor, 退回 needs a reason the writer then reads, and a hostile body never runs', async () => {
    const page = await e2e.browser.context.newPage();
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'weiyuan');
    await page.goto(`${e2e.server.baseUrl}/info`);
    await page.getByRole('button', { name: /新建/ }).click();
    const editor = page.getByRole('dialog').filter({ hasText: '新建信息' });
    const title = `党员志愿服务积分流程（${run}）`;
    await editor.getByPlaceholder('例如：社区消防安全管理制度').fill(title);

    // Pasting from Word or a web page keeps the structure, never styles, images or scripts.
    const body = editor.getByRole('textbox', { name: '正文' });
    await body.click();
    await body.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/html', '<p class="MsoNormal" style="color:red">第一条 志愿服务<b>按次计分</b><img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script></p><a href="javascript:window.__pwned=3">办理指南</a>');
      data.setData('text/plain', '第一条 志愿服务按次计分');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await body.getByText('按次计分').waitFor();
    const pasted = await body.innerHTML();
    expect(pasted).not.toMatch(/<img|<script|style=|class=|javascript:|onerror/i);
    expect(pasted).toContain('<b>按次计分</b>');
    await editor.getByRole('button', { name: /保存并提交/ }).click();
    await editor.waitFor({ state: 'hidden' });
    const id = new URL(page.url()).searchParams.get('id');
    expect(id).toBeTruthy();

    // 书记 returns it: without a reason the dialog refuses, with one the entry goes back to the writer.
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'zb1');
    await page.goto(`${e2e.server.baseUrl}/info/review`);
    await page.locator('tr.ant-table-row', { hasText: title }).getByRole('button', { name: /审核/ }).click();
    const review = page.getByRole('dialog').filter({ hasText: `审核：${title}` });
    await review.getByText('按次计分').waitFor();
    await review.getByRole('button', { name: /退\s*回/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `退回：${title}` });
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.getByText('请填写退回理由').waitFor();
    const reason = '请补充积分的兑换办法和登记责任人';
    await dialog.getByLabel('退回理由').fill(reason);
    const [returned] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/info-entries/${id}/return`)),
      dialog.getByRole('button', { name: /退\s*回/ }).click(),
    ]);
    expect(returned.status()).toBe(200);
    await review.waitFor({ state: 'hidden' });

    // The writer opens it from a link: 已退回, the reason, and 编辑 shows the reason beside the form.
    await e2e.browser.context.clearCookies();
    await loginAs(page, e2e.server.baseUrl, 'weiyuan');
    await page.goto(`${e2e.server.baseUrl}/info?id=${id}`);
    const drawer = page.getByRole('dialog').filter({ hasText: title });
    await drawer.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
    await drawer.getByText(reason).waitFor();
    await drawer.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = page.getByRole('dialog').filter({ hasText: `编辑：${title}` });
    await edit.getByText(reason).waitFor();
    await edit.getByRole('button', { name: /取\s*消/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // Defence in depth: even if the server sent a hostile body, the page renders only allow-listed elements.
    await page.route(`**/api/v1/info-entries/${id}`, async (route) => {
      const res = await route.fetch();
      const json = (await res.json()) as { bodyHtml: string };
      json.bodyHtml = '<p>正文开头</p><img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=4"></svg>'
        + '<a href="javascript:window.__pwned=3">恶意链接</a><p onmouseover="window.__pwned=5" style="display:none">隐藏段落</p><iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>'
        + `<img src="/api/v1/info-entries/${id}/attachments/none?inline=true" alt="本站附件图片" onerror="window.__pwned=7">`
        + '<img src="https://evil.example/x.png" alt="外站图片"><img src="data:image/png;base64,AAAA" alt="内嵌图片">'
        // Our own API, but not an attachment: shown or clicked, it would run in the reader's name.
        + '<img src="/api/v1/members/export.xlsx?unmasked=true"><img src="/api/v1/auth/me">'
        + '<a href="/api/v1/members/export.xlsx?unmasked=true">导出</a>';
      await route.fulfill({ response: res, json });
    });
    await page.goto(`${e2e.server.baseUrl}/info?id=${id}`);
    const hostile = page.getByRole('dialog').filter({ hasText: title }).locator('.dj-richtext');
    await hostile.getByText('恶意链接').waitFor();
    const html = await hostile.innerHTML();
    expect(html).not.toMatch(/<script|<svg|<iframe|onerror|onload|onmouseover|javascript:|style=|evil\.example|data:|export\.xlsx|auth\/me/i);
    // The export link keeps its text only.
    await hostile.getByText('导出').waitFor();
    expect(await hostile.locator('a', { hasText: '导出' }).count()).toBe(0);
    // Only an image from our own attachment route survives, without its handler.
    expect(await hostile.locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('src')))).toEqual([`/api/v1/info-entries/${id}/attachments/none?inline=true`]);
    await hostile.getByText('隐藏段落').waitFor(); // shown, not hidden by a style
    await hostile.getByText('恶意链接').click();
    await hostile.getByText('隐藏段落').hover();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });
});
