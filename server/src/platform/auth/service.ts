// Login, logout and password change: the rules of accounts (lockout, forced change, audit of each).
import { sql, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/types.js';
import type { Platform } from '../context.js';
import { AppError, fieldError } from '../errors.js';
import type { AuditContext } from '../audit/service.js';
import { MINUTE } from '../clock.js';
import { Lru, perHandle, WindowCounter } from '../lru.js';
import { decoyHash, hashPassword, verifyPassword } from '../crypto/password.js';
import { PASSWORD_HISTORY_MESSAGE, passwordExpired, passwordProblem, SECURITY_POLICY } from './policy.js';
import { createSession, revokeSession, revokeUserSessions } from './sessions.js';

const INVALID = () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
const lockedError = (until: Date, now: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  return new AppError(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已被锁定，请 ${minutes} 分钟后再试`);
};

/** Too many login attempts from one address: the answer says when to try again (and the route sends Retry-After). */
export class LoginThrottled extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`);
  }
}

export interface LoginResult {
  tenantId: string;
  userId: string;
  sessionId: string;
  cookie: string;
  /** The password is older than the policy allows: the session may only change it. */
  passwordExpired: boolean;
}

/**
 * Login attempts per client address in the current minute, per process (several processes each count their own),
 * at most ADDRESS_CAP addresses: a spray from many addresses pushes out the oldest instead of growing memory.
 */
const ADDRESS_CAP = 20_000;
const attemptsByAddress = perHandle((): WindowCounter => new WindowCounter(MINUTE, ADDRESS_CAP));

/**
 * Counts one attempt from this address against `limit` per minute. Returns null when allowed, or the seconds until
 * the window ends and whether this is the window's first refusal (the one that is audited).
 */
function throttle(p: Platform, address: string, limit: number, now: Date): { retryAfterSeconds: number; firstRefusal: boolean } | null {
  const { count, remainingMs } = attemptsByAddress(p.db).hit(address, now.getTime());
  if (count <= limit) return null;
  return { retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)), firstRefusal: count === limit + 1 };
}

export async function login(p: Platform, ctx: AuditContext, input: { username: string; password: string; userAgent: string }): Promise<LoginResult> {
  const now = p.clock.now();
  const username = input.username.trim();
  const route = await p.db.selectFrom('usernames').selectAll().where('username', '=', username).executeTakeFirst();
  const user = route
    ? await p.db.selectFrom('users').selectAll().where('tenant_id', '=', route.tenant_id).where('id', '=', route.user_id).executeTakeFirst()
    : undefined;

  // The address's allowance is checked before anything else about the attempt (no lockout count, no password
  // check). The limit is the policy of the committee the name belongs to; an unknown name gets the default, as
  // for its lockout. Only the first refusal of a minute is audited, so a flood cannot flood the audit log.
  const policy = user ? await p.settings.get(user.tenant_id, SECURITY_POLICY) : SECURITY_POLICY.defaults;
  const limit = policy.loginAttemptsPerMinute;
  const throttled = throttle(p, ctx.ip ?? '', limit, now);
  if (throttled) {
    if (throttled.firstRefusal) {
      const actx: AuditContext = user ? { ...ctx, tenantId: user.tenant_id, userId: user.id, username: user.username } : ctx;
      await p.audit.recordAlone(actx, { action: 'auth.login.throttled', entity: 'user', entityId: user?.id ?? null, after: { username, limitPerMinute: limit }, status: 429 });
    }
    ctx.audited = true;
    throw new LoginThrottled(throttled.retryAfterSeconds);
  }

  if (!user) {
    // An unknown name is locked like a real one (same count, same 423), so the lockout cannot tell which exist.
    const decoy = unknownNameAttempt(p, username, now);
    if (decoy.lockedUntil && !decoy.justLocked) {
      await p.audit.recordAlone(ctx, { action: 'auth.login.refused', entity: 'user', after: { username, reason: 'unknown user, locked' }, status: 423 });
      throw lockedError(decoy.lockedUntil, now);
    }
    await verifyPassword(input.password, await decoyHash()); // same time as a real check
    await p.audit.recordAlone(ctx, { action: 'auth.login.failed', entity: 'user', after: { username, reason: 'unknown user' }, status: decoy.lockedUntil ? 423 : 401 });
    if (decoy.lockedUntil) throw lockedError(decoy.lockedUntil, now);
    throw INVALID();
  }

  const actx: AuditContext = { ...ctx, tenantId: user.tenant_id, userId: user.id, username: user.username };

  // The attempt is counted BEFORE the slow password check, in one conditional update: concurrent guesses each take
  // one of the allowed failures, and once they are used up the rest are refused without a check. Reading the count,
  // hashing, then writing count + 1 let parallel guesses overwrite each other (about 100 per lockout instead of 5).
  const attempt = await claimAttempt(p, user.tenant_id, user.id, now, policy);
  if (attempt.refused) {
    await p.audit.recordAlone(actx, { action: 'auth.login.refused', entity: 'user', entityId: user.id, after: { reason: 'locked', lockedUntil: attempt.lockedUntil }, status: 423 });
    ctx.audited = true;
    throw lockedError(new Date(attempt.lockedUntil), now);
  }

  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    // The claim already counted this failure and, for the last allowed one, set the lock.
    await p.db.transaction().execute(async (trx) => {
      await p.audit.record(trx, actx, {
        action: attempt.lockedUntil ? 'auth.login.locked' : 'auth.login.failed',
        entity: 'user',
        entityId: user.id,
        before: { failedLogins: attempt.failures - 1 },
        after: { failedLogins: attempt.failures, lockedUntil: attempt.lockedUntil },
        status: attempt.lockedUntil ? 423 : 401,
      });
    });
    ctx.audited = true;
    if (attempt.lockedUntil) throw lockedError(new Date(attempt.lockedUntil), now);
    throw INVALID();
  }

  if (user.disabled) {
    await p.audit.recordAlone(actx, { action: 'auth.login.refused', entity: 'user', entityId: user.id, after: { reason: 'disabled' }, status: 403 });
    ctx.audited = true;
    throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
  }

  // An expired password still logs in (the user must be able to change it), but the session can do nothing else.
  const expired = passwordExpired(user.password_changed_at ?? user.created_at, policy, now);
  const session = await p.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString(), updated_at: now.toISOString() })
      .where('tenant_id', '=', user.tenant_id)
      .where('id', '=', user.id)
      .execute();
    const s = await createSession(trx, { tenantId: user.tenant_id, userId: user.id, ip: ctx.ip ?? '', userAgent: input.userAgent, now, policy });
    await p.audit.record(trx, actx, { action: 'auth.login', entity: 'session', entityId: s.id.slice(0, 16), status: 200, ...(expired ? { after: { passwordExpired: true } } : {}) });
    return s;
  });
  ctx.audited = true;
  return { tenantId: user.tenant_id, userId: user.id, sessionId: session.id, cookie: session.cookie, passwordExpired: expired };
}

/** Failed logins per unknown name, per process: the default policy's allowance and lock (no tenant is known). */
const unknownNames = perHandle((): Lru<string, { failures: number; lockedUntil: Date | null }> => new Lru(10_000));

function unknownNameAttempt(p: Platform, username: string, now: Date): { lockedUntil: Date | null; justLocked: boolean } {
  const names = unknownNames(p);
  const { maxFailedLogins, lockoutMinutes } = SECURITY_POLICY.defaults;
  let entry = names.get(username);
  if (entry?.lockedUntil && entry.lockedUntil <= now) entry = undefined;
  if (entry?.lockedUntil) return { lockedUntil: entry.lockedUntil, justLocked: false };
  const failures = (entry?.failures ?? 0) + 1;
  const lockedUntil = failures >= maxFailedLogins ? new Date(now.getTime() + lockoutMinutes * MINUTE) : null;
  names.set(username, { failures: lockedUntil ? 0 : failures, lockedUntil });
  return { lockedUntil, justLocked: lockedUntil !== null };
}

type Attempt = { refused: true; lockedUntil: string } | { refused: false; failures: number; lockedUntil: string | null };

/**
 * Takes one attempt from the account's allowance in a single statement: refused while a lock runs; after a lock
 * has run out the count starts again. The attempt that uses the last failure
 * sets the lock at once, so it holds against guesses still in flight (a right password then clears it).
 */
async function claimAttempt(p: Platform, tenantId: string, userId: string, now: Date, policy: { maxFailedLogins: number; lockoutMinutes: number }): Promise<Attempt> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + policy.lockoutMinutes * MINUTE).toISOString();
  const lockOver = sql<SqlBool>`(locked_until is not null and locked_until <= ${at})`;
  const next = sql<number>`case when ${lockOver} then 1 else failed_logins + 1 end`;
  const row = await p.db.updateTable('users')
    .set({
      failed_logins: next,
      locked_until: sql<string | null>`case when ${next} >= ${policy.maxFailedLogins} then ${until} when ${lockOver} then null else locked_until end`,
      updated_at: at,
    })
    .where('tenant_id', '=', tenantId).where('id', '=', userId)
    // A count already at or over the allowance (the policy was lowered since) locks on this attempt rather than
    // refusing it without a lock, which no time would ever clear.
    .where(sql<SqlBool>`(${lockOver} or locked_until is null)`)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (row) return { refused: false, failures: row.failed_logins, lockedUntil: row.failed_logins >= policy.maxFailedLogins ? row.locked_until : null };
  const cur = await p.db.selectFrom('users').select(['locked_until']).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirstOrThrow();
  return { refused: true, lockedUntil: cur.locked_until ?? until };
}

export async function logout(p: Platform, ctx: AuditContext, tenantId: string, sessionId: string): Promise<void> {
  await p.audit.tx(ctx, async (trx) => {
    await revokeSession(trx, tenantId, sessionId, p.clock.now());
    await p.audit.record(trx, ctx, { action: 'auth.logout', entity: 'session', entityId: sessionId.slice(0, 16) });
  });
}

export async function changePassword(
  p: Platform,
  ctx: AuditContext,
  a: { tenantId: string; userId: string; sessionId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await p.db.selectFrom('users').selectAll().where('tenant_id', '=', a.tenantId).where('id', '=', a.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(a.currentPassword, user.password_hash))) throw fieldError('currentPassword', '当前密码不正确');
  const policy = await p.settings.get(a.tenantId, SECURITY_POLICY);
  const problem = passwordProblem(a.newPassword, policy.passwordMinLength, user.username);
  if (problem) throw fieldError('newPassword', problem);
  // The current password and the ones before it, as many as the policy counts (the current one included).
  const earlier = policy.passwordHistory > 1
    ? await p.db.selectFrom('password_history').select('password_hash')
      .where('tenant_id', '=', a.tenantId).where('user_id', '=', a.userId)
      .orderBy('seq', 'desc').limit(policy.passwordHistory - 1).execute()
    : [];
  for (const old of [user.password_hash, ...earlier.map((h) => h.password_hash)]) {
    if (await verifyPassword(a.newPassword, old)) throw fieldError('newPassword', `新密码${PASSWORD_HISTORY_MESSAGE}（最近 ${policy.passwordHistory} 次）`);
  }
  const hash = await hashPassword(a.newPassword);
  const now = p.clock.now();
  await p.audit.tx(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('tenant_id', '=', a.tenantId)
      .where('id', '=', a.userId)
      .execute();
    // The trigger kept the replaced hash; older ones than the policy counts are dropped (the new password is the
    // current one, so history keeps passwordHistory - 1).
    await pruneHistory(trx, a.tenantId, a.userId, policy.passwordHistory - 1);
    // Other sessions may belong to whoever knew the old password.
    await revokeUserSessions(trx, a.tenantId, a.userId, now, a.sessionId);
    await p.audit.record(trx, ctx, { action: 'auth.password.change', entity: 'user', entityId: a.userId, before: { mustChangePassword: user.must_change_password === 1 }, after: { mustChangePassword: false } });
  });
}

/** Keeps the `keep` most recent replaced hashes of an account. */
async function pruneHistory(trx: DbOrTx, tenantId: string, userId: string, keep: number): Promise<void> {
  const newest = await trx.selectFrom('password_history').select((eb) => eb.fn.max('seq').as('seq'))
    .where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
  const top = Number(newest?.seq ?? 0);
  await trx.deleteFrom('password_history').where('tenant_id', '=', tenantId).where('user_id', '=', userId)
    .where('seq', '<=', top - keep).execute();
}
