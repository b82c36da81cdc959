// 党建工作责任制: yearly lists of standing duties with periodic reports, through HTTP on the demo community.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
const cookies = new Map<string, string>();
const as = async (u: string) => {
  if (!cookies.has(u)) cookies.set(u, await t.login(u));
  return cookies.get(u)!;
};
const json = <T = Record<string, unknown>>(r: { body: string }) => JSON.parse(r.body) as T;
interface Resp {
  id: string; orgName: string; leaderName: string | null; items: { id: string; content: string }[];
  periods: { period: string; reported: boolean; overdue: boolean }[]; reports: { period: string; periodLabel: string; reportedByName: string }[];
}
interface Err { error: { code: string; message: string; fields?: Record<string, string> } }
const users = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.platform.db.selectFrom('users').select(['id', 'username']).execute()) users.set(u.username, u.id);
});
afterAll(async () => {
  await t.close();
});

describe(`党建工作责任制 ${dialectLabel()}`, () => {
  it('the demo has each branch’s 2026 list with quarterly reports, one branch behind', async () => {
    const list = json<{ items: Resp[]; total: number }>(await t.call('GET', '/api/v1/responsibilities?year=2026', { cookie: await as('dangwei') }));
    expect(list.total).toBe(7);
    const behind = list.items.find((r) => r.orgName === '离退休第一党支部')!;
    expect(behind.periods.filter((p) => p.overdue).map((p) => p.period)).toEqual(['2026-Q3']);
    // A branch secretary sees their own branch's list only; a member without task.read sees none.
    const zb1 = json<{ items: Resp[] }>(await t.call('GET', '/api/v1/responsibilities', { cookie: await as('zb1') }));
    expect(zb1.items.map((r) => r.orgName)).toEqual(['机关第一党支部']);
    expect(json<{ total: number }>(await t.call('GET', '/api/v1/responsibilities', { cookie: await as('dy1') })).total).toBe(0);
    expect((await t.call('GET', `/api/v1/responsibilities/${behind.id}`, { cookie: await as('zb1') })).statusCode).toBe(404);
  });

  it('creates a leader’s list, takes one report per period from the leader, refuses the rest in Chinese', async () => {
    const orgId = await t.orgId('机关第一党支部');
    const body = {
      year: 2026, orgId, leaderId: users.get('weiyuan'), title: '组织委员2026年党建工作责任书', reportCycle: 'quarter',
      items: [{ content: '抓好党员发展', standard: '按程序发展党员2名' }, { content: '党员信息维护' }],
    };
    const created = await t.call('POST', '/api/v1/responsibilities', { cookie: await as('zb1'), body });
    expect(created.statusCode, created.body).toBe(201);
    const r = json<Resp>(created);
    expect(r.leaderName).toBe('李春庆');
    expect(r.periods.map((p) => [p.period, p.overdue])).toEqual([['2026-Q1', true], ['2026-Q2', true], ['2026-Q3', true], ['2026-Q4', false]]);
    expect((await t.call('POST', '/api/v1/responsibilities', { cookie: await as('zb1'), body })).statusCode).toBe(409);
    const outside = await t.call('POST', '/api/v1/responsibilities', { cookie: await as('zb1'), body: { ...body, orgId: await t.orgId('机关第二党支部') } });
    expect(json<Err>(outside).error.fields!.orgId).toBe('责任组织不存在或不在您的管理范围内');
    // The 责任领导 is someone with 督办 duties over the organisation: another branch's secretary is refused.
    const stranger = await t.call('POST', '/api/v1/responsibilities', { cookie: await as('zb1'), body: { ...body, year: 2027, leaderId: users.get('zb2') } });
    expect(stranger.statusCode).toBe(400);
    expect(json<Err>(stranger).error.fields!.leaderId).toBe('责任领导须是对责任组织负有督办职责的人员');
    const empty = await t.call('POST', '/api/v1/responsibilities', { cookie: await as('zb1'), body: { ...body, year: 2027, items: [] } });
    expect(json<Err>(empty).error.message).toBe('责任条目：至少填写一项责任');

    const report = (who: string, b: object) => t.call('POST', `/api/v1/responsibilities/${r.id}/reports`, { cookie: who, body: b });
    const weiyuan = await as('weiyuan');
    const ok = await report(weiyuan, { period: '2026-Q3', content: '第三季度发展党员1名', itemNotes: [{ itemId: r.items[0]!.id, note: '已完成政审' }] });
    expect(ok.statusCode, ok.body).toBe(201);
    const after = json<Resp>(ok);
    expect(after.reports.map((x) => [x.period, x.periodLabel, x.reportedByName])).toEqual([['2026-Q3', '第三季度', '李春庆']]);
    expect(after.periods.find((p) => p.period === '2026-Q3')).toMatchObject({ reported: true, overdue: false });
    const again = await report(weiyuan, { period: '2026-Q3', content: '重复' });
    expect(again.statusCode).toBe(409);
    expect(json<Err>(again).error.message).toBe('第三季度已汇报，不能重复汇报');
    expect(json<Err>(await report(weiyuan, { period: '2026-H1', content: 'x' })).error.message).toMatch(/^汇报期次不属于本责任书/);
    expect(json<Err>(await report(weiyuan, { period: '2026-13', content: 'x' })).error.message).toMatch(/^汇报期次：/);
    // Nobody outside reports; a member of the branch with no task permission sees nothing.
    expect((await report(await as('dy1'), { period: '2026-Q4', content: 'x' })).statusCode).toBe(404);
    expect((await report(await as('xz1'), { period: '2026-Q4', content: 'x' })).statusCode).toBe(404);
    const detail = json<Resp>(await t.call('GET', `/api/v1/responsibilities/${r.id}`, { cookie: weiyuan }));
    expect(detail.reports).toHaveLength(1);
  });

  it('two edits at once leave one of the two item lists, and two reports of one period leave one', async () => {
    const orgId = await t.orgId('机关第二党支部');
    const created = json<Resp>(await t.call('POST', '/api/v1/responsibilities', {
      cookie: await as('dangwei'), body: { year: 2026, orgId, title: '并发修改的责任书', reportCycle: 'quarter', items: [{ content: '原一' }, { content: '原二' }] },
    }));
    const zb2 = await as('zb2');
    const edits = await Promise.all([
      t.call('PATCH', `/api/v1/responsibilities/${created.id}`, { cookie: zb2, body: { items: [{ content: '甲一' }, { content: '甲二' }] } }),
      t.call('PATCH', `/api/v1/responsibilities/${created.id}`, { cookie: zb2, body: { items: [{ content: '乙一' }] } }),
    ]);
    expect(edits.map((r) => r.statusCode)).toEqual([200, 200]);
    const items = json<Resp>(await t.call('GET', `/api/v1/responsibilities/${created.id}`, { cookie: zb2 })).items.map((i) => i.content);
    expect([['甲一', '甲二'], ['乙一']]).toContainEqual(items);

    const reports = await Promise.all(['第一份', '第二份'].map((content) =>
      t.call('POST', `/api/v1/responsibilities/${created.id}/reports`, { cookie: zb2, body: { period: '2026-Q1', content } })));
    expect(reports.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(json<Err>(reports.find((r) => r.statusCode === 409)!).error.message).toBe('第一季度已汇报，不能重复汇报');
    expect(json<Resp>(await t.call('GET', `/api/v1/responsibilities/${created.id}`, { cookie: zb2 })).reports).toHaveLength(1);
  });

  it('edits keep item ids and refuse a future period report', async () => {
    const orgId = await t.orgId('机关第二党支部');
    const created = json<Resp>(await t.call('POST', '/api/v1/responsibilities', {
      cookie: await as('dangwei'), body: { year: 2027, orgId, title: '2027年责任书', reportCycle: 'half', items: [{ content: '一' }, { content: '二' }] },
    }));
    const patched = await t.call('PATCH', `/api/v1/responsibilities/${created.id}`, {
      cookie: await as('zb2'), body: { items: [{ id: created.items[1]!.id, content: '二（修订）' }, { content: '三' }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const p = json<Resp>(patched);
    expect(p.items.map((i) => i.content)).toEqual(['二（修订）', '三']);
    expect(p.items[0]!.id).toBe(created.items[1]!.id);
    expect((await t.call('PATCH', `/api/v1/responsibilities/${created.id}`, { cookie: await as('zb1'), body: { title: 'x' } })).statusCode).toBe(404);
    const future = await t.call('POST', `/api/v1/responsibilities/${created.id}/reports`, { cookie: await as('zb2'), body: { period: '2027-H1', content: '提前' } });
    expect(future.statusCode).toBe(400);
    expect(json<Err>(future).error.message).toBe('上半年尚未开始，不能汇报');
  });
});
