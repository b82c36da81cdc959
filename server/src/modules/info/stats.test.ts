// Monthly statistics, their workbook, the metrics and the info-source registration point, checked against
// counts computed here independently: straight from the rows (demo rows and rows written under the fake
// clock), attributed to organisations in plain code rather than through the module's query.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';
import { pathType } from '../../db/dialect.js';
import { indexDocuments } from '../../platform/search/index.js';
import { infoSources, registerInfoSource, type InfoSourceRow } from './index.js';

let t: TestApp;
let dw: string;
let zb1: string;
let zb5: string; // 书记 of 离退休第一党支部
let tenantId: string;
let committee: string;
let branch1: string;
let branch2: string;
let quietBranch: string; // 离退休第一党支部: nothing new in the demo's last three months

type Org = { id: string; parent_id: string | null; kind: string; path: string; name: string };
let orgs: Org[];

interface Fact { orgId: string; category: string; month: string; at: string }
/** Every published row the statistics should count: live entries by first publication, and test meetings. */
async function facts(): Promise<Fact[]> {
  const entries = await t.platform.db.selectFrom('info_entries').select(['org_id', 'category', 'published_month', 'first_published_at'])
    .where('deleted_at', 'is', null).where('published_month', 'is not', null).execute();
  const meetings = await sql<{ org_id: string; month: string; held_at: string }>`select org_id, month, held_at from test_meetings`.execute(t.platform.db).catch(() => ({ rows: [] }));
  return [
    ...entries.map((e) => ({ orgId: e.org_id, category: e.category, month: e.published_month!, at: e.first_published_at! })),
    ...meetings.rows.map((m) => ({ orgId: m.org_id, category: 'meeting', month: m.month, at: m.held_at })),
  ];
}
const byId = (id: string) => orgs.find((o) => o.id === id)!;
/** Committee-level rows: a group's entries count in its branch. */
const rowOfCommitteeView = (orgId: string) => {
  const o = byId(orgId);
  return o.kind === 'group' ? o.parent_id! : o.id;
};

interface StatsRow { orgId: string; orgName: string; includesGroups: boolean; before: Record<string, number>; months: { month: string; new: Record<string, number>; newTotal: number; total: Record<string, number>; totalAll: number }[]; newInPeriod: number; totalAtEnd: number }
async function stats(cookie: string, query: string) {
  const r = await t.call('GET', `/api/v1/info-entries/stats?${query}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { org: { id: string }; months: string[]; categories: string[]; rows: StatsRow[]; series: { month: string; newTotal: number; totalAll: number; new: Record<string, number> }[]; silent: { month: string; orgs: { orgId: string }[] }[]; totals: { before: number; newInPeriod: number; atEnd: number } };
}

/** Checks every cell of the committee view against the facts. */
async function expectCommitteeStatsMatch(from: string, to: string) {
  const s = await stats(dw, `orgId=${committee}&from=${from}&to=${to}`);
  const all = await facts();
  expect(s.rows.map((r) => r.orgId)).toEqual(orgs.filter((o) => o.kind !== 'group').sort((a, b) => (a.path < b.path ? -1 : 1)).map((o) => o.id));
  for (const row of s.rows) {
    const mine = all.filter((f) => rowOfCommitteeView(f.orgId) === row.orgId);
    for (const c of s.categories) {
      expect(row.before[c], `${row.orgName} ${c} before`).toBe(mine.filter((f) => f.category === c && f.month < from).length);
      for (const m of row.months) {
        expect(m.new[c], `${row.orgName} ${c} ${m.month}`).toBe(mine.filter((f) => f.category === c && f.month === m.month).length);
        expect(m.total[c]).toBe(mine.filter((f) => f.category === c && f.month <= m.month).length);
      }
    }
    expect(row.totalAtEnd).toBe(mine.filter((f) => f.month <= to).length);
    expect(row.newInPeriod).toBe(mine.filter((f) => f.month >= from && f.month <= to).length);
  }
  for (const m of s.series) expect(m.newTotal).toBe(all.filter((f) => f.month === m.month).length);
  expect(s.totals.atEnd).toBe(all.filter((f) => f.month <= to).length);
  for (const sm of s.silent) {
    const active = new Set(all.filter((f) => f.month === sm.month).map((f) => rowOfCommitteeView(f.orgId)));
    expect(sm.orgs.map((o) => o.orgId).sort()).toEqual(s.rows.map((r) => r.orgId).filter((id) => !active.has(id)).sort());
  }
  return s;
}

beforeAll(async () => {
  t = await createTestApp();
  // These counts are of the entries written here (and the stand-in source below); the real 组织生活
  // and 考核 sources are tested in modules/orgLife and modules/assessment.
  for (const key of ['orgLife.meetings', 'orgLife.activities', 'assessment.rounds']) infoSources(t.platform).unregister(key);
  [dw, zb1, zb5] = (await Promise.all(['dangwei', 'zb1', 'zb5'].map((u) => t.login(u)))) as [string, string, string];
  committee = await t.orgId('社区党委');
  branch1 = await t.orgId('机关第一党支部');
  branch2 = await t.orgId('机关第二党支部');
  quietBranch = await t.orgId('离退休第一党支部');
  orgs = await t.platform.db.selectFrom('organisations').select(['id', 'parent_id', 'kind', 'path', 'name', 'tenant_id']).where('deleted_at', 'is', null).where('parent_id', 'is not', null).execute() as Org[];
  orgs.push(await t.platform.db.selectFrom('organisations').select(['id', 'parent_id', 'kind', 'path', 'name']).where('id', '=', committee).executeTakeFirstOrThrow() as Org);
  tenantId = (await t.platform.db.selectFrom('organisations').select('tenant_id').where('id', '=', committee).executeTakeFirstOrThrow()).tenant_id;
});
afterAll(async () => t.close());

describe(`管控信息 demo data ${dialectLabel()}`, () => {
  it('holds 1,896 entries, mostly published, a handful in review, some with 2–3 versions, uneven across branches', async () => {
    const db = t.platform.db;
    const byStatus = await db.selectFrom('info_entries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const n = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    expect(Object.values(n).reduce((a, b) => a + b, 0)).toBe(1896);
    expect(n.published).toBeGreaterThan(1800);
    for (const s of ['draft', 'submitted', 'returned']) expect(n[s], s).toBeGreaterThan(0);
    // Every published entry has exactly `version` snapshots, the last one being its current body.
    const versions = await db.selectFrom('info_entry_versions as v').innerJoin('info_entries as e', (j) => j.onRef('e.tenant_id', '=', 'v.tenant_id').onRef('e.id', '=', 'v.entry_id'))
      .select(['e.id', 'e.version', 'e.body_html', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('v.version').as('last')])
      .groupBy(['e.id', 'e.version', 'e.body_html']).execute();
    expect(versions.length).toBe(n.published);
    expect(versions.every((v) => Number(v.n) === v.version && Number(v.last) === v.version)).toBe(true);
    expect(versions.filter((v) => v.version >= 2).length).toBeGreaterThan(20);
    const perBranch = await Promise.all(['机关第一党支部', '机关第二党支部', '物业第一党支部', '物业第二党支部', '离退休第一党支部', '离退休第二党支部'].map(async (name) => {
      const path = byId(await t.orgId(name)).path;
      const r = await db.selectFrom('info_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('org_path', '>=', path).where('org_path', '<', `${path.slice(0, -1)}0`).executeTakeFirstOrThrow();
      return Number(r.n);
    }));
    expect(Math.max(...perBranch)).toBeGreaterThan(2 * Math.min(...perBranch));
    const titles = await db.selectFrom('info_entries').select('title').distinct().execute();
    expect(titles.length).toBeGreaterThan(600);
  });
});

describe(`管控信息 monthly statistics ${dialectLabel()}`, () => {
  it('counts the demo’s ~1,896 entries per organisation × category × month exactly as the rows say, with running totals and the silent organisations', async () => {
    const s = await expectCommitteeStatsMatch('2024-12', '2026-11');
    expect(s.totals.atEnd).toBeGreaterThan(1800);
    expect(s.months).toHaveLength(24);
    expect(s.categories).toEqual(['rule', 'duty', 'procedure']);
    // 离退休第一党支部 has been quiet for the last three months: it is listed under 本月无新增.
    expect(s.silent.find((m) => m.month === '2026-11')!.orgs.map((o) => o.orgId)).toContain(quietBranch);
    expect(s.rows.find((r) => r.orgId === branch1)!.includesGroups).toBe(true);
  });

  it('shows a branch secretary their branch and its groups as rows, and no other branch (404)', async () => {
    const s = await stats(zb1, 'from=2026-01&to=2026-11');
    expect(s.org.id).toBe(branch1);
    const groups = orgs.filter((o) => o.parent_id === branch1).map((o) => o.id);
    expect(s.rows.map((r) => r.orgId).sort()).toEqual([branch1, ...groups].sort());
    const all = (await facts()).filter((f) => f.month >= '2026-01' && f.month <= '2026-11');
    expect(s.rows.find((r) => r.orgId === branch1)!.newInPeriod).toBe(all.filter((f) => f.orgId === branch1).length);
    expect(s.totals.newInPeriod).toBe(all.filter((f) => f.orgId === branch1 || groups.includes(f.orgId)).length);
    const other = await t.call('GET', `/api/v1/info-entries/stats?orgId=${branch2}`, { cookie: zb1 });
    expect(other.statusCode).toBe(404);
  });

  it('defaults to the twelve months up to now and refuses bad ranges in Chinese', async () => {
    const s = await stats(dw, '');
    expect([s.months[0], s.months.at(-1), s.months.length]).toEqual(['2025-12', '2026-11', 12]);
    const bad = async (q: string) => (await t.call('GET', `/api/v1/info-entries/stats?${q}`, { cookie: dw })).json().error;
    expect((await bad('from=2026-05&to=2026-04')).fields.from).toBe('起始月份不能晚于截止月份');
    expect((await bad('from=2023-10&to=2026-10')).fields.from).toBe('统计范围最多 36 个月');
    expect((await bad('from=2026-13&to=2026-12')).fields.from).toBe('起始月份：月份格式应为 YYYY-MM');
    expect((await stats(dw, 'from=2023-11&to=2026-10')).months).toHaveLength(36);
  });

  it('exports the same numbers as a workbook with Chinese headers', async () => {
    const s = await stats(dw, 'from=2026-06&to=2026-11');
    const r = await t.call('GET', '/api/v1/info-entries/stats.xlsx?from=2026-06&to=2026-11', { cookie: dw });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('管控信息统计'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['每月新增', '本月无新增', '全委汇总']);
    const main = book.getWorksheet('每月新增')!;
    expect(main.getRow(1).values).toEqual([undefined, '组织', '类别', '期初累计', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '期间新增', '期末累计']);
    const branchRow = s.rows.find((x) => x.orgId === branch1)!;
    let found = false;
    main.eachRow((row) => {
      const v = row.values as unknown[];
      if (String(v[1]).trim() === '机关第一党支部' && v[2] === '合计') {
        found = true;
        expect(v.slice(4, 10)).toEqual(branchRow.months.map((m) => m.newTotal));
        expect(v[11]).toBe(branchRow.totalAtEnd);
      }
    });
    expect(found).toBe(true);
    const total = book.getWorksheet('全委汇总')!;
    expect(total.getRow(1).values).toEqual([undefined, '月份', '制度', '职责', '流程', '新增合计', '累计']);
    expect(total.getRow(7).getCell(6).value).toBe(s.series.at(-1)!.totalAll);
  });

  it('counts entries published under the clock in the month of their first publication, not of later versions', async () => {
    // Into December (Asia/Shanghai): the quiet branch publishes two, and a published correction of an older entry adds none.
    t.clock.advance(6 * 24 * 3600_000); // 2026-12-03
    // Sessions do not last six days: sign in again.
    [dw, zb1, zb5] = (await Promise.all(['dangwei', 'zb1', 'zb5'].map((u) => t.login(u)))) as [string, string, string];
    for (const title of ['离退休党员走访慰问制度（2027年版）', '离退休第一党支部送学上门流程']) {
      const c = await t.call('POST', '/api/v1/info-entries', { cookie: zb5, body: { orgId: quietBranch, category: 'rule', title, bodyHtml: '<p>正文</p>' } });
      const id = c.json().id;
      await t.call('POST', `/api/v1/info-entries/${id}/submit`, { cookie: zb5 });
      expect((await t.call('POST', `/api/v1/info-entries/${id}/publish`, { cookie: zb5 })).json().publishedMonth).toBe('2026-12');
    }
    const older = await t.platform.db.selectFrom('info_entries').select(['id', 'published_month']).where('org_id', '=', quietBranch).where('status', '=', 'published').where('published_month', '<', '2026-09').limit(1).executeTakeFirstOrThrow();
    const fix = await t.call('PATCH', `/api/v1/info-entries/${older.id}`, { cookie: zb5, body: { bodyHtml: '<p>更正后的正文</p>' } });
    expect(fix.json()).toMatchObject({ status: 'published', publishedMonth: older.published_month });
    const s = await expectCommitteeStatsMatch('2026-10', '2026-12');
    const row = s.rows.find((r) => r.orgId === quietBranch)!;
    expect(row.months.map((m) => m.newTotal)).toEqual([0, 0, 2]);
    expect(s.silent.find((m) => m.month === '2026-12')!.orgs.map((o) => o.orgId)).not.toContain(quietBranch);
  });
});

describe(`管控信息 sources and metrics ${dialectLabel()}`, () => {
  const meetings: { id: string; org: string; title: string; at: string; month: string }[] = [];

  beforeAll(async () => {
    // A stand-in for the organisational-life module: its own table, never copied into info_entries.
    await t.platform.db.schema.createTable('test_meetings')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull()).addColumn('org_path', pathType(t.dialect), (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull()).addColumn('held_at', 'text', (c) => c.notNull()).addColumn('month', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('test_meetings_pk', ['tenant_id', 'id'])
      .execute();
    const place = (id: string) => byId(id).path;
    const group1 = orgs.find((o) => o.parent_id === branch1)!.id;
    meetings.push(
      { id: 'm-1', org: branch1, title: '机关第一党支部2026年3月支委会', at: '2026-03-05T02:00:00.000Z', month: '2026-03' },
      { id: 'm-2', org: group1, title: '第一党小组学习讨论会（梧桐苑）', at: '2026-03-31T17:30:00.000Z', month: '2026-04' }, // 01:30 on 1 April in Shanghai
      { id: 'm-3', org: branch2, title: '机关第二党支部党员大会', at: '2026-05-20T06:00:00.000Z', month: '2026-05' },
    );
    for (const m of meetings) {
      await sql`insert into test_meetings (tenant_id, id, org_id, org_path, title, held_at, month) values (${tenantId}, ${m.id}, ${m.org}, ${place(m.org)}, ${m.title}, ${m.at}, ${m.month})`.execute(t.platform.db);
    }
    await indexDocuments(t.platform.db, t.platform.data.dialect, tenantId, meetings.map((m) => ({ kind: 'test_meeting', entityId: m.id, title: m.title, body: '' })));
    registerInfoSource(t.platform, {
      key: 'test.meetings', category: 'meeting', name: '测试会议记录', searchKind: 'test_meeting',
      rows: (_db, tid) => sql<InfoSourceRow>`(select id, 'meeting' as category, org_id, org_path, title, 'published' as status, held_at as published_at,
        month as published_month, '/org-life/meetings?id=' || id as link from test_meetings where tenant_id = ${tid})`,
    });
  });

  it('lists, searches and counts the source’s records in place, within the reader’s scope', async () => {
    const res = await t.call('GET', '/api/v1/info-entries?category=meeting&pageSize=50', { cookie: zb1 });
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(['m-1', 'm-2']);
    expect(list.items[0]).toMatchObject({ source: 'test.meetings', category: 'meeting', status: 'published', link: '/org-life/meetings?id=m-2', orgName: '机关第一党支部/第一党小组' }); // a 党小组 is named with its branch
    const mixed = (await t.call('GET', `/api/v1/info-entries?orgId=${branch1}&pageSize=200&month=2026-03`, { cookie: zb1 })).json();
    expect(mixed.items.map((i: { id: string }) => i.id)).toContain('m-1');
    expect(mixed.items.some((i: { source: string }) => i.source === 'entry')).toBe(true);
    const found = (await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('梧桐苑')}`, { cookie: zb1 })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual(['m-2']);
    expect((await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('党员大会')}&category=meeting`, { cookie: zb1 })).json().total).toBe(0);
    expect((await t.call('GET', `/api/v1/info-entries?q=${encodeURIComponent('党员大会')}&category=meeting`, { cookie: dw })).json().items.map((i: { id: string }) => i.id)).toEqual(['m-3']);
    // Only written entries wait for review; a status other than published leaves the sources out.
    expect((await t.call('GET', '/api/v1/info-entries?category=meeting&status=draft', { cookie: dw })).json().total).toBe(0);
    const s = await expectCommitteeStatsMatch('2026-01', '2026-12');
    expect(s.categories).toEqual(['rule', 'duty', 'procedure', 'meeting']);
    const b1 = s.rows.find((r) => r.orgId === branch1)!;
    expect(b1.months.find((m) => m.month === '2026-04')!.new.meeting).toBe(1);
  });

  it('computes info.published and info.activeMonths per organisation subtree equal to counts made here', async () => {
    const targets = [committee, branch1, branch2, quietBranch, await t.orgId('机关党总支')];
    const period = { from: '2026-01-01', to: '2026-06-30' };
    const ctx = { db: t.platform.db, dialect: t.platform.data.dialect, tenantId, period, targetIds: targets };
    const published = await t.platform.metrics.compute('info.published', ctx);
    const months = await t.platform.metrics.compute('info.activeMonths', ctx);
    const lo = new Date(Date.parse('2026-01-01T00:00:00+08:00')).toISOString();
    const hi = new Date(Date.parse('2026-07-01T00:00:00+08:00')).toISOString();
    const inPeriod = (await facts()).filter((f) => f.at >= lo && f.at < hi);
    for (const id of targets) {
      const under = inPeriod.filter((f) => byId(f.orgId).path.startsWith(byId(id).path));
      expect(published.get(id), byId(id).name).toBe(under.length);
      expect(months.get(id), byId(id).name).toBe(new Set(under.map((f) => f.month)).size);
    }
    expect(published.get(committee)).toBeGreaterThan(published.get(branch1)!);
    expect(t.platform.metrics.list().map((m) => m.key)).toEqual(expect.arrayContaining(['info.published', 'info.activeMonths']));
  });
});
