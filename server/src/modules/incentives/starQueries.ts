// Reading 星级评定: a year's rows of one kind in the reader's scope (incentive.read over the row's organisation; a
// year not yet published only for the committee), with filters, paging and the count per star.
import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import { inSubtree, likeLiteral } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { readSetting } from '../../platform/settings/service.js';
import { orgNamesOf, orgPaths } from '../org/index.js';
import { readableAt, readsAt, seesUnpublishedStars } from './policy.js';
import { STAR_RULES } from './evaluationSettings.js';
import type { BasisItem } from './evaluationScore.js';
import type { StarItem, StarListQuery } from './evaluationSchema.js';
import type { IncentiveStarTable } from './tables.js';

const orgIdOfPath = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

function visibleStars(db: Db, actor: Actor) {
  let q = db.selectFrom('incentive_stars as st').where('st.tenant_id', '=', actor.tenantId).where(readableAt(actor, 'st'));
  if (!seesUnpublishedStars(actor)) q = q.where('st.published', '=', 1);
  return q;
}

export async function listStars(p: Platform, actor: Actor, q: StarListQuery) {
  let base = visibleStars(p.db, actor).where('st.year', '=', q.year).where('st.subject_kind', '=', q.kind);
  const counts = await base.select((eb) => ['st.stars', eb.fn.countAll<number>().as('n')]).groupBy('st.stars').orderBy('st.stars', 'desc').execute();
  if (q.orgId) {
    const path = (await orgPaths(p.db, actor.tenantId, [q.orgId])).get(q.orgId);
    if (!path || !readsAt(actor, path)) throw notFound('组织');
    base = base.where(inSubtree(sql.ref<string>('st.org_path'), path));
  }
  if (q.stars !== undefined) base = base.where('st.stars', '=', q.stars);
  if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('st.subject_name'), q.keyword, 'anywhere'));
  const { limit, offset } = window(q);
  const [rows, total, rules, yearRows] = await Promise.all([
    base.selectAll('st').orderBy('st.stars', 'desc').orderBy(sql`coalesce(st.computed_score, -1)`, 'desc').orderBy('st.subject_name').orderBy('st.id').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    readSetting(p.db, actor.tenantId, STAR_RULES),
    p.db.selectFrom('incentive_stars').select((eb) => [eb.fn.max('published').as('pub'), eb.fn.countAll<number>().as('n')]).where('tenant_id', '=', actor.tenantId).where('year', '=', q.year).executeTakeFirstOrThrow(),
  ]);
  const items = await starViews(p, actor, rows);
  return {
    items, total: Number(total.n), page: q.page, pageSize: q.pageSize, mode: rules.mode,
    published: Number(yearRows.pub ?? 0) === 1, computed: Number(yearRows.n) > 0,
    counts: counts.map((c) => ({ stars: c.stars, count: Number(c.n) })),
  };
}

export async function starViews(p: Platform, actor: Actor, rows: IncentiveStarTable[]): Promise<StarItem[]> {
  const names = await orgNamesOf(p.db, actor, rows.map((r) => orgIdOfPath(r.org_path)));
  return rows.map((r) => ({
    id: r.id, year: r.year, kind: r.subject_kind, subjectKey: r.subject_key, subjectName: r.subject_name,
    orgName: names.get(`${r.tenant_id}/${orgIdOfPath(r.org_path)}`) ?? '',
    computedScore: r.computed_score, basis: JSON.parse(r.basis) as BasisItem[], computedStars: r.computed_stars, stars: r.stars,
    adjusted: r.adjusted_at !== null, adjustReason: r.adjust_reason, adjustedAt: r.adjusted_at, published: r.published === 1,
  }));
}

/** One row the actor sees; else 404. */
export async function starFor(p: Platform, actor: Actor, id: string): Promise<IncentiveStarTable> {
  const row = await visibleStars(p.db, actor).selectAll('st').where('st.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('星级评定记录');
  return row;
}
