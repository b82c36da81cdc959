// The rules of a task: deploying (also for other modules, `createTask`), editing by the issuer side, and
// the five loop actions. Each is one transaction: the row, a timeline event, the audit entry and the
// notifications commit together; bad input or an illegal transition changes nothing.
import type { DbOrTx, Tx } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { forUpdate } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { shanghaiDate, todayIn } from '../../platform/calendar.js';
import { AppError, conflict, forbidden, notFound, Problems } from '../../platform/errors.js';
import { indexDocuments } from '../../platform/search/index.js';
import { loadFile, removeFile } from '../../platform/files/index.js';
import { accountsById, userDisplayNames } from '../../platform/accounts/service.js';
import type { PermissionHolder } from '../../platform/access/holders.js';
import { liveOrg, tenantTree } from '../org/index.js';
import { refusal, TRANSITIONS, type TaskAction } from './machine.js';
import { attachRefusal, detachRefusal, editRefusal, holdsTaskDuty, mayDeployFrom, programmeOrgPath, sidesOf, stepRefusal, taskDutyHolders } from './policy.js';
import { coOwnerIdsOf, TASK_SEARCH_KIND, taskById, taskVisible, type TaskRow } from './queries.js';
import { TASK_FILE_OWNER } from './views.js';
import type { TaskKind, TaskStatus, TaskTable, TaskEventTable } from './tables.js';

export interface CreateTaskInput {
  title: string;
  description?: string | undefined;
  kind: TaskKind;
  /** Defaults to the acting user (ctx.userId). */
  issuerId?: string | undefined;
  issuingOrgId: string;
  ownerOrgId: string;
  ownerId: string;
  coOwnerIds?: string[] | undefined;
  /** Defaults to today (Asia/Shanghai). */
  startOn?: string | undefined;
  dueOn: string;
  doneStandard: string;
  programmeId?: string | undefined;
  /** manual | meeting | assessment | warning | campaign | a later module's word. */
  sourceKind?: string | undefined;
  sourceId?: string | undefined;
  /** Web path back to the source record, e.g. `/assessment/rounds/…`. */
  sourceLink?: string | undefined;
  /** Chinese label of the source, shown when the kind is not one of the known ones. */
  sourceLabel?: string | undefined;
}

const link = (id: string) => `/tasks?id=${id}`;
export const searchDoc = (t: Pick<TaskTable, 'id' | 'title' | 'description' | 'done_standard'>) =>
  ({ kind: TASK_SEARCH_KIND, entityId: t.id, title: t.title, body: `${t.description}\n${t.done_standard}` });

/** Enabled accounts of the tenant among `ids`. */
export async function enabledUsers(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  const accounts = await accountsById(db, tenantId, ids);
  return new Set([...accounts.values()].filter((a) => !a.disabled).map((a) => a.id));
}

/** The people and places of a task: owner, co-owners, owning organisation, dates. Adds problems; returns cleaned co-owners. */
async function checkAssignment(db: DbOrTx, tenantId: string, v: { ownerOrgId: string; ownerId: string; coOwnerIds: string[]; startOn: string; dueOn: string }, problems: Problems, ownerDuty: boolean): Promise<string[]> {
  const org = await liveOrg(db, tenantId, v.ownerOrgId);
  if (!org) problems.add('ownerOrgId', '责任组织不存在');
  const coOwners = [...new Set(v.coOwnerIds)];
  const users = await enabledUsers(db, tenantId, [v.ownerId, ...coOwners]);
  if (!users.has(v.ownerId)) problems.add('ownerId', '责任人不存在或已停用');
  // A 责任人 picked by hand answers for the organisation's task: one of those the picker offers (assigneesOf), never an
  // account whose 督办 duties lie elsewhere. A task opened from another module's record (考核异常: the assessor) names
  // whom that module decides. 协办人 may be any member asked to help (a 党员 without 督办 permission).
  else if (ownerDuty && org && !(await holdsTaskDuty(db, tenantId, org.path, v.ownerId))) {
    problems.add('ownerId', '责任人须是对责任组织负有督办职责的人员');
  }
  if (coOwners.includes(v.ownerId)) problems.add('coOwnerIds', '协办人不能包含责任人');
  else if (coOwners.some((id) => !users.has(id))) problems.add('coOwnerIds', '协办人中有不存在或已停用的账号');
  if (v.dueOn < v.startOn) problems.add('dueOn', `截止日期不能早于开始日期（${v.startOn}）`);
  return coOwners;
}

async function addEvent(trx: DbOrTx, e: Omit<TaskEventTable, 'id' | 'from_status' | 'to_status' | 'percent' | 'notes' | 'reason' | 'evidence' | 'changes'> & Partial<TaskEventTable>): Promise<void> {
  await trx.insertInto('task_events').values({
    id: newId(), from_status: null, to_status: null, percent: null, notes: null, reason: null, evidence: null, changes: null, ...e,
  }).execute();
}

function auditView(t: Pick<TaskTable, 'title' | 'kind' | 'status' | 'owner_org_id' | 'owner_id' | 'due_on' | 'percent' | 'issuing_org_id' | 'start_on'>) {
  return { title: t.title, kind: t.kind, status: t.status, issuingOrgId: t.issuing_org_id, ownerOrgId: t.owner_org_id, ownerId: t.owner_id, startOn: t.start_on, dueOn: t.due_on, percent: t.percent };
}

/**
 * Deploys a task inside the caller's transaction and returns its id. For other modules ("督办 in one
 * click" from an assessment deduction, a compliance warning, a meeting decision): pass your source kind,
 * id and link. It checks the owner, co-owners, organisations and dates (400, Chinese, by field) but not
 * the caller's permission: the calling module decides who may open a task from its record. `byHand` (the 督办
 * form, a programme's milestones) also requires the 责任人 to hold 督办 duties over the owning organisation.
 */
export async function createTask(trx: Tx, p: Platform, ctx: AuditContext, input: CreateTaskInput, byHand = false): Promise<string> {
  const tenantId = ctx.tenantId;
  const issuerId = input.issuerId ?? ctx.userId;
  const problems = new Problems();
  if (!issuerId) throw new Error('createTask needs an issuer (ctx.userId or input.issuerId)');
  const startOn = input.startOn ?? todayIn(p.clock);
  if (!(await liveOrg(trx, tenantId, input.issuingOrgId))) problems.add('issuingOrgId', '部署组织不存在');
  const coOwnerIds = await checkAssignment(trx, tenantId, { ...input, coOwnerIds: input.coOwnerIds ?? [], startOn }, problems, byHand);
  if (input.programmeId) {
    const prog = await trx.selectFrom('programmes').select('id').where('tenant_id', '=', tenantId).where('id', '=', input.programmeId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!prog) problems.add('programmeId', '工作方案不存在');
  }
  if (input.title.trim() === '') problems.add('title', '请填写任务标题');
  if (input.doneStandard.trim() === '') problems.add('doneStandard', '请填写验收标准');
  problems.throwIfAny();

  const at = p.clock.now().toISOString();
  const row: TaskTable = {
    tenant_id: tenantId, id: newId(), title: input.title.trim(), description: input.description?.trim() ?? '', kind: input.kind, status: 'deployed',
    source_kind: input.sourceKind ?? 'manual', source_id: input.sourceId ?? null, source_link: input.sourceLink ?? null, source_label: input.sourceLabel ?? null,
    issuer_id: issuerId, issuing_org_id: input.issuingOrgId, owner_org_id: input.ownerOrgId, owner_id: input.ownerId, programme_id: input.programmeId ?? null,
    start_on: startOn, due_on: input.dueOn, done_standard: input.doneStandard.trim(), percent: 0, return_count: 0,
    accepted_at: null, completion_reported_at: null, closed_at: null, closed_on: null, created_at: at, updated_at: at, deleted_at: null,
  };
  await trx.insertInto('tasks').values(row).execute();
  await indexDocuments(trx, p.data.dialect, tenantId, [searchDoc(row)]);
  if (coOwnerIds.length) await trx.insertInto('task_co_owners').values(coOwnerIds.map((u) => ({ tenant_id: tenantId, task_id: row.id, user_id: u }))).execute();
  await addEvent(trx, { tenant_id: tenantId, task_id: row.id, kind: 'deployed', at, by_user_id: issuerId, to_status: 'deployed', notes: row.done_standard });
  await p.audit.record(trx, ctx, { action: 'task.deploy', entity: 'task', entityId: row.id, after: { ...auditView(row), coOwnerIds, sourceKind: row.source_kind, sourceId: row.source_id, programmeId: row.programme_id } });
  await p.notify.send(trx, tenantId, [row.owner_id, ...coOwnerIds], {
    kind: 'tasks.deployed', title: `新的督办任务：${row.title}`, body: `截止日期 ${row.due_on}，请及时接收`, link: link(row.id),
  });
  return row.id;
}

/** Deploy from the API: the issuing organisation must lie within the actor's task.write scope. */
export async function deployTask(p: Platform, ctx: AuditContext, actor: Actor, input: CreateTaskInput): Promise<string> {
  return p.audit.tx(ctx, async (trx) => {
    const org = await liveOrg(trx, actor.tenantId, input.issuingOrgId);
    if (!org || !mayDeployFrom(actor, { tenantId: actor.tenantId, orgPath: org.path })) {
      throw new AppError(400, 'VALIDATION', '部署组织不存在或不在您的管理范围内', { issuingOrgId: '部署组织不存在或不在您的管理范围内' });
    }
    if (input.programmeId) {
      // Milestones join a programme only from inside the programme's issuing organisation's write scope.
      const prog = await trx.selectFrom('programmes as pg').select(programmeOrgPath().as('path'))
        .where('pg.tenant_id', '=', actor.tenantId).where('pg.id', '=', input.programmeId).where('pg.deleted_at', 'is', null).executeTakeFirst();
      if (!prog || !mayDeployFrom(actor, { tenantId: actor.tenantId, orgPath: prog.path })) {
        throw new AppError(400, 'VALIDATION', '工作方案不存在或不在您的管理范围内', { programmeId: '工作方案不存在或不在您的管理范围内' });
      }
    }
    return createTask(trx, p, ctx, { ...input, issuerId: actor.userId }, true);
  });
}

/** Re-reads the task inside the transaction (locked on PostgreSQL) as the actor sees it. */
async function lockVisible(p: Platform, trx: Tx, actor: Actor, id: string): Promise<{ row: TaskRow; coOwnerIds: string[] }> {
  const row = await taskVisible(trx, actor, id);
  if (!row) throw notFound('任务');
  await trx.selectFrom('tasks').select('id').where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).modifyEnd(forUpdate(p.data.dialect)).execute();
  const fresh = (await taskById(trx, row.tenant_id, row.id))!;
  return { row: fresh, coOwnerIds: (await coOwnerIdsOf(trx, row.tenant_id, [row.id])).get(row.id) ?? [] };
}

export interface ActionBody { notes?: string | undefined; percent?: number | undefined; evidence?: string | undefined; reason?: string | undefined }

/** One step of the loop: who (403), then state (409), then the change with its event, audit and notices. */
export async function act(p: Platform, ctx: AuditContext, actor: Actor, id: string, action: TaskAction, body: ActionBody): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const { row, coOwnerIds } = await lockVisible(p, trx, actor, id);
    const who = stepRefusal(sidesOf(actor, row, coOwnerIds), action);
    if (who) throw forbidden(who);
    const why = refusal(row.status, action);
    if (why) throw conflict('TASK_STATE', why);

    const now = p.clock.now();
    const at = now.toISOString();
    const to: TaskStatus = TRANSITIONS[action].to;
    const set: Partial<TaskTable> = { status: to, updated_at: at };
    let event: Partial<TaskEventTable> = {};
    switch (action) {
      case 'accept':
        set.accepted_at = at;
        event = { notes: body.notes?.trim() || null };
        break;
      case 'report':
        set.percent = body.percent ?? row.percent;
        event = { percent: set.percent, notes: body.notes?.trim() ?? null };
        break;
      case 'complete':
        set.percent = body.percent ?? 100;
        set.completion_reported_at = at;
        event = { percent: set.percent, evidence: body.evidence?.trim() ?? null };
        break;
      case 'verify':
        set.closed_at = at;
        set.closed_on = shanghaiDate(now);
        event = { notes: body.notes?.trim() || null };
        break;
      case 'return':
        set.return_count = row.return_count + 1;
        event = { reason: body.reason?.trim() ?? null };
        break;
    }
    // Guarded by the status read above: a concurrent step that got there first makes this one a 409.
    const res = await trx.updateTable('tasks').set(set).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).where('status', '=', row.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('TASK_STATE', '任务状态已变化，请刷新后重试');
    const kind = action === 'accept' ? 'accepted' : action === 'report' ? 'reported' : action === 'complete' ? 'completionReported' : action === 'verify' ? 'verified' : 'returned';
    await addEvent(trx, { tenant_id: row.tenant_id, task_id: row.id, kind, at, by_user_id: actor.userId, from_status: row.status, to_status: to, ...event });
    await p.audit.record(trx, ctx, {
      action: `task.${action}`, entity: 'task', entityId: row.id,
      before: { status: row.status, percent: row.percent, returnCount: row.return_count },
      after: { status: to, percent: set.percent ?? row.percent, returnCount: set.return_count ?? row.return_count, ...event },
    });
    const owners = [row.owner_id, ...coOwnerIds];
    if (action === 'complete') {
      const ownerName = (await userDisplayNames(trx, row.tenant_id, [row.owner_id])).get(row.owner_id) ?? '';
      await p.notify.send(trx, row.tenant_id, [row.issuer_id], { kind: 'tasks.completionReported', title: `任务待验收：${row.title}`, body: `${ownerName} 提交了完成报告`, link: link(row.id) });
    } else if (action === 'verify') {
      await p.notify.send(trx, row.tenant_id, owners, { kind: 'tasks.verified', title: `任务已验收销号：${row.title}`, link: link(row.id) });
    } else if (action === 'return') {
      await p.notify.send(trx, row.tenant_id, owners, { kind: 'tasks.returned', title: `任务被退回：${row.title}`, body: `退回原因：${event.reason ?? ''}`, link: link(row.id) });
    }
  });
}

export interface EditInput {
  title?: string | undefined; description?: string | undefined; kind?: TaskKind | undefined; ownerOrgId?: string | undefined; ownerId?: string | undefined;
  coOwnerIds?: string[] | undefined; startOn?: string | undefined; dueOn?: string | undefined; doneStandard?: string | undefined;
}

/** Changes by the issuer side before 销号; the timeline shows what changed. */
export async function editTask(p: Platform, ctx: AuditContext, actor: Actor, id: string, input: EditInput): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    const { row, coOwnerIds } = await lockVisible(p, trx, actor, id);
    const who = editRefusal(sidesOf(actor, row, coOwnerIds));
    if (who) throw forbidden(who);
    if (row.status === 'closed') throw conflict('TASK_STATE', '任务已销号，不能修改');
    const next = {
      title: input.title ?? row.title, description: input.description ?? row.description, kind: input.kind ?? row.kind,
      owner_org_id: input.ownerOrgId ?? row.owner_org_id, owner_id: input.ownerId ?? row.owner_id, start_on: input.startOn ?? row.start_on,
      due_on: input.dueOn ?? row.due_on, done_standard: input.doneStandard ?? row.done_standard,
    };
    const problems = new Problems();
    const nextCo = await checkAssignment(trx, row.tenant_id, { ownerOrgId: next.owner_org_id, ownerId: next.owner_id, coOwnerIds: input.coOwnerIds ?? coOwnerIds.filter((c) => c !== next.owner_id), startOn: next.start_on, dueOn: next.due_on }, problems,
      next.owner_id !== row.owner_id || next.owner_org_id !== row.owner_org_id);
    problems.throwIfAny();
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const names: Record<keyof typeof next, string> = {
      title: 'title', description: 'description', kind: 'kind', owner_org_id: 'ownerOrgId', owner_id: 'ownerId', start_on: 'startOn', due_on: 'dueOn', done_standard: 'doneStandard',
    };
    for (const k of Object.keys(next) as (keyof typeof next)[]) if (next[k] !== row[k]) changes[names[k]] = { before: row[k], after: next[k] };
    const sortedBefore = [...coOwnerIds].sort();
    const sortedAfter = [...nextCo].sort();
    if (sortedBefore.join() !== sortedAfter.join()) changes.coOwnerIds = { before: sortedBefore, after: sortedAfter };
    if (Object.keys(changes).length === 0) return;
    const at = p.clock.now().toISOString();
    await trx.updateTable('tasks').set({ ...next, updated_at: at }).where('tenant_id', '=', row.tenant_id).where('id', '=', row.id).execute();
    if (changes.title || changes.description || changes.doneStandard) await indexDocuments(trx, p.data.dialect, row.tenant_id, [searchDoc({ id: row.id, ...next })]);
    if (changes.coOwnerIds) {
      await trx.deleteFrom('task_co_owners').where('tenant_id', '=', row.tenant_id).where('task_id', '=', row.id).execute();
      if (nextCo.length) await trx.insertInto('task_co_owners').values(nextCo.map((u) => ({ tenant_id: row.tenant_id, task_id: row.id, user_id: u }))).execute();
    }
    await addEvent(trx, { tenant_id: row.tenant_id, task_id: row.id, kind: 'edited', at, by_user_id: actor.userId, changes: JSON.stringify(changes) });
    await p.audit.record(trx, ctx, { action: 'task.edit', entity: 'task', entityId: row.id, before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.before])), after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])) });
    const newPeople = [next.owner_id, ...nextCo].filter((u) => u !== row.owner_id && !coOwnerIds.includes(u));
    if (newPeople.length) await p.notify.send(trx, row.tenant_id, newPeople, { kind: 'tasks.deployed', title: `新的督办任务：${next.title}`, body: `截止日期 ${next.due_on}，请及时接收`, link: link(row.id) });
  });
}

/** The task the actor may add attachments to or remove them from: visible (404), their side (403), still open (409). */
export async function attachableTask(p: Platform, actor: Actor, id: string): Promise<TaskRow> {
  const row = await taskVisible(p.db, actor, id);
  if (!row) throw notFound('任务');
  const co = (await coOwnerIdsOf(p.db, row.tenant_id, [row.id])).get(row.id) ?? [];
  const who = attachRefusal(sidesOf(actor, row, co));
  if (who) throw forbidden(who);
  if (row.status === 'closed') throw conflict('TASK_STATE', '任务已销号，不能再修改附件');
  return row;
}

/** Removes an attachment of an open task: its uploader or the issuer side. */
export async function removeAttachment(p: Platform, ctx: AuditContext, actor: Actor, id: string, fileId: string): Promise<void> {
  const row = await attachableTask(p, actor, id);
  await p.audit.tx(ctx, async (trx) => {
    const f = await loadFile(trx, row.tenant_id, TASK_FILE_OWNER, row.id, fileId);
    if (!f) throw notFound('附件');
    const co = (await coOwnerIdsOf(trx, row.tenant_id, [row.id])).get(row.id) ?? [];
    const who = detachRefusal(actor, sidesOf(actor, row, co), f.meta.createdBy);
    if (who) throw forbidden(who);
    const removed = await removeFile(trx, row.tenant_id, TASK_FILE_OWNER, row.id, fileId, p.clock.now().toISOString());
    await p.audit.record(trx, ctx, { action: 'task.detach', entity: 'task', entityId: row.id, before: { fileId: removed?.id, name: removed?.name } });
  });
}

/** One attachment of a task the actor can see (404 for either). */
export async function taskAttachment(p: Platform, actor: Actor, id: string, fileId: string) {
  const row = await taskVisible(p.db, actor, id);
  if (!row) throw notFound('任务');
  const f = await loadFile(p.db, row.tenant_id, TASK_FILE_OWNER, row.id, fileId);
  if (!f) throw notFound('附件');
  return f;
}

/** Who may be made owner or co-owner for an organisation: accounts holding a 督办 permission over it. */
export async function assigneesOf(p: Platform, actor: Actor, orgId: string): Promise<PermissionHolder[]> {
  const org = (await tenantTree(p.db, actor.tenantId, actor.treeVersion)).find((o) => o.id === orgId);
  if (!org) throw notFound('组织');
  return taskDutyHolders(p.db, actor.tenantId, org.path);
}
