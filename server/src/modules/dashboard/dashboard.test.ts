// The 工作台 through the API: one request answers every card the reader may see, each card's numbers equal the module
// page's own numbers for the same organisation and period, a red organisation links to its own 问题清单, and an
// organisation outside the reader's scope is 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import type { DashboardView } from './schema.js';

let t: TestApp;
let dangwei: string;
let zb1: string;
let branch1: string;
let branch2: string;
let committee: string;

const get = async <T>(url: string, cookie: string): Promise<T> => {
  const res = await t.call('GET', url, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const board = (cookie: string, orgId?: string) => get<DashboardView>(`/api/v1/dashboard${orgId ? `?orgId=${orgId}` : ''}`, cookie);
const card = (v: DashboardView, key: string) => {
  const c = v.cards.find((x) => x.key === key);
  expect(c, `card ${key}`).toBeDefined();
  expect(c!.unavailable).toBe(false);
  return c!;
};
const figure = (v: DashboardView, key: string, label: string) => card(v, key).figures.find((f) => f.label === label)!.value;

beforeAll(async () => {
  t = await createTestApp();
  [dangwei, zb1] = await Promise.all([t.login('dangwei'), t.login('zb1')]);
  [branch1, branch2, committee] = await Promise.all([t.orgId('机关第一党支部'), t.orgId('机关第二党支部'), t.orgId('社区党委')]);
});
afterAll(async () => t?.close());

describe(`工作台 ${dialectLabel()}`, () => {
  it('the 党委 sees every card of its committee by default, and each number equals the module page', async () => {
    const v = await board(dangwei);
    expect(v.org).toMatchObject({ id: committee, name: '社区党委' });
    expect(v.cards.map((c) => c.key)).toEqual(['members.roster', 'orgLife.compliance', 'tasks.lights', 'info.monthly', 'training.hours', 'volunteer.hours', 'recruit.plan', 'dues.collection']);

    const stats = await get<{ total: number; byType: Record<string, number> }>(`/api/v1/orgs/${committee}/stats`, dangwei);
    expect(figure(v, 'members.roster', '党员')).toBe(stats.total);
    expect(figure(v, 'members.roster', '正式党员')).toBe(stats.byType.full);
    expect(figure(v, 'members.roster', '预备党员')).toBe(stats.byType.probationary);
    expect(stats.total).toBeGreaterThan(100);
    expect(card(v, 'members.roster').chart!.items.reduce((n, x) => n + x.value, 0)).toBe(stats.total);

    const compliance = await get<{ period: { label: string }; summary: { red: number; yellow: number; green: number }; orgs: { orgId: string; light: string }[] }>(`/api/v1/org-life/compliance?orgId=${committee}`, dangwei);
    expect([figure(v, 'orgLife.compliance', '红灯组织'), figure(v, 'orgLife.compliance', '黄灯组织'), figure(v, 'orgLife.compliance', '绿灯组织')])
      .toEqual([compliance.summary.red, compliance.summary.yellow, compliance.summary.green]);
    expect(card(v, 'orgLife.compliance').period).toBe(compliance.period.label);

    const tasks = await get<{ summary: Record<string, number> }>(`/api/v1/tasks?orgId=${committee}&pageSize=1`, dangwei);
    expect(['逾期', '临期', '正常', '已销号'].map((l) => figure(v, 'tasks.lights', l))).toEqual([tasks.summary.red, tasks.summary.yellow, tasks.summary.green, tasks.summary.done]);
    expect(tasks.summary.total).toBeGreaterThan(0);

    const month = v.today.slice(0, 7);
    const info = await get<{ series: { month: string; newTotal: number }[]; totals: { atEnd: number }; silent: { month: string; orgs: unknown[] }[] }>(`/api/v1/info-entries/stats?orgId=${committee}&from=${month}&to=${month}`, dangwei);
    expect(figure(v, 'info.monthly', '本月新增')).toBe(info.series[0]!.newTotal);
    expect(figure(v, 'info.monthly', '累计')).toBe(info.totals.atEnd);
    expect(figure(v, 'info.monthly', '本月无新增组织')).toBe(info.silent[0]!.orgs.length);

    const year = v.today.slice(0, 4);
    const hours = await get<{ summary: { members: number; met: number; rate: number | null } }>(`/api/v1/training/hours?orgId=${committee}&year=${year}&pageSize=1`, dangwei);
    expect([figure(v, 'training.hours', '学时达标率'), figure(v, 'training.hours', '已达标'), figure(v, 'training.hours', '未达标')])
      .toEqual([hours.summary.rate, hours.summary.met, hours.summary.members - hours.summary.met]);

    const service = await get<{ total: { visitMinutes: number; activityMinutes: number; visits: number; volunteers: number } }>(`/api/v1/volunteer/hours?orgId=${committee}&year=${year}`, dangwei);
    expect(figure(v, 'volunteer.hours', '服务时长')).toBe(Math.round((service.total.visitMinutes + service.total.activityMinutes) / 6) / 10);
    expect([figure(v, 'volunteer.hours', '走访'), figure(v, 'volunteer.hours', '参与志愿者')]).toEqual([service.total.visits, service.total.volunteers]);
    expect(service.total.visits).toBeGreaterThan(0);

    const plans = await get<{ total: { quota: number; admitted: number; completion: number | null } }>(`/api/v1/recruitment/plans?orgId=${committee}&year=${year}`, dangwei);
    expect([figure(v, 'recruit.plan', '发展名额'), figure(v, 'recruit.plan', '已接收预备党员'), figure(v, 'recruit.plan', '计划完成率')])
      .toEqual([plans.total.quota, plans.total.admitted, plans.total.completion]);
    expect(plans.total.quota).toBeGreaterThan(0);

    const dues = await get<{ totals: { dueFen: number; paidFen: number } }>(`/api/v1/dues/collection?orgId=${committee}&year=${year}`, dangwei);
    expect([figure(v, 'dues.collection', '已交'), figure(v, 'dues.collection', '全年应交')]).toEqual([dues.totals.paidFen / 100, dues.totals.dueFen / 100]);
    expect(dues.totals.paidFen).toBeGreaterThan(0);
    const behind = await get<{ total: number }>(`/api/v1/dues/arrears?orgId=${committee}&minMonths=3&pageSize=1`, dangwei);
    const serious = await get<{ total: number }>(`/api/v1/dues/arrears?orgId=${committee}&minMonths=6&pageSize=1`, dangwei);
    expect([figure(v, 'dues.collection', '欠交3个月以上'), figure(v, 'dues.collection', '欠交6个月以上')]).toEqual([behind.total, serious.total]);
    expect(behind.total).toBeGreaterThan(0);
  });

  it('a 党小组 chosen by its branch secretary still gets every card it may see, none failing', async () => {
    const group = (await t.platform.db.selectFrom('organisations').select('id').where('parent_id', '=', branch1).where('kind', '=', 'group').executeTakeFirstOrThrow()).id;
    const v = await board(zb1, group);
    expect(v.org?.id).toBe(group);
    expect(v.cards.length).toBeGreaterThan(3);
    expect(v.cards.filter((c) => c.unavailable).map((c) => c.key)).toEqual([]);
  });

  it('a red or yellow organisation is named with a link to its own 问题清单', async () => {
    const v = await board(dangwei);
    const c = card(v, 'orgLife.compliance');
    const flagged = (figure(v, 'orgLife.compliance', '红灯组织') ?? 0) + (figure(v, 'orgLife.compliance', '黄灯组织') ?? 0);
    expect(flagged).toBeGreaterThan(0);
    expect(c.lines.length).toBe(Math.min(flagged, 8));
    const line = c.lines[0]!;
    const orgId = new URL(line.link, 'http://x').searchParams.get('orgId')!;
    const its = await get<{ org: { name: string }; orgs: { orgId: string; light: string }[] }>(`/api/v1/org-life/compliance?orgId=${orgId}`, dangwei);
    expect(its.orgs.find((o) => o.orgId === orgId)!.light).toBe(line.tone);
  });

  it('a branch secretary sees their branch by default and another branch is 404', async () => {
    const v = await board(zb1);
    expect(v.org?.id).toBe(branch1);
    const stats = await get<{ total: number }>(`/api/v1/orgs/${branch1}/stats`, zb1);
    expect(figure(v, 'members.roster', '党员')).toBe(stats.total);
    for (const other of [branch2, committee, 'no-such-org']) {
      const res = await t.call('GET', `/api/v1/dashboard?orgId=${other}`, { cookie: zb1 });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('党员');
    }
  });

  it('the 党委 picks a branch and gets that branch’s numbers', async () => {
    const v = await board(dangwei, branch2);
    expect(v.org?.id).toBe(branch2);
    const stats = await get<{ total: number }>(`/api/v1/orgs/${branch2}/stats`, dangwei);
    expect(figure(v, 'members.roster', '党员')).toBe(stats.total);
  });

  it('cards kept between requests show a write at once, and two readers of one organisation get the same cards', async () => {
    const mine = await board(zb1, branch1);
    const theirs = await board(dangwei, branch1);
    expect(theirs.cards).toEqual(mine.cards);
    const before = await board(dangwei);
    const counted = figure(before, 'info.monthly', '本月新增')!;

    const made = await t.call('POST', '/api/v1/info-entries', { cookie: zb1, body: { orgId: branch1, category: 'rule', title: '工作台测试制度', bodyHtml: '<p>第一条 按时交纳党费。</p>' } });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as { id: string }).id;
    for (const step of ['submit', 'publish'] as const) {
      const r = await t.call('POST', `/api/v1/info-entries/${id}/${step}`, { cookie: zb1 });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = await board(dangwei);
    expect(figure(after, 'info.monthly', '本月新增')).toBe(counted + 1);
    const month = after.today.slice(0, 7);
    const info = await get<{ series: { newTotal: number }[] }>(`/api/v1/info-entries/stats?orgId=${committee}&from=${month}&to=${month}`, dangwei);
    expect(figure(after, 'info.monthly', '本月新增')).toBe(info.series[0]!.newTotal);
    expect(figure(await board(zb1), 'info.monthly', '本月新增')).toBe(figure(mine, 'info.monthly', '本月新增')! + 1);
  });

  it('an account with no organisation in scope gets an empty dashboard, not an error', async () => {
    const admin = await t.login('admin');
    const v = await board(admin);
    expect(v).toMatchObject({ org: null, cards: [] });
  });
});
