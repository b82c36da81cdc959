// Browser test of online study on a phone (issue 20, Must show): the demo member dy1 opens 我的学习 on a 390 × 844
// page, opens the demo's one-minute material (入党誓词, open until 2030), keeps it open while the page sends its
// heartbeats, and sees the study clock fill and the 学时 credited — then finds them in 我的学习. The committee's
// administrator lowers the heartbeat interval to 5 s through the 业务规则 API first, so a minute is twelve beats.
// Then a video material: a real WebM recorded by Chromium itself (MediaRecorder on a canvas; no binary in the
// repository), uploaded by the committee's administrator, played on the phone from byte ranges while the clock runs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { request } from 'playwright-core';
import { DEMO_PASSWORD, ensureArtifactsDir, startPhone, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { sidewaysPx, still } from './session.js';

let server: RunningServer;
let phone: RunningBrowser;

beforeAll(async () => {
  server = await startServer();
  phone = await startPhone();
});

afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

describe('在线学习 on a phone (member dy1)', () => {
  it('dy1 studies a material for its minute and sees the 学时 credited', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await phone.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'training-study-failed.png'), fullPage: true }).catch(() => undefined);
      console.error(server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    const admin = await request.newContext({ baseURL: server.baseUrl });
    try {
      expect((await admin.post('/api/v1/auth/login', { data: { username: 'dangwei', password: DEMO_PASSWORD } })).status()).toBe(200);
      const set = await admin.put('/api/v1/settings/rules/training.study', { data: { value: { heartbeatSeconds: 5, dailyCapMinutes: 240 } } });
      expect(set.status(), await set.text()).toBe(200);
    } finally {
      await admin.dispose();
    }

    const login = await phone.context.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { username: 'dy1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(`${server.baseUrl}/training/my-study`);
    const material = page.locator('[data-material="入党誓词"]');
    await material.waitFor();
    await expect.poll(() => material.innerText()).toContain('0.0/0.5 学时');
    await still(page);
    await page.screenshot({ path: join(artifacts, 'training-my-study-phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // The material page: the article, and the study clock fed by heartbeats while the page is visible.
    await material.getByRole('link', { name: '入党誓词' }).tap();
    await page.waitForURL(/\/training\/materials\//);
    await page.getByText('我志愿加入中国共产党').waitFor();
    const clock = page.getByTestId('study-clock');
    await clock.waitFor();
    expect(await clock.innerText()).toContain('00:00 / 01:00');
    // Some seconds are credited within a few beats, the whole minute after about twelve.
    await expect.poll(async () => (await clock.innerText()).match(/(\d\d):(\d\d) \/ 01:00/)?.[2] ?? '00', { timeout: 30_000, interval: 1000 }).not.toBe('00');
    await clock.getByText('已学满规定时长，学时已全部计入。').waitFor({ timeout: 120_000 });
    expect(await clock.innerText()).toContain('01:00 / 01:00');
    expect(await clock.innerText()).toContain('0.5 / 0.5');
    await still(page);
    await page.screenshot({ path: join(artifacts, 'training-material-phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);

    // Back in 我的学习 the material shows its credit earned.
    await page.getByRole('button', { name: /我的学习/ }).tap();
    await page.waitForURL(/\/training\/my-study$/);
    await expect.poll(() => page.locator('[data-material="入党誓词"]').innerText()).toContain('0.5/0.5 学时');
  });

  it('dy1 plays a video material on the phone: the player starts from byte ranges, fits the screen, and the clock runs', async () => {
    const artifacts = await ensureArtifactsDir();
    const page = await phone.context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(artifacts, 'training-video-failed.png'), fullPage: true }).catch(() => undefined);
      console.error(server.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l)).slice(-10).join('\n'));
    });

    // A two-second WebM, recorded in the browser.
    await page.goto(`${server.baseUrl}/login`);
    const webm = Buffer.from(await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const g = canvas.getContext('2d')!;
      const recorder = new MediaRecorder(canvas.captureStream(10), { mimeType: 'video/webm' });
      const parts: Blob[] = [];
      recorder.ondataavailable = (e) => parts.push(e.data);
      const stopped = new Promise((r) => (recorder.onstop = r));
      recorder.start();
      for (let i = 0; i < 20; i++) {
        g.fillStyle = i % 2 ? '#c00' : '#fc0';
        g.fillRect(0, 0, 320, 180);
        await new Promise((r) => setTimeout(r, 100));
      }
      recorder.stop();
      await stopped;
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }), 'base64');
    expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

    const admin = await request.newContext({ baseURL: server.baseUrl });
    let materialId: string;
    try {
      expect((await admin.post('/api/v1/auth/login', { data: { username: 'dangwei', password: DEMO_PASSWORD } })).status()).toBe(200);
      const courses = (await (await admin.get('/api/v1/training/courses?keyword=重温入党誓词')).json()) as { items: { id: string }[] };
      const created = await admin.post(`/api/v1/training/courses/${courses.items[0]!.id}/materials`, {
        data: { title: '党课视频：重温入党誓词', kind: 'video', body: '', creditTenths: 5, requiredMinutes: 1, opensOn: '2026-01-01', closesOn: '2030-12-31' },
      });
      expect(created.status(), await created.text()).toBe(201);
      materialId = ((await created.json()) as { id: string }).id;
      const up = await admin.post(`/api/v1/training/materials/${materialId}/file`, { multipart: { file: { name: '重温入党誓词.webm', mimeType: 'video/webm', buffer: webm } } });
      expect(up.status(), await up.text()).toBe(201);
    } finally {
      await admin.dispose();
    }

    const login = await phone.context.request.post(`${server.baseUrl}/api/v1/auth/login`, { data: { username: 'dy1', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const statuses: number[] = [];
    page.on('response', (r) => { if (r.url().endsWith(`/materials/${materialId}/file`)) statuses.push(r.status()); });
    await page.goto(`${server.baseUrl}/training/materials/${materialId}`);
    const video = page.getByTestId('material-video');
    await video.waitFor();
    // Metadata loaded from the server (the media stack asks by range: 206).
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
    expect(statuses).toContain(206);
    expect(await video.evaluate((v: HTMLVideoElement) => ({ controls: v.controls, playsInline: v.playsInline, preload: v.preload }))).toEqual({ controls: true, playsInline: true, preload: 'metadata' });
    const box = (await video.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // It plays (muted, as a phone allows without a tap).
    await video.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play(); });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);

    const clock = page.getByTestId('study-clock');
    await expect.poll(async () => (await clock.innerText()).match(/(\d\d):(\d\d) \/ 01:00/)?.[2] ?? '00', { timeout: 30_000, interval: 1000 }).not.toBe('00');
    await still(page);
    await page.screenshot({ path: join(artifacts, 'training-video-phone.png'), fullPage: true });
    expect(await sidewaysPx(page)).toBe(0);
  });
});
