// The 大屏 links: issued by a manager for an organisation in their scope (the token shown once, only its hash kept),
// listed with their state, revoked for good. Every change is audited without the token.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { newId } from '../../db/ids.js';
import { orgsInScope, type OrganisationTable } from '../org/index.js';
import { managesLinksOf } from './policy.js';
import type { LinkView } from './schema.js';
import type { DisplayLinkTable } from './tables.js';

/** 32 random bytes, base64url: 43 characters. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const screenPath = (token: string): string => `/display/${token}`;

export function linkStatus(x: Pick<DisplayLinkTable, 'revoked_at' | 'expires_on'>, today: string): LinkView['status'] {
  if (x.revoked_at) return 'revoked';
  return x.expires_on !== null && x.expires_on < today ? 'expired' : 'active';
}

/** The organisations the actor manages links for, by id. */
async function managedOrgs(p: Platform, actor: Actor): Promise<Map<string, OrganisationTable>> {
  const orgs = await orgsInScope(p.db, actor, 'display.manage');
  return new Map(orgs.filter((o) => o.tenant_id === actor.tenantId && !o.deleted_at).map((o) => [o.id, o]));
}

async function views(p: Platform, tenantId: string, rows: DisplayLinkTable[], orgs: Map<string, OrganisationTable>): Promise<LinkView[]> {
  const today = todayIn(p.clock);
  const names = await userDisplayNames(p.db, tenantId, [...new Set(rows.flatMap((r) => [r.created_by, r.revoked_by]).filter((x): x is string => x !== null))]);
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, orgName: orgs.get(r.org_id)?.name ?? '', place: r.place, status: linkStatus(r, today), expiresOn: r.expires_on,
    createdByName: r.created_by ? names.get(r.created_by) ?? null : null, createdAt: r.created_at,
    revokedByName: r.revoked_by ? names.get(r.revoked_by) ?? null : null, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at,
  }));
}

/** The links of the organisations in the actor's scope, newest first, and the organisations they may issue for. */
export async function listLinks(p: Platform, actor: Actor): Promise<{ items: LinkView[]; orgs: { id: string; name: string }[] }> {
  const orgs = await managedOrgs(p, actor);
  // Only the links of organisations in scope are read (the scope in SQL, not after fetching).
  const rows = orgs.size === 0 ? [] : await p.db.selectFrom('display_links').selectAll().where('tenant_id', '=', actor.tenantId)
    .where('org_id', 'in', [...orgs.keys()]).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const sorted = [...orgs.values()].sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  return { items: await views(p, actor.tenantId, rows, orgs), orgs: sorted.map((o) => ({ id: o.id, name: o.name })) };
}

export async function issueLink(p: Platform, actor: Actor, ctx: AuditContext, body: { orgId: string; place: string; expiresOn?: string | undefined }): Promise<{ link: LinkView; path: string }> {
  const orgs = await managedOrgs(p, actor);
  const org = orgs.get(body.orgId);
  if (!org || !managesLinksOf(actor, org)) throw notFound('组织');
  if (body.expiresOn !== undefined && body.expiresOn < todayIn(p.clock)) throw fieldError('expiresOn', '有效期不能早于今天');
  const token = randomBytes(32).toString('base64url');
  const now = p.clock.now();
  const row: DisplayLinkTable = {
    tenant_id: actor.tenantId, id: newId(now.getTime()), org_id: org.id, place: body.place, token_hash: hashToken(token),
    expires_on: body.expiresOn ?? null, created_by: actor.userId, created_at: now.toISOString(), revoked_by: null, revoked_at: null, last_seen_at: null,
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('display_links').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'display.issue', entity: 'display_link', entityId: row.id, after: { orgId: org.id, orgName: org.name, place: row.place, expiresOn: row.expires_on } });
  });
  const [link] = await views(p, actor.tenantId, [row], orgs);
  return { link: link!, path: screenPath(token) };
}

export async function revokeLink(p: Platform, actor: Actor, ctx: AuditContext, id: string): Promise<LinkView> {
  const orgs = await managedOrgs(p, actor);
  const row = await p.db.selectFrom('display_links').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  const org = row && orgs.get(row.org_id);
  if (!row || !org || !managesLinksOf(actor, org)) throw notFound('大屏链接');
  if (row.revoked_at) throw conflict('DISPLAY_REVOKED', '该链接已停用');
  const at = p.clock.now().toISOString();
  const changed = await p.audit.tx(ctx, async (trx) => {
    // Only a live link is revoked: two managers revoking at once record one revocation.
    const r = await trx.updateTable('display_links').set({ revoked_at: at, revoked_by: actor.userId })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await p.audit.record(trx, ctx, { action: 'display.revoke', entity: 'display_link', entityId: id, before: { place: row.place, orgName: org.name } });
    return true;
  });
  if (!changed) throw conflict('DISPLAY_REVOKED', '该链接已停用');
  const [link] = await views(p, actor.tenantId, [{ ...row, revoked_at: at, revoked_by: actor.userId }], orgs);
  return link!;
}
