// Server-side sessions: the cookie carries "<tenantId>.<secret>"; the table stores SHA-256(secret),
// so sessions can be listed and revoked, and a copy of the database cannot be replayed.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/types.js';
import { HOUR, MINUTE } from '../clock.js';
import type { SecurityPolicy } from './policy.js';

export const SESSION_COOKIE = 'dj_session';
/** last_seen_at is written at most this often: idle expiry is exact to the minute, reads stay reads. */
const TOUCH_EVERY_MS = MINUTE;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createSession(
  trx: DbOrTx,
  a: { tenantId: string; userId: string; ip: string; userAgent: string; now: Date; policy: SecurityPolicy },
): Promise<{ id: string; cookie: string }> {
  const secret = randomBytes(32).toString('base64url');
  const id = hashSecret(secret);
  const at = a.now.toISOString();
  await trx
    .insertInto('sessions')
    .values({
      tenant_id: a.tenantId,
      id,
      user_id: a.userId,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(a.now.getTime() + a.policy.absoluteTimeoutHours * HOUR).toISOString(),
      ip: a.ip,
      user_agent: a.userAgent.slice(0, 300),
      revoked_at: null,
    })
    .execute();
  return { id, cookie: `${a.tenantId}.${secret}` };
}

export function parseCookie(value: string | undefined): { tenantId: string; id: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1) return null;
  return { tenantId: value.slice(0, dot), id: hashSecret(value.slice(dot + 1)) };
}

/** The account behind a live session, read in the same statement as the session. */
export interface SessionUser {
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  /** When the current password was set: its last change, or the account's creation. */
  passwordSetAt: string;
  disabled: boolean;
  tenantName: string;
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'ok'; userId: string; lastSeenAt: string; user: SessionUser; versions: TenantVersions };

/** The tenant's change counters (db/types.ts VersionTable) as they were when the session was read. */
export interface TenantVersions {
  /** Grants and roles. */
  access: number;
  /** Organisations. */
  tree: number;
}

/** Is a session within both the idle and the absolute limit of the policy now in force? */
export function isLive(s: { created_at: string; last_seen_at: string; expires_at: string }, policy: SecurityPolicy, now: Date): boolean {
  // Absolute limit from the policy now in force, not only the one stamped at creation.
  const absoluteEnd = Math.min(new Date(s.expires_at).getTime(), new Date(s.created_at).getTime() + policy.absoluteTimeoutHours * HOUR);
  const idleEnd = new Date(s.last_seen_at).getTime() + policy.idleTimeoutMinutes * MINUTE;
  return now.getTime() < absoluteEnd && now.getTime() < idleEnd;
}

export async function findSession(db: Db, key: { tenantId: string; id: string }, now: Date, policy: SecurityPolicy): Promise<SessionLookup> {
  // One statement for the session, its account and the tenant's change counters: this runs before every API
  // request, and with the counters the actor's grants and the organisation tree come from a cache.
  const s = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .leftJoin('access_versions as av', 'av.tenant_id', 's.tenant_id')
    .leftJoin('org_tree_versions as tv', 'tv.tenant_id', 's.tenant_id')
    .select(['s.user_id', 's.last_seen_at', 's.expires_at', 's.created_at', 's.revoked_at',
      'u.username', 'u.display_name', 'u.must_change_password', 'u.password_changed_at', 'u.created_at as user_created_at', 'u.disabled', 't.name as tenant_name',
      'av.version as access_version', 'tv.version as tree_version'])
    .where('s.tenant_id', '=', key.tenantId)
    .where('s.id', '=', key.id)
    .executeTakeFirst();
  if (!s || s.revoked_at) return { state: s ? 'expired' : 'none' };
  if (!isLive(s, policy, now)) {
    await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('tenant_id', '=', key.tenantId).where('id', '=', key.id).execute();
    return { state: 'expired' };
  }
  return {
    state: 'ok', userId: s.user_id, lastSeenAt: s.last_seen_at,
    user: { username: s.username, displayName: s.display_name, mustChangePassword: s.must_change_password === 1, passwordSetAt: s.password_changed_at ?? s.user_created_at, disabled: s.disabled === 1, tenantName: s.tenant_name },
    versions: { access: Number(s.access_version ?? 0), tree: Number(s.tree_version ?? 0) },
  };
}

export async function touchSession(db: Db, key: { tenantId: string; id: string }, lastSeenAt: string, now: Date): Promise<void> {
  if (now.getTime() - new Date(lastSeenAt).getTime() < TOUCH_EVERY_MS) return;
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('tenant_id', '=', key.tenantId).where('id', '=', key.id).execute();
}

export async function revokeSession(trx: DbOrTx, tenantId: string, id: string, now: Date): Promise<void> {
  await trx.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(trx: DbOrTx, tenantId: string, userId: string, now: Date, exceptId?: string): Promise<void> {
  let q = trx.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
