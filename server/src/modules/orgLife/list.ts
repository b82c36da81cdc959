// The 组织生活 list: scope (policy.ts), filters, Chinese search and paging in one statement and its count; the
// page's rows become views with their counts and organisations in one batch each.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { searchHits } from '../../platform/search/index.js';
import { inSubtree } from '../../db/dialect.js';
import { liveOrgOf } from '../org/index.js';
import { visibleActivities } from './policy.js';
import { activityBase, ORG_LIFE_SEARCH_KIND, selectActivity, type ActivityRow } from './queries.js';
import type { ActivityView, ListQuery } from './schema.js';
import { views } from './service.js';

export async function listActivities(p: Platform, actor: Actor, q: ListQuery): Promise<{ items: ActivityView[]; total: number }> {
  let base = activityBase(p.db).where('a.tenant_id', '=', actor.tenantId).where(visibleActivities(actor));
  if (q.orgId) {
    // Any live organisation of the committee: one outside the reader's scope simply lists nothing.
    const org = await liveOrgOf(p.db, actor, q.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    base = base.where(inSubtree(sql.ref<string>('a.org_path'), org.path));
  }
  if (q.kind?.length) base = base.where('a.kind', 'in', q.kind);
  if (q.status?.length) base = base.where('a.status', 'in', q.status as ActivityRow['status'][]);
  if (q.from) base = base.where('a.starts_on', '>=', q.from);
  if (q.to) base = base.where('a.starts_on', '<=', q.to);
  const { limit, offset } = window(q);
  let rows: ActivityRow[];
  let total: number;
  if (q.q) {
    const hits = searchHits(p.data.dialect, actor.tenantId, [ORG_LIFE_SEARCH_KIND], q.q);
    if (!hits) return { items: [], total: 0 };
    const joined = base.innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'a.id'));
    const [r, c] = await Promise.all([
      selectActivity(joined as unknown as typeof base).orderBy(sql.ref('h.rank'), 'desc').orderBy('a.starts_at', q.order).orderBy('a.id', q.order).limit(limit).offset(offset).execute(),
      joined.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    rows = r as ActivityRow[];
    total = Number(c.n);
  } else {
    const [r, c] = await Promise.all([
      selectActivity(base).orderBy('a.starts_at', q.order).orderBy('a.id', q.order).limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    rows = r as ActivityRow[];
    total = Number(c.n);
  }
  return { items: await views(p, actor, rows), total };
}
