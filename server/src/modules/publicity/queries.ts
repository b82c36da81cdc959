// SQL of 宣传: the manuscript list and the rows a workflow step reads. Who sees what is policy.ts's; lists here
// apply its filters in SQL.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { forUpdate, inSubtree } from '../../db/dialect.js';
import type { DbDialect } from '../../config.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { nextDay, shanghaiDayStart } from '../../platform/calendar.js';
import { fieldError } from '../../platform/errors.js';
import { searchHits } from '../../platform/search/index.js';
import { liveOrgOf } from '../org/index.js';
import { manuscriptCols, visibleFilter } from './policy.js';
import type { ListQuery } from './schema.js';
import type { PublicityCorrespondentTable, PublicityManuscriptTable, PublicityRevisionTable } from './tables.js';

/** The search kind of manuscripts in platform/search. */
export const SEARCH_KIND = 'manuscript';

/** The manuscript again inside a write transaction, locked on PostgreSQL so concurrent steps serialise. */
export function lockedManuscript(trx: DbOrTx, dialect: DbDialect, tenantId: string, id: string): Promise<PublicityManuscriptTable | undefined> {
  return trx.selectFrom('publicity_manuscripts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null)
    .modifyEnd(forUpdate(dialect)).executeTakeFirst();
}

/** The author's active correspondent row for the organisation on a day, if any. */
export async function activeCorrespondentOf(db: DbOrTx, tenantId: string, userId: string, orgId: string, today: string): Promise<string | null> {
  const row = await db.selectFrom('publicity_correspondents').select('id')
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('org_id', '=', orgId).where('deleted_at', 'is', null)
    .where('since', '<=', today).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
    .orderBy('since', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A page of the manuscripts the actor sees, filtered as asked, and how many match. The review queue (submitted,
 * not only mine) reads oldest submission first; a search by relevance; everything else most recently changed first.
 */
export async function manuscriptPage(
  db: Db, dialect: DbDialect, actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize' | 'format'>, win: { limit: number; offset: number },
): Promise<{ rows: PublicityManuscriptTable[]; total: number }> {
  if (q.from && q.to && q.to < q.from) throw fieldError('to', '截止日期不能早于起始日期');
  let base = db.selectFrom('publicity_manuscripts as m').where('m.tenant_id', '=', actor.tenantId).where('m.deleted_at', 'is', null)
    .where(visibleFilter(actor, manuscriptCols('m')));
  if (q.mine) base = base.where('m.author_user_id', '=', actor.userId);
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.level) base = base.where('m.level', '=', q.level);
  if (q.from) base = base.where('m.submitted_at', '>=', shanghaiDayStart(q.from));
  if (q.to) base = base.where('m.submitted_at', '<', shanghaiDayStart(nextDay(q.to)));
  if (q.orgId) {
    const org = await liveOrgOf(db, actor, q.orgId);
    if (!org) throw fieldError('orgId', '组织不存在');
    base = base.where(inSubtree(sql.ref<string>('m.org_path'), org.path));
  }
  const queue = q.status === 'submitted' && !q.mine;
  let rowsQ;
  let countQ;
  if (q.q) {
    const hits = searchHits(dialect, actor.tenantId, [SEARCH_KIND], q.q);
    if (!hits) return { rows: [], total: 0 };
    const joined = base.innerJoin(hits, (j) => j.onRef('h.entity_id', '=', 'm.id'));
    rowsQ = joined.selectAll('m').orderBy('h.rank', 'desc').orderBy('m.updated_at', 'desc').orderBy('m.id', 'desc');
    countQ = joined.select((eb) => eb.fn.countAll<number>().as('n'));
  } else {
    rowsQ = queue ? base.selectAll('m').orderBy('m.submitted_at').orderBy('m.id') : base.selectAll('m').orderBy('m.updated_at', 'desc').orderBy('m.id', 'desc');
    countQ = base.select((eb) => eb.fn.countAll<number>().as('n'));
  }
  const [rows, count] = await Promise.all([rowsQ.limit(win.limit).offset(win.offset).execute(), countQ.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

/** The latest manuscripts of a correspondent that the actor sees. */
export function correspondentManuscripts(db: Db, actor: Actor, c: Pick<PublicityCorrespondentTable, 'tenant_id' | 'id'>, limit: number): Promise<PublicityManuscriptTable[]> {
  return db.selectFrom('publicity_manuscripts as m').selectAll('m').where('m.tenant_id', '=', c.tenant_id).where('m.correspondent_id', '=', c.id)
    .where('m.deleted_at', 'is', null).where(visibleFilter(actor, manuscriptCols('m'))).orderBy('m.updated_at', 'desc').limit(limit).execute();
}

/** One kept revision of a manuscript. */
export function revisionOf(db: Db, m: Pick<PublicityManuscriptTable, 'tenant_id' | 'id'>, revision: number): Promise<PublicityRevisionTable | undefined> {
  return db.selectFrom('publicity_revisions').selectAll().where('tenant_id', '=', m.tenant_id).where('manuscript_id', '=', m.id)
    .where('revision', '=', revision).executeTakeFirst();
}
