import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

interface Rule { key: string; name: string; group: string; schema: { properties: Record<string, { description?: string; items?: { properties: Record<string, { labels?: Record<string, string> }> } }> }; value: Record<string, unknown>; defaults: Record<string, unknown>; editable: boolean }

describe(`业务规则 settings ${dialectLabel()}`, () => {
  let t: TestApp;
  let dangwei: string;
  beforeAll(async () => {
    t = await createTestApp();
    dangwei = await t.login('dangwei');
  });
  afterAll(async () => { await t.close(); });

  const rules = async (cookie: string) => (await t.call('GET', '/api/v1/settings/rules', { cookie })).json().items as Rule[];

  it('lists to each user only the rules they may change over the whole committee, with Chinese labels', async () => {
    const mine = await rules(dangwei);
    const keys = mine.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['org.rules', 'orgLife.kinds', 'orgLife.rules', 'tasks.rules', 'assessment.stars', 'assessment.bonus', 'assessment.anomalies', 'assessment.appraisal']));
    expect(keys).not.toContain('files');
    expect(keys).not.toContain('files.video');
    const tasks = mine.find((r) => r.key === 'tasks.rules')!;
    expect(tasks.schema.properties.yellowDays!.description).toBe('到期前亮黄灯天数');
    expect(tasks.value).toEqual({ yellowDays: 3, reminderDays: 3 });
    const kinds = mine.find((r) => r.key === 'orgLife.kinds')!;
    expect(kinds.schema.properties.kinds!.items!.properties.frequency!.labels).toMatchObject({ month: '每月', quarter: '每季度' });

    // A branch secretary holds orgLife.write only over their branch: nothing here is theirs to change.
    expect(await rules(await t.login('zb1'))).toEqual([]);
    // The 系统管理员 sees the system's own setting only, never the committee's business rules.
    const admin = await t.login('admin');
    expect((await rules(admin)).map((r) => r.key)).toEqual(['files', 'files.video']);
    // The video limit can be lowered, never raised past the 300 MB ceiling.
    expect((await t.call('PUT', '/api/v1/settings/rules/files.video', { cookie: admin, body: { value: { videoMaxMb: 301 } } })).statusCode).toBe(400);
    expect((await rules(admin)).find((r) => r.key === 'files.video')!.value).toEqual({ videoMaxMb: 300 });
  });

  it('saves a valid value, audited with before and after', async () => {
    const res = await t.call('PUT', '/api/v1/settings/rules/tasks.rules', { cookie: dangwei, body: { value: { yellowDays: 7, reminderDays: 2 } } });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toEqual({ yellowDays: 7, reminderDays: 2 });
    expect((await rules(dangwei)).find((r) => r.key === 'tasks.rules')!.value).toEqual({ yellowDays: 7, reminderDays: 2 });
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', 'tasks.rules').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('settings.rules.update');
    expect(JSON.parse(audit[0]!.after!)).toEqual({ yellowDays: 7, reminderDays: 2 });
  });

  it('refuses bad values with the field named in Chinese, and changes nothing', async () => {
    const before = (await rules(dangwei)).find((r) => r.key === 'org.rules')!.value;
    const bad = await t.call('PUT', '/api/v1/settings/rules/org.rules', { cookie: dangwei, body: { value: { ...before, termReminderDays: 0, termYears: { ...(before.termYears as object), branch: 'three' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ termReminderDays: expect.stringContaining('换届提前提醒天数'), 'termYears.branch': '党支部：格式不正确' });
    expect(bad.json().error.message).toMatch(/另有 1 处错误/);
    const missing = await t.call('PUT', '/api/v1/settings/rules/tasks.rules', { cookie: dangwei, body: { value: { yellowDays: 1 } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.reminderDays).toBe('请填写到期前提醒天数');
    // An unknown choice and a value of the wrong shape read as plain Chinese, never zod's program wording.
    const kinds = (await rules(dangwei)).find((r) => r.key === 'orgLife.kinds')!.value as { kinds: Record<string, unknown>[] };
    const weekly = await t.call('PUT', '/api/v1/settings/rules/orgLife.kinds', { cookie: dangwei, body: { value: { kinds: [{ ...kinds.kinds[0], frequency: 'weekly' }, ...kinds.kinds.slice(1)] } } });
    expect(weekly.statusCode).toBe(400);
    expect(weekly.json().error.fields['kinds.0.frequency']).toBe('至少召开：不是可选的值');
    const shapeless = await t.call('PUT', '/api/v1/settings/rules/tasks.rules', { cookie: dangwei, body: { value: 'abc' } });
    expect(shapeless.json().error.message).toBe('亮灯与提醒：格式不正确');
    expect((await rules(dangwei)).find((r) => r.key === 'orgLife.kinds')!.value).toEqual(kinds);
    expect((await rules(dangwei)).find((r) => r.key === 'org.rules')!.value).toEqual(before);
    expect((await rules(dangwei)).find((r) => r.key === 'tasks.rules')!.value).toEqual({ yellowDays: 7, reminderDays: 2 });
  });

  it('refuses users without the permission over the committee, and unknown settings', async () => {
    const zb1 = await t.login('zb1');
    expect((await t.call('PUT', '/api/v1/settings/rules/orgLife.rules', { cookie: zb1, body: { value: { signInGraceBeforeMinutes: 0, signInGraceAfterMinutes: 0, attendanceWarnPercent: 50, silentDays: 90 } } })).statusCode).toBe(403);
    const admin = await t.login('admin');
    expect((await t.call('PUT', '/api/v1/settings/rules/assessment.stars', { cookie: admin, body: { value: { bands: [] } } })).statusCode).toBe(403);
    expect((await t.call('PUT', '/api/v1/settings/rules/no.such', { cookie: dangwei, body: { value: {} } })).statusCode).toBe(404);
    const rulesNow = (await rules(dangwei)).find((r) => r.key === 'orgLife.rules')!;
    expect(rulesNow.value).toEqual(rulesNow.defaults);
  });
});
