// The information base's list and search: one statement over the union of written entries and registered
// sources (sources.ts) with visibility in SQL (policy.ts), and its count; names of organisations from the cached tree.
import { sql, type Expression, type QueryCreator, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { searchHitsQuery, type SearchHit } from '../../platform/search/index.js';
import { inSubtree } from '../../db/dialect.js';
import type { Database } from '../../db/types.js';
import { liveOrgOf, orgNamesOf } from '../org/index.js';
import { reviewableEntries, visibleEntries } from './policy.js';
import { WRITTEN_CATEGORIES, type ListItem, type ListQuery } from './schema.js';
import { ENTRY_SEARCH_KIND, infoSources, unionRows } from './sources.js';

export async function listEntries(p: Platform, actor: Actor, q: ListQuery): Promise<{ items: ListItem[]; total: number }> {
  const written = !q.category || (WRITTEN_CATEGORIES as readonly string[]).includes(q.category);
  // Source records are always published and never wait for review.
  const sources = q.reviewable || (q.status && q.status !== 'published') ? [] : infoSources(p).list().filter((s) => !q.category || s.category === q.category);
  // A search reads its hits once (a common table expression h) and each branch of the union keeps only
  // its hits, so the statement starts from the hits instead of every record of the tenant (docs/PERFORMANCE.md).
  // MATERIALIZED: without it SQLite ran the full-text match again for every branch and for the rank (20 % of a
  // search request); PostgreSQL materialises a CTE used more than once anyway.
  const kinds = [ENTRY_SEARCH_KIND, ...sources.flatMap((s) => (s.searchKind ? [s.searchKind] : []))];
  const hits = q.q ? searchHitsQuery(p.data.dialect, actor.tenantId, kinds, q.q) : null;
  if (q.q && !hits) return { items: [], total: 0 };
  const hitsOf = (kind: string, id: Expression<string>) => sql<SqlBool>`${id} in (select h.entity_id from h where h.kind = ${kind})`;
  const from: QueryCreator<Database & { h: SearchHit }> = hits ? p.db.with((cte) => cte('h').materialized(), () => hits) : (p.db as unknown as QueryCreator<Database & { h: SearchHit }>);
  const cols = { tenant: sql.ref<string>('u.tenant_id'), path: sql.ref<string>('u.org_path') };
  let base = from.selectFrom(unionRows(p.db, actor.tenantId, sources, { entries: written, ...(hits ? { hitsOf } : {}) }).as('u'))
    .where(visibleEntries(actor, { ...cols, status: sql.ref('u.status') }));
  if (q.category) base = base.where('u.category', '=', q.category);
  if (q.status) base = base.where('u.status', '=', q.status);
  if (q.month) base = base.where('u.published_month', '=', q.month);
  if (q.reviewable) base = base.where('u.status', '=', 'submitted').where(reviewableEntries(actor, cols));
  if (q.orgId) {
    // Any live organisation of the committee: one outside the reader's scope simply lists nothing.
    const org = await liveOrgOf(p.db, actor, q.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    base = base.where(inSubtree(sql.ref<string>('u.org_path'), org.path));
  }
  const { limit, offset } = window(q);
  // With a search, the union already holds only hits; the rank is looked up per row (a join with h let
  // PostgreSQL, which estimates a full-text match at one row, re-run the whole union once per hit).
  const rowsQ = hits
    ? base.selectAll('u').select(sql<number>`(select max(h.rank) from h where h.entity_id = u.id and h.kind = u.search_kind)`.as('rank'))
      .orderBy('rank', 'desc').orderBy('u.updated_at', 'desc').orderBy('u.id', 'desc')
    : base.selectAll('u').orderBy('u.updated_at', 'desc').orderBy('u.id', 'desc');
  const countQ = base.select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([rowsQ.limit(limit).offset(offset).execute(), countQ.executeTakeFirstOrThrow()]);
  const names = await orgNamesOf(p.db, actor, rows.map((r) => r.org_id));
  const items: ListItem[] = rows.map((r) => ({
    id: r.id, source: r.source, category: r.category as ListItem['category'], orgId: r.org_id, orgName: names.get(`${actor.tenantId}/${r.org_id}`) ?? '',
    title: r.title, excerpt: r.excerpt ?? '', status: r.status as ListItem['status'], version: Number(r.version), updatedAt: r.updated_at,
    publishedAt: r.published_at, publishedMonth: r.published_month, link: r.link,
  }));
  return { items, total: Number(count.n) };
}
