// QR sign-in: a signed token per activity and 30-second step, accepted only inside the activity's window
// (± grace) and only while it is the code on the screen or the one just before, that a member scans to mark
// themselves present. The token is an HMAC under a subkey of the master key, so nobody without the server's
// key file can make one, and it names its activity and step so it cannot be moved to another or kept.
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

/**
 * The code on the screen changes every step: a photo of it forwarded out of the room stops working within a
 * minute. Fixed (not a 业务规则): the projector and the phones rely on it together.
 */
export const SIGN_IN_STEP_SECONDS = 30;
const STEP_MS = SIGN_IN_STEP_SECONDS * 1000;

/** The step an instant falls in (steps count from the epoch, so every process agrees). */
export const signInStep = (now: number): number => Math.floor(now / STEP_MS);
/** When the code of the step after `now`'s replaces it. */
export const nextStepAt = (now: number): number => (signInStep(now) + 1) * STEP_MS;

function mac(key: Buffer, tenantId: string, activityId: string, step: number): string {
  // The label keeps a token of the former shape (window expiry instead of a step) from ever verifying.
  return createHmac('sha256', key).update(JSON.stringify(['step', tenantId, activityId, step])).digest('base64url');
}

/** `<activityId>.<step, base36>.<signature>`: the token shown during the step `now` falls in. */
export function makeSignInToken(key: Buffer, tenantId: string, activityId: string, now: number): string {
  const step = signInStep(now);
  return `${activityId}.${step.toString(36)}.${mac(key, tenantId, activityId, step)}`;
}

/**
 * The activity id and step of a token made for this tenant, or null when the token is malformed or its
 * signature does not match (tampered, another tenant's, or not ours at all). Time is checked by the caller.
 */
export function readSignInToken(key: Buffer, tenantId: string, token: string): { activityId: string; step: number } | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const [activityId, step36, sig] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(activityId) || !/^[0-9a-z]{1,10}$/.test(step36) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  const step = parseInt(step36, 36);
  const expected = Buffer.from(mac(key, tenantId, activityId, step));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { activityId, step };
}

/** `stale`: signed by us, but an older code than the one on the screen now (or the one just before it). */
export type TokenTimeProblem = 'early' | 'expired' | 'stale' | null;

/**
 * Where `now` lies against the activity's window and the token's step. The previous step's code is accepted
 * too (a slow phone between scan and confirm), and the next one (another process whose clock runs a second
 * ahead); anything else is stale.
 */
export function tokenTimeProblem(now: number, tokenStep: number, window: SignInWindow): TokenTimeProblem {
  if (now > window.until) return 'expired';
  if (now < window.from) return 'early';
  const current = signInStep(now);
  if (tokenStep < current - 1 || tokenStep > current + 1) return 'stale';
  return null;
}
