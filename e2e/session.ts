// Signing in through the real login page, for browser tests that start on an authenticated page.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './harness.js';

/** Logs `username` in through the form and waits for the 工作台 with its side menu. */
export async function loginAs(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('用户名', { exact: true }).fill(username);
  await page.getByPlaceholder('密码', { exact: true }).fill(password);
  const button = page.locator('form[id="login"] button[type="submit"], form[name="login"] button[type="submit"]').first();
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    button.click(),
  ]);
  if (answer.status() !== 200) throw new Error(`login of ${username} answered ${answer.status()}`);
  await page.waitForURL(`${baseUrl}/`);
  await page.locator('.ant-layout-sider .ant-menu').waitFor();
}

/** Waits until fonts and network are settled, so screenshots show the final Chinese text. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * No antd animation (drawer, modal, message, button wave) still moving, for a screenshot of the page at rest.
 * Bounded: a CI run once waited here until the test timed out on a `-motion-` element that never finished (antd
 * gives some CSSMotions, e.g. a button's loading icon, no deadline). A picture taken a little early is not worth a
 * red run, so after 10 s this says which elements were still moving and lets the test go on to its assertions.
 */
export async function motionDone(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => document.querySelector('[class*="-motion-"]') === null, undefined, { timeout: 10_000 });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error;
    const moving = await page.evaluate(() => Array.from(document.querySelectorAll('[class*="-motion-"]'), (el) => el.className.toString()));
    console.warn(`still moving after 10 s: ${JSON.stringify(moving)}`);
  }
}

/** Settled, and no antd animation still moving: a screenshot shows the page at rest. */
export async function still(page: Page): Promise<void> {
  await settle(page);
  await motionDone(page);
}

/**
 * The visible antd dialog or popover matching `selector`, once it has finished opening. antd zooms these in from the
 * pointer, and a click during the zoom can land where the button is not yet: on a loaded machine a confirm's 提交
 * was lost that way (the dialog stayed open, nothing was sent) although Playwright judged the button stable.
 */
export async function openedBox(page: Page, selector: string): Promise<Locator> {
  const box = page.locator(selector).filter({ visible: true });
  await box.waitFor();
  await expect.poll(() => box.getAttribute('class')).not.toMatch(/-(appear|enter)\b/);
  return box;
}

/** A button's accessible name: antd puts a space between the two characters of a two-character label (采 用). */
export const buttonLabel = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

/** A 1×1 PNG for uploads: the server checks the content, not the name. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** How far the page scrolls sideways (px): 0 when it fits the screen. */
export const sidewaysPx = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
