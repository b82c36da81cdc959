// SQL of the tasks module, over its own tables only. Who may see a task is policy.ts's visibleTasks, applied in
// SQL, never after fetching. Organisation paths come from orgPathOf in the statement (not copied, not joined),
// so subtree moves never leave stale scope; names of organisations and people are looked up for the page
// afterwards (views.ts).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { inSubtree } from '../../db/dialect.js';
import { searchHits } from '../../platform/search/index.js';
import type { DbDialect } from '../../config.js';
import { lightCase, lightCondition } from './lights.js';
import { issuingOrgPath, myTasks, owningOrgPath, verifiableTasks, visibleTasks } from './policy.js';
import { TASK_SORTS, type Light, type TaskListQuery } from './schema.js';
import type { TaskEventTable, TaskTable } from './tables.js';

/** Kind of task documents in platform/search (the list's `q`). */
export const TASK_SEARCH_KIND = 'task';

export interface TaskRow extends TaskTable {
  issuing_org_path: string;
  programme_name: string | null;
}

/** tasks t, not deleted. */
export function taskBase(db: DbOrTx) {
  return db.selectFrom('tasks as t').where('t.deleted_at', 'is', null);
}

/**
 * The task's columns, its issuing organisation's current path (the side checks need it) and its programme's name.
 * Both are scalar lookups by key: PostgreSQL computes them after sorting, for the rows of the page only.
 */
function selectTaskRow<Q extends ReturnType<typeof taskBase>>(q: Q) {
  const programmeName = sql<string | null>`(select pg.name from programmes pg where pg.tenant_id = t.tenant_id and pg.id = t.programme_id)`;
  return q.selectAll('t').select([issuingOrgPath().as('issuing_org_path'), programmeName.as('programme_name')]);
}

/** One task the actor can see, or undefined (missing and out of scope look the same). */
export async function taskVisible(db: DbOrTx, actor: Actor, id: string): Promise<TaskRow | undefined> {
  const row = await selectTaskRow(taskBase(db).where('t.id', '=', id).where(visibleTasks(actor))).executeTakeFirst();
  return row as TaskRow | undefined;
}

/** One task regardless of the actor (for services called by other modules and jobs). */
export async function taskById(db: DbOrTx, tenantId: string, id: string): Promise<TaskRow | undefined> {
  const row = await selectTaskRow(taskBase(db).where('t.tenant_id', '=', tenantId).where('t.id', '=', id)).executeTakeFirst();
  return row as TaskRow | undefined;
}

/** Co-owners' account ids of many tasks. */
export async function coOwnerIdsOf(db: DbOrTx, tenantId: string, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await inSlices(taskIds, (slice) =>
    db.selectFrom('task_co_owners').select(['task_id', 'user_id']).where('tenant_id', '=', tenantId).where('task_id', 'in', slice).execute());
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r.user_id]);
  return out;
}

/** The timeline of a task, oldest first. */
export function taskEvents(db: DbOrTx, tenantId: string, taskId: string): Promise<TaskEventTable[]> {
  return db.selectFrom('task_events').selectAll().where('tenant_id', '=', tenantId).where('task_id', '=', taskId).orderBy('at').orderBy('id').execute();
}

/**
 * Text condition through platform/search (title, content and standard of done; Chinese substrings),
 * or null when the query has no searchable character.
 */
function textCondition(db: DbOrTx, dialect: DbDialect, tenantId: string, q: string): Expression<SqlBool> | null {
  const hits = searchHits(dialect, tenantId, [TASK_SEARCH_KIND], q);
  if (!hits) return null;
  return sql<SqlBool>`t.id in (${db.selectFrom(hits).select('h.entity_id')})`;
}

/** The list's filters except the light, scoped. `ownerOrgPath`: the path of q.orgId, null when it names no organisation. */
function filteredTasks(db: Db, dialect: DbDialect, actor: Actor, q: TaskListQuery, ownerOrgPath: string | null | undefined) {
  let base = taskBase(db).where(visibleTasks(actor));
  if (q.status?.length) base = base.where('t.status', 'in', q.status);
  if (ownerOrgPath !== undefined) base = ownerOrgPath === null ? base.where(sql<SqlBool>`1 = 0`) : base.where(inSubtree(owningOrgPath(), ownerOrgPath));
  if (q.mine === 'verifier') base = base.where(verifiableTasks(actor));
  else if (q.mine && q.mine !== 'false') base = base.where(myTasks(actor, q.mine === 'true' ? 'any' : q.mine));
  if (q.programmeId) base = base.where('t.programme_id', '=', q.programmeId);
  if (q.kind) base = base.where('t.kind', '=', q.kind);
  if (q.sourceKind) base = base.where('t.source_kind', '=', q.sourceKind);
  if (q.sourceId) base = base.where('t.source_id', '=', q.sourceId);
  if (q.q) {
    const text = textCondition(db, dialect, actor.tenantId, q.q);
    if (text) base = base.where(text);
  }
  return base;
}

/** A page of the list and the count of every light over the whole filtered list (the light filter aside). */
export async function taskPage(db: Db, dialect: DbDialect, actor: Actor, q: TaskListQuery, ownerOrgPath: string | null | undefined, page: { limit: number; offset: number; today: string; yellowDays: number }) {
  const cols = { status: sql.ref<string>('t.status'), dueOn: sql.ref<string>('t.due_on') };
  const base = filteredTasks(db, dialect, actor, q, ownerOrgPath);
  const lit = q.light?.length ? base.where((eb) => eb.or(q.light!.map((l) => lightCondition(l, cols, page.today, page.yellowDays)))) : base;
  const light = lightCase(cols, page.today, page.yellowDays);
  const [rows, byLight] = await Promise.all([
    selectTaskRow(lit).orderBy(sql.ref(TASK_SORTS[q.sort]), q.order).orderBy('t.id').limit(page.limit).offset(page.offset).execute(),
    // Grouped over a derived table: PostgreSQL cannot match a parameterised CASE in GROUP BY to the select list.
    db.selectFrom(base.select(light.as('light')).as('x')).select(['x.light', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('x.light').execute(),
  ]);
  return { rows: rows as TaskRow[], byLight: byLight.map((r) => ({ light: r.light as Light, n: Number(r.n) })) };
}

/** The milestones of a programme the actor can see, by due date and owning organisation. */
export async function milestonesOf(db: DbOrTx, actor: Actor, programme: { tenant_id: string; id: string }): Promise<TaskRow[]> {
  const rows = await selectTaskRow(taskBase(db).where('t.tenant_id', '=', programme.tenant_id).where('t.programme_id', '=', programme.id).where(visibleTasks(actor)))
    .orderBy('t.due_on').orderBy(owningOrgPath()).orderBy('t.id').execute();
  return rows as TaskRow[];
}
