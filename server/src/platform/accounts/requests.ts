// 三员分立's two-person acts on accounts (docs/DOMAIN.md): the 系统管理员 proposes, an account of a different 三员
// class approves. A password reset is dual control with split knowledge: the proposer sees part A of the temporary
// password, the approver part B, the user gets one half from each, so no single 三员 account can learn a password
// and sign in as a 党委管理员. Disabling or enabling another 三员 account is approved the same way, so no 三员 account
// can silence another alone. Neither half is ever in an answer twice, in a log or in the audit trail.
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { requestView } from './schema.js';
import type { Actor } from '../access/actor.js';
import { SEPARATION_NAMES, type Separation } from '../access/roles.js';
import type { AuditContext } from '../audit/service.js';
import { passwordProblem, SECURITY_POLICY } from '../auth/policy.js';
import { revokeUserSessions } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { hashPassword } from '../crypto/password.js';
import { conflict, forbidden, notFound } from '../errors.js';
import type { TodoContext, TodoItem } from '../notify/todos.js';
import { newId } from '../../db/ids.js';
import { accountClass } from './service.js';
import type { AccountRequestTable, DbOrTx } from '../../db/types.js';

export type RequestKind = AccountRequestTable['kind'];
export type RequestStatus = AccountRequestTable['status'];

export const REQUEST_KIND_NAMES: Record<RequestKind, string> = {
  'password.reset': '重置密码',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'grant.revoke': '收回三员角色',
};

/** Who proposes each kind: account acts are the 系统管理员's (user.manage), role acts the 安全保密员's (grant.manage). */
const PROPOSER_CLASS: Record<RequestKind, Separation> = {
  'password.reset': 'sysadmin',
  'account.disable': 'sysadmin',
  'account.enable': 'sysadmin',
  'grant.revoke': 'secadmin',
};

/** How long a request waits for its approver before it lapses. */
export const REQUEST_TTL_HOURS = 24;

export const actorClass = (actor: Actor): Separation | null => actor.grants.find((g) => g.separation)?.separation ?? null;

/**
 * Who approves an act on an account: the first class, in the order 安全保密员, 安全审计员, 系统管理员, that is neither
 * the proposer's nor the account's. The 系统管理员's resets go to the 安全保密员 (to the 安全审计员 when the account is a
 * 安全保密员); the 安全保密员's revoking of the 安全审计员's role goes to the 系统管理员.
 */
export function approverClassFor(kind: RequestKind, target: Separation | null): Separation {
  const proposer = PROPOSER_CLASS[kind];
  return (['secadmin', 'auditor', 'sysadmin'] as const).find((c) => c !== proposer && c !== target)!;
}

// Letters and digits people read out without confusion (no 0/O, 1/l/I).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS;

/** One half of a temporary password: upper, lower and digits, so the two halves together meet the class rule. */
function passwordPart(length: number): string {
  for (;;) {
    const part = Array.from({ length }, () => ALL[randomInt(ALL.length)]).join('');
    if (/[A-Z]/.test(part) && /[a-z]/.test(part) && /[0-9]/.test(part)) return part;
  }
}

const partLength = (minLength: number) => Math.max(6, Math.ceil(minLength / 2));

/** A request as its page shows it: the route contract's type (schema.ts), so the two cannot drift. */
export type RequestView = z.infer<typeof requestView>;

type RequestRow = AccountRequestTable;

/** A pending request past its time counts as expired whether or not the row says so yet. */
const effectiveStatus = (r: Pick<RequestRow, 'status' | 'expires_at'>, now: Date): RequestStatus =>
  r.status === 'pending' && new Date(r.expires_at) <= now ? 'expired' : r.status;

/** Why this actor may not decide this request, or null when they may. */
function decideProblem(actor: Actor, r: RequestRow, verb = '处理'): string | null {
  if (r.proposed_by === actor.userId) return `不能${verb}自己提出的申请`;
  if (r.target_user_id === actor.userId) return '不能处理针对自己账号的申请';
  if (actorClass(actor) !== r.approver_class) return `此申请须由${SEPARATION_NAMES[r.approver_class]}处理`;
  return null;
}

function selectViews(db: DbOrTx, tenantId: string) {
  return db.selectFrom('account_requests as q')
    .innerJoin('users as t', (j) => j.onRef('t.tenant_id', '=', 'q.tenant_id').onRef('t.id', '=', 'q.target_user_id'))
    .innerJoin('users as pb', (j) => j.onRef('pb.tenant_id', '=', 'q.tenant_id').onRef('pb.id', '=', 'q.proposed_by'))
    .leftJoin('users as db', (j) => j.onRef('db.tenant_id', '=', 'q.tenant_id').onRef('db.id', '=', 'q.decided_by'))
    .selectAll('q')
    .select(['t.username as target_username', 't.display_name as target_display_name', 'pb.display_name as proposer_name', 'db.display_name as decider_name'])
    .where('q.tenant_id', '=', tenantId);
}

type ViewRow = RequestRow & { target_username: string; target_display_name: string; proposer_name: string; decider_name: string | null };

function toView(actor: Actor, r: ViewRow, now: Date): RequestView {
  const status = effectiveStatus(r, now);
  return {
    id: r.id, kind: r.kind, kindName: REQUEST_KIND_NAMES[r.kind], targetUserId: r.target_user_id, targetUsername: r.target_username,
    targetDisplayName: r.target_display_name, approverClass: r.approver_class, approverClassName: SEPARATION_NAMES[r.approver_class], status,
    proposedByName: r.proposer_name, proposedAt: r.proposed_at, expiresAt: r.expires_at, decidedByName: r.decider_name, decidedAt: r.decided_at,
    canDecide: status === 'pending' && decideProblem(actor, r) === null,
    canCancel: status === 'pending' && r.proposed_by === actor.userId,
  };
}

/**
 * Requests a 三员 account sees: the 系统管理员 every request of the tenant, the other two those their class
 * decides. Pending ones first, then the latest decisions.
 */
export async function listRequests(p: Platform, actor: Actor, only: 'pending' | 'all'): Promise<RequestView[]> {
  const cls = actorClass(actor);
  if (!cls) throw forbidden('只有三员账号可以查看账号申请');
  const now = p.clock.now();
  let q = selectViews(p.db, actor.tenantId);
  if (cls !== 'sysadmin') q = q.where((eb) => eb.or([eb('q.approver_class', '=', cls), eb('q.proposed_by', '=', actor.userId)]));
  if (only === 'pending') q = q.where('q.status', '=', 'pending').where('q.expires_at', '>', now.toISOString());
  const rows = await q.orderBy('q.proposed_at', 'desc').orderBy('q.id', 'desc').limit(100).execute();
  const views = rows.map((r) => toView(actor, r, now));
  return [...views.filter((v) => v.status === 'pending'), ...views.filter((v) => v.status !== 'pending')];
}

async function viewOf(p: Platform, actor: Actor, id: string): Promise<RequestView> {
  const row = await selectViews(p.db, actor.tenantId).where('q.id', '=', id).executeTakeFirstOrThrow();
  return toView(actor, row, p.clock.now());
}

async function targetOf(p: Platform, actor: Actor, userId: string) {
  const u = await p.db.selectFrom('users').select(['tenant_id', 'id', 'username', 'display_name', 'disabled']).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).executeTakeFirst();
  if (!u) throw notFound('用户');
  return u;
}

async function propose(p: Platform, ctx: AuditContext, actor: Actor, target: { id: string; username: string }, kind: RequestKind, extra: { partA?: string; grantId?: string }): Promise<string> {
  const partA = extra.partA ?? null;
  const now = p.clock.now();
  const approverClass = approverClassFor(kind, await accountClass(p.db, actor.tenantId, target.id));
  const id = newId(now.getTime());
  const expiresAt = new Date(now.getTime() + REQUEST_TTL_HOURS * 3600_000).toISOString();
  await p.audit.tx(ctx, async (trx) => {
    // A lapsed request no longer holds the one open slot per account and kind.
    await trx.updateTable('account_requests').set({ status: 'expired', part_a: null })
      .where('tenant_id', '=', actor.tenantId).where('target_user_id', '=', target.id).where('kind', '=', kind)
      .where('status', '=', 'pending').where('expires_at', '<=', now.toISOString()).execute();
    const open = await trx.selectFrom('account_requests').select('id').where('tenant_id', '=', actor.tenantId)
      .where('target_user_id', '=', target.id).where('kind', '=', kind).where('status', '=', 'pending').executeTakeFirst();
    if (open) throw conflict('REQUEST_PENDING', `该账号已有待批准的“${REQUEST_KIND_NAMES[kind]}”申请，请等待处理或撤销后再申请`);
    await trx.insertInto('account_requests').values({
      tenant_id: actor.tenantId, id, kind, target_user_id: target.id, grant_id: extra.grantId ?? null, approver_class: approverClass, status: 'pending',
      part_a: partA === null ? null : p.fieldCrypto.encrypt(partA), proposed_by: actor.userId, proposed_at: now.toISOString(),
      expires_at: expiresAt, decided_by: null, decided_at: null,
    }).execute();
    await p.audit.record(trx, ctx, {
      action: 'account.request.create', entity: 'accountRequest', entityId: id,
      after: { kind, user: target.username, userId: target.id, ...(extra.grantId ? { grantId: extra.grantId } : {}), approverClass, expiresAt },
    });
  });
  return id;
}

/** The 系统管理员 proposes a reset of another account's password; part A is shown to them once, here. */
export async function proposeReset(p: Platform, ctx: AuditContext, actor: Actor, userId: string): Promise<{ request: RequestView; partA: string }> {
  const target = await targetOf(p, actor, userId);
  if (target.id === actor.userId) throw conflict('SELF_RESET', '不能重置自己的密码，请在“修改密码”中修改');
  const policy = await p.settings.get(actor.tenantId, SECURITY_POLICY);
  const partA = passwordPart(partLength(policy.passwordMinLength));
  const id = await propose(p, ctx, actor, target, 'password.reset', { partA });
  return { request: await viewOf(p, actor, id), partA };
}

/** The 系统管理员 proposes disabling or enabling another 三员 account (an ordinary account needs no approval). */
export async function proposeStatus(p: Platform, ctx: AuditContext, actor: Actor, userId: string, disabled: boolean): Promise<RequestView> {
  const target = await targetOf(p, actor, userId);
  if (target.id === actor.userId) throw conflict('SELF_DISABLE', '不能停用或启用自己的账号');
  if ((target.disabled === 1) === disabled) throw conflict('NO_CHANGE', disabled ? '该账号已停用' : '该账号未停用');
  const id = await propose(p, ctx, actor, target, disabled ? 'account.disable' : 'account.enable', {});
  return viewOf(p, actor, id);
}

/** A live grant of a 三员 role to another account in the actor's tenant, or undefined. */
export function separationGrant(db: DbOrTx, tenantId: string, grantId: string) {
  return db.selectFrom('grants as g')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .select(['g.id', 'g.user_id', 'u.username', 'r.code as role_code', 'r.separation'])
    .where('g.tenant_id', '=', tenantId).where('g.id', '=', grantId).where('g.revoked_at', 'is', null).where('r.separation', 'is not', null)
    .executeTakeFirst();
}

/** The 安全保密员 proposes taking a 三员 role from another account (alone it would silence, e.g., the 安全审计员). */
export async function proposeGrantRevoke(p: Platform, ctx: AuditContext, actor: Actor, grantId: string): Promise<RequestView> {
  const g = await separationGrant(p.db, actor.tenantId, grantId);
  if (!g) throw notFound('三员授权');
  if (g.user_id === actor.userId) throw conflict('SELF_REVOKE', '不能收回本人的授权');
  const id = await propose(p, ctx, actor, { id: g.user_id, username: g.username }, 'grant.revoke', { grantId: g.id });
  return viewOf(p, actor, id);
}

/** Whether disabling or enabling this account needs a second 三员 (it is another 三员 account). */
export async function statusNeedsApproval(db: DbOrTx, tenantId: string, userId: string): Promise<boolean> {
  return (await accountClass(db, tenantId, userId)) !== null;
}

async function findRequest(p: Platform, actor: Actor, id: string): Promise<RequestRow> {
  const cls = actorClass(actor);
  if (!cls) throw forbidden('只有三员账号可以处理账号申请');
  const r = await p.db.selectFrom('account_requests').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  // Another class's request the viewer cannot list stays as hidden as one that does not exist.
  if (!r || (cls !== 'sysadmin' && cls !== r.approver_class && r.target_user_id !== actor.userId && r.proposed_by !== actor.userId)) throw notFound('申请');
  return r;
}

function assertPending(r: RequestRow, now: Date): void {
  const status = effectiveStatus(r, now);
  if (status === 'expired') throw conflict('REQUEST_EXPIRED', '申请已过期（超过 24 小时未处理），请重新申请');
  if (status !== 'pending') throw conflict('REQUEST_DECIDED', '该申请已处理，不能再次处理');
}

/**
 * Closes a pending request at most once: two approvers at the same moment, or an approval racing a
 * cancellation, leave one winner and a 409 for the other.
 */
async function close(trx: DbOrTx, r: RequestRow, status: RequestStatus, actor: Actor, now: Date): Promise<void> {
  const done = await trx.updateTable('account_requests').set({ status, part_a: null, decided_by: actor.userId, decided_at: now.toISOString() })
    .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).where('status', '=', 'pending').where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw conflict('REQUEST_DECIDED', '该申请已处理，不能再次处理');
}

/** An approver of the right class approves; a reset's part B is returned once, for the approver only. */
export async function approveRequest(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<{ partB: string | null }> {
  const r = await findRequest(p, actor, id);
  const problem = decideProblem(actor, r, '批准');
  if (problem) throw forbidden(problem);
  assertPending(r, p.clock.now());
  const target = await p.db.selectFrom('users').selectAll().where('tenant_id', '=', r.tenant_id).where('id', '=', r.target_user_id).executeTakeFirstOrThrow();
  // The account may have changed class since the proposal (e.g. became a 安全保密员): the approver must still differ.
  if (approverClassFor(r.kind, await accountClass(p.db, r.tenant_id, target.id)) !== r.approver_class) {
    throw conflict('REQUEST_STALE', '该账号的角色已变化，请撤销此申请后重新申请');
  }
  let partB: string | null = null;
  let hash: string | null = null;
  if (r.kind === 'password.reset') {
    // Hashed before the transaction: scrypt would otherwise hold SQLite's write lock.
    const partA = p.fieldCrypto.decrypt(r.part_a ?? '');
    const policy = await p.settings.get(r.tenant_id, SECURITY_POLICY);
    // A random pair meets the rule almost always; the bound keeps a part A that holds the username from looping.
    for (let i = 0; i < 20 && (partB === null || passwordProblem(partA + partB, policy.passwordMinLength, target.username)); i++) {
      partB = passwordPart(partLength(policy.passwordMinLength));
    }
    if (partB === null || passwordProblem(partA + partB, policy.passwordMinLength, target.username)) {
      throw conflict('PART_UNUSABLE', '这次生成的临时密码不符合密码规则，请拒绝此申请，由系统管理员重新申请');
    }
    hash = await hashPassword(partA + partB);
  }
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await close(trx, r, 'approved', actor, now);
    await p.audit.record(trx, ctx, { action: 'account.request.approve', entity: 'accountRequest', entityId: r.id, after: { kind: r.kind, user: target.username, userId: target.id } });
    const at = now.toISOString();
    const base = trx.updateTable('users').where('tenant_id', '=', r.tenant_id).where('id', '=', target.id);
    if (r.kind === 'password.reset') {
      await base.set({ password_hash: hash!, must_change_password: 1, failed_logins: 0, locked_until: null, updated_at: at }).execute();
      await revokeUserSessions(trx, r.tenant_id, target.id, now);
      await p.audit.record(trx, ctx, { action: 'user.password.reset', entity: 'user', entityId: target.id, after: { mustChangePassword: true, requestId: r.id } });
    } else if (r.kind === 'grant.revoke') {
      const revoked = await trx.updateTable('grants').set({ revoked_at: at, revoked_by: actor.userId })
        .where('tenant_id', '=', r.tenant_id).where('id', '=', r.grant_id!).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(revoked.numUpdatedRows) !== 1) throw conflict('GRANT_GONE', '该授权已被收回');
      await p.audit.record(trx, ctx, { action: 'grant.revoke', entity: 'grant', entityId: r.grant_id!, before: { user: target.username, requestId: r.id } });
    } else {
      const disabled = r.kind === 'account.disable';
      await base.set({ disabled: disabled ? 1 : 0, updated_at: at }).execute();
      if (disabled) await revokeUserSessions(trx, r.tenant_id, target.id, now);
      await p.audit.record(trx, ctx, { action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: target.id, before: { disabled: target.disabled === 1 }, after: { disabled, requestId: r.id } });
    }
  });
  return { partB };
}

/** The approver refuses: nothing changes on the account and part A is destroyed. */
export async function refuseRequest(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const r = await findRequest(p, actor, id);
  const problem = decideProblem(actor, r);
  if (problem) throw forbidden(problem);
  assertPending(r, p.clock.now());
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await close(trx, r, 'refused', actor, now);
    await p.audit.record(trx, ctx, { action: 'account.request.refuse', entity: 'accountRequest', entityId: r.id, after: { kind: r.kind, userId: r.target_user_id } });
  });
}

/** The proposer withdraws their own pending request. */
export async function cancelRequest(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const r = await findRequest(p, actor, id);
  if (r.proposed_by !== actor.userId) throw forbidden('只有提出申请的人可以撤销');
  assertPending(r, p.clock.now());
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await close(trx, r, 'cancelled', actor, now);
    await p.audit.record(trx, ctx, { action: 'account.request.cancel', entity: 'accountRequest', entityId: r.id, after: { kind: r.kind, userId: r.target_user_id } });
  });
}

/** 三员 待办: the pending requests their class decides, other than their own account's and their own proposals. */
export async function approvalTodos(ctx: TodoContext, at: Date): Promise<TodoItem[]> {
  const cls = actorClass(ctx.actor);
  if (!cls) return [];
  const now = at.toISOString();
  const rows = await selectViews(ctx.db, ctx.actor.tenantId).where('q.approver_class', '=', cls).where('q.status', '=', 'pending')
    .where('q.expires_at', '>', now).where('q.target_user_id', '!=', ctx.actor.userId).where('q.proposed_by', '!=', ctx.actor.userId)
    .orderBy('q.proposed_at').execute();
  return rows.map((r) => ({
    kind: 'account.approve', entityId: r.id, link: cls === 'sysadmin' ? '/admin/users' : '/admin/approvals',
    title: `${REQUEST_KIND_NAMES[r.kind]}：${r.target_display_name}（${r.target_username}），${r.proposer_name}申请`,
  }));
}

/** The accounts room's 待办 source, added once per platform. */
export function registerAccountServices(p: Platform): void {
  p.todos.register({ kind: 'account.approve', name: '待批准的账号申请', list: (ctx) => approvalTodos(ctx, p.clock.now()) });
}
