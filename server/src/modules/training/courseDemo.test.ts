// The demo's courses as a user meets them: dy1 finds the long-open material in 我的学习 with nothing studied yet,
// the branches' 党课 back their courses' sessions (each once), and the year's online 学时 differ between members
// (some complete, some behind).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { onlineCredits } from './study.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t.close());

describe(`课程演示数据 ${dialectLabel()}`, () => {
  it('offers dy1 the committee\'s courses, the one-minute material open until 2030 and not yet studied', async () => {
    const dy1 = await t.login('dy1');
    const res = await t.call('GET', '/api/v1/training/my/courses', { cookie: dy1 });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as { items: { title: string; materials: { title: string; closesOn: string; requiredMinutes: number; seconds: number; open: boolean }[] }[] };
    const tryIt = mine.items.flatMap((c) => c.materials).find((m) => m.title === '入党誓词')!;
    expect(tryIt).toEqual(expect.objectContaining({ closesOn: '2030-12-31', requiredMinutes: 1, seconds: 0, open: true }));
    expect(mine.items.map((c) => c.title)).toContain('2026年度党员集中轮训（线上）');
    expect(mine.items.map((c) => c.title)).toContain('机关第一党支部2026年党课与专题学习');
  });

  it('holds branch 党课 as sessions, each activity once, and leaves some members behind online', async () => {
    const db = t.platform.db;
    const sessions = await db.selectFrom('training_sessions').select(['activity_id']).where('deleted_at', 'is', null).execute();
    expect(sessions.length).toBeGreaterThan(5);
    expect(new Set(sessions.map((s) => s.activity_id)).size).toBe(sessions.length);
    const members = (await db.selectFrom('members').select('id').where('status', '=', 'active').where('deleted_at', 'is', null).execute()).map((m) => m.id);
    const credits = await onlineCredits(db, (await db.selectFrom('organisations').select('tenant_id').where('id', '=', await t.orgId('机关第一党支部')).executeTakeFirstOrThrow()).tenant_id, members, 2026);
    const tenths = [...credits.values()].map((c) => c.tenths);
    // The committee's four articles give 5.5 学时, a branch's one more 1.0.
    expect(Math.max(...tenths)).toBe(65);
    expect(tenths.filter((x) => x === 0).length).toBeGreaterThan(0);
    expect(tenths.filter((x) => x > 0 && x < 65).length).toBeGreaterThan(members.length / 4);
  });
});
