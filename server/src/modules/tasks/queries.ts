// SQL of the tasks module. A task is visible with task.read over its issuing OR its owning organisation's
// subtree, or to its issuer, owner and co-owners; the condition is applied in SQL, never after fetching.
// Organisation paths are joined from organisations (not copied), so subtree moves never leave stale scope.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { inSlices } from '../../db/batch.js';
import { searchHits } from '../../platform/search/index.js';
import type { DbDialect } from '../../config.js';
import { daysBetween } from '../../platform/calendar.js';
import { lightOf } from './lights.js';
import { refusal } from './machine.js';
import { EVENT_KIND_NAMES, LIGHT_NAMES, SOURCE_NAMES, TASK_KIND_NAMES, TASK_STATUS_NAMES, type TaskDetail, type TaskView } from './schema.js';
import type { TaskTable } from './tables.js';


/** Kind of task documents in platform/search (the list's `q`). */
export const TASK_SEARCH_KIND = 'task';

export interface TaskRow extends TaskTable {
  issuing_org_name: string;
  issuing_org_path: string;
  owner_org_name: string;
  owner_org_path: string;
  issuer_name: string;
  owner_name: string;
  programme_name: string | null;
}

/** tasks t with both organisations, both people and the programme joined; not deleted. */
export function taskBase(db: DbOrTx) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('organisations as io', (j) => j.onRef('io.tenant_id', '=', 't.tenant_id').onRef('io.id', '=', 't.issuing_org_id'))
    .innerJoin('organisations as oo', (j) => j.onRef('oo.tenant_id', '=', 't.tenant_id').onRef('oo.id', '=', 't.owner_org_id'))
    .where('t.deleted_at', 'is', null);
}

/** Is the actor the task's issuer, owner or a co-owner? (SQL) */
export function mineCondition(actor: Actor, which: 'any' | 'owner' | 'issuer'): Expression<SqlBool> {
  const owner = sql<SqlBool>`(t.owner_id = ${actor.userId} or exists (select 1 from task_co_owners c where c.tenant_id = t.tenant_id and c.task_id = t.id and c.user_id = ${actor.userId}))`;
  const issuer = sql<SqlBool>`t.issuer_id = ${actor.userId}`;
  const who = which === 'owner' ? owner : which === 'issuer' ? issuer : sql<SqlBool>`(${issuer} or ${owner})`;
  return sql<SqlBool>`(t.tenant_id = ${actor.tenantId} and ${who})`;
}

/**
 * Tasks the actor may verify or return (the issuer side, never the owner side): they issued it, or they hold
 * task.verify over the issuing organisation; the owner and co-owners are excluded as the transition rules do.
 */
export function verifierCondition(actor: Actor): Expression<SqlBool> {
  const leader = scopeFilter(actor, 'task.verify', { tenant: sql.ref('t.tenant_id'), path: sql.ref('io.path') });
  return sql<SqlBool>`((t.issuer_id = ${actor.userId} or ${leader}) and not ${mineCondition(actor, 'owner')})`;
}

export function visibleCondition(actor: Actor): Expression<SqlBool> {
  const byIssuing = scopeFilter(actor, 'task.read', { tenant: sql.ref('t.tenant_id'), path: sql.ref('io.path') });
  const byOwning = scopeFilter(actor, 'task.read', { tenant: sql.ref('t.tenant_id'), path: sql.ref('oo.path') });
  return sql<SqlBool>`(${byIssuing} or ${byOwning} or ${mineCondition(actor, 'any')})`;
}

export function selectTaskRow<Q extends ReturnType<typeof taskBase>>(q: Q) {
  return q
    .innerJoin('users as iu', (j) => j.onRef('iu.tenant_id', '=', 't.tenant_id').onRef('iu.id', '=', 't.issuer_id'))
    .innerJoin('users as ou', (j) => j.onRef('ou.tenant_id', '=', 't.tenant_id').onRef('ou.id', '=', 't.owner_id'))
    .leftJoin('programmes as pg', (j) => j.onRef('pg.tenant_id', '=', 't.tenant_id').onRef('pg.id', '=', 't.programme_id'))
    .selectAll('t')
    .select([
      'io.name as issuing_org_name', 'io.path as issuing_org_path', 'oo.name as owner_org_name', 'oo.path as owner_org_path',
      'iu.display_name as issuer_name', 'ou.display_name as owner_name', 'pg.name as programme_name',
    ]);
}

/** One task the actor can see, or undefined (missing and out of scope look the same). */
export async function taskVisible(db: DbOrTx, actor: Actor, id: string): Promise<TaskRow | undefined> {
  const row = await selectTaskRow(taskBase(db).where('t.id', '=', id).where(visibleCondition(actor))).executeTakeFirst();
  return row as TaskRow | undefined;
}

/** One task regardless of the actor (for services called by other modules and jobs). */
export async function taskById(db: DbOrTx, tenantId: string, id: string): Promise<TaskRow | undefined> {
  const row = await selectTaskRow(taskBase(db).where('t.tenant_id', '=', tenantId).where('t.id', '=', id)).executeTakeFirst();
  return row as TaskRow | undefined;
}

/** Co-owners (id and display name) of many tasks. */
export async function coOwnersOf(db: DbOrTx, tenantId: string, taskIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await inSlices(taskIds, (slice) =>
    db.selectFrom('task_co_owners as c')
      .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.user_id'))
      .select(['c.task_id', 'u.id', 'u.display_name'])
      .where('c.tenant_id', '=', tenantId).where('c.task_id', 'in', slice)
      .orderBy('u.display_name').execute());
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) {
    const list = out.get(r.task_id) ?? [];
    list.push({ id: r.id, name: r.display_name });
    out.set(r.task_id, list);
  }
  return out;
}

/** Who is on which side of this task, for the actor. */
export function sidesOf(actor: Actor, row: TaskRow, coOwnerIds: readonly string[]) {
  const ownerSide = row.tenant_id === actor.tenantId && (row.owner_id === actor.userId || coOwnerIds.includes(actor.userId));
  const issuerSide = !ownerSide && (
    (row.tenant_id === actor.tenantId && row.issuer_id === actor.userId) || can(actor, 'task.verify', { tenantId: row.tenant_id, orgPath: row.issuing_org_path }));
  const editor = (row.tenant_id === actor.tenantId && row.issuer_id === actor.userId) || can(actor, 'task.write', { tenantId: row.tenant_id, orgPath: row.issuing_org_path });
  return { ownerSide, issuerSide, editor };
}

export function toTaskView(actor: Actor, row: TaskRow, coOwners: { id: string; name: string }[], today: string, yellowDays: number): TaskView {
  const sides = sidesOf(actor, row, coOwners.map((c) => c.id));
  const light = lightOf(row.status, row.due_on, today, yellowDays);
  const may = (side: boolean, action: Parameters<typeof refusal>[1]) => side && refusal(row.status, action) === null;
  return {
    id: row.id, title: row.title, description: row.description, kind: row.kind, kindName: TASK_KIND_NAMES[row.kind],
    status: row.status, statusName: TASK_STATUS_NAMES[row.status], light, lightName: LIGHT_NAMES[light],
    daysLeft: daysBetween(today, row.due_on), percent: row.percent,
    sourceKind: row.source_kind, sourceName: SOURCE_NAMES[row.source_kind] ?? row.source_label ?? row.source_kind,
    sourceId: row.source_id, sourceLink: row.source_link, sourceLabel: row.source_label,
    issuerId: row.issuer_id, issuerName: row.issuer_name, issuingOrgId: row.issuing_org_id, issuingOrgName: row.issuing_org_name,
    ownerOrgId: row.owner_org_id, ownerOrgName: row.owner_org_name, ownerId: row.owner_id, ownerName: row.owner_name, coOwners,
    programmeId: row.programme_id, programmeName: row.programme_name, startOn: row.start_on, dueOn: row.due_on, doneStandard: row.done_standard,
    acceptedAt: row.accepted_at, completionReportedAt: row.completion_reported_at, closedAt: row.closed_at, closedOn: row.closed_on,
    returnCount: row.return_count, createdAt: row.created_at, updatedAt: row.updated_at,
    can: {
      accept: may(sides.ownerSide, 'accept'), report: may(sides.ownerSide, 'report'), complete: may(sides.ownerSide, 'complete'),
      verify: may(sides.issuerSide, 'verify'), return: may(sides.issuerSide, 'return'), edit: sides.editor && row.status !== 'closed',
    },
  };
}

export async function timelineOf(db: Db | DbOrTx, tenantId: string, taskId: string): Promise<TaskDetail['timeline']> {
  const rows = await db.selectFrom('task_events as e')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.by_user_id'))
    .selectAll('e').select('u.display_name as by_name')
    .where('e.tenant_id', '=', tenantId).where('e.task_id', '=', taskId)
    .orderBy('e.at').orderBy('e.id').execute();
  return rows.map((e) => ({
    id: e.id, kind: e.kind, kindName: EVENT_KIND_NAMES[e.kind], at: e.at, byId: e.by_user_id, byName: e.by_name,
    fromStatus: e.from_status, toStatus: e.to_status, percent: e.percent, notes: e.notes, reason: e.reason, evidence: e.evidence,
    changes: e.changes ? (JSON.parse(e.changes) as Record<string, { before: unknown; after: unknown }>) : null,
  }));
}

/**
 * Text condition through platform/search (title, content and standard of done; Chinese substrings),
 * or null when the query has no searchable character.
 */
export function textCondition(db: DbOrTx, dialect: DbDialect, tenantId: string, q: string): Expression<SqlBool> | null {
  const hits = searchHits(dialect, tenantId, [TASK_SEARCH_KIND], q);
  if (!hits) return null;
  return sql<SqlBool>`t.id in (${db.selectFrom(hits).select('h.entity_id')})`;
}
