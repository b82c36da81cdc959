// Who may see and do what in 督办: tasks, 工作方案 and 责任清单. The SQL filters the lists use and the checks
// on one record already read live here and nowhere else; queries, services and routes import them.
// A task is seen with task.read over its issuing OR its owning organisation's subtree, or by its issuer, owner
// and co-owners. Organisation paths are looked up in the statement from the ids the rows keep (orgPathOf), so a
// move never leaves a stale scope. Each scalar lookup is a primary-key read of the row's organisation: the OR of
// the visibility arms stays a condition on the task alone, which PostgreSQL can serve from the tenant indexes.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { can, scopeFilter } from '../../platform/access/can.js';
import { permissionHolders, type PermissionHolder } from '../../platform/access/holders.js';
import type { DbOrTx } from '../../db/types.js';
import { orgPathOf } from '../org/index.js';
import { refusal, type TaskAction } from './machine.js';
import type { TaskView } from './schema.js';
import type { TaskTable } from './tables.js';

// ---------- tasks (SQL over `tasks as t`) ----------

/** Current path of the task's issuing organisation (SQL, in a statement over `tasks as t`). */
export const issuingOrgPath = () => orgPathOf({ tenant: sql.ref('t.tenant_id'), orgId: sql.ref('t.issuing_org_id') });
/** Current path of the task's owning organisation (SQL, in a statement over `tasks as t`). */
export const owningOrgPath = () => orgPathOf({ tenant: sql.ref('t.tenant_id'), orgId: sql.ref('t.owner_org_id') });

/** Tasks the actor issued, owns or co-owns (`which` narrows to one side). */
export function myTasks(actor: Actor, which: 'any' | 'owner' | 'issuer'): Expression<SqlBool> {
  const owner = sql<SqlBool>`(t.owner_id = ${actor.userId} or exists (select 1 from task_co_owners c where c.tenant_id = t.tenant_id and c.task_id = t.id and c.user_id = ${actor.userId}))`;
  const issuer = sql<SqlBool>`t.issuer_id = ${actor.userId}`;
  const who = which === 'owner' ? owner : which === 'issuer' ? issuer : sql<SqlBool>`(${issuer} or ${owner})`;
  return sql<SqlBool>`(t.tenant_id = ${actor.tenantId} and ${who})`;
}

/** Tasks the actor may see: task.read over the issuing or the owning organisation, or one of their own. */
export function visibleTasks(actor: Actor): Expression<SqlBool> {
  const byIssuing = scopeFilter(actor, 'task.read', { tenant: sql.ref('t.tenant_id'), path: issuingOrgPath() });
  const byOwning = scopeFilter(actor, 'task.read', { tenant: sql.ref('t.tenant_id'), path: owningOrgPath() });
  return sql<SqlBool>`(${byIssuing} or ${byOwning} or ${myTasks(actor, 'any')})`;
}

/**
 * Tasks the actor may verify or return (the issuer side, never the owner side): they issued it, or they hold
 * task.verify over the issuing organisation; the owner and co-owners are excluded as sidesOf does.
 */
export function verifiableTasks(actor: Actor): Expression<SqlBool> {
  const leader = scopeFilter(actor, 'task.verify', { tenant: sql.ref('t.tenant_id'), path: issuingOrgPath() });
  return sql<SqlBool>`((t.issuer_id = ${actor.userId} or ${leader}) and not ${myTasks(actor, 'owner')})`;
}

/**
 * Tasks that are the actor's 待验收: ones they issued, and ones of an organisation where they hold task.verify
 * at that very organisation; a committee-wide verifier may still verify a branch's own tasks but does not get
 * them all as 待办. Never their own side's.
 */
export function verifyTodoTasks(actor: Actor): Expression<SqlBool> {
  const leaderOf = [...new Set(actor.grants.filter((g) => g.tenantId === actor.tenantId && g.permissions.has('task.verify')).map((g) => g.orgId))];
  const issuer = sql<SqlBool>`(t.tenant_id = ${actor.tenantId} and t.issuer_id = ${actor.userId})`;
  const verifier = leaderOf.length
    ? sql<SqlBool>`(${issuer} or (t.tenant_id = ${actor.tenantId} and t.issuing_org_id in (${sql.join(leaderOf)})))`
    : issuer;
  return sql<SqlBool>`(${verifier} and not ${myTasks(actor, 'owner')})`;
}

/** What the side checks need of a task already read. */
export type TaskSideFacts = Pick<TaskTable, 'tenant_id' | 'owner_id' | 'issuer_id' | 'status'> & { issuing_org_path: string };

/**
 * Who the actor is on this task: the owner side (owner, co-owners) accepts, reports and completes; the issuer
 * side (the issuer, task.verify over the issuing organisation, never the owner side) verifies and returns; an
 * editor (the issuer, task.write over the issuing organisation) changes the task and its notices.
 */
export function sidesOf(actor: Actor, row: TaskSideFacts, coOwnerIds: readonly string[]) {
  const ownTenant = row.tenant_id === actor.tenantId;
  const issuingOrg = { tenantId: row.tenant_id, orgPath: row.issuing_org_path };
  const ownerSide = ownTenant && (row.owner_id === actor.userId || coOwnerIds.includes(actor.userId));
  const issuerSide = !ownerSide && ((ownTenant && row.issuer_id === actor.userId) || can(actor, 'task.verify', issuingOrg));
  const editor = (ownTenant && row.issuer_id === actor.userId) || can(actor, 'task.write', issuingOrg);
  return { ownerSide, issuerSide, editor };
}
type TaskSides = ReturnType<typeof sidesOf>;

/** The steps the task's page offers the actor: their side, and a status the step may leave. */
export function taskActions(actor: Actor, row: TaskSideFacts, coOwnerIds: readonly string[]): TaskView['can'] {
  const sides = sidesOf(actor, row, coOwnerIds);
  const may = (side: boolean, action: TaskAction) => side && refusal(row.status, action) === null;
  return {
    accept: may(sides.ownerSide, 'accept'), report: may(sides.ownerSide, 'report'), complete: may(sides.ownerSide, 'complete'),
    verify: may(sides.issuerSide, 'verify'), return: may(sides.issuerSide, 'return'), edit: sides.editor && row.status !== 'closed',
  };
}

const WHO_REFUSAL: Record<TaskAction, string> = {
  accept: '只有责任人或协办人可以接收任务',
  report: '只有责任人或协办人可以汇报进度',
  complete: '只有责任人或协办人可以提交完成报告',
  verify: '只有部署人或部署组织的验收人可以验收',
  return: '只有部署人或部署组织的验收人可以退回',
};

/** Why the actor's side may not take this step (403), or null; the status is checked after (409). */
export function stepRefusal(sides: TaskSides, action: TaskAction): string | null {
  const ownerAction = action === 'accept' || action === 'report' || action === 'complete';
  if (ownerAction) return sides.ownerSide ? null : WHO_REFUSAL[action];
  if (sides.issuerSide) return null;
  return sides.ownerSide ? '不能验收本人负责的任务' : WHO_REFUSAL[action];
}

/** Why the actor may not change the task (403), or null. */
export const editRefusal = (sides: TaskSides): string | null => (sides.editor ? null : '只有部署人或部署组织的管理人员可以修改任务');

/** Why the actor may not add or remove attachments (403), or null: the owner side adds evidence, the issuer side notices. */
export const attachRefusal = (sides: TaskSides): string | null => (sides.ownerSide || sides.editor ? null : '只有责任人、协办人或部署人一方可以上传附件');

/** Why the actor may not remove this attachment (403), or null: its uploader, or an editor of the task. */
export const detachRefusal = (actor: Actor, sides: TaskSides, uploadedBy: string | null): string | null =>
  (uploadedBy === actor.userId || sides.editor ? null : '只能删除本人上传的附件');

/** May the actor deploy tasks (and 工作方案) from this organisation: task.write over it. */
/**
 * Who answers for an organisation's 督办 (责任人, 责任领导, and whom the picker offers): enabled accounts holding a
 * 督办 permission over it.
 */
export const taskDutyHolders = (db: DbOrTx, tenantId: string, orgPath: string): Promise<PermissionHolder[]> =>
  permissionHolders(db, tenantId, orgPath, (perm) => perm.startsWith('task.'));

/** Whether this account answers for the organisation's 督办 (taskDutyHolders). */
export const holdsTaskDuty = async (db: DbOrTx, tenantId: string, orgPath: string, userId: string): Promise<boolean> =>
  (await taskDutyHolders(db, tenantId, orgPath)).some((h) => h.id === userId);

export const mayDeployFrom = (actor: Actor, org: { tenantId: string; orgPath: string }): boolean => can(actor, 'task.write', org);

// ---------- 工作方案 (SQL over `programmes as pg`) ----------

/** Current path of the programme's issuing organisation (SQL, in a statement over `programmes as pg`). */
export const programmeOrgPath = () => orgPathOf({ tenant: sql.ref('pg.tenant_id'), orgId: sql.ref('pg.issuing_org_id') });

/** Programmes the actor may see: task.read over the issuing organisation, or a milestone they can see. */
export function visibleProgrammes(actor: Actor): Expression<SqlBool> {
  const byOrg = scopeFilter(actor, 'task.read', { tenant: sql.ref('pg.tenant_id'), path: programmeOrgPath() });
  const milestone = sql<SqlBool>`exists (select 1 from tasks t where t.tenant_id = pg.tenant_id and t.programme_id = pg.id and t.deleted_at is null and ${visibleTasks(actor)})`;
  return sql<SqlBool>`(${byOrg} or ${milestone})`;
}

// ---------- 责任清单 (SQL over `responsibilities as r`) ----------

/** Current path of the responsibility list's organisation (SQL, in a statement over `responsibilities as r`). */
export const responsibilityOrgPath = () => orgPathOf({ tenant: sql.ref('r.tenant_id'), orgId: sql.ref('r.org_id') });

/** Responsibility lists the actor may see: task.read over the organisation, or being its leader. */
export function visibleResponsibilities(actor: Actor): Expression<SqlBool> {
  const byOrg = scopeFilter(actor, 'task.read', { tenant: sql.ref('r.tenant_id'), path: responsibilityOrgPath() });
  return sql<SqlBool>`(${byOrg} or (r.tenant_id = ${actor.tenantId} and r.leader_id = ${actor.userId}))`;
}

/** May the actor create or change the lists of this organisation: task.write over it. */
export const managesResponsibilities = (actor: Actor, org: { tenantId: string; orgPath: string }): boolean => can(actor, 'task.write', org);

/** May the actor report on this list: its leader, or whoever manages the organisation's lists. */
export function mayReportOn(actor: Actor, row: { tenant_id: string; leader_id: string | null; org_path: string }): boolean {
  const isLeader = row.tenant_id === actor.tenantId && row.leader_id === actor.userId;
  return isLeader || managesResponsibilities(actor, { tenantId: row.tenant_id, orgPath: row.org_path });
}
