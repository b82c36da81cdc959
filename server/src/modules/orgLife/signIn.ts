// QR sign-in: a signed token per activity, valid only inside the activity's window (± grace), that a member
// scans to mark themselves present. The token is an HMAC under a subkey of the master key, so nobody without
// the server's key file can make one, and it names its activity and expiry so it cannot be moved to another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { subkey } from '../../platform/crypto/keyFile.js';

/** The purpose label of the signing subkey (distinct from every other use of the master key). */
export const signInKey = (master: Buffer): Buffer => subkey(master, 'org-life sign-in');

export interface SignInWindow {
  /** Instants (ms since epoch). */
  from: number;
  until: number;
}

/** [starts_at − before, ends_at + after] of an activity, grace in minutes. */
export function signInWindow(startsAt: string, endsAt: string, grace: { before: number; after: number }): SignInWindow {
  return { from: new Date(startsAt).getTime() - grace.before * 60_000, until: new Date(endsAt).getTime() + grace.after * 60_000 };
}

function mac(key: Buffer, tenantId: string, activityId: string, expiry: number): string {
  return createHmac('sha256', key).update(JSON.stringify([tenantId, activityId, expiry])).digest('base64url');
}

/** `<activityId>.<expiry seconds, base36>.<signature>`; the expiry is the window's end. */
export function makeSignInToken(key: Buffer, tenantId: string, activityId: string, until: number): string {
  const expiry = Math.floor(until / 1000);
  return `${activityId}.${expiry.toString(36)}.${mac(key, tenantId, activityId, expiry)}`;
}

/**
 * The activity id and expiry (ms) of a token made for this tenant, or null when the token is malformed or its
 * signature does not match (tampered, another tenant's, or not ours at all). Time is checked by the caller.
 */
export function readSignInToken(key: Buffer, tenantId: string, token: string): { activityId: string; until: number } | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const [activityId, exp36, sig] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(activityId) || !/^[0-9a-z]{1,10}$/.test(exp36) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  const expiry = parseInt(exp36, 36);
  const expected = Buffer.from(mac(key, tenantId, activityId, expiry));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { activityId, until: expiry * 1000 };
}

export type TokenTimeProblem = 'early' | 'expired' | null;

/** Where `now` lies against the token's expiry and the activity's current window. */
export function tokenTimeProblem(now: number, tokenUntil: number, window: SignInWindow): TokenTimeProblem {
  if (now > tokenUntil || now > window.until) return 'expired';
  if (now < window.from) return 'early';
  return null;
}
