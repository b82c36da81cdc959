// Browser tests of the administration pages' dialogs against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startBrowser, startServer, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('user administration dialogs', () => {
  it('an edit dialog shows the record it was opened for, not the one opened before', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder('用户名', { exact: true }).fill('admin');
    await page.getByPlaceholder('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/admin/users`);
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();

    const opened: string[][] = [];
    for (const i of [0, 1, 0]) {
      await rows.nth(i).getByText('编辑', { exact: true }).click();
      const modal = page.locator('.ant-modal');
      await modal.waitFor();
      const rowText = await rows.nth(i).innerText();
      await modal.locator('input').first().waitFor();
      opened.push([rowText, ...(await modal.locator('input').evaluateAll((inputs) => inputs.map((e) => (e as HTMLInputElement).value)))]);
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      await modal.waitFor({ state: 'hidden' });
    }
    // Each dialog carries its own row's username and name.
    for (const [rowText, username, displayName] of opened) {
      expect(rowText).toContain(username!);
      expect(rowText).toContain(displayName!);
    }
    expect(opened[0]![1]).not.toBe(opened[1]![1]);
    await page.close();
  });
});
