// Monthly statistics (每月统计) and the metrics other modules read: entries counted in the month of their
// first publication, per organisation × category × month, with running totals, over the union of written
// entries and the registered sources. One grouped query; rows and months are assembled in memory (at most
// tens of organisations × six categories × the months up to `to`).
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { monthsBetween, nextDay, shanghaiDate, shanghaiDayStart, shiftMonth } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { orgPaths } from '../org/index.js';
import { statsOrg, statsOrgs } from './policy.js';
import { ALL_CATEGORIES, CATEGORY_NAMES, WRITTEN_CATEGORIES, type StatsQuery, type StatsView } from './schema.js';
import { infoSources, unionRows, type InfoSource } from './sources.js';

export const MAX_MONTHS = 36;


/** The checked month range: defaults to the twelve months up to the current one. */
export function monthRange(q: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } {
  const to = q.to ?? shanghaiDate(now).slice(0, 7);
  const from = q.from ?? shiftMonth(to, -11);
  if (from > to) throw fieldError('from', '起始月份不能晚于截止月份');
  if (monthsBetween(from, to).length > MAX_MONTHS) throw fieldError('from', `统计范围最多 ${MAX_MONTHS} 个月`);
  return { from, to };
}

/** Published rows of the subtree grouped by organisation path, category and first-publication month. */
function grouped(db: Db, tenantId: string, sources: readonly InfoSource[], path: string) {
  return db.selectFrom(unionRows(db, tenantId, sources).as('u'))
    .select(['u.org_path', 'u.category', 'u.published_month', (eb) => eb.fn.countAll<number>().as('n')])
    .where('u.status', '=', 'published')
    .where('u.published_month', 'is not', null)
    .where(inSubtree(sql.ref<string>('u.org_path'), path))
    .groupBy(['u.org_path', 'u.category', 'u.published_month']);
}

const zero = (cats: readonly string[]) => Object.fromEntries(cats.map((c) => [c, 0])) as Record<string, number>;
const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);

export async function infoStats(p: Platform, actor: Actor, q: StatsQuery): Promise<StatsView> {
  const { from, to } = monthRange(q, p.clock.now());
  const org = await statsOrg(p.db, actor, q.orgId);
  if (!org) throw notFound('组织');
  const sources = infoSources(p).list();
  const categories = ALL_CATEGORIES.filter((c) => (WRITTEN_CATEGORIES as readonly string[]).includes(c) || sources.some((s) => s.category === c));
  const months = monthsBetween(from, to);

  const subtree = await statsOrgs(p.db, actor, org);
  // Groups get rows of their own only when looking at one branch; otherwise they count in their branch.
  const small = org.kind === 'branch' || org.kind === 'jointBranch' || org.kind === 'group';
  const rowOrgs = small ? subtree : subtree.filter((o) => o.kind !== 'group');
  const byLength = [...rowOrgs].sort((a, b) => b.path.length - a.path.length);
  const rowOf = (path: string) => byLength.find((o) => path.startsWith(o.path));

  const counts = await grouped(p.db, org.tenant_id, sources, org.path).where('u.published_month', '<=', to).execute();
  const state = new Map(rowOrgs.map((o) => [o.id, { before: zero(categories), perMonth: new Map(months.map((m) => [m, zero(categories)])) }]));
  for (const c of counts) {
    const row = rowOf(c.org_path);
    if (!row || !categories.includes(c.category as never)) continue;
    const s = state.get(row.id)!;
    const n = Number(c.n);
    if (c.published_month! < from) s.before[c.category] = (s.before[c.category] ?? 0) + n;
    else s.perMonth.get(c.published_month!)![c.category]! += n;
  }

  const rows = rowOrgs.map((o) => {
    const s = state.get(o.id)!;
    const running = { ...s.before };
    const cells = months.map((m) => {
      const fresh = s.perMonth.get(m)!;
      for (const c of categories) running[c] = running[c]! + fresh[c]!;
      return { month: m, new: { ...fresh }, newTotal: sum(fresh), total: { ...running }, totalAll: sum(running) };
    });
    return {
      orgId: o.id, orgName: o.name, kind: o.kind, depth: o.depth, parentId: o.parent_id,
      includesGroups: !small && (o.kind === 'branch' || o.kind === 'jointBranch'),
      before: s.before, months: cells, newInPeriod: cells.reduce((t, c) => t + c.newTotal, 0), totalAtEnd: sum(running),
    };
  });

  const before = rows.reduce((t, r) => t + sum(r.before), 0);
  let runningAll = before;
  const series = months.map((m, i) => {
    const fresh = zero(categories);
    for (const r of rows) for (const c of categories) fresh[c]! += r.months[i]!.new[c]!;
    runningAll += sum(fresh);
    return { month: m, new: fresh, newTotal: sum(fresh), totalAll: runningAll };
  });
  const byCategory = zero(categories);
  for (const s of series) for (const c of categories) byCategory[c]! += s.new[c]!;
  return {
    org: { id: org.id, name: org.name }, from, to, months, categories,
    rows,
    series,
    silent: months.map((m, i) => ({ month: m, orgs: rows.filter((r) => r.months[i]!.newTotal === 0).map((r) => ({ orgId: r.orgId, orgName: r.orgName })) })),
    totals: { before, newInPeriod: runningAll - before, atEnd: runningAll, byCategory },
  };
}

/** The statistics as a workbook with Chinese headers: 每月新增, 本月无新增, 全委汇总. */
export async function statsWorkbook(s: StatsView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const name = (c: string) => CATEGORY_NAMES[c as keyof typeof CATEGORY_NAMES] ?? c;

  const main = book.addWorksheet('每月新增', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  main.columns = [
    { header: '组织', width: 22 }, { header: '类别', width: 8 }, { header: '期初累计', width: 10 },
    ...s.months.map((m) => ({ header: m, width: 9 })), { header: '期间新增', width: 10 }, { header: '期末累计', width: 10 },
  ];
  main.getRow(1).font = { bold: true };
  for (const r of s.rows) {
    const label = `${'　'.repeat(Math.max(0, r.depth - (s.rows[0]?.depth ?? 0)))}${r.orgName}`;
    for (const c of s.categories) {
      const fresh = r.months.map((m) => m.new[c] ?? 0);
      main.addRow([label, name(c), r.before[c] ?? 0, ...fresh, fresh.reduce((a, b) => a + b, 0), r.months.at(-1)?.total[c] ?? r.before[c] ?? 0]);
    }
    const row = main.addRow([label, '合计', sum(r.before), ...r.months.map((m) => m.newTotal), r.newInPeriod, r.totalAtEnd]);
    row.font = { bold: true };
  }

  const silent = book.addWorksheet('本月无新增', { views: [{ state: 'frozen', ySplit: 1 }] });
  silent.columns = [{ header: '月份', width: 10 }, { header: '无新增组织', width: 80 }, { header: '数量', width: 8 }];
  silent.getRow(1).font = { bold: true };
  for (const m of s.silent) silent.addRow([m.month, m.orgs.map((o) => o.orgName).join('、'), m.orgs.length]);

  const total = book.addWorksheet('全委汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  total.columns = [{ header: '月份', width: 10 }, ...s.categories.map((c) => ({ header: name(c), width: 8 })), { header: '新增合计', width: 10 }, { header: '累计', width: 10 }];
  total.getRow(1).font = { bold: true };
  for (const m of s.series) total.addRow([m.month, ...s.categories.map((c) => m.new[c] ?? 0), m.newTotal, m.totalAll]);

  return Buffer.from(await book.xlsx.writeBuffer());
}

// ── Metrics ─────────────────────────────────────────────────────────────────────────────────────
/** ISO instants bounding the Shanghai calendar dates [from, to]. */
const instants = (period: { from: string; to: string }): [string, string] => [shanghaiDayStart(period.from), shanghaiDayStart(nextDay(period.to))];

/** Per target organisation (its subtree): the set of first-publication months and the count in the period. */
async function perTarget(p: Platform, ctx: MetricContext): Promise<Map<string, { n: number; months: Set<string> }>> {
  const [lo, hi] = instants(ctx.period);
  const paths = await orgPaths(ctx.db, ctx.tenantId, ctx.targetIds);
  const rows = await ctx.db.selectFrom(unionRows(ctx.db, ctx.tenantId, infoSources(p).list()).as('u'))
    .select(['u.org_path', 'u.published_month', (eb) => eb.fn.countAll<number>().as('n')])
    .where('u.status', '=', 'published')
    .where('u.first_published_at', '>=', lo).where('u.first_published_at', '<', hi)
    .groupBy(['u.org_path', 'u.published_month'])
    .execute();
  const out = new Map<string, { n: number; months: Set<string> }>();
  for (const id of ctx.targetIds) {
    const path = paths.get(id);
    const acc = { n: 0, months: new Set<string>() };
    if (path) {
      for (const r of rows) {
        if (!r.org_path.startsWith(path)) continue;
        acc.n += Number(r.n);
        if (r.published_month) acc.months.add(r.published_month);
      }
    }
    out.set(id, acc);
  }
  return out;
}

export function registerInfoMetrics(p: Platform): void {
  p.metrics.register({
    key: 'info.published', name: '发布管控信息数', unit: '条', target: 'org',
    description: '考核期内本组织及下级组织首次发布的管控信息条数（制度、职责、流程，及登记的会议、活动、考核记录）',
    compute: async (ctx) => new Map([...(await perTarget(p, ctx))].map(([id, v]) => [id, v.n])),
  });
  p.metrics.register({
    key: 'info.activeMonths', name: '有新增信息的月数', unit: '个', target: 'org',
    description: '考核期内本组织及下级组织有新发布管控信息的月份数',
    compute: async (ctx) => new Map([...(await perTarget(p, ctx))].map(([id, v]) => [id, v.months.size])),
  });
}
