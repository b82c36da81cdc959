// What the records side of 组织生活 adds to the platform (once per platform; the module's services.ts calls
// registerOrgLifeCoreServices): held/archived activities appear in the information base (管控信息) as 会议 or
// 活动 without copying rows, and recorders get a 待办 for activities whose record was never completed.
import { sql, type AliasableExpression } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { TodoItem } from '../../platform/notify/index.js';
import { registerInfoSource, type InfoSourceRow } from '../info/index.js';
import type { SourceCategory } from '../info/index.js';
import type { DbOrTx } from '../../db/types.js';
import { DEFAULT_KINDS } from './kinds.js';
import { orgNamesOf } from '../org/index.js';
import { activityLink, ORG_LIFE_SEARCH_KIND } from './queries.js';
import { writableActivities } from './policy.js';

/**
 * Kind codes counted as 会议 in the information base; every other kind is 活动. Taken from the default
 * catalogue because a source query is built without reading the tenant's settings (custom kinds count as 活动).
 */
export const MEETING_KIND_CODES = DEFAULT_KINDS.filter((k) => k.category === 'meeting').map((k) => k.code);

/** Held/archived activities of one tenant in one information-base category, with the uniform source columns. */
export function activitySourceRows(db: DbOrTx, tenantId: string, category: SourceCategory) {
  const q = db.selectFrom('org_life_activities as a')
    .where('a.tenant_id', '=', tenantId).where('a.deleted_at', 'is', null).where('a.status', 'in', ['held', 'archived']);
  return (category === 'meeting' ? q.where('a.kind', 'in', MEETING_KIND_CODES) : q.where('a.kind', 'not in', MEETING_KIND_CODES))
    .select([
      'a.id', sql<SourceCategory>`${category}`.as('category'), 'a.org_id', 'a.org_path', 'a.title', sql<'published'>`'published'`.as('status'),
      // Counted in the month the activity took place (Asia/Shanghai), whenever its record was completed.
      sql<string>`a.starts_at`.as('published_at'), sql<string>`substr(a.starts_on, 1, 7)`.as('published_month'),
      sql<string>`'/org-life?id=' || a.id`.as('link'),
    ]);
}

export function registerOrgLifeCoreServices(p: Platform): void {
  registerInfoSource(p, {
    key: 'orgLife.meetings', category: 'meeting', name: '组织生活会议记录', searchKind: ORG_LIFE_SEARCH_KIND,
    rows: (db, tenantId) => activitySourceRows(db, tenantId, 'meeting') as AliasableExpression<InfoSourceRow>,
  });
  registerInfoSource(p, {
    key: 'orgLife.activities', category: 'activity', name: '组织生活活动记录', searchKind: ORG_LIFE_SEARCH_KIND,
    rows: (db, tenantId) => activitySourceRows(db, tenantId, 'activity') as AliasableExpression<InfoSourceRow>,
  });

  p.todos.register({
    kind: 'orgLife.record', name: '待补记录',
    list: async (ctx) => {
      const dayAgo = new Date(p.clock.now().getTime() - 86_400_000).toISOString();
      const rows = await ctx.db.selectFrom('org_life_activities as a')
        .select(['a.id', 'a.org_id', 'a.title', 'a.starts_on'])
        .where('a.tenant_id', '=', ctx.actor.tenantId).where('a.deleted_at', 'is', null).where('a.status', '=', 'planned').where('a.ends_at', '<', dayAgo)
        .where(writableActivities(ctx.actor))
        .orderBy('a.starts_at').limit(200).execute();
      const names = await orgNamesOf(ctx.db, ctx.actor, rows.map((r) => r.org_id));
      return rows.map((r): TodoItem => ({
        kind: 'orgLife.record', title: `待补记录：${r.title}`, link: activityLink(r.id), entityId: r.id, orgName: names.get(`${ctx.actor.tenantId}/${r.org_id}`) ?? '',
        due: r.starts_on, overdue: true,
      }));
    },
  });
}
