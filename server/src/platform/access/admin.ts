// The 安全保密员's administration of roles and grants: custom roles (never with 三员 permissions), grants of a role
// over an organisation subtree (三员分立 enforced by grants.ts), and the lookups the grant form needs. Every
// change is audited in its own transaction; everything is limited to the tenants where the actor holds the right.
import { sql } from 'kysely';
import type { Actor } from './actor.js';
import { can, scopeFilter, scopePaths } from './can.js';
import { assertSeparation, insertGrant } from './grants.js';
import type { Platform } from '../context.js';
import type { AuditContext } from '../audit/service.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../../db/ids.js';
import { likeLiteral } from '../../db/dialect.js';
import type { RoleTable } from '../../db/types.js';

type AdminPermission = 'role.read' | 'grant.manage';

const tenantsOf = (actor: Actor, perm: AdminPermission) => [...new Set(scopePaths(actor, perm).map((s) => s.tenantId))];

export interface RoleOut { id: string; code: string; name: string; description: string; builtin: boolean; separation: RoleTable['separation']; permissions: string[] }

export const roleOut = (r: Pick<RoleTable, 'id' | 'code' | 'name' | 'description' | 'builtin' | 'separation' | 'permissions'>): RoleOut => ({
  id: r.id, code: r.code, name: r.name, description: r.description, builtin: r.builtin === 1, separation: r.separation, permissions: JSON.parse(r.permissions) as string[],
});

async function findRole(p: Platform, actor: Actor, id: string, perm: AdminPermission): Promise<RoleTable> {
  const r = await p.db.selectFrom('roles').selectAll().where('tenant_id', 'in', tenantsOf(actor, perm)).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) throw notFound('角色');
  return r;
}

export async function listRoles(p: Platform, actor: Actor): Promise<RoleOut[]> {
  const rows = await p.db.selectFrom('roles').selectAll().where('tenant_id', 'in', tenantsOf(actor, 'role.read')).where('deleted_at', 'is', null)
    .orderBy('builtin', 'desc').orderBy('created_at').execute();
  return rows.map(roleOut);
}

export async function createRole(p: Platform, ctx: AuditContext, actor: Actor, input: { code: string; name: string; description: string; permissions: string[] }): Promise<RoleOut> {
  const now = p.clock.now();
  const exists = await p.db.selectFrom('roles').select('id').where('tenant_id', '=', actor.tenantId).where('code', '=', input.code).executeTakeFirst();
  if (exists) throw conflict('ROLE_CODE_TAKEN', `角色代码“${input.code}”已存在`, { code: `角色代码“${input.code}”已存在` });
  const id = newId(now.getTime());
  const row: RoleTable = {
    tenant_id: actor.tenantId, id, code: input.code, name: input.name, description: input.description, builtin: 0,
    separation: null, permissions: JSON.stringify(input.permissions), created_at: now.toISOString(), updated_at: now.toISOString(), deleted_at: null,
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('roles').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'role.create', entity: 'role', entityId: id, after: roleOut(row) });
  });
  return roleOut(row);
}

export async function updateRole(p: Platform, ctx: AuditContext, actor: Actor, id: string, patch: { name?: string | undefined; description?: string | undefined; permissions?: string[] | undefined }): Promise<RoleOut> {
  const r = await findRole(p, actor, id, 'grant.manage');
  if (r.builtin) throw conflict('BUILTIN_ROLE', '内置角色不能修改');
  const next: RoleTable = {
    ...r,
    name: patch.name ?? r.name,
    description: patch.description ?? r.description,
    permissions: patch.permissions ? JSON.stringify(patch.permissions) : r.permissions,
    updated_at: p.clock.now().toISOString(),
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('roles').set({ name: next.name, description: next.description, permissions: next.permissions, updated_at: next.updated_at })
      .where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
    await p.audit.record(trx, ctx, { action: 'role.update', entity: 'role', entityId: r.id, before: roleOut(r), after: roleOut(next) });
  });
  return roleOut(next);
}

export async function deleteRole(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const r = await findRole(p, actor, id, 'grant.manage');
  if (r.builtin) throw conflict('BUILTIN_ROLE', '内置角色不能删除');
  const used = await p.db.selectFrom('grants').select('id').where('tenant_id', '=', r.tenant_id).where('role_id', '=', r.id).where('revoked_at', 'is', null).executeTakeFirst();
  if (used) throw conflict('ROLE_IN_USE', '该角色仍授予给用户，请先收回授权');
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('roles').set({ deleted_at: now, updated_at: now }).where('tenant_id', '=', r.tenant_id).where('id', '=', r.id).execute();
    await p.audit.record(trx, ctx, { action: 'role.delete', entity: 'role', entityId: r.id, before: roleOut(r) });
  });
}

/** Organisations the actor may grant over (the picker), in path order. */
export async function grantableOrgs(p: Platform, actor: Actor) {
  const rows = await p.db.selectFrom('organisations').select(['id', 'parent_id', 'name', 'kind', 'code', 'path'])
    .where('deleted_at', 'is', null)
    .where(scopeFilter(actor, 'grant.manage', { tenant: sql.ref('tenant_id'), path: sql.ref('path') }))
    .orderBy('path').execute();
  return rows.map((o) => ({ id: o.id, parentId: o.parent_id, name: o.name, kind: o.kind, code: o.code, path: o.path }));
}

/**
 * The 安全保密员 must find the user to grant to, but may not administer accounts (that is user.manage): this lookup
 * shows only what a grant needs — id, username, name — of enabled accounts, at most 20.
 */
export function grantees(p: Platform, actor: Actor, keyword: string | undefined) {
  let q = p.db.selectFrom('users').select(['id', 'username', 'display_name as displayName'])
    .where('tenant_id', 'in', tenantsOf(actor, 'grant.manage')).where('disabled', '=', 0);
  if (keyword) {
    q = q.where((eb) => eb.or([likeLiteral(sql<string>`lower(${sql.ref('username')})`, keyword.toLowerCase(), 'anywhere'), likeLiteral(sql.ref<string>('display_name'), keyword, 'anywhere')]));
  }
  return q.orderBy('username').limit(20).execute();
}

/** A page of live grants over organisations within the actor's grant.manage scope, with the user, role, organisation and granter. */
export async function listGrants(p: Platform, actor: Actor, f: { userId?: string | undefined; roleId?: string | undefined; orgId?: string | undefined; limit: number; offset: number }) {
  let base = p.db.selectFrom('grants as g')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .leftJoin('users as c', (j) => j.onRef('c.tenant_id', '=', 'g.tenant_id').onRef('c.id', '=', 'g.created_by'))
    .where('g.revoked_at', 'is', null)
    // A grant over an organisation outside the actor's subtree is not theirs to see (nor to revoke: revokeGrant).
    .where(scopeFilter(actor, 'grant.manage', { tenant: sql.ref('g.tenant_id'), path: sql.ref('o.path') }));
  if (f.userId) base = base.where('g.user_id', '=', f.userId);
  if (f.roleId) base = base.where('g.role_id', '=', f.roleId);
  if (f.orgId) base = base.where('g.org_id', '=', f.orgId);
  const [rows, count] = await Promise.all([
    base.select(['g.id', 'g.user_id as userId', 'u.username', 'u.display_name as displayName', 'r.id as roleId', 'r.code as roleCode', 'r.name as roleName',
      'o.id as orgId', 'o.name as orgName', 'g.created_at as createdAt', 'c.display_name as createdByName'])
      .orderBy('u.username').orderBy('o.path').limit(f.limit).offset(f.offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Grants a role over an organisation subtree; nobody grants to themselves, twice, or across 三员分立. */
export async function createGrant(p: Platform, ctx: AuditContext, actor: Actor, input: { userId: string; roleId: string; orgId: string }): Promise<string> {
  const org = await p.db.selectFrom('organisations').select(['tenant_id', 'id', 'path', 'name']).where('id', '=', input.orgId).where('deleted_at', 'is', null)
    .where('tenant_id', 'in', tenantsOf(actor, 'grant.manage')).executeTakeFirst();
  if (!org || !can(actor, 'grant.manage', { tenantId: org.tenant_id, orgPath: org.path })) throw notFound('组织');
  const user = await p.db.selectFrom('users').select(['id', 'username', 'display_name']).where('tenant_id', '=', org.tenant_id).where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw notFound('用户');
  const role = await p.db.selectFrom('roles').selectAll().where('tenant_id', '=', org.tenant_id).where('id', '=', input.roleId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!role) throw notFound('角色');
  if (user.id === actor.userId) throw badRequest('不能给自己授权');
  const now = p.clock.now();
  return p.audit.tx(ctx, async (trx) => {
    const dup = await trx.selectFrom('grants').select('id').where('tenant_id', '=', org.tenant_id).where('user_id', '=', user.id)
      .where('role_id', '=', role.id).where('org_id', '=', org.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (dup) throw conflict('GRANT_EXISTS', '该用户已在此范围拥有此角色');
    await assertSeparation(trx, org.tenant_id, user.id, role);
    const grantId = await insertGrant(trx, { tenantId: org.tenant_id, userId: user.id, roleId: role.id, orgId: org.id, createdBy: actor.userId, now });
    await p.audit.record(trx, ctx, {
      action: 'grant.create', entity: 'grant', entityId: grantId,
      after: { user: user.username, role: role.code, roleName: role.name, org: org.name, orgId: org.id },
    });
    return grantId;
  });
}

/** Revokes a grant the actor may manage; nobody revokes their own. */
export async function revokeGrant(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const g = await p.db.selectFrom('grants as g')
    .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id'))
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'))
    .select(['g.tenant_id', 'g.id', 'g.user_id', 'o.path', 'o.name as orgName', 'r.code as roleCode', 'r.separation', 'u.username'])
    .where('g.id', '=', id).where('g.revoked_at', 'is', null).where('g.tenant_id', 'in', tenantsOf(actor, 'grant.manage')).executeTakeFirst();
  if (!g || !can(actor, 'grant.manage', { tenantId: g.tenant_id, orgPath: g.path })) throw notFound('授权');
  if (g.user_id === actor.userId) throw badRequest('不能收回本人的授权');
  // Taking a 三员 role away alone would silence that account (e.g. the 安全审计员): a third 三员 approves it.
  if (g.separation) throw conflict('APPROVAL_REQUIRED', '收回三员角色须经另一名三员批准，请使用“申请收回”');
  const now = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    await trx.updateTable('grants').set({ revoked_at: now, revoked_by: actor.userId }).where('tenant_id', '=', g.tenant_id).where('id', '=', g.id).execute();
    await p.audit.record(trx, ctx, { action: 'grant.revoke', entity: 'grant', entityId: g.id, before: { user: g.username, role: g.roleCode, org: g.orgName } });
  });
}
