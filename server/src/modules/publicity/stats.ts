// 宣传 statistics: per organisation (its own manuscripts) and per author over a period — submitted, adopted,
// published, published by level, average quality, the weighted adoption score — with quotas, the below-quota
// flag and a shared-rank ranking; and the same counts per subtree (or per member) as metrics. One loader reads
// the rows the period touches; everything else is arithmetic in one place, so the page and the metrics agree.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { inSubtree } from '../../db/dialect.js';
import type { DbOrTx, OrganisationTable } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import type { MetricContext } from '../../platform/metrics/registry.js';
import { readSetting } from '../../platform/settings/service.js';
import { displayNamed, ORG_KIND_NAMES, orgPaths, tenantTree } from '../org/index.js';
import { memberSummaries } from '../members/index.js';
import { seesStatsOf, statsScopePath } from './policy.js';
import { nextDay, periodsTouched, quarterOf, shanghaiDayStart } from '../../platform/calendar.js';
import { LEVEL_NAMES, LEVELS, PUBLICITY_LEVEL_WEIGHTS, PUBLICITY_QUOTAS, type LevelWeights, type Quotas } from './settings.js';
import type { StatsQuery, StatsView } from './schema.js';
import type { Level } from './tables.js';

export interface CountedRow {
  org_id: string; org_path: string; author_user_id: string; author_name: string; level: Level; published_level: Level | null;
  quality: number | null; submitted_at: string | null; adopted_at: string | null; published_on: string | null; status: string; updated_at: string;
}

/** Live manuscripts the period touches (submitted, adopted or published in it), optionally inside a subtree. */
export async function loadCounted(db: DbOrTx, tenantId: string, period: { from: string; to: string }, subtree?: string): Promise<CountedRow[]> {
  const lo = shanghaiDayStart(period.from);
  const hi = shanghaiDayStart(nextDay(period.to));
  let q = db.selectFrom('publicity_manuscripts')
    .select(['org_id', 'org_path', 'author_user_id', 'author_name', 'level', 'published_level', 'quality', 'submitted_at', 'adopted_at', 'published_on', 'status', 'updated_at'])
    .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).where('status', '<>', 'draft')
    .where((eb) => eb.or([
      eb.and([eb('submitted_at', '>=', lo), eb('submitted_at', '<', hi)]),
      eb.and([eb('adopted_at', '>=', lo), eb('adopted_at', '<', hi)]),
      eb.and([eb('published_on', '>=', period.from), eb('published_on', '<=', period.to)]),
    ]));
  if (subtree) q = q.where(inSubtree(sql.ref<string>('org_path'), subtree));
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, quality: r.quality === null ? null : Number(r.quality) }));
}

export interface Tally {
  submitted: number; adopted: number; published: number; byLevel: Record<Level, number>;
  qualitySum: number; qualityCount: number; weighted: number;
}

const emptyTally = (): Tally => ({ submitted: 0, adopted: 0, published: 0, byLevel: { community: 0, group: 0, city: 0, province: 0, central: 0 }, qualitySum: 0, qualityCount: 0, weighted: 0 });

/**
 * Adds one row: submitted when first submitted in the period; adopted when adopted in it (a later publication
 * keeps it adopted), weighted by its published level (else the intended one) and rated by its quality;
 * published when it appeared in it, by its published level.
 */
export function addRow(t: Tally, r: CountedRow, period: { from: string; to: string }, weights: LevelWeights): void {
  const lo = shanghaiDayStart(period.from);
  const hi = shanghaiDayStart(nextDay(period.to));
  if (r.submitted_at && r.submitted_at >= lo && r.submitted_at < hi) t.submitted++;
  if (r.adopted_at && r.adopted_at >= lo && r.adopted_at < hi) {
    t.adopted++;
    t.weighted += weights[r.published_level ?? r.level];
    if (r.quality !== null) {
      t.qualitySum += r.quality;
      t.qualityCount++;
    }
  }
  if (r.status === 'published' && r.published_on && r.published_on >= period.from && r.published_on <= period.to) {
    t.published++;
    t.byLevel[r.published_level ?? r.level]++;
  }
}

export const averageQuality = (t: Tally): number | null => (t.qualityCount ? Math.round((100 * t.qualitySum) / t.qualityCount) / 100 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Competition ranking (1, 1, 3 …) by a value, highest first. */
export function ranks<T>(items: T[], value: (x: T) => number): Map<T, number> {
  const sorted = [...items].sort((a, b) => value(b) - value(a));
  const out = new Map<T, number>();
  sorted.forEach((x, i) => out.set(x, i > 0 && value(sorted[i - 1]!) === value(x) ? out.get(sorted[i - 1]!)! : i + 1));
  return out;
}

export const quotaOf = (q: Quotas, org: Pick<OrganisationTable, 'id' | 'kind'>): number => q.byOrg[org.id] ?? q.byKind[org.kind];

const PERIOD_NAMES = { month: '月', quarter: '季度', year: '年' } as const;
const COUNTS_NAMES = { submitted: '投稿', adopted: '采用', published: '刊发' } as const;

export async function publicityStats(p: Platform, actor: Actor, q: StatsQuery): Promise<StatsView> {
  const today = shanghaiDate(p.clock.now());
  const quarter = quarterOf(today);
  const from = q.from ?? quarter.from;
  const to = q.to ?? (q.from ? today : quarter.to);
  if (to < from) throw fieldError('to', '截止日期不能早于起始日期');
  // Names and the subtree come from the cached tree (live organisations in path order): no statement for them.
  const tree = await tenantTree(p.db, actor.tenantId, actor.treeVersion);
  let root: OrganisationTable | undefined;
  if (q.orgId) {
    root = tree.find((o) => o.id === q.orgId);
    if (!root || !seesStatsOf(actor, root)) throw notFound('组织');
  } else {
    const path = statsScopePath(actor);
    root = tree.find((o) => o.path === path);
    if (!root) throw notFound('组织');
  }
  const [quotas, weights] = await Promise.all([p.settings.get(actor.tenantId, PUBLICITY_QUOTAS), p.settings.get(actor.tenantId, PUBLICITY_LEVEL_WEIGHTS)]);
  const period = { from, to };
  const orgs = displayNamed(tree.filter((o) => o.path.startsWith(root.path)), tree);
  const rows = await loadCounted(p.db, actor.tenantId, period, root.path);
  const periods = periodsTouched(quotas.period, from, to);

  const byOrg = new Map<string, Tally>();
  const byAuthor = new Map<string, { tally: Tally; name: string; orgId: string; last: string }>();
  for (const r of rows) {
    if (!byOrg.has(r.org_id)) byOrg.set(r.org_id, emptyTally());
    addRow(byOrg.get(r.org_id)!, r, period, weights);
    let a = byAuthor.get(r.author_user_id);
    if (!a) byAuthor.set(r.author_user_id, (a = { tally: emptyTally(), name: r.author_name, orgId: r.org_id, last: r.updated_at }));
    addRow(a.tally, r, period, weights);
    if (r.updated_at > a.last) Object.assign(a, { last: r.updated_at, orgId: r.org_id, name: r.author_name });
  }
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const orgItems = orgs.flatMap((o) => {
    const t = byOrg.get(o.id) ?? emptyTally();
    const quota = quotaOf(quotas, o);
    if (quota === 0 && t.submitted + t.adopted + t.published === 0) return [];
    const counted = t[quotas.counts];
    return [{
      orgId: o.id, orgName: o.name, kind: o.kind, submitted: t.submitted, adopted: t.adopted, published: t.published, byLevel: t.byLevel,
      averageQuality: averageQuality(t), weighted: round1(t.weighted), quota, quotaPeriods: periods, quotaTarget: quota * periods, counted,
      belowQuota: quota > 0 && counted < quota * periods, rank: 0,
    }];
  });
  const orgRank = ranks(orgItems, (x) => x.weighted);
  orgItems.forEach((x) => (x.rank = orgRank.get(x)!));
  orgItems.sort((a, b) => a.rank - b.rank);
  const people = [...byAuthor.entries()]
    .filter(([, a]) => a.tally.submitted + a.tally.adopted + a.tally.published > 0)
    .map(([userId, a]) => ({
      userId, name: a.name, orgName: names.get(a.orgId) ?? '', submitted: a.tally.submitted, adopted: a.tally.adopted, published: a.tally.published,
      averageQuality: averageQuality(a.tally), weighted: round1(a.tally.weighted), rank: 0,
    }));
  const personRank = ranks(people, (x) => x.weighted);
  people.forEach((x) => (x.rank = personRank.get(x)!));
  people.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'));

  const kindQuotas = (['generalBranch', 'branch', 'jointBranch'] as const).filter((k) => quotas.byKind[k] > 0)
    .map((k) => `${ORG_KIND_NAMES[k]} ${quotas.byKind[k]} 篇`).join('，');
  return {
    from, to, org: { id: root.id, name: displayNamed([root], tree)[0]!.name },
    quota: {
      period: quotas.period, periodName: PERIOD_NAMES[quotas.period], counts: quotas.counts, countsName: COUNTS_NAMES[quotas.counts], periods,
      note: `每${PERIOD_NAMES[quotas.period]}每个组织应${COUNTS_NAMES[quotas.counts]}稿件数${kindQuotas ? `（${kindQuotas}）` : ''}；统计期内共 ${periods} 个${PERIOD_NAMES[quotas.period]}，采用稿件按刊发级别加权（${LEVELS.map((l) => `${LEVEL_NAMES[l]} ${weights[l]}`).join('、')}）`,
    },
    orgs: orgItems, correspondents: people,
  };
}

export async function statsWorkbook(s: StatsView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const orgSheet = book.addWorksheet('组织排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  orgSheet.columns = [
    { header: '排名', width: 6 }, { header: '组织', width: 20 }, { header: '投稿', width: 8 }, { header: '采用', width: 8 }, { header: '刊发', width: 8 },
    ...LEVELS.map((l) => ({ header: `${LEVEL_NAMES[l]}级刊发`, width: 10 })), { header: '平均质量', width: 10 }, { header: '加权得分', width: 10 },
    { header: '定额', width: 8 }, { header: '应完成', width: 8 }, { header: '计数', width: 8 }, { header: '未达定额', width: 10 },
  ];
  for (const o of s.orgs) {
    orgSheet.addRow([o.rank, o.orgName, o.submitted, o.adopted, o.published, ...LEVELS.map((l) => o.byLevel[l]), o.averageQuality ?? '', o.weighted, o.quota, o.quotaTarget, o.counted, o.belowQuota ? '是' : '']);
  }
  const people = book.addWorksheet('通讯员排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  people.columns = [
    { header: '排名', width: 6 }, { header: '姓名', width: 12 }, { header: '组织', width: 20 }, { header: '投稿', width: 8 }, { header: '采用', width: 8 },
    { header: '刊发', width: 8 }, { header: '平均质量', width: 10 }, { header: '加权得分', width: 10 },
  ];
  for (const c of s.correspondents) people.addRow([c.rank, c.name, c.orgName, c.submitted, c.adopted, c.published, c.averageQuality ?? '', c.weighted]);
  for (const sheet of [orgSheet, people]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

// Metrics: the same tallies per organisation subtree, or per member (the author's member record).
async function perTarget(ctx: MetricContext, value: (t: Tally) => number | null): Promise<Map<string, number>> {
  const [targets, weights, rows] = await Promise.all([
    orgPaths(ctx.db, ctx.tenantId, ctx.targetIds),
    readSetting(ctx.db, ctx.tenantId, PUBLICITY_LEVEL_WEIGHTS),
    loadCounted(ctx.db, ctx.tenantId, ctx.period),
  ]);
  const out = new Map<string, number>();
  for (const [id, path] of targets) {
    const t = emptyTally();
    for (const r of rows) if (r.org_path.startsWith(path)) addRow(t, r, ctx.period, weights);
    const v = value(t);
    if (v !== null) out.set(id, v);
  }
  return out;
}

async function perMember(ctx: MetricContext, value: (t: Tally) => number): Promise<Map<string, number>> {
  const members = [...(await memberSummaries(ctx.db, ctx.tenantId, ctx.targetIds)).values()];
  const [weights, rows] = await Promise.all([readSetting(ctx.db, ctx.tenantId, PUBLICITY_LEVEL_WEIGHTS), loadCounted(ctx.db, ctx.tenantId, ctx.period)]);
  const byUser = new Map<string, Tally>();
  for (const r of rows) {
    if (!byUser.has(r.author_user_id)) byUser.set(r.author_user_id, emptyTally());
    addRow(byUser.get(r.author_user_id)!, r, ctx.period, weights);
  }
  return new Map(members.map((m) => [m.id, value((m.userId && byUser.get(m.userId)) || emptyTally())]));
}

export function registerPublicityMetrics(p: Platform): void {
  p.metrics.register({
    key: 'publicity.submitted', name: '宣传投稿数', unit: '篇', target: 'org',
    description: '组织（含下级）在考核期内首次投递的稿件篇数。', compute: (ctx) => perTarget(ctx, (t) => t.submitted),
  });
  p.metrics.register({
    key: 'publicity.adopted', name: '宣传稿件采用数', unit: '篇', target: 'org',
    description: '组织（含下级）在考核期内被采用的稿件篇数（其后已刊发的也计入）。', compute: (ctx) => perTarget(ctx, (t) => t.adopted),
  });
  p.metrics.register({
    key: 'publicity.published', name: '宣传稿件刊发数', unit: '篇', target: 'org',
    description: '组织（含下级）在考核期内刊发（按刊发日期）的稿件篇数。', compute: (ctx) => perTarget(ctx, (t) => t.published),
  });
  p.metrics.register({
    key: 'publicity.adoptedWeighted', name: '宣传稿件加权采用分', unit: '分', target: 'org',
    description: '组织（含下级）在考核期内被采用的稿件按级别加权求和（刊发级别，未刊发的按拟投级别；权重见宣传设置，默认社区1、集团2、市4、省8、中央16）。',
    compute: (ctx) => perTarget(ctx, (t) => round1(t.weighted)),
  });
  p.metrics.register({
    key: 'publicity.averageQuality', name: '宣传稿件平均质量', unit: '分', target: 'org',
    description: '组织（含下级）在考核期内被采用且已评定的稿件质量评分（1–5分）的平均值；没有这样的稿件时无数据。',
    compute: (ctx) => perTarget(ctx, averageQuality),
  });
  p.metrics.register({
    key: 'publicity.memberAdoptedWeighted', name: '党员宣传稿件加权采用分', unit: '分', target: 'member',
    description: '党员本人账号在考核期内被采用的稿件按级别加权求和（权重同组织指标）。',
    compute: (ctx) => perMember(ctx, (t) => round1(t.weighted)),
  });
}
